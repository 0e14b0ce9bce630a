import copy

import pytest

from campaigns.services.reference import reference_data_load


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with the Bắc Kạn reference data loaded (and committed) once.

    Every test that uses the database sees the reference data: its own writes are
    rolled back after it, the reference rows stay. Transactional tests (live_server,
    browser) flush the database after them, so they load it again themselves (the
    `reference` fixture does this for them).
    """
    with django_db_blocker.unblock():
        reference_data_load()


@pytest.fixture
def reference(db):
    """The Bắc Kạn reference data, loaded as `make run` loads it.

    Already in the database for every test (see `django_db_setup`); a transactional
    test may run after another one flushed it, so it is loaded again there.
    """
    from django.db import connection

    if not connection.in_atomic_block:  # a transactional test: nothing rolls back
        reference_data_load()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached aggregates must not leak from one test's database into the next."""
    from django.core.cache import cache

    from campaigns.cache import reset_health

    cache.clear()
    reset_health()
    yield
    cache.clear()
    reset_health()


# --- Seeded data sets, made once per session and copied back for the next test ------


def _generated_columns() -> dict[str, set[str]]:
    """Columns the database computes (the folded names): never written back."""
    from django.apps import apps

    return {
        model._meta.db_table: {
            f.column for f in model._meta.concrete_fields if f.generated
        }
        for model in apps.get_models()
    }


def _table_rows(cursor, table, generated=frozenset()):
    from django.db import connection

    quote = connection.ops.quote_name
    cursor.execute(f"SELECT * FROM {quote(table)} WHERE 1 = 0")
    columns = [c[0] for c in cursor.description if c[0] not in generated]
    names = ", ".join(map(quote, columns))
    cursor.execute(f"SELECT {names} FROM {quote(table)} ORDER BY 1")
    return columns, cursor.fetchall()


def _database_rows():
    from django.db import connection

    generated = _generated_columns()
    with connection.cursor() as cursor:
        return {
            table: _table_rows(cursor, table, generated.get(table, frozenset()))
            for table in sorted(
                connection.introspection.django_table_names(
                    only_existing=True, include_views=False
                )
            )
        }


def _tables_restore(changed):
    """Replace the rows of the `changed` tables by the saved ones, and their sequences."""
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection, transaction

    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for table, (columns, rows) in changed.items():
            cursor.execute(f"DELETE FROM {quote(table)}")
            names = ", ".join(map(quote, columns))
            if connection.vendor == "postgresql":
                # COPY: a multi-row INSERT of thousands of rows is slow to bind.
                sql = f"COPY {quote(table)} ({names}) FROM STDIN"
                with cursor.cursor.copy(sql) as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                values = ", ".join(["%s"] * len(columns))
                cursor.executemany(
                    f"INSERT INTO {quote(table)} ({names}) VALUES ({values})", rows
                )
        models = [
            model
            for model in apps.get_models(include_auto_created=True)
            if model._meta.db_table in changed
        ]
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


@pytest.fixture(scope="session")
def _seeded_sets():
    return {}


@pytest.fixture
def seed_once(db, _seeded_sets):
    """`seed_once(function, *args, **kwargs)`: run a seeding function (e.g. `call_command`
    with "seed_demo", or `demo_data_seed`) and return what it returns.

    The first call in the session really runs it and keeps the rows it wrote; a later
    identical call, from the same starting database, writes those rows back instead of
    computing them again (seeding Bắc Kạn over 16 years takes seconds). From any other
    starting point it runs the function again.
    """

    def seed(function, *args, **kwargs):
        key = (function, args, tuple(sorted(kwargs.items())))
        before = _database_rows()
        saved = _seeded_sets.get(key)
        if saved is not None and saved["before"] == before:
            _tables_restore(saved["changed"])
            return copy.deepcopy(saved["result"])
        result = function(*args, **kwargs)
        after = _database_rows()
        _seeded_sets[key] = {
            "before": before,
            "changed": {t: rows for t, rows in after.items() if rows != before[t]},
            # A copy, as it was written: a test may change the objects it is given.
            "result": copy.deepcopy(result),
        }
        return result

    return seed
