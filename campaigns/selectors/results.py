"""Yearly results of residential areas (AnnualResult) and the poverty trend."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max, Min, OuterRef, Subquery

from campaigns.cache import cached
from campaigns.models import AnnualResult, RatingGrade, Ward
from campaigns.models.catalogue import unconfirmed_label
from campaigns.models.units import natural_order
from campaigns.selectors.base import _grouped, _key
from campaigns.selectors.directory import AreaDetail
from campaigns.selectors.sources import RESULT_SUMMED, _result_summary, _results
from campaigns.selectors.totals import (
    NO_STANDARD,
    HouseholdRates,
    NoStandard,
    ResultTotals,
    _result_totals,
)
from campaigns.selectors.years import poverty_standards


@dataclass(frozen=True)
class AreaSummary(HouseholdRates):
    """One residential area's approved result of a year."""

    slug: str
    name: str
    ward_name: str
    ward_slug: str
    households: int
    cultural_families_recognised: int
    cultural_title: bool
    poor_households: int
    near_poor_households: int
    festival_held: bool
    committee_score: int | None
    committee_grade: str
    cultural_families_three_years: int | None
    standard_missing: bool = False
    kind: str = ""
    valid_to: datetime.date | None = None  # pages mark an ended area "đến dd/mm/yyyy"


@dataclass(frozen=True)
class YearResults:
    """Totals of one year; `standard_codes` are the poverty standards the year was
    counted under (`NO_STANDARD` for results counted under none)."""

    year: int
    standard_codes: tuple[str | NoStandard, ...]
    totals: ResultTotals


@dataclass(frozen=True)
class AreaYear(HouseholdRates):
    year: int
    standard_code: str | NoStandard
    households: int
    cultural_families_registered: int
    cultural_families_recognised: int
    cultural_title: bool
    poor_households: int
    near_poor_households: int
    festival_held: bool
    committee_score: int | None
    committee_grade: str
    cultural_families_three_years: int | None

    @property
    def standard_missing(self) -> bool:
        return self.standard_code is NO_STANDARD


@dataclass(frozen=True)
class TrendPoint:
    """One year of the poverty trend; `breaks` is True where the standard changed
    (a year counted under no standard breaks the line on both sides)."""

    year: int
    standard_code: str | NoStandard
    poor_rate: Decimal | NoStandard | None
    near_poor_rate: Decimal | NoStandard | None
    breaks: bool
    previous_standard_code: str | NoStandard = ""


def _grade_subquery(score_path: str):
    return Subquery(
        RatingGrade.objects.filter(
            min_score__lte=OuterRef(score_path), max_score__gte=OuterRef(score_path)
        )
        .order_by("-min_score")
        .values("name")[:1]
    )


# The columns of one residential area's yearly result that its rows show.
AREA_RESULT_FIELDS = (
    "households",
    "cultural_families_recognised",
    "cultural_title",
    "poor_households",
    "near_poor_households",
    "festival_held",
    "committee_score",
    "cultural_families_three_years",
)


def _area_result_values(queryset, *extra: str):
    return queryset.annotate(grade=_grade_subquery("committee_score")).values(
        *extra, *AREA_RESULT_FIELDS, "grade"
    )


def _standard_label(row: dict) -> str | NoStandard:
    if row["poverty_standard__code"] is None:
        return NO_STANDARD
    return unconfirmed_label(
        row["poverty_standard__code"], row["poverty_standard__confirmed"]
    )


def _area_result_kwargs(row: dict) -> dict:
    return {
        **{name: row[name] for name in AREA_RESULT_FIELDS},
        "committee_grade": row["grade"] or "",
    }


def area_summaries(*, year: int, ward: Ward | None = None) -> tuple[AreaSummary, ...]:
    """One row per approved residential-area result of `year` (of the city or one unit)."""

    def compute():
        rows = _area_result_values(
            _results(year=year, ward=ward).order_by(
                "residential_area__ward__code",
                *natural_order("residential_area__"),
            ),
            "residential_area__slug",
            "residential_area__name",
            "residential_area__ward__name",
            "residential_area__ward__slug",
            "poverty_standard_id",
            "residential_area__kind",
            "residential_area__valid_to",
        )
        return tuple(
            AreaSummary(
                slug=row["residential_area__slug"],
                name=row["residential_area__name"],
                ward_name=row["residential_area__ward__name"],
                ward_slug=row["residential_area__ward__slug"],
                standard_missing=row["poverty_standard_id"] is None,
                kind=row["residential_area__kind"],
                valid_to=row["residential_area__valid_to"],
                **_area_result_kwargs(row),
            )
            for row in rows
        )

    return cached("area-summaries", year, _key(ward), compute=compute)


def results_by_year(*, ward: Ward | None = None) -> tuple[YearResults, ...]:
    """Totals of approved yearly results per year (city or one unit, rolled up), ascending."""

    def compute():
        rows = _grouped(
            _result_summary(ward=ward),
            "year",
            order=("year",),
            **RESULT_SUMMED,
            first_standard=Min("poverty_standard__valid_from_year"),
            last_standard=Max("poverty_standard__valid_from_year"),
        )
        code_from = {ref.valid_from_year: ref.label for ref in poverty_standards()}
        return tuple(
            YearResults(
                year=row["year"],
                standard_codes=tuple(
                    code_from[start]
                    for start in dict.fromkeys(
                        [row["first_standard"], row["last_standard"]]
                    )
                    if start is not None
                )
                + ((NO_STANDARD,) if row["no_standard_areas"] else ()),
                totals=_result_totals(row),
            )
            for row in rows
        )

    return cached("results-by-year", _key(ward), compute=compute)


def area_results_by_year(*, area: AreaDetail) -> tuple[AreaYear, ...]:
    """One approved residential area's yearly results, ascending."""

    def compute():
        rows = _area_result_values(
            AnnualResult.objects.published()
            .filter(residential_area_id=area.pk)
            .order_by("year"),
            "year",
            "poverty_standard__code",
            "poverty_standard__confirmed",
            "cultural_families_registered",
        )
        return tuple(
            AreaYear(
                year=row["year"],
                standard_code=_standard_label(row),
                cultural_families_registered=row["cultural_families_registered"],
                **_area_result_kwargs(row),
            )
            for row in rows
        )

    return cached("area-results", area.pk, compute=compute)


def poverty_rate_trend(
    *, ward: Ward | None = None, area: AreaDetail | None = None
) -> tuple[TrendPoint, ...]:
    """Poor and near-poor rates per year; `breaks` marks a year counted under a new standard.

    Rates under different standards are not comparable, so charts start a new line there.
    A year counted under two standards at once (mixed data) is shown under the later one;
    a year with results counted under no standard is shown as `NO_STANDARD`.
    """
    if area is not None:
        series = [
            (row.year, row.standard_code, row.poor_rate, row.near_poor_rate)
            for row in area_results_by_year(area=area)
        ]
    else:
        series = [
            (
                row.year,
                row.standard_codes[-1],
                row.totals.poor_rate,
                row.totals.near_poor_rate,
            )
            for row in results_by_year(ward=ward)
        ]
    points, previous = [], ""
    for year, code, poor, near_poor in series:
        breaks = bool(previous) and code != previous
        points.append(
            TrendPoint(
                year=year,
                standard_code=code,
                poor_rate=poor,
                near_poor_rate=near_poor,
                breaks=breaks,
                previous_standard_code=previous if breaks else "",
            )
        )
        previous = code
    return tuple(points)
