"""Writing many rows fast: primary keys handed out in blocks, rows written in chunks
(PostgreSQL COPY through psycopg 3, `bulk_create` batches elsewhere).
"""

from django.db import connection


class IdBlock:
    """Hands out primary keys for one table without a round trip per row.

    On PostgreSQL a block is reserved from the identity sequence (other writers keep
    working); elsewhere the writer is alone in the transaction, so max(id)+1 is safe.
    """

    BLOCK = 100_000

    def __init__(self, model):
        self.model = model
        # Empty block: the first take() reserves one (ids start at 1, never 0).
        self.next, self.last = 1, 0

    def take(self) -> int:
        if self.next > self.last:
            self._reserve()
        value = self.next
        self.next += 1
        return value

    def _reserve(self) -> None:
        table = self.model._meta.db_table
        column = self.model._meta.pk.column
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, %s),"
                    " nextval(pg_get_serial_sequence(%s, %s)) + %s - 1)",
                    [table, column, table, column, self.BLOCK],
                )
                last = cursor.fetchone()[0]
                self.next, self.last = last - self.BLOCK + 1, last
            else:
                quote = connection.ops.quote_name
                cursor.execute(f"SELECT MAX({quote(column)}) FROM {quote(table)}")
                start = max((cursor.fetchone()[0] or 0) + 1, self.last + 1)
                self.next, self.last = start, start + self.BLOCK - 1


class TableWriter:
    """Collects rows (tuples in `fields` order) and writes them in chunks."""

    def __init__(self, model, fields: list[str]):
        self.model = model
        self.fields = fields
        self.rows: list[tuple] = []
        self.count = 0
        self.ids = IdBlock(model)

    def add(self, row: tuple) -> None:
        self.rows.append(row)

    def flush(self) -> None:
        if not self.rows:
            return
        if connection.vendor == "postgresql":
            self._copy()
        else:
            self._bulk_create()
        self.count += len(self.rows)
        self.rows = []

    def _copy(self) -> None:
        meta = self.model._meta
        quote = connection.ops.quote_name
        columns = ", ".join(quote(meta.get_field(name).column) for name in self.fields)
        sql = f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN"
        with connection.cursor() as cursor:
            with cursor.cursor.copy(sql) as copy:
                for row in self.rows:
                    copy.write_row(row)

    def _bulk_create(self) -> None:
        attnames = [self.model._meta.get_field(name).attname for name in self.fields]
        objects = [
            self.model(**dict(zip(attnames, row, strict=True))) for row in self.rows
        ]
        self.model.objects.bulk_create(objects, batch_size=1000)
