"""What the resources share: ward and status columns, lookups of goals and poverty
standards by what people type, and the base of the export-only lists.
"""

from django.utils.translation import pgettext_lazy

from campaigns.models import Goal, PovertyStandard
from campaigns.models.choices import WorkflowStatusChoices
from campaigns.spreadsheets.columns import Col, WardWidget
from campaigns.spreadsheets.importing import CampaignResource
from campaigns.spreadsheets.widgets import (
    ChoiceWidget,
    CountWidget,
    LookupWidget,
    clean_text,
)

GOAL_NUMBERS = range(1, 11)


def ward_columns(code_path="ward", name_path="ward__name", readonly=False):
    """The two ward columns: GSO code (the lookup) and name (read to confirm or find it)."""
    return (
        Col(
            code_path,
            pgettext_lazy("column", "Ward code"),
            WardWidget(),
            path=code_path if "__" in code_path else f"{code_path}__code",
            readonly=readonly,
        ),
        Col(name_path, pgettext_lazy("column", "Ward name"), readonly=True),
    )


def status_column(path="status"):
    return Col(
        path,
        pgettext_lazy("column", "Status"),
        ChoiceWidget(WorkflowStatusChoices),
        readonly=True,
    )


class PovertyStandardWidget(LookupWidget):
    """A poverty standard by its legal document ("QĐ 59/2015/QĐ-TTg"); empty: the one in force."""

    # The standards are loaded once per import (keys.py), so within one import the
    # answer depends on the cell alone.
    value_only = True

    def __init__(self, **kwargs):
        super().__init__(PovertyStandard, field="code")

    def clean(self, value, row=None, **kwargs):
        text = clean_text(value)
        return self.resource.keys.standard_by_code(text) if text else None


class GoalWidget(LookupWidget):
    """A goal by its number (1–10)."""

    def __init__(self, **kwargs):
        super().__init__(Goal, field="number")
        self.kind = "integer"

    def clean(self, value, row=None, **kwargs):
        number = CountWidget().clean(value)
        if number is None:
            return None
        return self.resource.keys.goal(number, self._year(row))

    def _year(self, row) -> int | None:
        """The row's year, so a number means the goal of the set in force then."""
        field = self.resource.fields.get("year")
        if field is None or not row:
            return None
        try:
            return int(str(row.get(field.column_name)).strip())
        except (TypeError, ValueError):
            return None


class ExportOnlyResource(CampaignResource):
    importable = False
