"""The poverty fund: donations raised and supports paid (Donation, Support)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count

from campaigns.cache import cached
from campaigns.models import Ward
from campaigns.models.choices import DonorKindChoices, SupportCategoryChoices
from campaigns.models.summaries import FUND_COLUMNS, FundSummary
from campaigns.selectors.base import (
    _aggregate,
    _grouped,
    _grouped_query,
    _key,
    _renamed,
    _sum,
)
from campaigns.selectors.pages import _page_bounds
from campaigns.selectors.sources import (
    FUND_SUMMED,
    _donations,
    _fund_summary,
    _supports,
)
from campaigns.selectors.totals import FundTotals
from campaigns.selectors.units import (
    WardRef,
    _in_map,
    _outside_units,
    _units_and_map,
)


@dataclass(frozen=True)
class FundYear:
    year: int
    totals: FundTotals


@dataclass(frozen=True)
class CategorySpending:
    category: str
    supports: int
    amount: int
    houses_built: int
    houses_repaired: int

    @property
    def label(self) -> str:
        return str(SupportCategoryChoices(self.category).label)


@dataclass(frozen=True)
class WardFund:
    ward: WardRef
    totals: FundTotals


@dataclass(frozen=True)
class HousesYear:
    year: int
    built: int
    repaired: int

    @property
    def total(self) -> int:
        return self.built + self.repaired


@dataclass(frozen=True)
class NamedDonor:
    """A donor who agreed to be named, with the total of those consented donations."""

    name: str
    kind: str
    donations: int
    amount: int
    in_kind: int

    @property
    def kind_label(self) -> str:
        return str(DonorKindChoices(self.kind).label)


def _fund_by_unit(year: int, page: int | None = None) -> dict[int, FundTotals]:
    """Fund totals of `year` per unit in force (ward funds only; the city fund has no unit)."""

    def compute():
        _units, unit_of = _units_and_map(year, page)
        totals = defaultdict(lambda: defaultdict(int))
        rows = FundSummary.objects.filter(year=year, is_total=False, ward__isnull=False)
        for row in _grouped(_in_map(rows, unit_of, page), "ward", **FUND_SUMMED):
            unit = unit_of.get(row["ward"])
            if unit is not None:
                for name in FUND_COLUMNS:
                    totals[unit][name] += row[name]
        return {unit: FundTotals(**values) for unit, values in totals.items()}

    return cached("fund-by-unit", year, page, compute=compute)


@dataclass(frozen=True)
class FundSplit:
    """A year's fund of the whole city, split as the per-unit tables can show it.

    `wards`: the ward funds, summed over the units in force (the rows of the per-unit
    tables); `city`: the city fund, which belongs to no unit. Together they make the
    whole city's figures (`city_overview().fund_year`), so a page can reconcile its
    cards with its table.
    """

    year: int
    wards: FundTotals
    city: FundTotals


def fund_split(*, year: int) -> FundSplit:
    """The ward funds (over the units in force) and the city fund of `year`."""

    def compute():
        # The sum of `_fund_by_unit(year)` over every unit, without reading the
        # year's 10,000 ward rows at nation scale: the year's total row (every ward
        # row and the city fund's) less the city fund and the wards of no unit.
        rows = FundSummary.objects.filter(year=year)
        total = _aggregate(rows.filter(is_total=True), **FUND_SUMMED)
        city = _aggregate(rows.filter(is_total=False, ward__isnull=True), **FUND_SUMMED)
        outside = _outside_units(year)
        left_out = (
            _aggregate(rows.filter(is_total=False, ward_id__in=outside), **FUND_SUMMED)
            if outside
            else dict.fromkeys(FUND_COLUMNS, 0)
        )
        return FundSplit(
            year=year,
            wards=FundTotals(
                **{n: total[n] - city[n] - left_out[n] for n in FUND_COLUMNS}
            ),
            city=FundTotals(**city),
        )

    return cached("fund-split", year, compute=compute)


def fund_by_year(*, ward: Ward | None = None) -> tuple[FundYear, ...]:
    """Money raised (cash, in kind) and spent, supports and houses per year, ascending."""

    def compute():
        return tuple(
            FundYear(year=row.pop("year"), totals=FundTotals(**row))
            for row in _grouped(
                _fund_summary(ward=ward), "year", order=("year",), **FUND_SUMMED
            )
        )

    return cached("fund-by-year", _key(ward), compute=compute)


def fund_spending_by_category(
    *, year: int, ward: Ward | None = None
) -> tuple[CategorySpending, ...]:
    """Approved supports of `year` per category, in the order of the category list."""

    def compute():
        rows = {
            row["category"]: row
            for row in _grouped(
                _supports(year=year, ward=ward),
                "category",
                # COUNT(*): the covering index of approved supports has no id.
                supports=Count("*"),
                amount=_sum("amount"),
                houses_built=_sum("houses_built"),
                houses_repaired=_sum("houses_repaired"),
            )
        }
        return tuple(
            CategorySpending(
                category=str(category),
                supports=rows[category]["supports"],
                amount=rows[category]["amount"],
                houses_built=rows[category]["houses_built"],
                houses_repaired=rows[category]["houses_repaired"],
            )
            for category in SupportCategoryChoices.values
            if category in rows
        )

    return cached("spending-by-category", year, _key(ward), compute=compute)


def fund_spending_by_ward(
    *, year: int, page: int | None = None
) -> tuple[WardFund, ...]:
    """Ward-fund money raised and all money spent in `year`, per unit in force."""

    def compute():
        units, _unit_of = _units_and_map(year, page)
        fund = _fund_by_unit(year, page)
        return tuple(
            WardFund(ward=ref, totals=fund.get(ref.pk, FundTotals())) for ref in units
        )

    return cached("spending-by-ward", year, page, compute=compute)


def houses_by_year(*, ward: Ward | None = None) -> tuple[HousesYear, ...]:
    """Great-solidarity houses built and repaired per year (the figures of `fund_by_year`)."""
    return tuple(
        HousesYear(row.year, row.totals.houses_built, row.totals.houses_repaired)
        for row in fund_by_year(ward=ward)
        if row.totals.supports
    )


def named_donors(
    *, year: int, ward: Ward | None = None, page: int | None = None
) -> tuple[NamedDonor, ...]:
    """Donors of `year` who agreed to be named, largest first; other donors never appear."""

    def compute():
        rows = _named_donor_rows(year, ward)
        if page is not None:
            start, end = _page_bounds(page, named_donors_count(year=year, ward=ward))
            rows = rows[start:end]
        return tuple(
            NamedDonor(
                name=row["donor_name"],
                kind=row["donor_kind"],
                donations=row["donations"],
                amount=row["amount"],
                in_kind=row["in_kind"],
            )
            for row in _renamed(rows)
        )

    return cached("named-donors", year, _key(ward), page, compute=compute)


def named_donors_count(*, year: int, ward: Ward | None = None) -> int:
    """How many rows `named_donors()` has, for paging."""
    return cached(
        "named-donors-count",
        year,
        _key(ward),
        compute=lambda: _named_donor_rows(year, ward).count(),
    )


def _named_donor_rows(year: int, ward: Ward | None):
    return _grouped_query(
        _donations(year=year, ward=ward).filter(publish_donor_name=True),
        "donor_name",
        "donor_kind",
        order=("-amount", "donor_name", "donor_kind"),
        # COUNT(*), not COUNT(id): the id is not in the covering index of named donors.
        donations=Count("*"),
        amount=_sum("amount"),
        in_kind=_sum("in_kind_value"),
    )
