"""Chainable filters shared by admin, selectors, imports and exports."""

import datetime

from django.db import models
from django.db.models import Q

from campaigns.models.choices import WorkflowStatusChoices


def year_reference_date(year: int) -> datetime.date:
    """The day a year's results are counted under: the last day of the year.

    Yearly reviews happen at the Great Solidarity Festival (around 18/11), so the
    units in force at the end of the year are the ones the year is reported under;
    for 2025 these are the units created on 1/7/2025.
    """
    return datetime.date(year, 12, 31)


class ScopedQuerySet(models.QuerySet):
    """Querysets that the permission gate can restrict to a user's wards."""

    ward_path = "ward"

    def visible_to(self, user):
        """The rows `user` may see: all for city staff and leaders, their wards for ward staff."""
        from campaigns.access.scope import ALL_WARDS, ward_scope

        scope = ward_scope(user)
        if scope is ALL_WARDS:
            return self
        return self.filter(**{f"{self.ward_path}__in": scope})


class ValidityQuerySet(ScopedQuerySet):
    """Rows that carry a `valid_from`/`valid_to` period (both inclusive, open ends)."""

    def valid_on(self, day: datetime.date):
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )

    def in_force_for_year(self, year: int):
        return self.valid_on(year_reference_date(year))


class WardQuerySet(ValidityQuerySet):
    ward_path = "pk"


class ResidentialAreaQuerySet(ValidityQuerySet):
    def approved(self):
        return self.filter(status=WorkflowStatusChoices.APPROVED)


class WorkflowQuerySet(ScopedQuerySet):
    """Records that ward staff enter and city staff approve."""

    def approved(self):
        return self.filter(status=WorkflowStatusChoices.APPROVED)

    def with_status(self, status):
        return self.filter(status=status)

    def demo(self):
        return self.filter(is_demo=True)

    def not_demo(self):
        return self.filter(is_demo=False)


class AnnualResultQuerySet(WorkflowQuerySet):
    ward_path = "residential_area__ward"

    def for_year(self, year: int):
        return self.filter(year=year)


class GoalResultQuerySet(ScopedQuerySet):
    """Goal results belong to the ward of their yearly result's residential area."""

    ward_path = "annual_result__residential_area__ward"


class WardRecordQuerySet(WorkflowQuerySet):
    """Records that belong to one ward through a `ward` foreign key."""


class YearRecordQuerySet(WardRecordQuerySet):
    """Records counted for the year stored on them (community works, commendations)."""

    def for_year(self, year: int):
        return self.filter(year=year)


class DatedRecordQuerySet(WardRecordQuerySet):
    """Fund records that count for the calendar year of their date."""

    def for_year(self, year: int):
        # A range, not __year, so the date index can be used.
        return self.filter(
            date__gte=datetime.date(year, 1, 1), date__lte=datetime.date(year, 12, 31)
        )
