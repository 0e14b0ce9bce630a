"""Totals shared by several selectors: results, fund, works, poverty standards."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from campaigns.selectors.base import metres_to_km, share
from campaigns.selectors.sources import RESULT_AGGREGATES, WORK_AGGREGATES


class HouseholdRates:
    """Shares of households, as percentages with one decimal, for rows that carry the counts."""

    households: int
    cultural_families_recognised: int
    poor_households: int
    near_poor_households: int

    @property
    def cultural_family_rate(self) -> Decimal | None:
        return share(self.cultural_families_recognised, self.households)

    @property
    def poor_rate(self) -> Decimal | None:
        return share(self.poor_households, self.households)

    @property
    def near_poor_rate(self) -> Decimal | None:
        return share(self.near_poor_households, self.households)


@dataclass(frozen=True)
class ResultTotals(HouseholdRates):
    """Sums over approved yearly results; shares are percentages with one decimal."""

    areas: int = 0
    households: int = 0
    cultural_families_recognised: int = 0
    cultural_title_areas: int = 0
    poor_households: int = 0
    near_poor_households: int = 0
    festival_areas: int = 0

    @property
    def has_data(self) -> bool:
        return self.areas > 0

    @property
    def cultural_title_share(self) -> Decimal | None:
        return share(self.cultural_title_areas, self.areas)

    @property
    def festival_share(self) -> Decimal | None:
        return share(self.festival_areas, self.areas)


def _result_totals(row: dict | None) -> ResultTotals:
    if not row:
        return ResultTotals()
    return ResultTotals(**{name: row[name] or 0 for name in RESULT_AGGREGATES})


@dataclass(frozen=True)
class FundTotals:
    """Money raised (cash and in kind) and spent by the poverty fund, and houses."""

    raised: int = 0
    in_kind: int = 0
    donations: int = 0
    spent: int = 0
    supports: int = 0
    houses_built: int = 0
    houses_repaired: int = 0

    @property
    def has_data(self) -> bool:
        return bool(self.donations or self.supports)


@dataclass(frozen=True)
class StandardRef:
    code: str
    name: str
    valid_from_year: int
    valid_to_year: int | None


@dataclass(frozen=True)
class WorkTotals:
    works: int = 0
    length_m: int = 0
    area_m2: int = 0
    people_money: int = 0
    labour_days: int = 0
    land_donated_m2: int = 0
    state_budget: int = 0
    other_funding: int = 0

    @property
    def length_km(self) -> Decimal:
        return metres_to_km(self.length_m)


def _work_totals(row: dict | None) -> WorkTotals:
    if not row:
        return WorkTotals()
    return WorkTotals(**{name: row[name] or 0 for name in WORK_AGGREGATES})
