"""Community works (CommunityWork): roads, cultural houses, contributions."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from campaigns.cache import cached
from campaigns.models import Ward
from campaigns.models.choices import CommunityWorkKindChoices
from campaigns.models.summaries import WorkSummary
from campaigns.selectors.base import _aggregate, _grouped, _key, _sum, metres_to_km
from campaigns.selectors.sources import WORK_AGGREGATES, _work_summary
from campaigns.selectors.totals import WorkTotals, _work_totals
from campaigns.selectors.units import WardRef, _in_map, _units_and_map


@dataclass(frozen=True)
class WorkKind:
    kind: str
    totals: WorkTotals

    @property
    def label(self) -> str:
        return str(CommunityWorkKindChoices(self.kind).label)


@dataclass(frozen=True)
class WorksSummary:
    """Community works of a year by kind; `total` adds them up."""

    year: int
    kinds: tuple[WorkKind, ...]
    total: WorkTotals
    roads_m: int
    cultural_houses: int

    @property
    def roads_km(self) -> Decimal:
        return metres_to_km(self.roads_m)


@dataclass(frozen=True)
class WardWorks:
    ward: WardRef
    totals: WorkTotals
    roads_m: int
    cultural_houses: int

    @property
    def roads_km(self) -> Decimal:
        return metres_to_km(self.roads_m)


@dataclass(frozen=True)
class WorksYear:
    year: int
    totals: WorkTotals
    roads_m: int
    cultural_houses: int

    @property
    def roads_km(self) -> Decimal:
        return metres_to_km(self.roads_m)


def community_works_summary(*, year: int, ward: Ward | None = None) -> WorksSummary:
    """Approved community works of `year` per kind, with totals, roads and cultural houses."""

    def compute():
        rows = {
            row["kind"]: row
            for row in _grouped(
                _work_summary(year=year, ward=ward), "kind", **WORK_AGGREGATES
            )
        }
        total = _aggregate(_work_summary(year=year, ward=ward), **WORK_AGGREGATES)
        road = rows.get(CommunityWorkKindChoices.ROAD, {})
        house = rows.get(CommunityWorkKindChoices.CULTURAL_HOUSE, {})
        return WorksSummary(
            year=year,
            kinds=tuple(
                WorkKind(kind=str(kind), totals=_work_totals(rows[kind]))
                for kind in CommunityWorkKindChoices.values
                if kind in rows
            ),
            total=_work_totals(total),
            roads_m=road.get("length_m", 0),
            cultural_houses=house.get("works", 0),
        )

    return cached("works-summary", year, _key(ward), compute=compute)


def _works_grouped(rows, group: str) -> dict:
    road_filter = Q(kind=CommunityWorkKindChoices.ROAD)
    return {
        row[group]: row
        for row in _grouped(
            rows,
            group,
            **WORK_AGGREGATES,
            roads_m=_sum("length_m", filter=road_filter),
            cultural_houses=_sum(
                "works", filter=Q(kind=CommunityWorkKindChoices.CULTURAL_HOUSE)
            ),
        )
    }


def community_works_by_ward(
    *, year: int, page: int | None = None
) -> tuple[WardWorks, ...]:
    """Community works of `year` per unit in force: roads, cultural houses, contributions."""

    def compute():
        units, unit_of = _units_and_map(year, page)
        sums = defaultdict(lambda: defaultdict(int))
        rows = _in_map(
            WorkSummary.objects.filter(year=year, ward__isnull=False), unit_of, page
        )
        for ward_id, row in _works_grouped(rows, "ward").items():
            unit = unit_of.get(ward_id)
            if unit is not None:
                for name in (*WORK_AGGREGATES, "roads_m", "cultural_houses"):
                    sums[unit][name] += row[name]
        result = []
        for ref in units:
            row = sums.get(ref.pk, {})
            result.append(
                WardWorks(
                    ward=ref,
                    totals=_work_totals(row),
                    roads_m=row.get("roads_m", 0),
                    cultural_houses=row.get("cultural_houses", 0),
                )
            )
        return tuple(result)

    return cached("works-by-ward", year, page, compute=compute)


def community_works_by_year(*, ward: Ward | None = None) -> tuple[WorksYear, ...]:
    """Community works per year (city or one unit, rolled up), ascending."""

    def compute():
        rows = _works_grouped(_work_summary(ward=ward), "year")
        return tuple(
            WorksYear(
                year=year,
                totals=_work_totals(row),
                roads_m=row["roads_m"],
                cultural_houses=row["cultural_houses"],
            )
            for year, row in sorted(rows.items())
        )

    return cached("works-by-year", _key(ward), compute=compute)
