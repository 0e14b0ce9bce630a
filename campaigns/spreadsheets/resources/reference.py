"""Reference lists, exported only: contents, goals, poverty standards, rating grades."""

from django.utils.translation import pgettext_lazy

from campaigns.models import (
    CampaignPhase,
    Content,
    Goal,
    GoalSet,
    PovertyStandard,
    RatingGrade,
    TitleDefinition,
)
from campaigns.spreadsheets.columns import Col
from campaigns.spreadsheets.importing import CampaignResource
from campaigns.spreadsheets.resources.common import ExportOnlyResource
from campaigns.spreadsheets.widgets import (
    CountWidget,
    MoneyWidget,
    YearWidget,
    YesNoWidget,
)


class ContentResource(ExportOnlyResource):
    number = Col("number", pgettext_lazy("column", "Number"), CountWidget())
    short_name = Col("short_name", pgettext_lazy("column", "Short name"))
    name = Col("name", pgettext_lazy("column", "Full wording"))

    class Meta(CampaignResource.Meta):
        model = Content
        fields = ("number", "short_name", "name")


class GoalResource(ExportOnlyResource):
    number = Col("number", pgettext_lazy("column", "Number"), CountWidget())
    content = Col(
        "content__number", pgettext_lazy("column", "Content number"), CountWidget()
    )
    name = Col("name", pgettext_lazy("column", "Goal name"))
    measure = Col("measure", pgettext_lazy("column", "How it is measured"))
    target = Col("target", pgettext_lazy("column", "Target"))

    class Meta(CampaignResource.Meta):
        model = Goal
        fields = ("number", "content", "name", "measure", "target")


class PovertyStandardResource(ExportOnlyResource):
    code = Col("code", pgettext_lazy("column", "Legal document"))
    name = Col("name", pgettext_lazy("column", "Name"))
    valid_from_year = Col(
        "valid_from_year", pgettext_lazy("column", "First year"), YearWidget()
    )
    valid_to_year = Col(
        "valid_to_year", pgettext_lazy("column", "Last year"), YearWidget()
    )
    rural_poor_income = Col(
        "rural_poor_income",
        pgettext_lazy("column", "Rural poverty line (VND/person/month)"),
        MoneyWidget(),
    )
    urban_poor_income = Col(
        "urban_poor_income",
        pgettext_lazy("column", "Urban poverty line (VND/person/month)"),
        MoneyWidget(),
    )
    rural_near_poor_income = Col(
        "rural_near_poor_income",
        pgettext_lazy("column", "Rural near-poverty line (VND/person/month)"),
        MoneyWidget(),
    )
    urban_near_poor_income = Col(
        "urban_near_poor_income",
        pgettext_lazy("column", "Urban near-poverty line (VND/person/month)"),
        MoneyWidget(),
    )
    description = Col("description", pgettext_lazy("column", "Description"))

    class Meta(CampaignResource.Meta):
        model = PovertyStandard
        fields = (
            "code",
            "name",
            "valid_from_year",
            "valid_to_year",
            "rural_poor_income",
            "urban_poor_income",
            "rural_near_poor_income",
            "urban_near_poor_income",
            "description",
        )


class RatingGradeResource(ExportOnlyResource):
    name = Col("name", pgettext_lazy("column", "Grade"))
    min_score = Col("min_score", pgettext_lazy("column", "Lowest score"), CountWidget())
    max_score = Col(
        "max_score", pgettext_lazy("column", "Highest score"), CountWidget()
    )
    is_strong = Col(
        "is_strong",
        pgettext_lazy("column", "Counts as a strong committee"),
        YesNoWidget(),
    )

    class Meta(CampaignResource.Meta):
        model = RatingGrade
        fields = ("name", "min_score", "max_score", "is_strong")


def _first_year():
    return Col("valid_from_year", pgettext_lazy("column", "First year"), YearWidget())


def _last_year():
    return Col("valid_to_year", pgettext_lazy("column", "Last year"), YearWidget())


def _source():
    return Col("source", pgettext_lazy("column", "Source"))


def _confirmed():
    return Col("confirmed", pgettext_lazy("column", "Confirmed"), YesNoWidget())


class CampaignPhaseResource(ExportOnlyResource):
    name = Col("name", pgettext_lazy("column", "Campaign name"))
    launched_by = Col("launched_by", pgettext_lazy("column", "Launched by"))
    valid_from_year = _first_year()
    valid_to_year = _last_year()
    source = _source()
    confirmed = _confirmed()

    class Meta(CampaignResource.Meta):
        model = CampaignPhase
        fields = (
            "name",
            "launched_by",
            "valid_from_year",
            "valid_to_year",
            "source",
            "confirmed",
        )


class GoalSetResource(ExportOnlyResource):
    name = Col("name", pgettext_lazy("column", "Name"))
    set_by = Col("set_by", pgettext_lazy("column", "Set by"))
    valid_from_year = _first_year()
    valid_to_year = _last_year()
    source = _source()
    confirmed = _confirmed()

    class Meta(CampaignResource.Meta):
        model = GoalSet
        fields = (
            "name",
            "set_by",
            "valid_from_year",
            "valid_to_year",
            "source",
            "confirmed",
        )


class TitleDefinitionResource(ExportOnlyResource):
    name = Col("name", pgettext_lazy("column", "Title"))
    holder = Col("holder", pgettext_lazy("column", "Awarded to"))
    legal_basis = Col("legal_basis", pgettext_lazy("column", "Legal document"))
    valid_from_year = _first_year()
    valid_to_year = _last_year()
    source = _source()
    confirmed = _confirmed()

    class Meta(CampaignResource.Meta):
        model = TitleDefinition
        fields = (
            "name",
            "holder",
            "legal_basis",
            "valid_from_year",
            "valid_to_year",
            "source",
            "confirmed",
        )
