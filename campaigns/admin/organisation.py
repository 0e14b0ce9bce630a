"""Admin of the approving bodies: which Front committee approves which unit's years."""

from django.contrib import admin

from campaigns.access.admin import ScopedAdminMixin
from campaigns.admin.base import TIMESTAMPS, ReadableHistoryAdmin
from campaigns.admin.spreadsheets import SpreadsheetExportMixin
from campaigns.models import ApprovingBody
from campaigns.spreadsheets import resources


@admin.register(ApprovingBody)
class ApprovingBodyAdmin(
    ScopedAdminMixin, SpreadsheetExportMixin, ReadableHistoryAdmin
):
    resource_classes = [resources.ApprovingBodyResource]
    list_display = ("name", "level", "ward", "approves", "first_year", "last_year")
    list_filter = ("level", "approves")
    list_select_related = ("ward",)
    search_fields = ("name",)
    autocomplete_fields = ("ward",)
    ordering = ("first_year", "level", "name")
    readonly_fields = TIMESTAMPS
