"""Admins of the poverty fund: donations, households, supports, balance entries."""

from django.contrib import admin

from campaigns.admin.base import (
    CampaignRecordAdmin,
)
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
class DonationAdmin(SpreadsheetAdminMixin, CampaignRecordAdmin):
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
        "status",
        "ward",
        "residential_area",
        "category",
        "household",
        "amount",
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
