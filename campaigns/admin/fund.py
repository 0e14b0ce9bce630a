"""Admins of the poverty fund: donations, households, supports, balance entries."""

from django.contrib import admin

from campaigns.admin.base import (
    CampaignRecordAdmin,
    DateYearFilter,
)
from campaigns.admin.lists import LargeListMixin, ward_filter
from campaigns.admin.spreadsheets import (
    SpreadsheetAdminMixin,
    SpreadsheetExportMixin,
)
from campaigns.models import (
    Donation,
    FundBalanceEntry,
    Household,
    Support,
)
from campaigns.spreadsheets import resources


@admin.register(Donation)
class DonationAdmin(LargeListMixin, SpreadsheetAdminMixin, CampaignRecordAdmin):
    resource_classes = [resources.DonationResource]
    list_display = (
        "date",
        "status",
        "ward",
        "donor_name",
        "amount",
        "fund_level",
        "donor_kind",
    )
    list_filter = (
        DateYearFilter,
        "status",
        "fund_level",
        "donor_kind",
        ward_filter("ward"),
        "publish_donor_name",
        "is_demo",
    )
    list_select_related = ("ward",)
    folded_search_fields = ("donor_name",)
    code_search_fields = ("receipt_number",)
    sort_matches_when_searched = True
    autocomplete_fields = ("ward",)
    ordering = ("-date", "-id")


@admin.register(Household)
class HouseholdAdmin(LargeListMixin, SpreadsheetExportMixin, CampaignRecordAdmin):
    resource_classes = [resources.HouseholdResource]
    list_display = (
        "head_name",
        "status",
        "ward",
        "residential_area",
        "members",
        "household_status",
        "publication_consent",
        "status",
    )
    list_filter = (
        "household_status",
        "publication_consent",
        "status",
        ward_filter("ward"),
        "is_demo",
    )
    list_select_related = ("ward", "residential_area__ward")
    folded_search_fields = ("head_name",)
    code_search_fields = ("id_number", "phone")
    autocomplete_fields = ("ward", "residential_area")
    ordering = ("ward__code", "head_name")


@admin.register(Support)
class SupportAdmin(LargeListMixin, SpreadsheetAdminMixin, CampaignRecordAdmin):
    resource_classes = [resources.SupportResource]
    list_display = (
        "date",
        "status",
        "ward",
        "residential_area",
        "category",
        "household",
        "amount",
    )
    list_filter = (
        DateYearFilter,
        "category",
        "status",
        "fund_level",
        ward_filter("ward"),
        "is_demo",
    )
    list_select_related = ("ward", "residential_area__ward", "household__ward")
    # The household head only: with the area's name beside it, each word became an
    # array of some 40,000 households or areas checked row by row (9 s, issue 17);
    # the ward filter and the area's own list find an area's supports.
    folded_search_fields = ("household__head_name",)
    code_search_fields = ("decision_number",)
    sort_matches_when_searched = True
    autocomplete_fields = ("ward", "residential_area", "household")
    ordering = ("-date", "-id")


@admin.register(FundBalanceEntry)
class FundBalanceEntryAdmin(SpreadsheetExportMixin, CampaignRecordAdmin):
    """A ward fund's first opening balance and its transfers between fund levels."""

    resource_classes = [resources.FundBalanceEntryResource]
    list_display = ("date", "ward", "kind", "amount", "counterpart", "status")
    list_filter = (
        "kind",
        "status",
        ("ward", admin.RelatedOnlyFieldListFilter),
        "is_demo",
    )
    list_select_related = ("ward",)
    search_fields = ("counterpart", "document_number")
    autocomplete_fields = ("ward",)
    date_hierarchy = "date"
    ordering = ("-date", "-id")
