"""Admins of the catalogue: contents, goals, poverty standards, the rating scale."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from campaigns.access.admin import ScopedAdminMixin
from campaigns.admin.base import (
    TIMESTAMPS,
    ReadableHistoryAdmin,
)
from campaigns.admin.spreadsheets import (
    SpreadsheetExportMixin,
)
from campaigns.models import (
    CampaignPhase,
    Content,
    Goal,
    GoalSet,
    PovertyStandard,
    RatingGrade,
    TitleDefinition,
)
from campaigns.services.standards import poverty_standard_save
from campaigns.spreadsheets import resources


@admin.register(Content)
class ContentAdmin(ScopedAdminMixin, SpreadsheetExportMixin, ReadableHistoryAdmin):
    resource_classes = [resources.ContentResource]
    list_display = ("number", "short_name", "phase", "name")
    list_filter = ("phase",)
    list_select_related = ("phase",)
    search_fields = ("short_name", "name")
    ordering = ("-phase__valid_from_year", "number")
    readonly_fields = TIMESTAMPS


@admin.register(Goal)
class GoalAdmin(ScopedAdminMixin, SpreadsheetExportMixin, ReadableHistoryAdmin):
    resource_classes = [resources.GoalResource]
    list_display = ("number", "name", "content", "goal_set", "target")
    list_filter = ("goal_set", "content")
    list_select_related = ("content", "goal_set")
    search_fields = ("name", "measure")
    autocomplete_fields = ("content",)
    ordering = ("-goal_set__valid_from_year", "number")
    readonly_fields = TIMESTAMPS
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "goal_set",
                    "number",
                    "content",
                    "name",
                    "measure",
                    "target",
                ),
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
    ScopedAdminMixin, SpreadsheetExportMixin, ReadableHistoryAdmin
):
    resource_classes = [resources.PovertyStandardResource]
    list_display = (
        "code",
        "name",
        "valid_from_year",
        "valid_to_year",
        "rural_poor_income",
        "urban_poor_income",
        "confirmed",
    )
    search_fields = ("code", "name")
    ordering = ("valid_from_year",)
    readonly_fields = TIMESTAMPS

    def save_model(self, request, obj, form, change):
        # Results saved while no standard covered their year take this one now.
        attached = poverty_standard_save(standard=obj, by=request.user)
        if attached:
            self.message_user(
                request,
                ngettext(
                    "%(count)s yearly result without a poverty standard now uses it.",
                    "%(count)s yearly results without a poverty standard now use it.",
                    attached,
                )
                % {"count": attached},
            )


@admin.register(RatingGrade)
class RatingGradeAdmin(ScopedAdminMixin, SpreadsheetExportMixin, ReadableHistoryAdmin):
    resource_classes = [resources.RatingGradeResource]
    list_display = ("name", "min_score", "max_score", "is_strong")
    search_fields = ("name",)
    ordering = ("-min_score",)
    readonly_fields = TIMESTAMPS


@admin.register(CampaignPhase)
class CampaignPhaseAdmin(
    ScopedAdminMixin, SpreadsheetExportMixin, ReadableHistoryAdmin
):
    resource_classes = [resources.CampaignPhaseResource]
    list_display = ("name", "valid_from_year", "valid_to_year", "confirmed")
    search_fields = ("name", "short_name")
    ordering = ("valid_from_year",)
    readonly_fields = TIMESTAMPS


@admin.register(GoalSet)
class GoalSetAdmin(ScopedAdminMixin, SpreadsheetExportMixin, ReadableHistoryAdmin):
    resource_classes = [resources.GoalSetResource]
    list_display = ("name", "set_by", "valid_from_year", "valid_to_year")
    search_fields = ("name", "set_by")
    ordering = ("valid_from_year",)
    readonly_fields = TIMESTAMPS
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "name",
                    "set_by",
                    "valid_from_year",
                    "valid_to_year",
                    "source",
                    "note",
                    "confirmed",
                ),
                "description": _(
                    "The portal's own goal set, not a national list. To replace the "
                    "goals from a year, close this set the year before and add a new "
                    "set with its goals (services.goal_set_replace): earlier years keep "
                    "their goals and results."
                ),
            },
        ),
        (_("Record"), {"fields": TIMESTAMPS}),
    )


@admin.register(TitleDefinition)
class TitleDefinitionAdmin(
    ScopedAdminMixin, SpreadsheetExportMixin, ReadableHistoryAdmin
):
    resource_classes = [resources.TitleDefinitionResource]
    list_display = (
        "name",
        "holder",
        "legal_basis",
        "valid_from_year",
        "valid_to_year",
        "confirmed",
    )
    list_filter = ("holder", "legal_basis")
    search_fields = ("name", "legal_basis")
    ordering = ("holder", "valid_from_year")
    readonly_fields = TIMESTAMPS
