"""Fast inserts of many rows with their history rows, for imports.

Django's `bulk_create` prepares every value through each field (`get_db_prep_save`),
which costs more than the database itself once an import writes 10,000 yearly
results and their 100,000 goal results, and django-simple-history then builds a
historical object per row. Here values are adapted once per distinct datetime and
rows go to the database as multi-row INSERTs, history rows included. Only column
values are written: model `save()` and signals are not called (imports validate every
row before writing, and the database checks its constraints). On PostgreSQL the rows
are streamed with COPY, ids taken from the table's sequence first.
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
    sqlite = connection.vendor == "sqlite"
    seen: dict = {}

    def adapt(value):
        kind = type(value)
        if kind is datetime.datetime:
            # An import stamps every row with the same few moments: adapt each once.
            if value not in seen:
                seen[value] = ops.adapt_datetimefield_value(value)
            return seen[value]
        if sqlite and kind is decimal.Decimal:
            return str(value)
        return value

    return adapt


def _copy(table: str, columns: list[str], rows: list[list], returning: str | None):
    """PostgreSQL: ids drawn from the table's sequence, rows streamed with COPY."""
    quote = connection.ops.quote_name
    ids = []
    with connection.cursor() as cursor:
        if returning:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) "
                "FROM generate_series(1, %s)",
                [table, returning, len(rows)],
            )
            ids = [row[0] for row in cursor.fetchall()]
            columns = [returning, *columns]
            rows = [[pk, *row] for pk, row in zip(ids, rows, strict=True)]
        names = ", ".join(quote(c) for c in columns)
        with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    return ids


def _insert(table: str, columns: list[str], rows: list[list], returning: str | None):
    if connection.vendor == "postgresql":
        return _copy(table, columns, rows, returning)
    quote = connection.ops.quote_name
    # PostgreSQL takes up to 65,535 parameters per statement; SQLite says its own.
    limit = connection.features.max_query_params or 65535
    size = max(1, min(1000, limit // len(columns)))
    names = ", ".join(quote(c) for c in columns)
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    returned = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            sql = f"INSERT INTO {quote(table)} ({names}) VALUES " + ", ".join(
                [one] * len(batch)
            )
            if returning:
                sql += f" RETURNING {quote(returning)}"
            cursor.execute(sql, [value for row in batch for value in row])
            if returning:
                returned.extend(row[0] for row in cursor.fetchall())
    return returned


def insert_with_history(model, objects: list, *, user=None, reason="", when=None):
    """INSERT model `objects` (setting their pks) and one '+' history row each."""
    if not objects:
        return
    names = [f.attname for f in model._meta.concrete_fields if not f.primary_key]
    rows = [{name: getattr(obj, name) for name in names} for obj in objects]
    pks = insert_rows_with_history(model, rows, user=user, reason=reason, when=when)
    for obj, pk in zip(objects, pks, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = connection.alias


def insert_rows_with_history(
    model, rows: list[dict], *, user=None, reason="", when=None
) -> list:
    """INSERT rows given as {attname: value}, without model objects; return the pks."""
    if not rows:
        return []
    adapt = _adapter()
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    values = [[adapt(row[f.attname]) for f in fields] for row in rows]
    pk = model._meta.pk
    pks = _insert(model._meta.db_table, [f.column for f in fields], values, pk.column)
    if len(pks) != len(rows):
        raise RuntimeError("the database did not return the new rows' ids")
    for row, value in zip(rows, pks, strict=True):
        row[pk.attname] = value
    write_history(model, rows, "+", user=user, reason=reason, when=when)
    return pks


def write_history(
    model, rows: list[dict], kind: str, *, user=None, reason="", when=None
):
    """One history row per row, as django-simple-history records it ('+' or '~')."""
    history = get_history_manager_for_model(model).model
    adapt = _adapter()
    extra = {
        "history_date": adapt(when),
        "history_change_reason": reason,
        "history_type": kind,
        "history_user": getattr(user, "pk", None),
    }
    fields = [f for f in history._meta.concrete_fields if f.name != "history_id"]
    plan = [(f.name in HISTORY_FIELDS, f.name, f.attname) for f in fields]
    values = [
        [
            extra[name] if special else adapt(row[attname])
            for special, name, attname in plan
        ]
        for row in rows
    ]
    _insert(history._meta.db_table, [f.column for f in fields], values, None)
