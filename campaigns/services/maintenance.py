"""Keeping PostgreSQL's planner informed after many rows arrive at once.

A table filled by COPY or a large import has no statistics and no visibility map until
autovacuum gets to it: the planner guesses row counts, and every index scan reads the
heap. Measured on a freshly seeded nation database (issue 18), the fund page's year
aggregates read 10,480 heap blocks each until the tables were vacuumed.
"""

from django.db import connection, transaction

#: An import of at least this many rows leaves its table analysed.
LARGE_IMPORT_ROWS = 1000


def tables_tidy(models) -> list[str]:
    """VACUUM (ANALYZE) the tables of `models` on PostgreSQL; ANALYZE alone inside a
    transaction, where VACUUM cannot run. Returns the statements run (none elsewhere)."""
    if connection.vendor != "postgresql":
        return []
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    statements = []
    with connection.cursor() as cursor:
        for table in sorted({model._meta.db_table for model in models}):
            statement = f"{command} {connection.ops.quote_name(table)}"
            cursor.execute(statement)
            statements.append(statement)
    return statements


def tables_analyse_on_commit(models, rows: int) -> None:
    """After a large write commits, ANALYZE its tables (sampling: a fraction of a
    second even at nation scale); autovacuum sets the visibility map later."""
    if rows < LARGE_IMPORT_ROWS or connection.vendor != "postgresql":
        return

    def analyse():
        with connection.cursor() as cursor:
            for table in sorted({model._meta.db_table for model in models}):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")

    transaction.on_commit(analyse)
