"""Admin of ward-staff scopes."""

from django.contrib import admin

from campaigns.access.admin import ScopedAdminMixin
from campaigns.admin.spreadsheets import (
    SpreadsheetExportMixin,
)
from campaigns.models import (
    StaffScope,
)
from campaigns.spreadsheets import resources


@admin.register(StaffScope)
class StaffScopeAdmin(ScopedAdminMixin, SpreadsheetExportMixin, admin.ModelAdmin):
    resource_classes = [resources.StaffScopeResource]
    list_display = ("user",)
    search_fields = ("user__username", "user__first_name", "user__last_name")
    autocomplete_fields = ("user", "wards")
    list_select_related = ("user",)
