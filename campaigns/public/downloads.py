"""CSV and XLSX downloads of public tables, through one tabular path (tablib).

CSV starts with a UTF-8 BOM so Excel shows Vietnamese correctly; text cells that a
spreadsheet would read as a formula (= + - @, tab, carriage return) get a leading
apostrophe, as django-import-export does with IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT.
"""

import tablib
from django.http import HttpResponse
from django.utils.translation import gettext as _

from campaigns.public.datasets import Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def neutralise(value):
    """A text cell that cannot run as a spreadsheet formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_value(value, kind: str):
    if value is None:
        return ""
    if kind == "bool":
        return _("Yes") if value else _("No")
    # Numbers stay numbers: XLSX stores them as such, CSV writes a dot as decimal mark.
    return neutralise(value) if isinstance(value, str) else value


def table_dataset(table: Table) -> tablib.Dataset:
    data = tablib.Dataset(headers=[neutralise(c.heading) for c in table.columns])
    data.title = table.dataset.slug[:31]
    for row in table.rows:
        data.append(
            [
                export_value(value, column.kind)
                for value, column in zip(row, table.columns, strict=True)
            ]
        )
    return data


def table_bytes(table: Table, fmt: str) -> bytes:
    data = table_dataset(table)
    if fmt == "csv":
        return ("\ufeff" + data.export("csv")).encode("utf-8")
    if fmt == "xlsx":
        return data.export("xlsx")
    raise ValueError(fmt)


def table_response(table: Table, fmt: str) -> HttpResponse:
    response = HttpResponse(table_bytes(table, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{table.filename}.{fmt}"'
    return response
