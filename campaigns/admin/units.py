"""Admins of units (phường/xã), their successions and residential areas."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from campaigns.access.admin import ScopedAdminMixin, ScopedInlineMixin
from campaigns.admin.base import (
    TIMESTAMPS,
    CampaignRecordAdmin,
    ReadableHistoryAdmin,
    WardInForceFilter,
)
from campaigns.admin.spreadsheets import (
    SpreadsheetAdminMixin,
    SpreadsheetExportMixin,
)
from campaigns.models import (
    ResidentialArea,
    Ward,
    WardSuccession,
)
from campaigns.models.units import natural_order
from campaigns.spreadsheets import resources


class WardSuccessionInline(ScopedInlineMixin, admin.TabularInline):
    model = WardSuccession
    fk_name = "successor"
    extra = 0
    autocomplete_fields = ("predecessor",)
    verbose_name = _("former unit merged into this one")
    verbose_name_plural = _("former units merged into this one")


@admin.register(Ward)
class WardAdmin(ScopedAdminMixin, SpreadsheetExportMixin, ReadableHistoryAdmin):
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
class WardSuccessionAdmin(
    ScopedAdminMixin, SpreadsheetExportMixin, ReadableHistoryAdmin
):
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
        "status",
        "ward",
        "kind",
        "valid_from",
        "valid_to",
        "is_demo",
    )
    list_filter = ("ward", "kind", "status", "is_demo")
    list_select_related = ("ward",)
    search_fields = ("name", "slug", "ward__name", "ward__code")
    autocomplete_fields = ("ward", "successors")
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("ward__code", "ward__valid_from", *natural_order())
