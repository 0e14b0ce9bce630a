"""Goal results: a yearly result's goals, one per row, with measured values."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from campaigns.models import AnnualResult, GoalResult
from campaigns.spreadsheets.columns import Col, ResidentialAreaWidget
from campaigns.spreadsheets.importing import CampaignResource
from campaigns.spreadsheets.resources.common import (
    GoalWidget,
    status_column,
    ward_columns,
)
from campaigns.spreadsheets.widgets import DecimalWidget, YearWidget, YesNoWidget


class GoalResultResource(CampaignResource):
    year = Col(
        "annual_result__year",
        pgettext_lazy("column", "Year"),
        YearWidget(),
        readonly=True,
        required=True,
    )
    ward, ward_name = ward_columns(
        "annual_result__residential_area__ward__code",
        "annual_result__residential_area__ward__name",
        readonly=True,
    )
    residential_area = Col(
        "annual_result__residential_area",
        pgettext_lazy("column", "Residential area"),
        ResidentialAreaWidget(),
        path="annual_result__residential_area__name",
        readonly=True,
        required=True,
    )
    goal = Col(
        "goal",
        pgettext_lazy("column", "Goal number"),
        GoalWidget(),
        path="goal__number",
        required=True,
    )
    goal_name = Col("goal__name", pgettext_lazy("column", "Goal name"), readonly=True)
    achieved = Col(
        "achieved",
        pgettext_lazy("column", "Achieved"),
        YesNoWidget(
            yes=pgettext_lazy("column", "Achieved"),
            no=pgettext_lazy("column", "Not achieved"),
        ),
        default=False,
    )
    value = Col("value", pgettext_lazy("column", "Measured value"), DecimalWidget())
    note = Col("note", pgettext_lazy("column", "Note"))
    result_status = status_column("annual_result__status")

    day_fields = ("year",)
    existing_related = ("annual_result__residential_area", "goal")

    class Meta(CampaignResource.Meta):
        model = GoalResult
        fields = (
            "year",
            "ward",
            "ward_name",
            "residential_area",
            "goal",
            "goal_name",
            "achieved",
            "value",
            "note",
            "result_status",
        )
        import_id_fields = ("residential_area", "year", "goal")

    def prepare(self, dataset, **kwargs):
        super().prepare(dataset, **kwargs)

    def load_existing(self, rows):
        self.results = {
            (r.residential_area_id, r.year): r
            for r in self.import_rows(AnnualResult)
            .filter(residential_area__ward_id__in=self.ward_ids)
            .select_related("residential_area")
        }
        return super().load_existing(rows)

    def existing_queryset(self, rows):
        return (
            self.import_rows()
            .filter(annual_result__residential_area__ward_id__in=self.ward_ids)
            .select_related(*self.existing_related)
        )

    def row_key(self, row):
        try:
            area = self.cell(row, "residential_area")
            year = self.cell(row, "year")
            goal = self.cell(row, "goal")
        except ValueError:
            return None
        if area is None or year is None or goal is None:
            return None
        return (area.pk, year, goal.number)

    def instance_key(self, instance):
        result = instance.annual_result
        return (result.residential_area_id, result.year, instance.goal.number)

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        key = self.row_keys[self.row_index]
        result = self.results.get(key[:2]) if key else None
        self.row_result = result
        # A goal result is locked with its yearly result, new rows included.
        self.locked = self.lock_message(result) if result else None

    def after_fields(self, instance, row, errors):
        if self.row_result is None:
            if not errors:
                errors.setdefault(
                    self.fields["residential_area"].column_name, []
                ).append(
                    _(
                        "This residential area has no yearly result for this year; "
                        "import the yearly results first."
                    )
                )
            return
        instance.annual_result = self.row_result
