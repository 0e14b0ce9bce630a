"""django-import-export widgets that accept what people really type.

Money as "1.500.000", "1 500 000", "1,500,000 đ" or 1500000; dates as 18/11/2024 or
real Excel dates; yes/no as Có/Không, x, Đạt/Không đạt; NFC or NFD Vietnamese with
stray spaces. Each widget also gives the native value an export writes (`native`)
and the spreadsheet kind that decides its format (`kind`). Errors are `ValueError`
with a message for the person who typed the cell.
"""

import datetime
import decimal
import re

from django.db import models
from django.utils.translation import get_language, gettext_lazy, override
from django.utils.translation import gettext as _
from import_export import widgets

from campaigns.spreadsheets import writing
from campaigns.spreadsheets.cells import FORMULA_PREFIXES, csv_text
from campaigns.text import fold, nfc

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_CURRENCY = re.compile(r"(vnđ|vnd|đồng|dong|đ|d|₫)\.?$", re.IGNORECASE)
_GROUPED = re.compile(r"^\d{1,3}([.,' ]\d{3})+$")
_EXCEL_EPOCH = datetime.date(1899, 12, 30)


def clean_text(value) -> str:
    """Trimmed NFC text without the apostrophe our exports put before formula-like text."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _SPACES.sub(" ", nfc(str(value))).strip()
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_PREFIXES:
        text = text[1:]
    return text


def is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class SheetWidget(widgets.Widget):
    """Base: `native(value)` for XLSX/ODS cells, `render()` for CSV text."""

    kind = writing.TEXT
    #: Whether clean() depends on the cell's value alone (not on the row or the
    #: database), so an import may remember its answer per value.
    value_only = True

    def __init__(self, **kwargs):
        super().__init__(coerce_to_string=True)

    def native(self, value):
        return value

    def export_converter(self):
        """What `native` does to a value read with values_list(), or None for nothing."""
        if type(self).native is SheetWidget.native:
            return None
        return self.native

    def render(self, value, obj=None, **kwargs):
        return csv_text(self.native(value))


class TextWidget(SheetWidget):
    def clean(self, value, row=None, **kwargs):
        return clean_text(value)


class CodeWidget(TextWidget):
    """Codes kept as text: Excel turns "01840" into 1840, so short digit runs are padded."""

    kind = writing.CODE

    def __init__(self, width=5, **kwargs):
        super().__init__(**kwargs)
        self.width = width

    def clean(self, value, row=None, **kwargs):
        text = clean_text(value)
        if text.isdigit() and len(text) < self.width:
            text = text.zfill(self.width)
        return text


def parse_whole_number(value, *, what) -> int | None:
    """A whole number from 1500000, 1500000.0, "1.500.000", "1 500 000", "1,500,000 đ"."""
    if type(value) is int and value >= 0:
        return value
    if type(value) is str and value.isascii() and value.isdigit():
        return int(value)
    if is_empty(value):
        return None
    if isinstance(value, bool):
        raise ValueError(_("“%(value)s” is not a number.") % {"value": value})
    if isinstance(value, int):
        number = value
    elif isinstance(value, float | decimal.Decimal):
        if value != int(value):
            raise ValueError(
                _("%(what)s must be a whole number, not %(value)s.")
                % {"what": what, "value": value}
            )
        number = int(value)
    else:
        text = clean_text(value)
        negative = text.startswith("-")
        body = _CURRENCY.sub("", text.lstrip("-+")).strip()
        if _GROUPED.match(body):
            body = re.sub(r"[.,' ]", "", body)
        elif re.fullmatch(r"\d+[.,]0+", body):
            body = re.split(r"[.,]", body)[0]
        if not body.isdigit():
            raise ValueError(
                _("“%(value)s” is not a whole number (%(what)s).")
                % {"value": text, "what": what}
            )
        number = -int(body) if negative else int(body)
    if number < 0:
        raise ValueError(
            _("%(what)s cannot be negative (%(value)s).")
            % {"what": what, "value": number}
        )
    return number


class CountWidget(SheetWidget):
    """Households, people, metres: whole numbers, never negative."""

    kind = writing.INTEGER
    # Made once: a lazy string per cell showed in imports of 10,000 rows.
    default_what = gettext_lazy("The number")

    def __init__(self, what=None, **kwargs):
        super().__init__(**kwargs)
        self.what = what or self.default_what

    def clean(self, value, row=None, **kwargs):
        return parse_whole_number(value, what=self.what)


class MoneyWidget(CountWidget):
    """Whole VND."""

    kind = writing.MONEY
    default_what = gettext_lazy("The amount")


class YearWidget(CountWidget):
    kind = writing.YEAR

    def __init__(self, low=1995, high=2100, **kwargs):
        super().__init__(**kwargs)
        self.low, self.high = low, high

    default_what = gettext_lazy("The year")

    def clean(self, value, row=None, **kwargs):
        year = parse_whole_number(value, what=self.what)
        if year is not None and not self.low <= year <= self.high:
            raise ValueError(
                _("The year %(year)s is out of range (%(low)s–%(high)s).")
                % {"year": year, "low": self.low, "high": self.high}
            )
        return year


class DecimalWidget(SheetWidget):
    """A measured value: "12,5", "12.5", "1.234,5" or a number cell."""

    kind = writing.DECIMAL

    def clean(self, value, row=None, **kwargs):
        if is_empty(value):
            return None
        if isinstance(value, int | float | decimal.Decimal) and not isinstance(
            value, bool
        ):
            return decimal.Decimal(str(value)).quantize(decimal.Decimal("0.01"))
        text = clean_text(value).replace(" ", "").rstrip("%")
        if "," in text and "." in text:
            # The last separator is the decimal one: 1.234,5 or 1,234.5.
            if text.rfind(",") > text.rfind("."):
                text = text.replace(".", "").replace(",", ".")
            else:
                text = text.replace(",", "")
        else:
            text = text.replace(",", ".")
        try:
            return decimal.Decimal(text).quantize(decimal.Decimal("0.01"))
        except decimal.InvalidOperation:
            raise ValueError(
                _("“%(value)s” is not a number.") % {"value": clean_text(value)}
            ) from None

    def native(self, value):
        if value is None:
            return None
        return value.normalize() if isinstance(value, decimal.Decimal) else value


class DateWidget(SheetWidget):
    """18/11/2024, 18-11-2024, 18.11.2024, 2024-11-18, or a real Excel date."""

    kind = writing.DATE
    _PATTERNS = [
        (re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$"), ("d", "m", "y")),
        (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d")),
        (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2})$"), ("d", "m", "yy")),
    ]

    def clean(self, value, row=None, **kwargs):
        if is_empty(value):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            # An Excel date the sheet shows as a plain number.
            if 20000 <= value <= 80000:
                return _EXCEL_EPOCH + datetime.timedelta(days=int(value))
        text = clean_text(value)
        text = text.split(" ")[0] if re.match(r"^\S+ \d{1,2}:\d{2}", text) else text
        for pattern, order in self._PATTERNS:
            match = pattern.match(text)
            if match:
                parts = dict(zip(order, map(int, match.groups()), strict=True))
                year = parts.get("y") or 2000 + parts["yy"]
                try:
                    return datetime.date(year, parts["m"], parts["d"])
                except ValueError:
                    break
        raise ValueError(
            _("“%(value)s” is not a date; write it as dd/mm/yyyy, e.g. 18/11/2024.")
            % {"value": text}
        )


YES_WORDS = {"co", "x", "v", "1", "dat", "yes", "true", "y", "roi", "da", "✓", "✔"}
NO_WORDS = {"khong", "0", "khong dat", "chua dat", "no", "false", "n", "chua", "-"}


class YesNoWidget(SheetWidget):
    """Có/Không, x, Đạt/Không đạt, 1/0, TRUE/FALSE. Empty is "no" unless `empty` says."""

    def __init__(self, yes=None, no=None, empty=False, **kwargs):
        super().__init__(**kwargs)
        self.yes, self.no, self.empty = yes, no, empty
        self._seen = {}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        if is_empty(value):
            return self.empty
        if isinstance(value, str) and value in self._seen:
            return self._seen[value]
        answer = self._clean(value)
        if isinstance(value, str) and len(self._seen) < 1000:
            self._seen[value] = answer
        return answer

    def _clean(self, value):
        if isinstance(value, int | float) and value in (0, 1):
            return bool(value)
        word = fold(clean_text(value)).rstrip(".")
        if word in YES_WORDS or word in self._words(self.yes):
            return True
        if word in NO_WORDS or word in self._words(self.no):
            return False
        raise ValueError(
            _("“%(value)s” is neither yes nor no; write %(yes)s or %(no)s.")
            % {
                "value": clean_text(value),
                "yes": self.yes_label(),
                "no": self.no_label(),
            }
        )

    _word_cache: dict = {}

    @classmethod
    def _words(cls, label) -> set[str]:
        if label is None:
            return set()
        key = id(label)
        if key not in cls._word_cache:
            words = set()
            for language in ("en", "vi"):
                with override(language):
                    words.add(fold(str(label)))
            cls._word_cache[key] = (label, words)
        return cls._word_cache[key][1]

    def yes_label(self):
        return str(self.yes) if self.yes else _("Yes")

    def no_label(self):
        return str(self.no) if self.no else _("No")

    def native(self, value):
        if value is None:
            return None
        return self.yes_label() if value else self.no_label()


class ChoiceWidget(SheetWidget):
    """A choice by its Vietnamese label, its English label or its stored value."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = choices
        self._lookup = None
        self._native_labels = {}

    def _labels(self):
        if self._lookup is None:
            lookup = {}
            for value, label in self.choices.choices:
                lookup[fold(value)] = value
                for language in ("en", "vi"):
                    with override(language):
                        lookup[fold(str(label))] = value
                        # "Phường" for "Ward (phường)": the words in brackets alone.
                        inner = re.search(r"\((.+)\)", str(label))
                        if inner:
                            lookup.setdefault(fold(inner.group(1)), value)
            # Exact labels first, so most cells need no folding.
            for value, label in self.choices.choices:
                with override("vi"):
                    lookup[str(label)] = value
            self._lookup = lookup
        return self._lookup

    def clean(self, value, row=None, **kwargs):
        if is_empty(value):
            return ""
        text = clean_text(value)
        found = self._labels().get(text) or self._labels().get(fold(text))
        if found is None:
            labels = ", ".join(str(label) for _value, label in self.choices.choices)
            raise ValueError(
                _("“%(value)s” is not one of: %(labels)s.")
                % {"value": text, "labels": labels}
            )
        return found

    def native(self, value):
        if not value:
            return None
        # Exports call this per row: labels are translated once per language.
        language = get_language()
        labels = self._native_labels.get(language)
        if labels is None:
            labels = {v: str(label) for v, label in self.choices.choices}
            self._native_labels[language] = labels
        return labels.get(value, value)

    def export_converter(self):
        labels = {v: str(label) for v, label in self.choices.choices}
        return lambda value: labels.get(value, value) if value else None


class LookupWidget(widgets.ForeignKeyWidget, SheetWidget):
    """Base of the natural-key widgets: the resource's `keys` index answers lookups.

    Without an index (a widget used on its own) the lookup falls back to the
    queryset of `ForeignKeyWidget`.
    """

    value_only = False

    def __init__(self, model, field="pk", **kwargs):
        widgets.ForeignKeyWidget.__init__(self, model, field=field)
        self.keys = None

    def native(self, value):
        if isinstance(value, models.Model):
            return getattr(value, self.field)
        return value

    def export_converter(self):
        # values_list() already reads the natural key (ward__code, area name).
        return None

    def render(self, value, obj=None, **kwargs):
        return csv_text(self.native(value))
