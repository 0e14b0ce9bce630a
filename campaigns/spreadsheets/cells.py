"""How one value is written into a downloaded spreadsheet: the one rule for every export.

Public downloads, admin exports and the yearly workbook all write cells through
these functions, so formula escaping and number formats cannot drift apart.
- Text a spreadsheet would run as a formula (`formula_like`) gets a leading apostrophe
  (OWASP's advice against CSV injection); imports strip it again, and refuse such text
  when it comes without the apostrophe (`reading`): one rule both ways.
- CSV: UTF-8 with BOM, dates dd/mm/yyyy, decimals with a dot and the decimals the value
  carries (CSV is comma-separated, and docs/data-dictionary.md promises a dot), yes/no
  in Vietnamese.
- XLSX/ODS keep numbers and dates native; the reader's locale displays them.
"""

import datetime
import decimal
import re

from django.utils.translation import gettext as _

FORMULA_PREFIXES = ("=", "+", "-", "@")
# Blanks a spreadsheet may drop before reading the rest of a cell as a formula.
LEADING_BLANKS = " \t\r\n"
# The first character of every formula-like text (a cheap filter before the rule).
FORMULA_STARTS = frozenset(FORMULA_PREFIXES) | frozenset(LEADING_BLANKS)
# A signed number ("-5", "-1.500.000", "+84 912 345 678", "-2,5%"): no formula.
_SIGNED_NUMBER = re.compile(r"[+-][\d\s.,]*%?")
# A dash list item ("- chưa tổ chức"): a sign, a blank, a word, and nothing a formula
# could call or reach with (a function, DDE, another sheet or file, a comparison).
_LIST_ITEM = re.compile(r"[+-]\s+[^\W\d_][^(|!=@\[]*")
CSV_BOM = "\ufeff"


def formula_like(text: str) -> bool:
    """Whether a spreadsheet would run `text` as a formula: "=…", "@SUM(A1)", "-2+3",
    "+1+1", "-A1", "- x|y", after any leading blanks. A signed number ("-5"), a lone
    "-" and a dash list item ("- chưa tổ chức") are text."""
    text = text.lstrip(LEADING_BLANKS)
    if not text or text[0] not in FORMULA_PREFIXES:
        return False
    if text[0] in "=@":
        return True
    return not (_SIGNED_NUMBER.fullmatch(text) or _LIST_ITEM.fullmatch(text))


def neutralise(value):
    """`value`, with a leading apostrophe if it is text a spreadsheet would run."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS and formula_like(value):
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
