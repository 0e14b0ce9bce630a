"""The approving bodies, exported only."""

from django.utils.translation import pgettext_lazy

from campaigns.models import ApprovingBody
from campaigns.spreadsheets.columns import Col
from campaigns.spreadsheets.importing import CampaignResource
from campaigns.spreadsheets.resources.common import ExportOnlyResource
from campaigns.spreadsheets.widgets import YearWidget, YesNoWidget


class ApprovingBodyResource(ExportOnlyResource):
    name = Col("name", pgettext_lazy("column", "Name"))
    level = Col("level", pgettext_lazy("column", "Level"))
    ward = Col("ward__name", pgettext_lazy("column", "Unit approved"))
    approves = Col("approves", pgettext_lazy("column", "Approves"), YesNoWidget())
    first_year = Col("first_year", pgettext_lazy("column", "First year"), YearWidget())
    last_year = Col("last_year", pgettext_lazy("column", "Last year"), YearWidget())
    source = Col("source", pgettext_lazy("column", "Source"))

    class Meta(CampaignResource.Meta):
        model = ApprovingBody
        fields = (
            "name",
            "level",
            "ward",
            "approves",
            "first_year",
            "last_year",
            "source",
        )
