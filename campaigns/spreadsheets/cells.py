"""How one value is written into a downloaded spreadsheet: the one rule for every export.

Public downloads, admin exports and the yearly workbook all write cells through
these functions, so formula escaping and number formats cannot drift apart.
- Text a spreadsheet would run as a formula (= + - @, tab, carriage return) gets a
  leading apostrophe (OWASP's advice against CSV injection); imports strip it again.
- CSV: UTF-8 with BOM, dates dd/mm/yyyy, decimals with a dot and the decimals the value
  carries (CSV is comma-separated, and docs/data-dictionary.md promises a dot), yes/no
  in Vietnamese.
- XLSX/ODS keep numbers and dates native; the reader's locale displays them.
"""

import datetime
import decimal

from django.utils.translation import gettext as _

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_BOM = "\ufeff"


def neutralise(value):
    """`value`, with a leading apostrophe if it is text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_text(value) -> str:
    """The CSV form of an exported value."""
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        value = decimal.Decimal(repr(value))
    if isinstance(value, decimal.Decimal):
        # As stored or rounded (a rate keeps its one decimal: "10.0"), never "1E+1".
        return format(value, "f")
    return str(value)
