"""Totals shared by several selectors: results, fund, works, poverty standards."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext

from campaigns.models.catalogue import unconfirmed_label
from campaigns.selectors.base import metres_to_km, share
from campaigns.selectors.sources import RESULT_AGGREGATES, WORK_AGGREGATES


class NoStandard:
    """The poverty rate (and standard) of households counted under no standard yet.

    One shared value: pages, downloads and the workbook write it as "chuẩn nghèo
    chưa xác định" instead of a percentage, and charts break their lines at it.
    """

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __str__(self):
        return gettext("poverty standard not determined")

    def __reduce__(self):
        # Cached selector results are pickled: come back as the same shared value.
        return "NO_STANDARD"


NO_STANDARD = NoStandard()


class HouseholdRates:
    """Shares of households, as percentages with one decimal, for rows that carry the counts.

    Poverty rates are `NO_STANDARD` when households were counted under no standard.
    """

    households: int
    cultural_families_recognised: int
    poor_households: int
    near_poor_households: int

    @property
    def standard_missing(self) -> bool:
        return False

    @property
    def cultural_family_rate(self) -> Decimal | None:
        return share(self.cultural_families_recognised, self.households)

    @property
    def poor_rate(self) -> Decimal | NoStandard | None:
        if self.standard_missing:
            return NO_STANDARD
        return share(self.poor_households, self.households)

    @property
    def near_poor_rate(self) -> Decimal | NoStandard | None:
        if self.standard_missing:
            return NO_STANDARD
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
    # Areas whose result was counted under no poverty standard (none covered the year).
    no_standard_areas: int = 0

    @property
    def has_data(self) -> bool:
        return self.areas > 0

    @property
    def standard_missing(self) -> bool:
        return self.no_standard_areas > 0

    @property
    def cultural_title_share(self) -> Decimal | None:
        return share(self.cultural_title_areas, self.areas)

    @property
    def festival_share(self) -> Decimal | None:
        return share(self.festival_areas, self.areas)


def _result_totals(row: dict | None) -> ResultTotals:
    if not row:
        return ResultTotals()
    return ResultTotals(
        **{
            name: row.get(name) or 0
            for name in (*RESULT_AGGREGATES, "no_standard_areas")
        }
    )


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

    @property
    def houses(self) -> int:
        """Great-solidarity houses built and repaired together."""
        return self.houses_built + self.houses_repaired


@dataclass(frozen=True)
class StandardRef:
    code: str
    name: str
    valid_from_year: int
    valid_to_year: int | None
    confirmed: bool = True

    @property
    def label(self) -> str:
        """The code as shown publicly: "(chưa xác nhận)" added while unconfirmed."""
        return unconfirmed_label(self.code, self.confirmed)


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
