"""A residential area's year at a glance, for its card at the Ngày hội (issue 16).

Public figures only: the area's approved yearly result and goal results (through
`area_results_by_year` / `area_goals_by_year`, the figures of the area page), and its
approved community works and supports as totals, never a household.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count

from campaigns.cache import cached
from campaigns.models import ResidentialArea, Ward
from campaigns.models.units import natural_order
from campaigns.selectors.base import _aggregate, _sum
from campaigns.selectors.directory import AreaDetail, area_detail
from campaigns.selectors.festivals import area_festivals
from campaigns.selectors.goals import area_goals_by_year, goal_keys
from campaigns.selectors.results import AreaYear, area_results_by_year
from campaigns.selectors.sources import _supports, _works
from campaigns.selectors.totals import NoStandard
from campaigns.selectors.units import _territory_ids

TREND_YEARS = 5


@dataclass(frozen=True)
class CardTrendYear:
    """One year of the card's five-year trend (None where the year has no result)."""

    year: int
    result: AreaYear | None
    goals_met: int | None
    goals_total: int | None

    @property
    def poor_rate(self) -> Decimal | NoStandard | None:
        return self.result.poor_rate if self.result else None

    @property
    def cultural_family_rate(self) -> Decimal | None:
        return self.result.cultural_family_rate if self.result else None


@dataclass(frozen=True)
class AreaCard:
    """One residential area's approved figures of `year`; `approved` is False when the
    area has no approved result for the year (the card says so)."""

    area: AreaDetail
    year: int
    result: AreaYear | None
    festival_date: datetime.date | None
    festival_participants: int | None
    goals_met: int | None
    goals_total: int | None
    works: int
    road_m: int
    works_people_money: int
    works_labour_days: int
    supports: int
    support_amount: int
    houses_built: int
    houses_repaired: int
    trend: tuple[CardTrendYear, ...]

    @property
    def approved(self) -> bool:
        return self.result is not None

    @property
    def standard(self) -> str | NoStandard | None:
        """The poverty standard the year's households were counted under."""
        return self.result.standard_code if self.result else None


def _goals_by_year(area: AreaDetail) -> dict[int, tuple[int, int]]:
    """Year → (goals achieved, goals in the set the year was reported under)."""
    set_sizes: dict[int, int] = {}
    for key in goal_keys().values():
        set_sizes[key.goal_set_from] = set_sizes.get(key.goal_set_from, 0) + 1
    met: dict[int, int] = {}
    goal_set: dict[int, int] = {}
    for item in area_goals_by_year(area=area):
        met[item.year] = met.get(item.year, 0) + int(item.achieved)
        goal_set[item.year] = item.goal.goal_set_from
    return {year: (met[year], set_sizes[goal_set[year]]) for year in met}


def area_card(*, area: AreaDetail, year: int) -> AreaCard:
    """The card of one approved residential area for `year` (public figures only)."""

    def compute():
        results = {row.year: row for row in area_results_by_year(area=area)}
        goals = _goals_by_year(area)
        # The festival as the area's page shows it (one selector for both).
        festival = next((f for f in area_festivals(area=area) if f.year == year), None)
        works = _aggregate(
            _works(year=year).filter(residential_area_id=area.pk),
            count=Count("pk"),
            road_m=_sum("length_m"),
            people_money=_sum("people_money"),
            labour_days=_sum("labour_days"),
        )
        supports = _aggregate(
            _supports(year=year).filter(residential_area_id=area.pk),
            count=Count("pk"),
            amount=_sum("amount"),
            houses_built=_sum("houses_built"),
            houses_repaired=_sum("houses_repaired"),
        )
        met, total = goals.get(year, (None, None))
        return AreaCard(
            area=area,
            year=year,
            result=results.get(year),
            festival_date=festival.date if festival else None,
            festival_participants=festival.participants if festival else None,
            goals_met=met,
            goals_total=total,
            works=works["count"],
            road_m=works["road_m"],
            works_people_money=works["people_money"],
            works_labour_days=works["labour_days"],
            supports=supports["count"],
            support_amount=supports["amount"],
            houses_built=supports["houses_built"],
            houses_repaired=supports["houses_repaired"],
            trend=tuple(
                CardTrendYear(
                    year=y,
                    result=results.get(y),
                    goals_met=goals.get(y, (None, None))[0],
                    goals_total=goals.get(y, (None, None))[1],
                )
                for y in range(year - TREND_YEARS + 1, year + 1)
            ),
        )

    return cached("area-card", area.pk, year, compute=compute)


def area_cards_of_ward(*, ward: Ward, year: int) -> tuple[AreaCard, ...]:
    """The cards of every approved residential area of `ward` (and the units it
    succeeded) in force in `year`, in natural order: a ward's pack for the Ngày hội."""
    slugs = list(
        ResidentialArea.objects.published()
        .filter(ward__in=_territory_ids(ward))
        .in_force_for_year(year)
        .order_by("ward__code", *natural_order())
        .values_list("slug", flat=True)
    )
    details = [area_detail(slug=slug) for slug in slugs]
    return tuple(area_card(area=a, year=year) for a in details if a is not None)
