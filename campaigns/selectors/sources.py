"""The rows every public figure is read from: published records and summary rows.

`ward=None` means the whole city; a ward means that unit, rolled up from the units
it succeeded (see `_territory_ids`).
"""

from __future__ import annotations

from django.db.models import Count, Q

from campaigns.models import (
    AnnualResult,
    CommunityWork,
    Donation,
    GoalResult,
    Support,
    Ward,
)
from campaigns.models.summaries import (
    FUND_COLUMNS,
    WORK_COLUMNS,
    FundSummary,
    GoalSummary,
    ResultSummary,
    WorkSummary,
)
from campaigns.selectors.base import _sum
from campaigns.selectors.units import _territory_ids


def _results(*, year: int | None = None, ward: Ward | None = None):
    """Approved yearly results of approved residential areas."""
    rows = AnnualResult.objects.published()
    if year is not None:
        rows = rows.for_year(year)
    if ward is not None:
        rows = rows.filter(residential_area__ward__in=_territory_ids(ward))
    return rows


def _goal_results(*, year: int | None = None, ward: Ward | None = None):
    rows = GoalResult.objects.published()
    if year is not None:
        rows = rows.filter(annual_result__year=year)
    if ward is not None:
        rows = rows.filter(
            annual_result__residential_area__ward__in=_territory_ids(ward)
        )
    return rows


def _donations(*, year: int | None = None, ward: Ward | None = None):
    """Approved donations; for a unit only its own ward fund (the city fund has no ward)."""
    rows = Donation.objects.published()
    if year is not None:
        rows = rows.for_year(year)
    if ward is not None:
        rows = rows.filter(ward__in=_territory_ids(ward))
    return rows


def _supports(*, year: int | None = None, ward: Ward | None = None):
    rows = Support.objects.published()
    if year is not None:
        rows = rows.for_year(year)
    if ward is not None:
        rows = rows.filter(ward__in=_territory_ids(ward))
    return rows


def _works(*, year: int | None = None, ward: Ward | None = None):
    rows = CommunityWork.objects.published()
    if year is not None:
        rows = rows.for_year(year)
    if ward is not None:
        rows = rows.filter(ward__in=_territory_ids(ward))
    return rows


def _summary_rows(model, *, year: int | None, ward: Ward | None):
    """Rows of a summary table (see `campaigns.summaries`) for the city or one unit.

    `ward=None` reads the whole-portal rows (ward NULL), so a year costs a few rows
    instead of a scan over every record of the year; a unit reads its territory's rows.
    """
    rows = model.objects.all()
    if ward is None:
        rows = rows.filter(ward__isnull=True)
    else:
        rows = rows.filter(ward__in=_territory_ids(ward))
    if year is not None:
        rows = rows.filter(year=year)
    return rows


def _result_summary(*, year: int | None = None, ward: Ward | None = None):
    """Precomputed sums of `_results()` per ward, year and poverty standard."""
    return _summary_rows(ResultSummary, year=year, ward=ward)


def _goal_summary(*, year: int | None = None, ward: Ward | None = None):
    """Precomputed counts of `_goal_results()` per ward, year and goal."""
    return _summary_rows(GoalSummary, year=year, ward=ward)


def _work_summary(*, year: int | None = None, ward: Ward | None = None):
    """Precomputed sums of `_works()` per ward, year and kind."""
    return _summary_rows(WorkSummary, year=year, ward=ward)


def _fund_summary(*, ward: Ward | None = None):
    """Precomputed sums of approved donations and supports per ward and year.

    `ward=None` reads the whole-portal rows (city fund and ward funds); a unit reads its
    own ward fund and the supports paid in it, as `_donations()`/`_supports()` count them.
    The city fund's own rows (ward NULL, not a total) make the whole-portal row differ
    from the other summaries', hence no `_summary_rows()`.
    """
    rows = FundSummary.objects.all()
    if ward is None:
        return rows.filter(is_total=True)
    return rows.filter(is_total=False, ward__in=_territory_ids(ward))


FUND_SUMMED = {name: _sum(name) for name in FUND_COLUMNS}


GOAL_SUMMED = {"reporting": _sum("reporting"), "achieved": _sum("achieved")}

GOAL_COUNTS = {
    "reporting": Count("pk"),
    "achieved": Count("pk", filter=Q(achieved=True)),
}

RESULT_AGGREGATES = {
    "areas": Count("pk"),
    "households": _sum("households"),
    "cultural_families_recognised": _sum("cultural_families_recognised"),
    "cultural_title_areas": Count("pk", filter=Q(cultural_title=True)),
    "poor_households": _sum("poor_households"),
    "near_poor_households": _sum("near_poor_households"),
    "festival_areas": Count("pk", filter=Q(festival_held=True)),
}

# The same figures summed from the summary tables, and the areas counted under no
# poverty standard (their rates are not determined).
RESULT_SUMMED = {
    **{name: _sum(name) for name in RESULT_AGGREGATES},
    "no_standard_areas": _sum("areas", filter=Q(poverty_standard__isnull=True)),
}


# Community works summed from `WorkSummary` (per ward, year and kind).
WORK_AGGREGATES = {name: _sum(name) for name in WORK_COLUMNS}
