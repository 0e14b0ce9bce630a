"""Reads for the staff's reporting-rate table: which areas have reported a year.

Same shape as selectors: functions returning frozen dataclasses, each reaching rows
only through `restrict(user)`, with a constant number of queries.
"""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Subquery

from campaigns.models import AnnualResult, ResidentialArea, Ward
from campaigns.models.choices import WorkflowStatusChoices as Status
from campaigns.models.querysets import valid_on_q
from campaigns.models.units import natural_order
from campaigns.models.validity import year_reference_date


@dataclass(frozen=True)
class WardCompleteness:
    """How far one ward is with one year's results (areas in force that year)."""

    ward: Ward
    areas: int
    not_entered: int
    draft: int
    submitted: int
    returned: int
    approved: int
    # Consistency warnings on its results (selectors/checks.py), filled by the page.
    warnings: int = 0

    @property
    def not_submitted(self) -> int:
        return self.not_entered + self.draft + self.returned

    @property
    def reporting_rate(self) -> float | None:
        """Share of areas whose result was submitted or approved (0–100)."""
        if not self.areas:
            return None
        return 100 * (self.submitted + self.approved) / self.areas

    @property
    def approval_rate(self) -> float | None:
        if not self.areas:
            return None
        return 100 * self.approved / self.areas


@dataclass(frozen=True)
class AreaCompleteness:
    area: ResidentialArea
    result_id: int | None
    status: str | None  # None: no result entered for the year

    @property
    def status_label(self) -> str:
        if self.status is None:
            return ""
        return Status(self.status).label


def wards_of_year(*, year: int, user):
    """The wards in force in `year` that `user` may see, in the table's order."""
    day = year_reference_date(year)
    return Ward.objects.valid_on(day).restrict(user).order_by("code", "name")


def completeness_by_ward(*, year: int, user, wards=None) -> list[WardCompleteness]:
    """One row per ward in force in `year` that `user` may see (three queries), or
    per ward of `wards` (a page of `wards_of_year`: 10,000 units are paged, issue 17)."""
    day = year_reference_date(year)
    if wards is None:
        wards = wards_of_year(year=year, user=user)
    wards = list(wards)
    area_counts = dict(
        ResidentialArea.objects.valid_on(day)
        .restrict(user)
        .filter(ward__in=wards)
        .values_list("ward")
        .annotate(n=Count("pk"))
        .order_by()
    )
    status_counts: dict[int, dict[str, int]] = {}
    for ward_id, status, n in (
        AnnualResult.objects.for_year(year)
        .restrict(user)
        .filter(
            valid_on_q(day, "residential_area__"),
            residential_area__ward__in=wards,
        )
        .values_list("residential_area__ward", "status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        status_counts.setdefault(ward_id, {})[status] = n
    rows = []
    for ward in wards:
        counts = status_counts.get(ward.pk, {})
        areas = area_counts.get(ward.pk, 0)
        rows.append(
            WardCompleteness(
                ward=ward,
                areas=areas,
                not_entered=max(areas - sum(counts.values()), 0),
                draft=counts.get(Status.DRAFT, 0),
                submitted=counts.get(Status.SUBMITTED, 0),
                returned=counts.get(Status.RETURNED, 0),
                approved=counts.get(Status.APPROVED, 0),
            )
        )
    return rows


def completeness_of_ward(*, ward: Ward, year: int, user) -> list[AreaCompleteness]:
    """Each residential area of `ward` in force in `year`, with its result's status."""
    day = year_reference_date(year)
    results = AnnualResult.objects.restrict(user).filter(
        residential_area=OuterRef("pk"), year=year
    )
    areas = (
        ResidentialArea.objects.valid_on(day)
        .restrict(user)
        .filter(ward=ward)
        .select_related("ward")
        .annotate(
            result_id=Subquery(results.values("pk")[:1]),
            result_status=Subquery(results.values("status")[:1]),
        )
        .order_by(*natural_order())
    )
    return [
        AreaCompleteness(area=area, result_id=area.result_id, status=area.result_status)
        for area in areas
    ]
