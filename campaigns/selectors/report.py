"""Reads the yearly report workbook needs that no public page has.

The report's public figures come from the other selectors.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count

from campaigns.models import (
    AnnualResult,
    CommunityWork,
    Donation,
    Household,
    Support,
    Ward,
)
from campaigns.selectors.sources import _supports
from campaigns.selectors.units import _territory_ids


@dataclass(frozen=True)
class StatusCount:
    """How many records of one kind, for the year and scope, are in each status."""

    label: str
    draft: int = 0
    submitted: int = 0
    approved: int = 0
    returned: int = 0

    @property
    def total(self) -> int:
        return self.draft + self.submitted + self.approved + self.returned


@dataclass(frozen=True)
class SupportBeneficiary:
    """One approved support of the year with its household. Staff only: personal data."""

    date: datetime.date
    ward_code: str
    ward_name: str
    area_name: str
    head_name: str
    id_number: str
    address: str
    household_status: str
    category: str
    amount: int
    houses_built: int
    houses_repaired: int
    decision_number: str


def report_approval_state(
    *, year: int, user, ward: Ward | None = None
) -> tuple[StatusCount, ...]:
    """Records of `year` (all statuses) per kind and status that `user` may see, for
    the report's cover; unpublished rows, so through the gate (no user, no counts)."""
    from django.utils.translation import gettext as _

    def counts(rows, path):
        rows = rows.restrict(user)
        if ward is not None:
            rows = rows.filter(**{f"{path}__in": _territory_ids(ward)})
        return {
            row["status"]: row["n"]
            for row in rows.values("status").annotate(n=Count("pk")).order_by()
        }

    kinds = (
        (
            _("Yearly results"),
            AnnualResult.objects.for_year(year),
            "residential_area__ward",
        ),
        (_("Donations"), Donation.objects.for_year(year), "ward"),
        (_("Supports"), Support.objects.for_year(year), "ward"),
        (_("Community works"), CommunityWork.objects.for_year(year), "ward"),
    )
    return tuple(
        StatusCount(label=str(label), **counts(rows, path))
        for label, rows, path in kinds
    )


def support_beneficiaries(
    *, user, year: int, ward: Ward | None = None
) -> tuple[SupportBeneficiary, ...]:
    """Approved supports of `year` (the ones `city_overview` sums) with their households,
    of the wards `user` may view: personal data, so nothing without the permission to
    view both the supports and the households."""
    from campaigns.access.scope import has_model_action

    if not has_model_action(user, "view", Household):
        return ()
    rows = (
        _supports(year=year, ward=ward)
        .restrict(user, "view")
        .order_by("ward__code", "date", "pk")
        .values_list(
            "date",
            "ward__code",
            "ward__name",
            "residential_area__name",
            "household__head_name",
            "household__id_number",
            "household__address",
            "household__household_status",
            "category",
            "amount",
            "houses_built",
            "houses_repaired",
            "decision_number",
        )
    )
    return tuple(
        SupportBeneficiary(*(value if value is not None else "" for value in row))
        for row in rows
    )
