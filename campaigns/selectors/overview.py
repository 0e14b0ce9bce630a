"""Headline figures: a year's results, fund and roads for the city, a unit or every unit."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Min, Q

from campaigns.cache import cached
from campaigns.models import Ward
from campaigns.models.choices import CommunityWorkKindChoices
from campaigns.models.summaries import FUND_COLUMNS, ResultSummary, WorkSummary
from campaigns.selectors.base import _aggregate, _grouped, _key, _sum, metres_to_km
from campaigns.selectors.fund import _fund_by_unit
from campaigns.selectors.sources import (
    FUND_SUMMED,
    RESULT_SUMMED,
    _fund_summary,
    _result_summary,
    _work_summary,
)
from campaigns.selectors.totals import (
    FundTotals,
    ResultTotals,
    StandardRef,
    _result_totals,
)
from campaigns.selectors.units import WardRef, _in_map, _units_and_map


@dataclass(frozen=True)
class CityOverview:
    """Headline figures of `year` and cumulated from `first_year` to `year`."""

    year: int
    first_year: int | None
    results: ResultTotals
    standards: tuple[StandardRef, ...]
    fund_year: FundTotals
    fund_cumulative: FundTotals
    roads_m_year: int
    roads_m_cumulative: int

    @property
    def has_data(self) -> bool:
        return self.results.has_data or self.fund_year.has_data or self.roads_m_year > 0

    @property
    def roads_km_year(self) -> Decimal:
        return metres_to_km(self.roads_m_year)

    @property
    def roads_km_cumulative(self) -> Decimal:
        return metres_to_km(self.roads_m_cumulative)


@dataclass(frozen=True)
class WardSummary:
    ward: WardRef
    results: ResultTotals
    fund: FundTotals
    roads_m: int

    @property
    def roads_km(self) -> Decimal:
        return metres_to_km(self.roads_m)


def city_overview(*, year: int, ward: Ward | None = None) -> CityOverview:
    """Headline figures of `year` for the city (or one unit), and fund/houses/roads since the start."""

    def compute():
        results = _result_totals(
            _aggregate(_result_summary(year=year, ward=ward), **RESULT_SUMMED)
        )
        standard_rows = (
            _result_summary(year=year, ward=ward)
            .values(
                "poverty_standard__code",
                "poverty_standard__name",
                "poverty_standard__valid_from_year",
                "poverty_standard__valid_to_year",
                "poverty_standard__confirmed",
            )
            .filter(poverty_standard__isnull=False)
            .distinct()
            .order_by("poverty_standard__valid_from_year")
        )
        standards = tuple(
            StandardRef(
                row["poverty_standard__code"],
                row["poverty_standard__name"],
                row["poverty_standard__valid_from_year"],
                row["poverty_standard__valid_to_year"],
                row["poverty_standard__confirmed"],
            )
            for row in standard_rows
        )
        in_year = Q(year=year)
        fund = _aggregate(
            _fund_summary(ward=ward).filter(year__lte=year),
            first=Min("year"),
            **{f"{name}_year": _sum(name, filter=in_year) for name in FUND_COLUMNS},
            **FUND_SUMMED,
        )
        roads = _aggregate(
            _work_summary(ward=ward).filter(
                year__lte=year, kind=CommunityWorkKindChoices.ROAD
            ),
            year=_sum("length_m", filter=Q(year=year)),
            all=_sum("length_m"),
        )
        first_year = (
            _result_summary(ward=ward)
            .filter(year__lte=year)
            .aggregate(first=Min("year"))
        )["first"]
        firsts = [y for y in (first_year, fund["first"]) if y is not None]
        return CityOverview(
            year=year,
            first_year=min(firsts) if firsts else None,
            results=results,
            standards=standards,
            fund_year=FundTotals(
                **{name: fund[f"{name}_year"] for name in FUND_COLUMNS}
            ),
            fund_cumulative=FundTotals(**{name: fund[name] for name in FUND_COLUMNS}),
            roads_m_year=roads["year"],
            roads_m_cumulative=roads["all"],
        )

    return cached("city-overview", year, _key(ward), compute=compute)


def ward_summaries(*, year: int, page: int | None = None) -> tuple[WardSummary, ...]:
    """One row per unit in force in `year`: results, ward-fund totals and roads built."""

    def compute():
        units, unit_of = _units_and_map(year, page)
        results = defaultdict(lambda: defaultdict(int))
        for row in _grouped(
            _in_map(
                ResultSummary.objects.filter(year=year, ward__isnull=False),
                unit_of,
                page,
            ),
            "ward",
            **RESULT_SUMMED,
        ):
            unit = unit_of.get(row["ward"])
            if unit is not None:
                for name in RESULT_SUMMED:
                    results[unit][name] += row[name]
        roads = defaultdict(int)
        for row in _grouped(
            _in_map(
                WorkSummary.objects.filter(
                    year=year, ward__isnull=False, kind=CommunityWorkKindChoices.ROAD
                ),
                unit_of,
                page,
            ),
            "ward",
            length=_sum("length_m"),
        ):
            unit = unit_of.get(row["ward"])
            if unit is not None:
                roads[unit] += row["length"]
        fund = _fund_by_unit(year, page)
        return tuple(
            WardSummary(
                ward=ref,
                results=_result_totals(results.get(ref.pk)),
                fund=fund.get(ref.pk, FundTotals()),
                roads_m=roads[ref.pk],
            )
            for ref in units
        )

    return cached("ward-summaries", year, page, compute=compute)
