"""The ward staff's home in the admin: the wards they cover, the reporting year's
records by workflow status, the records returned to them with the reasons, and the
days left to the reporting deadline.

Every row is read through the one gate, `restrict(user, "view")`, with a fixed number
of queries (one for the wards, one per kind of record for the counts and one per
kind for the returned records), whatever the size of the wards.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from campaigns.access.scope import ALL_WARDS, has_model_action, ward_scope
from campaigns.models import (
    AnnualResult,
    Commendation,
    CommunityWork,
    Donation,
    Household,
    ResidentialArea,
    Support,
    Ward,
)
from campaigns.models.choices import WorkflowStatusChoices as Status
from campaigns.selectors.calendar import reporting_deadline, reporting_year

# Records counted for a year, in the order a ward's year is entered.
YEAR_MODELS = (AnnualResult, Donation, Support, CommunityWork, Commendation)
# Every kind of record that can come back to the ward (areas and households too).
RETURNABLE_MODELS = (
    ResidentialArea,
    Household,
    AnnualResult,
    Donation,
    Support,
    CommunityWork,
    Commendation,
)
# What each kind's name (__str__) reads, loaded with it.
NAME_RELATED = {
    ResidentialArea: ("ward",),
    Household: ("ward",),
    Support: ("ward",),
    AnnualResult: ("residential_area__ward",),
}
# Returned records listed per kind (newest first); the lists link to the rest.
RETURNED_LIMIT = 20


@dataclass(frozen=True)
class KindCounts:
    """The reporting year's records of one kind in the user's wards, by status."""

    model: type
    draft: int = 0
    submitted: int = 0
    returned: int = 0
    approved: int = 0

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural).capitalize()

    @property
    def total(self) -> int:
        return self.draft + self.submitted + self.returned + self.approved


@dataclass(frozen=True)
class ReturnedRecord:
    record: object
    reason: str
    returned_at: datetime.datetime | None

    @property
    def kind(self) -> str:
        return str(self.record._meta.verbose_name).capitalize()


@dataclass(frozen=True)
class WardHome:
    wards: tuple
    year: int
    counts: tuple[KindCounts, ...]
    returned: tuple[ReturnedRecord, ...]
    deadline: datetime.date
    today: datetime.date
    #: The wards whose year the user may enter on the data-entry screen.
    entry_wards: frozenset = frozenset()

    @property
    def days_left(self) -> int:
        """Days from today to the deadline (0 on the day itself, negative after it)."""
        return (self.deadline - self.today).days

    @property
    def deadline_passed(self) -> bool:
        return self.days_left < 0

    @property
    def totals(self) -> KindCounts:
        return KindCounts(
            model=AnnualResult,
            **{
                status: sum(getattr(row, status) for row in self.counts)
                for status in ("draft", "submitted", "returned", "approved")
            },
        )


def ward_home(*, user, today: datetime.date | None = None) -> WardHome | None:
    """The home of a user whose scope is some wards (ward staff, ward approvers), or
    None for users who see every ward or none (their home is the completeness table)."""
    scope = ward_scope(user)
    if scope is ALL_WARDS or not scope:
        return None
    today = today or timezone.localdate()
    year = reporting_year()
    wards = tuple(Ward.objects.restrict(user).order_by("-valid_from", "code", "name"))
    counts = []
    for model in YEAR_MODELS:
        by_status = dict(
            model.objects.restrict(user, "view")
            .for_year(year)
            .values_list("status")
            .annotate(n=Count("pk"))
            .order_by()
        )
        counts.append(KindCounts(model=model, **by_status))
    returned = []
    for model in RETURNABLE_MODELS:
        rows = (
            model.objects.restrict(user, "view")
            .filter(status=Status.RETURNED)
            .order_by("-status_changed_at", "-pk")
        )
        if model in NAME_RELATED:
            rows = rows.select_related(*NAME_RELATED[model])
        returned.extend(
            ReturnedRecord(
                record=row, reason=row.status_reason, returned_at=row.status_changed_at
            )
            for row in rows[:RETURNED_LIMIT]
        )
    return WardHome(
        wards=wards,
        year=year,
        counts=tuple(counts),
        returned=tuple(returned),
        deadline=reporting_deadline(year),
        today=today,
        entry_wards=frozenset(
            ward.pk
            for ward in wards
            if has_model_action(user, "change", AnnualResult)
            and ward.is_in_force_for_year(year)
        ),
    )
