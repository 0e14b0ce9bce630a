"""Admins of community works and commendations."""

from django.contrib import admin

from campaigns.admin.base import (
    CampaignRecordAdmin,
)
from campaigns.admin.lists import LargeListMixin, YearFirstPaginator, ward_filter
from campaigns.admin.spreadsheets import (
    SpreadsheetAdminMixin,
)
from campaigns.models import (
    Commendation,
    CommunityWork,
)
from campaigns.spreadsheets import resources


@admin.register(CommunityWork)
class CommunityWorkAdmin(LargeListMixin, SpreadsheetAdminMixin, CampaignRecordAdmin):
    resource_classes = [resources.CommunityWorkResource]
    list_display = (
        "name",
        "year",
        "status",
        "ward",
        "kind",
        "length_m",
        "people_money",
        "state_budget",
    )
    list_filter = (
        "year",
        "kind",
        "status",
        ward_filter("ward"),
        "is_demo",
    )
    list_select_related = ("ward",)
    folded_search_fields = ("name", "residential_area__name", "ward__name")
    paginator = YearFirstPaginator
    autocomplete_fields = ("ward", "residential_area")
    ordering = ("-year", "ward__code", "name")


@admin.register(Commendation)
class CommendationAdmin(SpreadsheetAdminMixin, CampaignRecordAdmin):
    resource_classes = [resources.CommendationResource]
    list_display = (
        "recipient_name",
        "year",
        "status",
        "ward",
        "recipient_kind",
        "form",
        "level",
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
