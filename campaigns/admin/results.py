"""Admins of yearly results and goal results."""

from django.contrib import admin
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from campaigns.access.admin import ScopedAdminMixin, ScopedInlineMixin
from campaigns.admin.base import (
    TIMESTAMPS,
    WORKFLOW_FIELDS,
    CampaignRecordAdmin,
    ReadableHistoryAdmin,
)
from campaigns.admin.lists import LargeListMixin, YearFirstPaginator, ward_filter
from campaigns.admin.spreadsheets import (
    SpreadsheetAdminMixin,
    YearlyReportAdminMixin,
)
from campaigns.models import (
    AnnualResult,
    Goal,
    GoalResult,
    GoalSet,
)
from campaigns.models.units import natural_order
from campaigns.spreadsheets import resources


class LabelledDeleteFormSet:
    """The delete box of each grid row gets a name of its own for screen readers, as
    the other cells do (see GoalResultInline.formfield_for_dbfield)."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["aria-label"] = _("Delete")


class GoalResultInline(ScopedInlineMixin, admin.TabularInline):
    model = GoalResult
    extra = 0
    min_num = 0
    fields = ("goal", "achieved", "value", "note")
    ordering = ("goal__number",)

    def get_queryset(self, request):
        # Each row's form checks its yearly result's scope and lock (its ward).
        return (
            super()
            .get_queryset(request)
            .select_related("goal", "annual_result__residential_area__ward")
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            # The grid's column headers name the cells on screen; screen readers get
            # the same name on each input, which has no <label> of its own.
            field.widget.attrs.setdefault("aria-label", capfirst(db_field.verbose_name))
        return field

    def get_extra(self, request, obj=None, **kwargs):
        # A new yearly result offers a row for each goal of the newest set.
        return 0 if obj else _goals_offered(None).count()

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields.get("goal")
        if field is not None:
            # Only the goals in force in the result's year; GoalResult.clean() refuses
            # others whatever the form offered.
            field.queryset = field.queryset.filter(
                pk__in=_goals_offered(obj.year if obj else None).values("pk")
            )
            # Read once for every row of the grid, not once a row (issue 17); a
            # posted goal is still checked against the queryset.
            field.choices = list(field.choices)
            # A compact grid (issue 13): no links to the goals list in every row; the
            # goals are reference data, kept on their own page.
            for name in ("can_add_related", "can_change_related", "can_view_related"):
                setattr(field.widget, name, False)
        return type(formset.__name__, (LabelledDeleteFormSet, formset), {})


def _goals_offered(year):
    """The goals of the set in force in `year`, or of the newest set for a new result."""
    if year is not None:
        return Goal.for_year(year)
    newest = GoalSet.objects.order_by("-valid_from_year").first()
    return Goal.objects.filter(goal_set=newest)


@admin.register(AnnualResult)
class AnnualResultAdmin(
    LargeListMixin, YearlyReportAdminMixin, SpreadsheetAdminMixin, CampaignRecordAdmin
):
    resource_classes = [resources.AnnualResultResource]
    import_export_change_list_template = "admin/campaigns/annualresult/change_list.html"
    # Status, year and area first (they fit a laptop's width, issue 13); the other
    # figures are in the form, the filters and the export.
    list_display = (
        "residential_area",
        "year",
        "status",
        "households",
        "cultural_families_recognised",
        "poor_households",
        "near_poor_households",
        "cultural_title",
    )
    list_filter = (
        "year",
        "status",
        ward_filter("residential_area__ward"),
        "cultural_title",
        "festival_held",
        "poverty_standard",
        "is_demo",
    )
    list_select_related = ("residential_area__ward", "poverty_standard")
    folded_search_fields = ("residential_area__name", "residential_area__ward__name")
    paginator = YearFirstPaginator
    autocomplete_fields = ("residential_area", "poverty_standard")
    ordering = (
        "-year",
        "residential_area__ward__code",
        *natural_order("residential_area__"),
    )
    inlines = (GoalResultInline,)
    fieldsets = (
        (None, {"fields": ("residential_area", "year", "households")}),
        (
            _("Cultural families and title"),
            {
                "fields": (
                    "cultural_families_registered",
                    "cultural_families_recognised",
                    "cultural_families_three_years",
                    "cultural_title",
                    "cultural_title_year",
                )
            },
        ),
        (
            _("Poor and near-poor households"),
            {
                "fields": (
                    "poverty_standard",
                    "poor_households",
                    "near_poor_households",
                    "newly_poor_households",
                ),
                "description": _(
                    "Leave the poverty standard empty to use the one in force in the "
                    "year. A year no standard covers yet is saved without one; its "
                    "rates read “poverty standard not determined”."
                ),
            },
        ),
        (
            _("Great Solidarity Festival and Front work committee"),
            {
                "fields": (
                    "festival_held",
                    "festival_date",
                    "festival_participants",
                    "festival_highlights",
                    "committee_score",
                    "note",
                )
            },
        ),
        (
            _("Civilised way of life"),
            {
                "fields": (
                    "civilised_weddings",
                    "civilised_funerals",
                    "civilised_festivals",
                ),
                "description": _(
                    "Weddings, funerals and festivals of the year held the civilised "
                    "way, as counted by the residential area; leave empty if not counted."
                ),
            },
        ),
        (_("Workflow"), {"fields": (*WORKFLOW_FIELDS, "is_demo", *TIMESTAMPS)}),
    )


@admin.register(GoalResult)
class GoalResultAdmin(
    LargeListMixin, ScopedAdminMixin, SpreadsheetAdminMixin, ReadableHistoryAdmin
):
    resource_classes = [resources.GoalResultResource]
    list_display = ("annual_result", "result_status", "goal", "achieved", "value")
    list_filter = ("goal", "achieved", "annual_result__year", "annual_result__status")
    list_select_related = ("annual_result__residential_area__ward", "goal")
    folded_search_fields = (
        "annual_result__residential_area__name",
        "annual_result__residential_area__ward__name",
    )
    autocomplete_fields = ("annual_result", "goal")
    # Newest results first, each one's goals in order: read down the (yearly result,
    # goal) index. The model's ordering goes through the yearly result's own
    # (year, unit, area name) and sorts all 15 million rows for one page (1.6 s).
    ordering = ("-annual_result_id", "goal__number")
    list_per_page = 100
    readonly_fields = TIMESTAMPS

    @admin.display(description=_("status"), ordering="annual_result__status")
    def result_status(self, obj):
        """A goal result has the status of its yearly result (it is locked with it)."""
        return obj.annual_result.get_status_display()
