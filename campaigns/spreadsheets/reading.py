"""Reading the spreadsheets people upload, within bounds.

An XLSX or CSV upload becomes a tablib `Dataset` (first sheet, header row found
among the first rows, blank rows dropped, the sheet's row numbers kept), or
`SpreadsheetError` with a message for the user: too large, too many rows, formulas,
not a spreadsheet.
"""

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from itertools import chain as _chain

import tablib
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from campaigns.spreadsheets.bulk import gc_paused

MAX_UPLOAD_BYTES = 15 * 1024 * 1024
MAX_IMPORT_ROWS = 20_000
HEADER_SEARCH_ROWS = 10
# Row-number columns people add by habit; they carry no data.
IGNORED_HEADERS = {"stt", "tt", "so tt", "so thu tu"}


class SpreadsheetError(Exception):
    """A problem with the whole file, with a message for the person who uploaded it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _cell_name(row: int, column: int) -> str:
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _sniff_kind(data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        if b"mimetypeapplication/vnd.oasis.opendocument" in data[:200]:
            return "ods"
        return "xlsx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if data.startswith(b"%PDF") or b"\x00" in data[:4096]:
        return "binary"
    return "csv"


def _unreadable() -> SpreadsheetError:
    return SpreadsheetError(
        _("The file is not a spreadsheet that can be read (XLSX or CSV).")
    )


# The worksheet element, with the namespace prefix its file uses (most use none).
_WORKSHEET_ELEMENT = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?worksheet[\s>]")
# Any formula element, whatever its prefix: for files whose root is not found.
_FORMULA_ELEMENT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")


def _holds_formula(xml: bytes) -> bool:
    """Whether a worksheet's XML has a formula element (<f>, <f t="shared" …/>, <x:f>).

    Text and attribute values cannot hold a raw "<", so "<f" followed by a space,
    ">" or "/" is a formula element. bytes.find is several times faster than the
    regex, which is kept for files whose worksheet element is not near the start.
    """
    root = _WORKSHEET_ELEMENT.search(xml, 0, 65536)
    if root is None:
        return _FORMULA_ELEMENT.search(xml) is not None
    tags = [b"<f"]
    if root.group(1):
        tags.append(b"<" + root.group(1) + b":f")
    for tag in tags:
        start = xml.find(tag)
        while start != -1:
            after = start + len(tag)
            if after < len(xml) and xml[after] in b" \t\r\n/>":
                return True
            start = xml.find(tag, after)
    return False


def _holds_error_cell(xml: bytes) -> bool:
    """Whether a worksheet has an error cell (#N/A, #DIV/0! pasted as values).

    calamine reads those as empty; openpyxl gives their text, which the widgets
    refuse with a message.
    """
    return b't="e"' in xml or b"t='e'" in xml


_OVERRIDE_ELEMENT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?Override\b[^>]*>")
_PART_NAME = re.compile(rb"""PartName\s*=\s*["']/?([^"']+)["']""")


def _worksheet_parts(archive: zipfile.ZipFile) -> set[str]:
    """The worksheets' part names: those [Content_Types].xml declares, and the usual
    folder (where a file's parts are found whatever its generator)."""
    names = set(archive.namelist())
    parts = {n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")}
    if "[Content_Types].xml" in names:
        for element in _OVERRIDE_ELEMENT.finditer(archive.read("[Content_Types].xml")):
            part = _PART_NAME.search(element.group())
            if part and b"worksheet+xml" in element.group():
                parts.add(part.group(1).decode())
    return parts & names


def _needs_openpyxl(data: bytes) -> bool:
    """Whether any worksheet of the XLSX file holds a formula or an error cell."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in _worksheet_parts(archive):
                xml = archive.read(name)
                if _holds_formula(xml) or _holds_error_cell(xml):
                    return True
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        raise _unreadable() from None
    return False


def _xlsx_rows_openpyxl(data: bytes) -> Iterator[list]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # data_only=False: formulas come back as formulas, so they can be refused.
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (InvalidFileException, KeyError, OSError, ValueError, zipfile.BadZipFile):
        raise _unreadable() from None
    try:
        sheet = book.worksheets[0]
        # With data_only=False a formula cell's value is its text ("=SUM(…)"), which
        # the reader refuses like any text starting with "=".
        for row in sheet.iter_rows(values_only=True):
            yield list(row)
    finally:
        book.close()


def _calamine_value(value):
    """A calamine cell as openpyxl gives it: None when empty, whole numbers as int,
    dates as datetime."""
    kind = type(value)
    if kind is str:
        return value if value else None
    if kind is float:
        return int(value) if value.is_integer() else value
    if kind is datetime.date:
        return datetime.datetime(value.year, value.month, value.day)
    return value


def _calamine_rows(data: bytes) -> list[list]:
    """The first sheet's cells as calamine reads them, from A1 (raises on any problem)."""
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    # The first worksheet, as openpyxl's book.worksheets[0] (chart sheets skipped).
    index = next(
        i
        for i, sheet in enumerate(book.sheets_metadata)
        if sheet.typ == python_calamine.SheetTypeEnum.WorkSheet
    )
    # skip_empty_area=False: rows and columns count from A1, like the sheet's.
    return book.get_sheet_by_index(index).to_python(skip_empty_area=False)


def _xlsx_rows(data: bytes) -> Iterator[list]:
    """The first sheet's rows, cell values as openpyxl reads them.

    calamine (Rust) reads a 10,000-row sheet about ten times faster than openpyxl,
    but gives formulas' cached results, not the formulas, and error cells as empty;
    a file holding either is read by openpyxl, which names formula cells so they
    can be refused and gives error cells' text. So is a file calamine cannot read,
    which openpyxl may still read (or refuse as before).
    """
    if _needs_openpyxl(data):
        return _xlsx_rows_openpyxl(data)
    try:
        rows = _calamine_rows(data)
    except Exception:
        return _xlsx_rows_openpyxl(data)
    convert = _calamine_value
    return ([convert(value) for value in row] for row in rows)


def _csv_rows(data: bytes) -> Iterator[list]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SpreadsheetError(
            _(
                "The CSV file is not in UTF-8. In Excel choose “Save as” → “CSV UTF-8 "
                "(Comma delimited)”, or upload the XLSX file."
            )
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def read_spreadsheet(
    data: bytes,
    *,
    is_header: Callable[[str], bool] | None = None,
    max_rows: int = MAX_IMPORT_ROWS,
) -> tablib.Dataset:
    """Parse an uploaded XLSX or CSV file into a Dataset with `row_numbers`.

    `is_header(text)` tells a known column header; the header row is the first of
    the first rows holding at least two known headers (titles above it are
    skipped). Formulas, too many rows and files that are not spreadsheets raise
    `SpreadsheetError`.
    """
    with gc_paused():
        return _read_spreadsheet(data, is_header=is_header, max_rows=max_rows)


def _read_spreadsheet(data: bytes, *, is_header, max_rows: int) -> tablib.Dataset:
    if not data:
        raise SpreadsheetError(_("The file is empty."))
    if len(data) > MAX_UPLOAD_BYTES:
        raise SpreadsheetError(
            _("The file is larger than %(size)s MB; split it into smaller files.")
            % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    kind = _sniff_kind(data)
    if kind == "xls":
        raise SpreadsheetError(
            _(
                "Excel 97–2003 files (.xls) cannot be read; open the file in Excel and "
                "save it as .xlsx."
            )
        )
    if kind == "ods":
        raise SpreadsheetError(
            _("OpenDocument files cannot be imported; save the file as .xlsx or .csv.")
        )
    if kind == "binary":
        raise SpreadsheetError(
            _("The file is not a spreadsheet that can be read (XLSX or CSV).")
        )
    rows = iter(_xlsx_rows(data) if kind == "xlsx" else _csv_rows(data))

    # The header row: the first of the top rows naming two known columns, else the
    # first non-blank row (its unknown names are then reported by the importer).
    top: list[tuple[int, list]] = []
    for index, values in enumerate(rows, start=1):
        top.append((index, values))
        if len(top) >= HEADER_SEARCH_ROWS:
            break
    header_row = next(
        (
            index
            for index, values in top
            if sum(
                1
                for v in values
                if not _is_blank(v) and is_header and is_header(str(v).strip())
            )
            >= 2
        ),
        None,
    )
    if header_row is None:
        header_row = next(
            (index for index, values in top if any(not _is_blank(v) for v in values)),
            None,
        )
    if header_row is None:
        raise SpreadsheetError(_("The file is empty."))
    headers = ["" if _is_blank(v) else str(v).strip() for v in top[header_row - 1][1]]
    while headers and not headers[-1]:
        headers.pop()
    named = [h for h in headers if h]
    if len(set(named)) != len(named):
        raise SpreadsheetError(_("The header row has the same column name twice."))
    blank_columns = [i for i, h in enumerate(headers) if not h]

    kept: list[list] = []
    numbers: list[int] = []
    formulas: list[str] = []
    width = len(headers)
    following = ((i, v) for i, v in top if i > header_row)
    for index, values in _chain(following, enumerate(rows, start=len(top) + 1)):
        values = list(values)
        if (
            len(values) > width
            and any(not _is_blank(v) for v in values[width:])
            or any(not _is_blank(values[i]) for i in blank_columns if i < len(values))
        ):
            raise SpreadsheetError(
                _("Row %(row)s has data in a column without a header.") % {"row": index}
            )
        if len(values) != width:
            values = values[:width] + [None] * (width - len(values))
        if all(_is_blank(v) for v in values):
            continue
        # Most rows hold no "=" at all; only those are looked at cell by cell.
        if any(isinstance(v, str) and "=" in v for v in values):
            for column, value in enumerate(values):
                if isinstance(value, str) and value.lstrip().startswith("="):
                    formulas.append(_cell_name(index, column))
        if len(numbers) >= max_rows:
            raise SpreadsheetError(
                _(
                    "The file has more than %(limit)s rows; import at most %(limit)s "
                    "rows at a time (split the file)."
                )
                % {"limit": number_format(max_rows, force_grouping=True)}
            )
        kept.append(values)
        numbers.append(index)
    if formulas:
        shown = ", ".join(formulas[:10]) + ("…" if len(formulas) > 10 else "")
        raise SpreadsheetError(
            _(
                "Cells hold formulas (%(cells)s). Copy the sheet and paste it as "
                "values before importing."
            )
            % {"cells": shown}
        )
    if not numbers:
        raise SpreadsheetError(_("The file has no data rows under the header row."))
    # Rows given at once are not checked one by one as Dataset.append() does; they
    # all have the header's width.
    dataset = tablib.Dataset(
        *kept, headers=[h or f"__blank_{i}" for i, h in enumerate(headers)]
    )
    dataset.row_numbers = numbers
    dataset.header_row = header_row
    return dataset
