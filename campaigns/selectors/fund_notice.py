"""The ward fund's public notice ("niêm yết công khai") of a year (issue 16).

A ward's "Vì người nghèo" fund: the money it holds on 1 January, what it received
(donations in money; transfers from another fund level), what it paid (supports paid
from the ward fund, by category; transfers to another fund level) and what it holds
on 31 December. Goods in kind are listed at their value beside the cash balance: they
are handed on as goods, never held as money.

The opening balance is derived: the latest recorded opening balance
(`FundBalanceEntry` of kind "opening", entered once for the first year the portal
keeps the fund) plus every approved movement since, up to the end of the previous
year. Without a recorded opening the fund is counted from zero before its first
record, and the notice says so. Approved records only, as on the public pages.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max

from campaigns.cache import cached
from campaigns.models import FundBalanceEntry, Ward
from campaigns.models.choices import (
    FundEntryKindChoices,
    FundLevelChoices,
    SupportCategoryChoices,
    WorkflowStatusChoices,
)
from campaigns.selectors.base import _aggregate, _grouped, _sum
from campaigns.selectors.sources import _donations, _supports
from campaigns.selectors.units import _territory_ids

OPENING = FundEntryKindChoices.OPENING
TRANSFER_IN = FundEntryKindChoices.TRANSFER_IN
TRANSFER_OUT = FundEntryKindChoices.TRANSFER_OUT


@dataclass(frozen=True)
class NoticeCategory:
    """Ward-fund supports of one category: how many, to how many households, how much."""

    category: str
    supports: int
    households: int
    amount: int
    houses_built: int
    houses_repaired: int

    @property
    def label(self) -> str:
        return str(SupportCategoryChoices(self.category).label)


@dataclass(frozen=True)
class FundNotice:
    """The ward fund's balance of `year`: opening + received − paid = closing."""

    year: int
    opening_balance: int
    # The year of the recorded opening balance the derivation starts from (None: none
    # recorded, counted from zero before the fund's first record).
    opening_recorded_year: int | None
    donations: int
    money_received: int
    goods_received: int
    transfers_in: int
    transfers_out: int
    categories: tuple[NoticeCategory, ...]
    # Supports in the ward paid from the city fund: shown, not in this fund's balance.
    city_fund_supports: int
    city_fund_amount: int

    @property
    def spent(self) -> int:
        return sum(c.amount for c in self.categories)

    @property
    def received(self) -> int:
        return self.money_received + self.transfers_in

    @property
    def paid_out(self) -> int:
        return self.spent + self.transfers_out

    @property
    def closing_balance(self) -> int:
        return self.opening_balance + self.received - self.paid_out

    @property
    def houses_built(self) -> int:
        return sum(c.houses_built for c in self.categories)

    @property
    def houses_repaired(self) -> int:
        return sum(c.houses_repaired for c in self.categories)

    @property
    def beneficiary_households(self) -> int:
        return sum(c.households for c in self.categories)


@dataclass(frozen=True)
class NamedBeneficiary:
    """A household that consented in writing to be named on the notice: name, area,
    what it received. Never an ID number, a phone or an address."""

    head_name: str
    area_name: str
    category: str
    amount: int

    @property
    def category_label(self) -> str:
        return str(SupportCategoryChoices(self.category).label)


def _entries(territory, start: datetime.date, end: datetime.date):
    return FundBalanceEntry.objects.published().filter(
        ward__in=territory, date__gte=start, date__lte=end
    )


def _movement(territory, start: datetime.date, end: datetime.date) -> int:
    """Net approved cash movement of the ward fund from `start` to `end` (inclusive)."""
    if end < start:
        return 0
    received = _aggregate(
        _donations().filter(ward__in=territory, date__gte=start, date__lte=end),
        money=_sum("amount"),
    )["money"]
    spent = _aggregate(
        _supports().filter(
            ward__in=territory,
            fund_level=FundLevelChoices.WARD,
            date__gte=start,
            date__lte=end,
        ),
        money=_sum("amount"),
    )["money"]
    transfers = {
        row["kind"]: row["money"]
        for row in _grouped(
            _entries(territory, start, end).exclude(kind=OPENING),
            "kind",
            money=_sum("amount"),
        )
    }
    return (
        received
        + transfers.get(TRANSFER_IN, 0)
        - spent
        - transfers.get(TRANSFER_OUT, 0)
    )


def _opening(territory, year: int) -> tuple[int, int | None]:
    """The fund's balance on 1 January of `year` and the recorded opening it starts from."""
    openings = FundBalanceEntry.objects.published().filter(
        ward__in=territory, kind=OPENING, date__lte=datetime.date(year, 1, 1)
    )
    last = openings.aggregate(last=Max("date"))["last"]
    end = datetime.date(year - 1, 12, 31)
    if last is None:
        return _movement(territory, datetime.date.min, end), None
    # Several units merged into one: each brought its own recorded opening.
    recorded = _aggregate(openings.filter(date=last), money=_sum("amount"))["money"]
    return recorded + _movement(territory, last, end), last.year


def fund_notice(*, ward: Ward, year: int) -> FundNotice:
    """The public notice figures of `ward`'s fund (and the units it succeeded) in `year`."""

    def compute():
        territory = _territory_ids(ward)
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        opening, recorded_year = _opening(territory, year)
        donations = _aggregate(
            _donations(year=year, ward=ward),
            count=Count("pk"),
            money=_sum("amount"),
            goods=_sum("in_kind_value"),
        )
        transfers = {
            row["kind"]: row["money"]
            for row in _grouped(
                _entries(territory, start, end).exclude(kind=OPENING),
                "kind",
                money=_sum("amount"),
            )
        }
        supports = _supports(year=year, ward=ward)
        rows = {
            row["category"]: row
            for row in _grouped(
                supports.filter(fund_level=FundLevelChoices.WARD),
                "category",
                supports=Count("pk"),
                households=Count("household", distinct=True),
                amount=_sum("amount"),
                houses_built=_sum("houses_built"),
                houses_repaired=_sum("houses_repaired"),
            )
        }
        city = _aggregate(
            supports.filter(fund_level=FundLevelChoices.CITY),
            count=Count("pk"),
            money=_sum("amount"),
        )
        return FundNotice(
            year=year,
            opening_balance=opening,
            opening_recorded_year=recorded_year,
            donations=donations["count"],
            money_received=donations["money"],
            goods_received=donations["goods"],
            transfers_in=transfers.get(TRANSFER_IN, 0),
            transfers_out=transfers.get(TRANSFER_OUT, 0),
            categories=tuple(
                NoticeCategory(category=str(category), **_counts(rows[category]))
                for category in SupportCategoryChoices.values
                if category in rows
            ),
            city_fund_supports=city["count"],
            city_fund_amount=city["money"],
        )

    return cached("fund-notice", ward.pk, year, compute=compute)


def _counts(row: dict) -> dict:
    return {name: row[name] for name in NOTICE_COUNTS}


NOTICE_COUNTS = ("supports", "households", "amount", "houses_built", "houses_repaired")


def fund_notice_beneficiaries(
    *, user, year: int, ward: Ward | None = None
) -> tuple[NamedBeneficiary, ...]:
    """Households supported by a ward fund in `year` that consented to be named, of
    `ward` (every ward when None) and only the wards `user` may view (the gate): the
    notice's list of names."""
    rows = (
        _supports(year=year, ward=ward)
        .restrict(user, "view")
        .filter(
            fund_level=FundLevelChoices.WARD,
            household__publication_consent=True,
            household__status=WorkflowStatusChoices.APPROVED,
        )
        .values_list(
            "household", "household__head_name", "residential_area__name", "category"
        )
        .annotate(amount=_sum("amount"))
        .order_by("category", "household__head_name", "household")
    )
    return tuple(
        NamedBeneficiary(
            head_name=name, area_name=area or "", category=category, amount=amount
        )
        for _household, name, area, category, amount in rows
    )


def fund_notice_pending(*, ward: Ward, year: int) -> int:
    """Fund records of `ward` in `year` not yet approved: the notice warns of them."""
    territory = _territory_ids(ward)
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return sum(
        model.objects.filter(ward__in=territory, date__gte=start, date__lte=end)
        .exclude(status=WorkflowStatusChoices.APPROVED)
        .count()
        for model in (
            _donations().model,
            _supports().model,
            FundBalanceEntry,
        )
    )
