"""Django admin, in Vietnamese, for staff who enter and check the campaign data."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from campaigns.access.admin import ScopedAdminMixin, ScopedInlineMixin
from campaigns.admin import accounts as admin_accounts  # noqa: F401  (registers the user admin)
from campaigns.admin.spreadsheets import (
    SpreadsheetAdminMixin,
    SpreadsheetExportMixin,
    YearlyReportAdminMixin,
)
from campaigns.admin.workflow import WorkflowAdminMixin
from campaigns.models import (
    AnnualResult,
    Commendation,
    CommunityWork,
    Content,
    Donation,
    Goal,
    GoalResult,
    Household,
    PovertyStandard,
    RatingGrade,
    ResidentialArea,
    StaffScope,
    Support,
    Ward,
    WardSuccession,
)
from campaigns.spreadsheets import resources

WORKFLOW_FIELDS = ("status", "status_reason", "status_changed_at", "approved_at")
TIMESTAMPS = ("created_at", "updated_at")


class WardInForceFilter(admin.SimpleListFilter):
    title = _("in force")
    parameter_name = "in_force"

    def lookups(self, request, model_admin):
        return [("current", _("Current units")), ("former", _("Former units"))]

    def queryset(self, request, queryset):
        if self.value() == "current":
            return queryset.filter(valid_to__isnull=True)
        if self.value() == "former":
            return queryset.filter(valid_to__isnull=False)
        return queryset


class CampaignRecordAdmin(WorkflowAdminMixin, ScopedAdminMixin, SimpleHistoryAdmin):
    """Shared settings of the records ward staff enter (workflow status, demo flag)."""

    list_per_page = 100
    readonly_fields = ("status_changed_at", "approved_at", "is_demo", *TIMESTAMPS)
    show_full_result_count = False


class WardSuccessionInline(ScopedInlineMixin, admin.TabularInline):
    model = WardSuccession
    fk_name = "successor"
    extra = 0
    autocomplete_fields = ("predecessor",)
    verbose_name = _("former unit merged into this one")
    verbose_name_plural = _("former units merged into this one")


@admin.register(Ward)
class WardAdmin(ScopedAdminMixin, SpreadsheetExportMixin, SimpleHistoryAdmin):
    resource_classes = [resources.WardResource]
    list_display = (
        "name",
        "code",
        "kind",
        "valid_from",
        "valid_to",
        "province_name",
        "has_external_predecessor",
    )
    list_filter = (
        WardInForceFilter,
        "kind",
        "province_name",
        "has_external_predecessor",
    )
    search_fields = ("name", "code", "slug")
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("-valid_from", "code")
    inlines = (WardSuccessionInline,)
    readonly_fields = TIMESTAMPS
    fieldsets = (
        (None, {"fields": ("code", "name", "kind", "slug")}),
        (
            _("Where it belongs"),
            {
                "fields": (
                    "province_code",
                    "province_name",
                    "district_code",
                    "district_name",
                )
            },
        ),
        (
            _("Validity and history"),
            {
                "fields": (
                    "valid_from",
                    "valid_to",
                    "has_external_predecessor",
                    "external_predecessor_note",
                    *TIMESTAMPS,
                )
            },
        ),
    )


@admin.register(WardSuccession)
class WardSuccessionAdmin(ScopedAdminMixin, SpreadsheetExportMixin, SimpleHistoryAdmin):
    resource_classes = [resources.WardSuccessionResource]
    list_display = ("predecessor", "successor", "effective_date", "legal_basis")
    list_filter = ("effective_date",)
    list_select_related = ("predecessor", "successor")
    search_fields = ("predecessor__name", "successor__name", "legal_basis")
    autocomplete_fields = ("predecessor", "successor")
    date_hierarchy = "effective_date"


@admin.register(ResidentialArea)
class ResidentialAreaAdmin(SpreadsheetAdminMixin, CampaignRecordAdmin):
    resource_classes = [resources.ResidentialAreaResource]
    list_display = (
        "name",
        "ward",
        "kind",
        "valid_from",
        "valid_to",
        "status",
        "is_demo",
    )
    list_filter = ("ward", "kind", "status", "is_demo")
    list_select_related = ("ward",)
    search_fields = ("name", "slug", "ward__name", "ward__code")
    autocomplete_fields = ("ward", "successors")
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("ward__code", "ward__valid_from", "name")


@admin.register(Content)
class ContentAdmin(ScopedAdminMixin, SpreadsheetExportMixin, SimpleHistoryAdmin):
    resource_classes = [resources.ContentResource]
    list_display = ("number", "short_name", "name")
    search_fields = ("short_name", "name")
    ordering = ("number",)
    readonly_fields = TIMESTAMPS


@admin.register(Goal)
class GoalAdmin(ScopedAdminMixin, SpreadsheetExportMixin, SimpleHistoryAdmin):
    resource_classes = [resources.GoalResource]
    list_display = ("number", "name", "content", "target")
    list_filter = ("content",)
    list_select_related = ("content",)
    search_fields = ("name", "measure")
    autocomplete_fields = ("content",)
    ordering = ("number",)
    readonly_fields = TIMESTAMPS
    fieldsets = (
        (
            None,
            {
                "fields": ("number", "content", "name", "measure", "target"),
                "description": _(
                    "The 10 goals are a reference set shipped with the portal. No official "
                    "list was found, so staff may replace the wording and the measures to "
                    "match the documents in force."
                ),
            },
        ),
        (_("Record"), {"fields": TIMESTAMPS}),
    )


@admin.register(PovertyStandard)
class PovertyStandardAdmin(
    ScopedAdminMixin, SpreadsheetExportMixin, SimpleHistoryAdmin
):
    resource_classes = [resources.PovertyStandardResource]
    list_display = (
        "code",
        "name",
        "valid_from_year",
        "valid_to_year",
        "rural_poor_income",
        "urban_poor_income",
    )
    search_fields = ("code", "name")
    ordering = ("valid_from_year",)
    readonly_fields = TIMESTAMPS


@admin.register(RatingGrade)
class RatingGradeAdmin(ScopedAdminMixin, SpreadsheetExportMixin, SimpleHistoryAdmin):
    resource_classes = [resources.RatingGradeResource]
    list_display = ("name", "min_score", "max_score", "is_strong")
    search_fields = ("name",)
    ordering = ("-min_score",)
    readonly_fields = TIMESTAMPS


class GoalResultInline(ScopedInlineMixin, admin.TabularInline):
    model = GoalResult
    extra = 0
    min_num = 0
    fields = ("goal", "achieved", "value", "note")
    ordering = ("goal__number",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("goal")

    def get_extra(self, request, obj=None, **kwargs):
        # A new yearly result offers a row for each goal.
        return 0 if obj else Goal.objects.count()


@admin.register(AnnualResult)
class AnnualResultAdmin(
    YearlyReportAdminMixin, SpreadsheetAdminMixin, CampaignRecordAdmin
):
    resource_classes = [resources.AnnualResultResource]
    import_export_change_list_template = "admin/campaigns/annualresult/change_list.html"
    list_display = (
        "residential_area",
        "ward_name",
        "year",
        "households",
        "cultural_families_recognised",
        "poor_households",
        "near_poor_households",
        "cultural_title",
        "festival_held",
        "committee_score",
        "status",
    )
    list_filter = (
        "year",
        "status",
        ("residential_area__ward", admin.RelatedOnlyFieldListFilter),
        "cultural_title",
        "festival_held",
        "poverty_standard",
        "is_demo",
    )
    list_select_related = ("residential_area__ward", "poverty_standard")
    search_fields = ("residential_area__name", "residential_area__ward__name")
    autocomplete_fields = ("residential_area", "poverty_standard")
    ordering = ("-year", "residential_area__ward__code", "residential_area__name")
    inlines = (GoalResultInline,)
    fieldsets = (
        (None, {"fields": ("residential_area", "year", "households")}),
        (
            _("Cultural families and title"),
            {
                "fields": (
                    "cultural_families_registered",
                    "cultural_families_recognised",
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
                    "Leave the poverty standard empty to use the one in force in the year."
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
                    "committee_score",
                    "note",
                )
            },
        ),
        (_("Workflow"), {"fields": (*WORKFLOW_FIELDS, "is_demo", *TIMESTAMPS)}),
    )

    @admin.display(
        description=_("ward or commune"), ordering="residential_area__ward__name"
    )
    def ward_name(self, obj):
        return obj.residential_area.ward.name


@admin.register(GoalResult)
class GoalResultAdmin(ScopedAdminMixin, SpreadsheetAdminMixin, SimpleHistoryAdmin):
    resource_classes = [resources.GoalResultResource]
    list_display = ("annual_result", "goal", "achieved", "value")
    list_filter = ("goal", "achieved", "annual_result__year", "annual_result__status")
    list_select_related = ("annual_result__residential_area__ward", "goal")
    search_fields = ("annual_result__residential_area__name", "note")
    autocomplete_fields = ("annual_result", "goal")
    list_per_page = 100
    show_full_result_count = False
    readonly_fields = TIMESTAMPS


@admin.register(Donation)
class DonationAdmin(SpreadsheetAdminMixin, CampaignRecordAdmin):
    resource_classes = [resources.DonationResource]
    list_display = (
        "date",
        "donor_name",
        "donor_kind",
        "fund_level",
        "ward",
        "amount",
        "in_kind_value",
        "receipt_number",
        "publish_donor_name",
        "status",
    )
    list_filter = (
        "status",
        "fund_level",
        "donor_kind",
        ("ward", admin.RelatedOnlyFieldListFilter),
        "publish_donor_name",
        "is_demo",
    )
    list_select_related = ("ward",)
    search_fields = ("donor_name", "receipt_number")
    autocomplete_fields = ("ward",)
    date_hierarchy = "date"
    ordering = ("-date", "-id")


@admin.register(Household)
class HouseholdAdmin(SpreadsheetExportMixin, CampaignRecordAdmin):
    resource_classes = [resources.HouseholdResource]
    list_display = (
        "head_name",
        "ward",
        "residential_area",
        "members",
        "household_status",
        "status",
    )
    list_filter = (
        "household_status",
        "status",
        ("ward", admin.RelatedOnlyFieldListFilter),
        "is_demo",
    )
    list_select_related = ("ward", "residential_area__ward")
    search_fields = ("head_name", "id_number", "phone")
    autocomplete_fields = ("ward", "residential_area")
    ordering = ("ward__code", "head_name")


@admin.register(Support)
class SupportAdmin(SpreadsheetAdminMixin, CampaignRecordAdmin):
    resource_classes = [resources.SupportResource]
    list_display = (
        "date",
        "category",
        "ward",
        "residential_area",
        "household",
        "amount",
        "houses_built",
        "houses_repaired",
        "status",
    )
    list_filter = (
        "category",
        "status",
        "fund_level",
        ("ward", admin.RelatedOnlyFieldListFilter),
        "is_demo",
    )
    list_select_related = ("ward", "residential_area__ward", "household__ward")
    search_fields = (
        "household__head_name",
        "decision_number",
        "residential_area__name",
    )
    autocomplete_fields = ("ward", "residential_area", "household")
    date_hierarchy = "date"
    ordering = ("-date", "-id")


@admin.register(CommunityWork)
class CommunityWorkAdmin(SpreadsheetAdminMixin, CampaignRecordAdmin):
    resource_classes = [resources.CommunityWorkResource]
    list_display = (
        "name",
        "kind",
        "ward",
        "year",
        "length_m",
        "people_money",
        "labour_days",
        "land_donated_m2",
        "state_budget",
        "status",
    )
    list_filter = (
        "year",
        "kind",
        "status",
        ("ward", admin.RelatedOnlyFieldListFilter),
        "is_demo",
    )
    list_select_related = ("ward",)
    search_fields = ("name", "residential_area__name", "ward__name")
    autocomplete_fields = ("ward", "residential_area")
    ordering = ("-year", "ward__code", "name")


@admin.register(Commendation)
class CommendationAdmin(SpreadsheetAdminMixin, CampaignRecordAdmin):
    resource_classes = [resources.CommendationResource]
    list_display = (
        "recipient_name",
        "recipient_kind",
        "form",
        "level",
        "year",
        "ward",
        "status",
    )
    list_filter = (
        "year",
        "level",
        "recipient_kind",
        "status",
        ("ward", admin.RelatedOnlyFieldListFilter),
        "is_demo",
    )
    list_select_related = ("ward",)
    search_fields = ("recipient_name", "decision_number", "reason")
    autocomplete_fields = ("ward", "residential_area")
    ordering = ("-year", "level", "recipient_name")


@admin.register(StaffScope)
class StaffScopeAdmin(ScopedAdminMixin, SpreadsheetExportMixin, admin.ModelAdmin):
    resource_classes = [resources.StaffScopeResource]
    list_display = ("user",)
    search_fields = ("user__username", "user__first_name", "user__last_name")
    autocomplete_fields = ("user", "wards")
    list_select_related = ("user",)
