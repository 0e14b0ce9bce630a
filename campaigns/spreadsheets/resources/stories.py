"""Good examples, exported only: leaders export the list as every other; stories are
written in the admin, with their photos, never imported."""

from django.utils.translation import pgettext_lazy

from campaigns.models import Story
from campaigns.models.choices import StoryKindChoices
from campaigns.spreadsheets.columns import Col
from campaigns.spreadsheets.importing import CampaignResource
from campaigns.spreadsheets.resources.common import (
    ExportOnlyResource,
    status_column,
    ward_columns,
)
from campaigns.spreadsheets.widgets import (
    ChoiceWidget,
    DateWidget,
    YearWidget,
    YesNoWidget,
)


class StoryResource(ExportOnlyResource):
    year = Col("year", pgettext_lazy("column", "Year"), YearWidget())
    kind = Col(
        "kind",
        pgettext_lazy("column", "Kind of good example"),
        ChoiceWidget(StoryKindChoices),
    )
    title = Col("title", pgettext_lazy("column", "Title"))
    ward, ward_name = ward_columns(readonly=True)
    residential_area = Col(
        "residential_area__name", pgettext_lazy("column", "Residential area")
    )
    summary = Col("summary", pgettext_lazy("column", "Summary"))
    names_private_person = Col(
        "names_private_person",
        pgettext_lazy("column", "Names a private person"),
        YesNoWidget(),
    )
    # Whether and when consent was recorded; not who gave it (a private person).
    consent_recorded_at = Col(
        "consent_recorded_at",
        pgettext_lazy("column", "Consent recorded on"),
        DateWidget(),
    )
    status = status_column()

    class Meta(CampaignResource.Meta):
        model = Story
        fields = (
            "year",
            "kind",
            "title",
            "ward",
            "ward_name",
            "residential_area",
            "summary",
            "names_private_person",
            "consent_recorded_at",
            "status",
        )
