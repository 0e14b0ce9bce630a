"""Community works and commendations."""

from django.utils.translation import pgettext_lazy

from campaigns.models import MAX_YEAR, MIN_YEAR, Commendation, CommunityWork
from campaigns.models.choices import (
    CommendationLevelChoices,
    CommunityWorkKindChoices,
    RecipientKindChoices,
)
from campaigns.spreadsheets.columns import Col, ResidentialAreaWidget
from campaigns.spreadsheets.importing import CampaignResource
from campaigns.spreadsheets.resources.common import status_column, ward_columns
from campaigns.spreadsheets.widgets import (
    ChoiceWidget,
    CountWidget,
    DateWidget,
    MoneyWidget,
    YearWidget,
)

# --- Community works and commendations -----------------------------------------------


class CommunityWorkResource(CampaignResource):
    year = Col("year", pgettext_lazy("column", "Year"), YearWidget(), required=True)
    ward, ward_name = ward_columns()
    residential_area = Col(
        "residential_area",
        pgettext_lazy("column", "Residential area"),
        ResidentialAreaWidget(),
        path="residential_area__name",
    )
    name = Col("name", pgettext_lazy("column", "Name of the work"), required=True)
    kind = Col(
        "kind",
        pgettext_lazy("column", "Kind of work"),
        ChoiceWidget(CommunityWorkKindChoices),
        required=True,
    )
    length_m = Col("length_m", pgettext_lazy("column", "Length (m)"), CountWidget())
    area_m2 = Col("area_m2", pgettext_lazy("column", "Area (m²)"), CountWidget())
    people_money = Col(
        "people_money",
        pgettext_lazy("column", "People's money (VND)"),
        MoneyWidget(),
        default=0,
    )
    labour_days = Col(
        "labour_days", pgettext_lazy("column", "Labour days"), CountWidget(), default=0
    )
    land_donated_m2 = Col(
        "land_donated_m2",
        pgettext_lazy("column", "Land donated (m²)"),
        CountWidget(),
        default=0,
    )
    state_budget = Col(
        "state_budget",
        pgettext_lazy("column", "State budget (VND)"),
        MoneyWidget(),
        default=0,
    )
    other_funding = Col(
        "other_funding",
        pgettext_lazy("column", "Other funding (VND)"),
        MoneyWidget(),
        default=0,
    )
    completion_date = Col(
        "completion_date", pgettext_lazy("column", "Completion date"), DateWidget()
    )
    note = Col("note", pgettext_lazy("column", "Note"))
    status = status_column()

    day_fields = ("year",)
    constraint_checks = {
        "community_work_year_range": (lambda o: MIN_YEAR <= o.year <= MAX_YEAR, "year"),
        "community_work_road_has_length": (
            lambda o: (
                o.kind != CommunityWorkKindChoices.ROAD
                or (o.length_m is not None and o.length_m > 0)
            ),
            "length_m",
        ),
    }

    class Meta(CampaignResource.Meta):
        model = CommunityWork
        fields = (
            "year",
            "ward",
            "ward_name",
            "residential_area",
            "name",
            "kind",
            "length_m",
            "area_m2",
            "people_money",
            "labour_days",
            "land_donated_m2",
            "state_budget",
            "other_funding",
            "completion_date",
            "note",
            "status",
        )
        import_id_fields = ("ward", "year", "name", "completion_date")


class CommendationResource(CampaignResource):
    year = Col("year", pgettext_lazy("column", "Year"), YearWidget(), required=True)
    level = Col(
        "level",
        pgettext_lazy("column", "Level of commendation"),
        ChoiceWidget(CommendationLevelChoices),
        required=True,
    )
    recipient_kind = Col(
        "recipient_kind",
        pgettext_lazy("column", "Recipient kind"),
        ChoiceWidget(RecipientKindChoices),
        required=True,
    )
    recipient_name = Col(
        "recipient_name", pgettext_lazy("column", "Recipient"), required=True
    )
    ward, ward_name = ward_columns()
    residential_area = Col(
        "residential_area",
        pgettext_lazy("column", "Residential area"),
        ResidentialAreaWidget(),
        path="residential_area__name",
    )
    form = Col("form", pgettext_lazy("column", "Form of commendation"), required=True)
    decision_number = Col("decision_number", pgettext_lazy("column", "Decision number"))
    reason = Col("reason", pgettext_lazy("column", "Achievement"))
    status = status_column()

    day_fields = ("year",)
    ward_required = False
    constraint_checks = {
        "commendation_year_range": (lambda o: MIN_YEAR <= o.year <= MAX_YEAR, "year"),
    }

    class Meta(CampaignResource.Meta):
        model = Commendation
        fields = (
            "year",
            "level",
            "recipient_kind",
            "recipient_name",
            "ward",
            "ward_name",
            "residential_area",
            "form",
            "decision_number",
            "reason",
            "status",
        )
        import_id_fields = ("year", "level", "ward", "recipient_name", "form")
