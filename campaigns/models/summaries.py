"""Precomputed yearly aggregates of approved records: the summary tables public pages read.

Refreshed by `campaigns.services.summaries`; see there for when.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The cultural-family and civilised-lifestyle sums (AnnualResult fields of the same
# names, NULL counted as 0), and the areas that counted their civilised weddings.
CULTURAL_COLUMNS = (
    "cultural_families_registered",
    "cultural_families_three_years",
    "civilised_weddings",
    "civilised_funerals",
    "civilised_festivals",
    "civilised_reporting",
)
RESULT_COLUMNS = (
    "areas",
    "households",
    "cultural_families_recognised",
    "cultural_title_areas",
    "poor_households",
    "near_poor_households",
    "festival_areas",
    "festival_participants",
    *CULTURAL_COLUMNS,
)
# Dates of the festival, taken MIN/MAX (not summed) into the whole-portal rows.
RESULT_DATE_COLUMNS = ("festival_first", "festival_last")


class ResultSummary(models.Model):
    """Sums of approved yearly results per ward, year and poverty standard (ward NULL: all)."""

    ward = models.ForeignKey(
        "campaigns.Ward",
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
        verbose_name=_("ward or commune"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    poverty_standard = models.ForeignKey(
        "campaigns.PovertyStandard",
        on_delete=models.CASCADE,
        null=True,  # results of a year no standard covers yet
        related_name="+",
        verbose_name=_("poverty standard"),
    )
    areas = models.PositiveIntegerField(default=0)
    households = models.PositiveBigIntegerField(default=0)
    cultural_families_recognised = models.PositiveBigIntegerField(default=0)
    cultural_title_areas = models.PositiveIntegerField(default=0)
    poor_households = models.PositiveBigIntegerField(default=0)
    near_poor_households = models.PositiveBigIntegerField(default=0)
    festival_areas = models.PositiveIntegerField(default=0)
    # The festival's other figures (of results that held it), so its pages read these
    # rows instead of a year's raw results.
    festival_participants = models.PositiveBigIntegerField(default=0)
    festival_first = models.DateField(null=True)
    festival_last = models.DateField(null=True)
    # The cultural-family page's figures, for the same reason (issue 17).
    cultural_families_registered = models.PositiveBigIntegerField(default=0)
    cultural_families_three_years = models.PositiveBigIntegerField(default=0)
    civilised_weddings = models.PositiveBigIntegerField(default=0)
    civilised_funerals = models.PositiveBigIntegerField(default=0)
    civilised_festivals = models.PositiveBigIntegerField(default=0)
    civilised_reporting = models.PositiveIntegerField(default=0)
    last_approved_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("yearly result summary")
        verbose_name_plural = _("yearly result summaries")
        ordering = ["year", "ward"]
        indexes = [
            models.Index(fields=["year", "ward"], name="result_summary_year_ward"),
            models.Index(fields=["ward", "year"], name="result_summary_ward_year"),
        ]

    def __str__(self):
        return f"{self.ward_id or '*'} {self.year}"


class GoalSummary(models.Model):
    """Areas reporting and achieving each goal, per ward and year (ward NULL: all)."""

    ward = models.ForeignKey(
        "campaigns.Ward",
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
        verbose_name=_("ward or commune"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    goal = models.ForeignKey(
        "campaigns.Goal",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("goal"),
    )
    reporting = models.PositiveIntegerField(default=0)
    achieved = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("goal summary")
        verbose_name_plural = _("goal summaries")
        ordering = ["year", "ward", "goal"]
        indexes = [
            models.Index(fields=["year", "ward"], name="goal_summary_year_ward"),
            models.Index(fields=["ward", "year"], name="goal_summary_ward_year"),
        ]

    def __str__(self):
        return f"{self.ward_id or '*'} {self.year} {self.goal_id}"


FUND_COLUMNS = (
    "raised",
    "in_kind",
    "donations",
    "spent",
    "supports",
    "houses_built",
    "houses_repaired",
)


class FundSummary(models.Model):
    """Approved donations and supports per ward and year of their date.

    `ward` NULL and `is_total` false: the city fund (donations that belong to no ward);
    `is_total` true: every approved fund record of the year, city and wards together.
    """

    ward = models.ForeignKey(
        "campaigns.Ward",
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
        verbose_name=_("ward or commune"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    is_total = models.BooleanField(default=False)
    raised = models.PositiveBigIntegerField(default=0)
    in_kind = models.PositiveBigIntegerField(default=0)
    donations = models.PositiveIntegerField(default=0)
    spent = models.PositiveBigIntegerField(default=0)
    supports = models.PositiveIntegerField(default=0)
    houses_built = models.PositiveIntegerField(default=0)
    houses_repaired = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("fund summary")
        verbose_name_plural = _("fund summaries")
        ordering = ["year", "ward"]
        indexes = [
            models.Index(fields=["year", "ward"], name="fund_summary_year_ward"),
            models.Index(fields=["ward", "year"], name="fund_summary_ward_year"),
            # The whole-portal rows: 15 of them among 150,000 at nation scale.
            models.Index(
                fields=["year"],
                condition=models.Q(is_total=True),
                name="fund_summary_total_year",
            ),
        ]

    def __str__(self):
        return f"{self.ward_id or ('*' if self.is_total else '-')} {self.year}"


WORK_COLUMNS = (
    "works",
    "length_m",
    "area_m2",
    "people_money",
    "labour_days",
    "land_donated_m2",
    "state_budget",
    "other_funding",
)


class WorkSummary(models.Model):
    """Approved community works per ward, year and kind (ward NULL: all wards)."""

    ward = models.ForeignKey(
        "campaigns.Ward",
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
        verbose_name=_("ward or commune"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind of work"), max_length=20)
    works = models.PositiveIntegerField(default=0)
    length_m = models.PositiveBigIntegerField(default=0)
    area_m2 = models.PositiveBigIntegerField(default=0)
    people_money = models.PositiveBigIntegerField(default=0)
    labour_days = models.PositiveBigIntegerField(default=0)
    land_donated_m2 = models.PositiveBigIntegerField(default=0)
    state_budget = models.PositiveBigIntegerField(default=0)
    other_funding = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("community work summary")
        verbose_name_plural = _("community work summaries")
        ordering = ["year", "ward", "kind"]
        indexes = [
            models.Index(fields=["year", "ward"], name="work_summary_year_ward"),
            models.Index(fields=["ward", "year"], name="work_summary_ward_year"),
        ]

    def __str__(self):
        return f"{self.ward_id or '*'} {self.year} {self.kind}"
