"""Reference lists, exported only: contents, goals, poverty standards, rating grades."""

from django.utils.translation import pgettext_lazy

from campaigns.models import Content, Goal, PovertyStandard, RatingGrade
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
