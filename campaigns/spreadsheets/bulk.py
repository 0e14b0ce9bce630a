"""Fast inserts of many rows with their history rows, for imports.

Django's `bulk_create` prepares every value through each field (`get_db_prep_save`),
which costs more than the database itself once an import writes 10,000 yearly
results and their 100,000 goal results, and django-simple-history then builds a
historical object per row. Here values are adapted once per distinct datetime and
rows go to the database as multi-row INSERTs, history rows included. Only column
values are written: model `save()` and signals are not called (imports validate every
row before writing, and the database checks its constraints). On PostgreSQL the rows
are streamed with binary COPY (psycopg dumps binary values of known column types
several times faster than it formats text), ids taken from the table's sequence first,
or, when the caller needs no ids, drawn by the database while one INSERT … SELECT moves
the copied rows into the table and writes their history rows.
"""

import datetime
import decimal
import gc
from contextlib import contextmanager
from operator import itemgetter

from django.db import connection, transaction
from simple_history.utils import get_history_manager_for_model

HISTORY_FIELDS = {
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user",
}


@contextmanager
def gc_paused():
    """No cyclic garbage collection inside the block (reference counting goes on).

    An import allocates hundreds of thousands of objects while keeping most of
    them; the collector's full passes over that heap took about a sixth of a
    10,000-row import. Their cycles (few: tracebacks of row errors) are collected
    once the block ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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


# (database name, table) -> {column: type oid}; a table's column types do not change
# while the process runs.
_COLUMN_TYPES: dict[tuple[str, str], dict[str, int]] = {}


def _column_types(cursor, table: str) -> dict[str, int]:
    key = (connection.settings_dict["NAME"], table)
    if key not in _COLUMN_TYPES:
        cursor.execute(
            "SELECT attname, atttypid FROM pg_attribute "
            "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
            [connection.ops.quote_name(table)],
        )
        _COLUMN_TYPES[key] = dict(cursor.fetchall())
    return _COLUMN_TYPES[key]


def _next_ids(table: str, column: str, count: int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) "
            "FROM generate_series(1, %s)",
            [table, column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _copy(table: str, columns: list[str], rows, *, types_of: str = "") -> None:
    """PostgreSQL: rows (sequences of Python values) streamed with binary COPY.

    The columns have the types they have in `types_of` (default: `table`).
    """
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        types = _column_types(cursor, types_of or table)
        names = ", ".join(quote(c) for c in columns)
        sql = f"COPY {quote(table)} ({names}) FROM STDIN (FORMAT BINARY)"
        with cursor.cursor.copy(sql) as copy:
            copy.set_types([types[c] for c in columns])
            for row in rows:
                copy.write_row(row)


def _insert(table: str, columns: list[str], rows: list[list], returning: str | None):
    """SQLite and others: multi-row INSERTs, returning the new ids when asked."""
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
    # Generated columns (the folded names of migration 0021) are the database's.
    names = [
        f.attname
        for f in model._meta.concrete_fields
        if not (f.primary_key or f.generated)
    ]
    rows = [{name: getattr(obj, name) for name in names} for obj in objects]
    pks = insert_rows_with_history(model, rows, user=user, reason=reason, when=when)
    for obj, pk in zip(objects, pks, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = connection.alias


def _history_plan(model, user, reason, when, kind):
    """The history table, its columns copied from the row, and the history values."""
    history = get_history_manager_for_model(model).model
    extra = {
        "history_date": when,
        "history_change_reason": reason,
        "history_type": kind,
        "history_user": getattr(user, "pk", None),
    }
    fields = [f for f in history._meta.concrete_fields if f.name != "history_id"]
    own = [f for f in fields if f.name not in HISTORY_FIELDS]
    special = [f for f in fields if f.name in HISTORY_FIELDS]
    return history, own, special, tuple(extra[f.name] for f in special)


def _insert_staged_with_history(
    model, rows: list[dict], same: dict, *, user, reason, when
):
    """PostgreSQL, when the caller needs no ids: the rows are copied into a temporary
    table, and one statement inserts them and their history rows, ids drawn by the
    database (one `nextval()` per row from Python cost more than the COPY). Values
    every row shares (`same`) are sent once, as parameters of that statement."""
    quote = connection.ops.quote_name
    table = model._meta.db_table
    fields = [
        f for f in model._meta.concrete_fields if not (f.primary_key or f.generated)
    ]
    varying = [f for f in fields if f.attname not in same]
    shared = [f for f in fields if f.attname in same]
    history, own, special, tail = _history_plan(model, user, reason, when, "+")
    stage = f"import_stage_{table}"[:63]
    staged = ", ".join(quote(f.column) for f in varying)
    names = ", ".join(quote(f.column) for f in varying + shared)
    values = ", ".join(
        [staged] + [f"CAST(%s AS {f.db_type(connection)})" for f in shared]
    )
    own_names = ", ".join(quote(f.column) for f in own)
    special_names = ", ".join(quote(f.column) for f in special)
    # In a transaction of its own if the caller has none, so a failure leaves no table.
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {quote(stage)} AS "
            f"SELECT {staged} FROM {quote(table)} WITH NO DATA"
        )
        getter = itemgetter(*[f.attname for f in varying])
        if len(varying) == 1:
            staged_rows = ((getter(row),) for row in rows)
        else:
            staged_rows = map(getter, rows)
        _copy(stage, [f.column for f in varying], staged_rows, types_of=table)
        cursor.execute(
            f"WITH new AS (INSERT INTO {quote(table)} ({names}) "
            f"SELECT {values} FROM {quote(stage)} RETURNING *) "
            f"INSERT INTO {quote(history._meta.db_table)} ({own_names}, {special_names}) "
            f"SELECT {own_names}, {', '.join(['%s'] * len(tail))} FROM new",
            [same[f.attname] for f in shared] + list(tail),
        )
        if cursor.rowcount != len(rows):
            raise RuntimeError("the database did not insert every row")
        cursor.execute(f"DROP TABLE {quote(stage)}")


def insert_rows_with_history(
    model,
    rows: list[dict],
    *,
    user=None,
    reason="",
    when=None,
    return_pks=True,
    same=None,
) -> list | None:
    """INSERT rows given as {attname: value}, without model objects, and their history.

    `same` holds the values every row shares ({attname: value}), left out of the
    rows. Returns the pks (also set in the rows), unless `return_pks` is false.
    """
    if not rows:
        return [] if return_pks else None
    same = same or {}
    if connection.vendor == "postgresql" and not return_pks:
        _insert_staged_with_history(
            model, rows, same, user=user, reason=reason, when=when
        )
        return None
    if same:
        for row in rows:
            row.update(same)
    fields = [
        f for f in model._meta.concrete_fields if not (f.primary_key or f.generated)
    ]
    pk = model._meta.pk
    table = model._meta.db_table
    if connection.vendor == "postgresql":
        pks = _next_ids(table, pk.column, len(rows))
        for row, value in zip(rows, pks, strict=True):
            row[pk.attname] = value
        fields = [pk, *fields]
        values = map(itemgetter(*[f.attname for f in fields]), rows)
        _copy(table, [f.column for f in fields], values)
    else:
        adapt = _adapter()
        values = [[adapt(row[f.attname]) for f in fields] for row in rows]
        pks = _insert(table, [f.column for f in fields], values, pk.column)
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
    history, own, special, tail = _history_plan(model, user, reason, when, kind)
    table = history._meta.db_table
    if connection.vendor == "postgresql":
        # The row's own columns, then the same four history values for every row.
        getter = itemgetter(*[f.attname for f in own])
        if len(own) == 1:
            values = ((getter(row), *tail) for row in rows)
        else:
            values = (getter(row) + tail for row in rows)
        _copy(table, [f.column for f in own + special], values)
        return
    adapt = _adapter()
    fields = own + special
    tail = [adapt(value) for value in tail]
    values = [[adapt(row[f.attname]) for f in own] + tail for row in rows]
    _insert(table, [f.column for f in fields], values, None)
