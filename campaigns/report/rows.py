"""One row of the yearly workbook written straight into its sheet's XML.

The whole territory's workbook has a million cells (10,000 units, and ten goals per
unit); through XlsxWriter's `write_*()` each costs ~3.5 µs of checks, a cell tuple in
its row table and a generic XML writer, most of the workbook's CPU time. In
constant-memory mode XlsxWriter keeps one row and writes it to the sheet's file when
the next begins, so a row given whole can go to that file at once: the XML
XlsxWriter writes for it (tests/report compares the two byte for byte), the sheet's
dimensions kept. Only the numbering of formats may differ in a whole workbook:
XlsxWriter numbers a format when it writes the first cell using it, and used to
write each sheet's last row when the book closed. Anything unusual (a long string, a
non-finite number, a row with its own format or cells already held) returns False and
the caller writes the row through the ordinary API.
"""

from __future__ import annotations

import datetime
import math
import re

from xlsxwriter.utility import _preserve_whitespace, xl_col_to_name

# Strings this long need XlsxWriter's UTF-16 length check and truncation.
_LONG = 16_000
# What XlsxWriter's escapes change (control characters, "_xHHHH_", XML's own): text
# without any is written as it is.
_SPECIAL = re.compile('[\x00-\x08\x0b-\x1f_&<>"\n\ufffe\uffff]')
_LETTERS: list[str] = []


def _letters(column: int) -> str:
    while len(_LETTERS) <= column:
        _LETTERS.append(xl_col_to_name(len(_LETTERS)))
    return _LETTERS[column]


def _style(sheet, column: int, fmt) -> str:
    """The cell's ` s="…"` attribute, as XlsxWriter's _write_cell chooses it."""
    if fmt is None:
        info = sheet.col_info.get(column)
        fmt = info.column_format if info is not None else None
        if fmt is None:
            return ""
    return f' s="{fmt._get_xf_index()}"'


def _text(sheet, value: str) -> str:
    if _SPECIAL.search(value):
        return sheet._escape_data(sheet._escape_control_characters(value))
    return value


def write_row(sheet, row: int, cells) -> bool:
    """Write `cells` — (column, value, format) in column order, where value is a str,
    a number, a datetime or None (a blank cell, written only with a format) — as row
    `row` of `sheet`, a constant-memory XlsxWriter worksheet. False: not written."""
    if not sheet.constant_memory or row < sheet.previous_row or row in sheet.row_info:
        return False
    if row == sheet.previous_row and sheet.table.get(row):
        return False
    if row > sheet.previous_row:
        # The row XlsxWriter holds goes out first, as its next write would do (and
        # before this row's formats are numbered, so they number as XlsxWriter's).
        sheet._write_single_row(row)
    parts, first, last = [], None, None
    number = row + 1
    for column, value, fmt in cells:
        if value is None and fmt is None:
            continue  # XlsxWriter writes no blank cell without a format
        style = _style(sheet, column, fmt)
        ref = f"{_letters(column)}{number}"
        if value is None:
            parts.append(f'<c r="{ref}"{style}/>')
        elif isinstance(value, str):
            if len(value) > _LONG:
                return False
            preserve = ' xml:space="preserve"' if _preserve_whitespace(value) else ""
            parts.append(
                f'<c r="{ref}"{style} t="inlineStr"><is><t{preserve}>'
                f"{_text(sheet, value)}</t></is></c>"
            )
        else:
            if isinstance(value, datetime.date):
                value = sheet._convert_date_time(value)
            elif not math.isfinite(value):
                return False
            parts.append(f'<c r="{ref}"{style}><v>{value:.16G}</v></c>')
        first = column if first is None else first
        last = column
    if not parts:
        return True
    if sheet._check_dimensions(row, first) or sheet._check_dimensions(row, last):
        return False
    sheet._write_row(row, None)
    sheet.fh.write("".join(parts))
    sheet._xml_end_tag("row")
    return True
