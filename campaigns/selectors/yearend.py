"""Reads the year-end report (báo cáo tổng kết) needs that no page had: totals over
a window of years, commendations, the standard of a year and the issuing body.

Same rules as every selector: approved records only, summed in the database,
cached under the generation key.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from campaigns.cache import cached
from campaigns.models import Ward
from campaigns.models.choices import (
    CommendationLevelChoices,
    CommunityWorkKindChoices,
    RecipientKindChoices,
    SupportCategoryChoices,
)
from campaigns.models.summaries import FUND_COLUMNS
from campaigns.selectors.base import _aggregate, _grouped, _key, _sum
from campaigns.selectors.commendations import commendation_counts
from campaigns.selectors.fund import CategorySpending
from campaigns.selectors.organisation import approving_bodies_all, approving_body
from campaigns.selectors.sources import (
    FUND_SUMMED,
    WORK_AGGREGATES,
    _fund_summary,
    _supports,
    _work_summary,
)
from campaigns.selectors.totals import FundTotals, StandardRef, WorkTotals, _work_totals
from campaigns.selectors.years import poverty_standards


@dataclass(frozen=True)
class WorksWindow:
    """Community works of several years: totals, road metres, cultural houses."""

    first_year: int
    last_year: int
    total: WorkTotals
    roads_m: int
    cultural_houses: int


@dataclass(frozen=True)
class CommendationLevelCount:
    level: str
    recipient_kind: str
    count: int

    @property
    def level_label(self) -> str:
        return str(CommendationLevelChoices(self.level).label)

    @property
    def kind_label(self) -> str:
        return str(RecipientKindChoices(self.recipient_kind).label)


@dataclass(frozen=True)
class Issuer:
    """The body that issues a unit's report of a year, and the body above it."""

    name: str
    parent_name: str


def fund_over_years(
    *, first_year: int, last_year: int, ward: Ward | None = None
) -> FundTotals:
    """Money raised and spent, supports and houses from `first_year` to `last_year`."""

    def compute():
        row = _aggregate(
            _fund_summary(ward=ward).filter(year__gte=first_year, year__lte=last_year),
            **FUND_SUMMED,
        )
        return FundTotals(**{name: row[name] for name in FUND_COLUMNS})

    return cached("fund-window", first_year, last_year, _key(ward), compute=compute)


def fund_spending_by_category_over_years(
    *, first_year: int, last_year: int, ward: Ward | None = None
) -> tuple[CategorySpending, ...]:
    """Approved supports from `first_year` to `last_year` per category (list order)."""

    def compute():
        rows = {
            row["category"]: row
            for row in _grouped(
                _supports(ward=ward).filter(
                    date__gte=datetime.date(first_year, 1, 1),
                    date__lte=datetime.date(last_year, 12, 31),
                ),
                "category",
                supports=Count("*"),
                amount=_sum("amount"),
                houses_built=_sum("houses_built"),
                houses_repaired=_sum("houses_repaired"),
            )
        }
        return tuple(
            CategorySpending(category=str(category), **_counts(rows[category]))
            for category in SupportCategoryChoices.values
            if category in rows
        )

    return cached("spending-window", first_year, last_year, _key(ward), compute=compute)


def _counts(row: dict) -> dict:
    return {
        name: row[name]
        for name in ("supports", "amount", "houses_built", "houses_repaired")
    }


def community_works_over_years(
    *, first_year: int, last_year: int, ward: Ward | None = None
) -> WorksWindow:
    """Approved community works from `first_year` to `last_year`, added up."""

    def compute():
        row = _aggregate(
            _work_summary(ward=ward).filter(year__gte=first_year, year__lte=last_year),
            **WORK_AGGREGATES,
            roads_m=_sum("length_m", filter=Q(kind=CommunityWorkKindChoices.ROAD)),
            cultural_houses=_sum(
                "works", filter=Q(kind=CommunityWorkKindChoices.CULTURAL_HOUSE)
            ),
        )
        return WorksWindow(
            first_year=first_year,
            last_year=last_year,
            total=_work_totals(row),
            roads_m=row["roads_m"],
            cultural_houses=row["cultural_houses"],
        )

    return cached("works-window", first_year, last_year, _key(ward), compute=compute)


def commendations_by_level(
    *, year: int, ward: Ward | None = None
) -> tuple[CommendationLevelCount, ...]:
    """Approved commendations of `year` per level and recipient kind (counts only):
    `commendation_counts` (the pages' figures) summed over the forms."""
    totals: dict[tuple[str, str], int] = {}
    for row in commendation_counts(year=year, ward=ward):
        for kind, number in (
            (RecipientKindChoices.COLLECTIVE, row.collectives),
            (RecipientKindChoices.INDIVIDUAL, row.individuals),
        ):
            if number:
                key = (row.level, str(kind))
                totals[key] = totals.get(key, 0) + number
    return tuple(
        CommendationLevelCount(str(level), str(kind), totals[level, kind])
        for level in reversed(CommendationLevelChoices.values)
        for kind in RecipientKindChoices.values
        if (level, kind) in totals
    )


def standard_of_year(year: int) -> StandardRef | None:
    """The poverty standard that covers `year` (None: no standard covers it)."""
    return next(
        (
            s
            for s in reversed(poverty_standards())
            if s.valid_from_year <= year
            and (s.valid_to_year is None or year <= s.valid_to_year)
        ),
        None,
    )


def report_issuer(*, year: int, ward: Ward | None = None) -> Issuer:
    """Who issues the report of `ward` (None: the whole territory) for `year`.

    The body that approved the year's figures; for the whole territory in a year no
    body approves for every unit (from 2025), the body that reads every unit (the
    province committee). The parent is the province committee above a unit's own.
    """
    bodies = [b for b in approving_bodies_all() if b.covers(year)]
    body = approving_body(ward=ward, year=year) if ward is not None else None
    if body is None:
        every_unit = [b for b in bodies if b.ward_id is None]
        approving = [b for b in every_unit if b.approves]
        body = (approving or every_unit or [None])[0]
    if body is None:
        return Issuer(name="", parent_name="")
    parent = next(
        (
            b.name
            for b in bodies
            if b.ward_id is None and not b.approves and b.name != body.name
        ),
        "",
    )
    return Issuer(name=body.name, parent_name=parent if body.ward_id else "")
