"""Spreadsheet columns of the resources, the ward and area lookups of a row, and the
row context they share (the row's day and ward, worked out once per row).
"""

from django.db.models.fields import NOT_PROVIDED
from django.utils.translation import gettext as _
from import_export import fields

from campaigns.models import ResidentialArea, Ward
from campaigns.models.validity import year_reference_date
from campaigns.spreadsheets.checks import MEMO_TYPES
from campaigns.spreadsheets.keys import _clean_code
from campaigns.spreadsheets.widgets import LookupWidget, TextWidget, clean_text


class DependentError(ValueError):
    """A cell that cannot be read because another one (the ward) failed first."""


class Col(fields.Field):
    """A spreadsheet column: header, widget, and the ORM path that exports it.

    `path` (or `expression`, an annotation) lets exports read rows with
    `values_list()`; `readonly` columns are exported and only read on import to
    find keys (a ward's name beside its code, a status).
    """

    def __init__(
        self,
        attribute,
        header,
        widget=None,
        *,
        path=None,
        expression=None,
        readonly=False,
        required=False,
        default=NOT_PROVIDED,
        saves_null_values=True,
    ):
        super().__init__(
            attribute=attribute,
            column_name=header,
            widget=widget or TextWidget(),
            readonly=readonly,
            default=default,
            saves_null_values=saves_null_values,
        )
        self.path = path or attribute
        self.expression = expression
        self.required = required


class WardWidget(LookupWidget):
    """A ward by GSO code or name, in force on the row's date (or 31/12 of its year).

    Codes were reused in 2025, so the code alone is not enough: the resource tells
    the day the row is about (`row_day`).
    """

    def __init__(self, code_field="ward", name_field="ward_name", **kwargs):
        super().__init__(Ward, field="code")
        self.code_field, self.name_field = code_field, name_field

    def get_queryset(self, value, row, *args, **kwargs):
        return Ward.objects.all()

    def clean(self, value, row=None, **kwargs):
        return self.resource.row_ward(row)


class ResidentialAreaWidget(LookupWidget):
    """A residential area by name within the row's ward ("Tổ 1" exists in many wards)."""

    def __init__(self, **kwargs):
        super().__init__(ResidentialArea, field="name")

    def get_queryset(self, value, row, *args, **kwargs):
        ward = self.resource.row_ward(row)
        return ResidentialArea.objects.filter(ward=ward)

    def clean(self, value, row=None, **kwargs):
        name = clean_text(value)
        if not name:
            return None
        ward = self.resource.row_ward(row, dependent=True)
        if ward is None:
            raise ValueError(_("Give the ward code or name of this residential area."))
        return self.resource.keys.area(ward, name)


class RowContext:
    """The day a row is about and its ward, for the lookups of its other cells."""

    def row_day(self, row):
        for name in self.day_fields:
            field = self.fields[name]
            try:
                value = field.widget.clean(row.get(field.column_name))
            except ValueError:
                continue
            if isinstance(value, int):
                return year_reference_date(value)
            if value:
                return value
        return None

    def file_ward_codes(self, rows) -> set[str] | None:
        """The ward codes the rows give (as the lookup cleans them), or None when the
        resource has no ward code column."""
        field = self.fields.get(self.ward_field)
        code_field = getattr(getattr(field, "widget", None), "code_field", None)
        if code_field is None:
            return None
        column = self.fields[code_field].column_name
        # Each distinct cell cleaned once: rows of a ward repeat its code.
        return {_clean_code(value) for value in {row.get(column) for row in rows}} - {
            ""
        }

    def use_row_ward(self, row, index) -> None:
        """Make `row` the current row, with the ward prepare() found for it."""
        wards = getattr(self, "row_wards", None)
        if wards is not None and index < len(wards):
            self._ward_row = row
            self._ward, self._ward_error = wards[index]

    def row_ward(self, row, dependent=False):
        """The row's ward (cached for the row); errors raise ValueError once."""
        if getattr(self, "_ward_row", None) is not row:
            self._ward_row = row
            self._ward, self._ward_error = None, None
            field = self.fields[self.ward_field]
            widget = field.widget
            code = self.fields[widget.code_field]
            name = self.fields[widget.name_field]
            lookup = (
                row.get(code.column_name),
                row.get(name.column_name),
                self.row_day(row),
            )
            cache = self.__dict__.setdefault("_ward_lookups", {})
            if lookup not in cache:
                try:
                    cache[lookup] = (
                        self.keys.ward(
                            _clean_code(lookup[0]), clean_text(lookup[1]), lookup[2]
                        ),
                        None,
                    )
                except ValueError as error:
                    cache[lookup] = (None, str(error))
            self._ward, self._ward_error = cache[lookup]
        if self._ward_error:
            if dependent:
                raise DependentError(self._ward_error)
            raise ValueError(self._ward_error)
        return self._ward


#: How many distinct values of one column an import remembers the cleaning of.
CLEAN_MEMO_SIZE = 5_000
#: Cell types whose cleaning may be remembered (hashable, equal copies alike).
MEMO_KEYS = frozenset({int, float, str, bool, type(None), *MEMO_TYPES})


def remembered_clean(memo: dict, clean, raw):
    """clean(raw) of a widget whose answer depends on the value alone, remembered
    per (type, value): 10,000 rows repeat the same counts, years and yes/no cells.
    A remembered error is raised again as a new ValueError with its message."""
    if type(raw) not in MEMO_KEYS:
        return clean(raw)
    key = (type(raw), raw)
    answer = memo.get(key)
    if answer is None:
        try:
            answer = (True, clean(raw))
        except ValueError as error:
            answer = (False, str(error))
        if len(memo) < CLEAN_MEMO_SIZE:
            memo[key] = answer
    if not answer[0]:
        raise ValueError(answer[1])
    return answer[1]
