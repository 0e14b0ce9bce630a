"""Ward-staff accounts and their wards, exported only."""

from django.utils.translation import pgettext_lazy

from campaigns.models import StaffScope
from campaigns.spreadsheets.columns import Col
from campaigns.spreadsheets.importing import CampaignResource
from campaigns.spreadsheets.resources.common import ExportOnlyResource


class StaffScopeResource(ExportOnlyResource):
    username = Col("user__username", pgettext_lazy("column", "Account"))
    full_name = Col("user__last_name", pgettext_lazy("column", "Full name"))
    wards = Col("wards", pgettext_lazy("column", "Wards"))

    class Meta(CampaignResource.Meta):
        model = StaffScope
        fields = ("username", "full_name", "wards")

    def iter_export(self, queryset=None, selected_fields=None):
        fields = self.get_export_fields(selected_fields)
        queryset = self.exportable(queryset)
        for scope in queryset.select_related("user").prefetch_related("wards"):
            values = {
                "user__username": scope.user.username,
                "user__last_name": scope.user.get_full_name(),
                "wards": "; ".join(f"{w.code} {w.name}" for w in scope.wards.all()),
            }
            yield [values[field.path] for field in fields]
