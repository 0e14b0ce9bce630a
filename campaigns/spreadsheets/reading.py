"""Reading the spreadsheets people upload, within bounds.

An XLSX or CSV upload becomes a tablib `Dataset` (first sheet, header row found
among the first rows, blank rows dropped, the sheet's row numbers kept), or
`SpreadsheetError` with a message for the user: too large, too many rows, formulas,
not a spreadsheet.
"""

import codecs
import csv
import hashlib
from collections.abc import Callable, Iterator
from itertools import chain as _chain

import tablib
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from campaigns.spreadsheets import bounds
from campaigns.spreadsheets.bounds import (  # noqa: F401 (the names importers use)
    MAX_IMPORT_ROWS,
    MAX_UPLOAD_BYTES,
    SpreadsheetError,
)
from campaigns.spreadsheets.bulk import gc_paused
from campaigns.spreadsheets.cells import FORMULA_STARTS, formula_like
from campaigns.spreadsheets.xlsx import column_letters, unreadable, xlsx_rows

HEADER_SEARCH_ROWS = 10
# Row-number columns people add by habit; they carry no data.
IGNORED_HEADERS = {"stt", "tt", "so tt", "so thu tu"}
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Bytes only Windows Vietnamese (CP1258) gives Vietnamese letters: Ă ă Đ đ Ơ ơ Ư ư
# and the combining tone marks.
_CP1258_LETTERS = frozenset(b"\xc3\xe3\xd0\xf0\xd5\xf5\xdd\xfd\xcc\xec\xd2\xde\xf2")


def _cell_name(row: int, column: int) -> str:
    return f"{column_letters(column + 1)}{row}"


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _utf16_without_bom(head: bytes) -> bool:
    """Whether text looks like UTF-16 without its BOM: one byte in two is zero."""
    pairs = len(head) // 2
    return pairs >= 2 and max(head[0::2].count(0), head[1::2].count(0)) > 0.8 * pairs


def _sniff_kind(data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        if b"mimetypeapplication/vnd.oasis.opendocument" in data[:200]:
            return "ods"
        return "xlsx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if data.startswith(_UTF16_BOMS) or _utf16_without_bom(data[:4096]):
        return "csv"
    if data.startswith(b"%PDF") or b"\x00" in data[:4096]:
        return "binary"
    return "csv"


def _save_as_utf8(encoding: str) -> SpreadsheetError:
    return SpreadsheetError(
        _(
            "The CSV file is in %(encoding)s, not UTF-8. In Excel choose “Save as” → "
            "“CSV UTF-8 (Comma delimited)”, or upload the XLSX file."
        )
        % {"encoding": encoding}
    )


def _decode_csv(data: bytes) -> str:
    """The text of a CSV file: UTF-8 (with or without BOM) or UTF-16 with its BOM.

    Other encodings are refused with their name rather than guessed: Windows
    Vietnamese (CP1258) and the older TCVN3 fonts share bytes, and a wrong guess would
    write every accented name wrongly.
    """
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _save_as_utf8("UTF-16") from None
    if _utf16_without_bom(data[:4096]):
        raise _save_as_utf8(_("UTF-16 without its byte order mark"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        data.decode("cp1258")
    except UnicodeDecodeError:
        looks_vietnamese = False
    else:
        looks_vietnamese = not _CP1258_LETTERS.isdisjoint(data)
    if looks_vietnamese:
        raise _save_as_utf8(_("Windows Vietnamese (CP1258)"))
    raise SpreadsheetError(
        _(
            "The CSV file is not in UTF-8. In Excel choose “Save as” → “CSV UTF-8 "
            "(Comma delimited)”, or upload the XLSX file."
        )
    )


def _lines(text: str, delimiter: str) -> Iterator[str]:
    """The text's lines, one at a time; a line with far more delimiters than columns
    is refused before the csv module makes a list of its fields."""
    start, size = 0, len(text)
    most = bounds.MAX_COLUMNS * 10  # room for delimiters inside quoted text
    while start < size:
        end = text.find("\n", start)
        end = size if end == -1 else end + 1
        if text.count(delimiter, start, end) > most:
            raise bounds.too_many_columns()
        yield text[start:end]
        start = end


def _csv_rows(data: bytes) -> Iterator[list]:
    text = _decode_csv(data)
    first_line = text[: text.find("\n")] if "\n" in text else text
    delimiter = max([",", ";", "\t"], key=first_line.count)
    reader = csv.reader(_lines(text, delimiter), delimiter=delimiter)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if "field larger" in str(error):
                raise SpreadsheetError(
                    _(
                        "Line %(line)s of the CSV file has a cell longer than "
                        "%(limit)s characters."
                    )
                    % {
                        "line": reader.line_num,
                        "limit": bounds.grouped(bounds.MAX_CSV_FIELD),
                    }
                ) from None
            raise SpreadsheetError(
                _("Line %(line)s of the CSV file cannot be read (%(error)s).")
                % {"line": reader.line_num, "error": error}
            ) from None
        if len(row) > bounds.MAX_COLUMNS:
            raise bounds.too_many_columns()
        yield row


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

    The last file parsed is remembered until it is read again, by its content
    (SHA-256), the resource telling headers (by its columns) and the language: the
    admin reads an upload for its dry run and again for its commit (another request,
    served by the same process or not), and parsing 10,000 rows costs a fifth of the
    dry run. Each call gets a Dataset of its own (tablib copies every row), so
    nothing a caller changes reaches the next one; files that fail are parsed again.
    """
    key = _parse_key(data, is_header, max_rows)
    # The collector paused for the copy too: 10,000 new rows in a large heap
    # otherwise set off full collections costing more than the copy.
    with gc_paused():
        # Taken out when used: a worker keeps no parse beyond the commit it was for.
        parts = _LAST_PARSE.pop(key, None) if key is not None else None
        if parts is None:
            parts = _read_spreadsheet(data, is_header=is_header, max_rows=max_rows)
            if key is not None:
                _LAST_PARSE.clear()
                _LAST_PARSE[key] = parts
        return _dataset(*parts)


# At most one parse: {key: (rows, headers, row numbers, header row)}.
_LAST_PARSE: dict = {}


def _parse_key(data, is_header, max_rows):
    """What a parse depends on, or None when it is not worth remembering."""
    if not isinstance(data, bytes | bytearray):
        return None
    owner = getattr(is_header, "__self__", None)
    if owner is not None and hasattr(owner, "column_fields"):
        # A resource's bound is_header(): it answers from its columns' headers.
        headers_by = (
            type(owner),
            is_header.__func__,
            frozenset(str(f.column_name) for f in owner.column_fields()),
        )
    else:
        headers_by = is_header
    return (
        hashlib.sha256(data).digest(),
        len(data),
        headers_by,
        max_rows,
        get_language(),
    )


def _dataset(rows, headers, numbers, header_row) -> tablib.Dataset:
    # Rows given at once are not checked one by one as Dataset.append() does; they
    # all have the header's width.
    dataset = tablib.Dataset(*rows, headers=list(headers))
    dataset.row_numbers = list(numbers)
    dataset.header_row = header_row
    return dataset


def _read_spreadsheet(data: bytes, *, is_header, max_rows: int) -> tuple:
    """(rows, headers, row numbers, header row) of the file; see read_spreadsheet()."""
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
        raise unreadable()
    rows = iter(xlsx_rows(data) if kind == "xlsx" else _csv_rows(data))

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
        if index > bounds.MAX_SHEET_ROWS:
            raise bounds.too_many_rows()
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
        # Most cells cannot be formula-like (their first character tells); only rows
        # with one that may be are looked at cell by cell, by the rule of every export.
        if not FORMULA_STARTS.isdisjoint([v[:1] for v in values if type(v) is str]):
            for column, value in enumerate(values):
                if isinstance(value, str) and formula_like(value):
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
                "Cells hold formulas, or text a spreadsheet would run as a formula "
                "(starting with =, @, or + or - followed by more than a number): "
                "%(cells)s. Paste the sheet as values and reword those cells before "
                "importing."
            )
            % {"cells": shown}
        )
    if not numbers:
        raise SpreadsheetError(_("The file has no data rows under the header row."))
    headers = [h or f"__blank_{i}" for i, h in enumerate(headers)]
    return kept, headers, numbers, header_row
