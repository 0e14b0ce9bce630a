"""Fast inserts of many rows with their history rows, for imports.

Django's `bulk_create` prepares every value through each field (`get_db_prep_save`),
which costs more than the database itself once an import writes 10,000 yearly
results and their 100,000 goal results, and django-simple-history then builds a
historical object per row. Here each column is adapted once per distinct value kind
and rows go to the database as multi-row INSERTs, history included, so an import
stays within seconds. Only plain column values are written; model `save()` and
signals are not called (imports validate every row before writing).
"""

import datetime
import decimal

from django.db import connection
from simple_history.utils import get_history_manager_for_model

HISTORY_FIELDS = {
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user",
}


def _adapter():
    ops = connection.ops

    def adapt(value):
        if isinstance(value, datetime.datetime):
            return ops.adapt_datetimefield_value(value)
        if isinstance(value, decimal.Decimal) and connection.vendor == "sqlite":
            return str(value)
        return value

    return adapt


def _batches(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _insert(table: str, columns: list[str], rows: list[list], returning: str | None):
    quote = connection.ops.quote_name
    size = max(1, min(1000, connection.features.max_query_params // len(columns)))
    names = ", ".join(quote(c) for c in columns)
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    returned = []
    with connection.cursor() as cursor:
        for batch in _batches(rows, size):
            sql = f"INSERT INTO {quote(table)} ({names}) VALUES " + ", ".join(
                [one] * len(batch)
            )
            if returning:
                sql += f" RETURNING {quote(returning)}"
            cursor.execute(sql, [value for row in batch for value in row])
            if returning:
                returned.extend(row[0] for row in cursor.fetchall())
    return returned


def insert_with_history(
    model, objects: list, *, user=None, reason: str = "", when=None
) -> None:
    """INSERT `objects` (setting their pks) and one '+' history row each."""
    if not objects:
        return
    adapt = _adapter()
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    rows = [[adapt(getattr(obj, f.attname)) for f in fields] for obj in objects]
    pks = _insert(
        model._meta.db_table, [f.column for f in fields], rows, model._meta.pk.column
    )
    if len(pks) != len(objects):
        raise RuntimeError("the database did not return the new rows' ids")
    for obj, pk in zip(objects, pks, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = connection.alias
    write_history(model, objects, "+", user=user, reason=reason, when=when)


def write_history(
    model, objects: list, kind: str, *, user=None, reason="", when=None
) -> None:
    """One history row per object, as django-simple-history records it (`kind` '+' or '~')."""
    history = get_history_manager_for_model(model).model
    adapt = _adapter()
    extra = {
        "history_date": adapt(when),
        "history_change_reason": reason,
        "history_type": kind,
        "history_user": getattr(user, "pk", None),
    }
    fields = [f for f in history._meta.concrete_fields if f.name != "history_id"]
    columns = [f.column for f in fields]
    rows = [
        [
            extra[f.name]
            if f.name in HISTORY_FIELDS
            else adapt(getattr(obj, f.attname))
            for f in fields
        ]
        for obj in objects
    ]
    _insert(history._meta.db_table, columns, rows, None)
