"""Admins of the catalogue: contents, goals, poverty standards, the rating scale."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from campaigns.access.admin import ScopedAdminMixin
from campaigns.admin.base import (
    TIMESTAMPS,
)
from campaigns.admin.spreadsheets import (
    SpreadsheetExportMixin,
)
from campaigns.models import (
    Content,
    Goal,
    PovertyStandard,
    RatingGrade,
)
from campaigns.spreadsheets import resources


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
