"""CSV and XLSX downloads of public tables, through one tabular path (tablib).

Cells are written by the one rule of `campaigns.spreadsheets.cells` (through
`Column.spreadsheet_value`): text a spreadsheet would run as a formula gets a leading
apostrophe, and CSV starts with a UTF-8 BOM so Excel shows Vietnamese correctly.
"""

import tablib
from django.http import HttpResponse

from campaigns.public.datasets import Table
from campaigns.spreadsheets.cells import CSV_BOM, csv_text, neutralise

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def table_dataset(table: Table) -> tablib.Dataset:
    data = tablib.Dataset(headers=[neutralise(c.heading) for c in table.columns])
    data.title = table.dataset.slug[:31]
    for row in table.rows:
        cells = (
            column.spreadsheet_value(value)
            for value, column in zip(row, table.columns, strict=True)
        )
        data.append(["" if cell is None else cell for cell in cells])
    return data


def table_bytes(table: Table, fmt: str) -> bytes:
    data = table_dataset(table)
    if fmt == "csv":
        # The same text for a value as every other CSV the portal writes.
        text = tablib.Dataset(headers=data.headers)
        for row in data:
            text.append([csv_text(cell) for cell in row])
        return (CSV_BOM + text.export("csv")).encode("utf-8")
    if fmt == "xlsx":
        return data.export("xlsx")
    raise ValueError(fmt)


def table_response(table: Table, fmt: str) -> HttpResponse:
    response = HttpResponse(table_bytes(table, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{table.filename}.{fmt}"'
    return response
