"""Chainable filters shared by admin, selectors, imports and exports."""

import datetime

from django.db import models
from django.db.models import Q

from campaigns.models.choices import WorkflowStatusChoices
from campaigns.models.validity import year_reference_date


class RestrictedQuerySet(models.QuerySet):
    """Querysets behind the one permission gate, `restrict(user, action)`.

    `ward_path` is the lookup from a row to its ward; None for data that belongs to no
    ward (the catalogue), which any user holding the model permission reaches whole.
    """

    ward_path: str | None = "ward"

    def restrict(self, user, action: str = "view"):
        """The rows `user` may `action` (view, add, change, delete, import, export,
        approve): none without an active user holding that model permission, all for
        city staff and leaders, their wards' rows for ward staff."""
        from campaigns.access.scope import ALL_WARDS, has_model_action, ward_scope

        if not has_model_action(user, action, self.model):
            return self.none()
        if self.ward_path is None:
            return self
        scope = ward_scope(user)
        if scope is ALL_WARDS:
            return self
        return self.filter(**{f"{self.ward_path}__in": scope})


class CatalogueQuerySet(RestrictedQuerySet):
    """Reference data that belongs to no ward: contents, goals, standards, grades."""

    ward_path = None


class YearPeriodQuerySet(CatalogueQuerySet):
    """Catalogue rows dated by `valid_from_year`/`valid_to_year` (inclusive, open ends)."""

    def covering(self, year: int):
        """Rows in force in `year`: `validity.covers_year` in SQL."""
        return self.filter(
            Q(valid_from_year__isnull=True) | Q(valid_from_year__lte=year),
            Q(valid_to_year__isnull=True) | Q(valid_to_year__gte=year),
        )


class StaffScopeQuerySet(RestrictedQuerySet):
    """Scopes of the accounts `user` may manage: none of superusers, city staff or leaders."""

    ward_path = None

    def restrict(self, user, action: str = "view"):
        from campaigns.access.scope import manageable_users

        return super().restrict(user, action).filter(user__in=manageable_users(user))


def valid_on_q(day: datetime.date, prefix: str = "") -> Q:
    """In force on `day`, for the rows at `prefix` ("residential_area__"): a condition
    on a joined table, where `<fk>__in=valid_on(…)` would be a semi-join that reads
    every row of the other table (issue 17)."""
    return (
        Q(**{f"{prefix}valid_from__isnull": True})
        | Q(**{f"{prefix}valid_from__lte": day})
    ) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


class ValidityQuerySet(RestrictedQuerySet):
    """Rows that carry a `valid_from`/`valid_to` period (both inclusive, open ends)."""

    def valid_on(self, day: datetime.date):
        """Rows in force on `day`: `campaigns.models.validity.in_force_on` in SQL."""
        return self.filter(valid_on_q(day))

    def in_force_for_year(self, year: int):
        return self.valid_on(year_reference_date(year))


class WardQuerySet(ValidityQuerySet):
    ward_path = "pk"


class ResidentialAreaQuerySet(ValidityQuerySet):
    def approved(self):
        return self.filter(status=WorkflowStatusChoices.APPROVED)

    def published(self):
        """The public rule: what citizens may see (approved areas)."""
        return self.approved()


class WorkflowQuerySet(RestrictedQuerySet):
    """Records that ward staff enter and city staff approve."""

    def approved(self):
        return self.filter(status=WorkflowStatusChoices.APPROVED)

    def published(self):
        """The public rule: what public pages and downloads count (approved records)."""
        return self.approved()

    def with_status(self, status):
        return self.filter(status=status)

    def demo(self):
        return self.filter(is_demo=True)

    def not_demo(self):
        return self.filter(is_demo=False)


class AnnualResultQuerySet(WorkflowQuerySet):
    ward_path = "residential_area__ward"

    def published(self):
        """Approved results of approved residential areas."""
        return self.filter(
            status=WorkflowStatusChoices.APPROVED,
            residential_area__status=WorkflowStatusChoices.APPROVED,
        )

    def for_year(self, year: int):
        return self.filter(year=year)


class GoalResultQuerySet(RestrictedQuerySet):
    """Goal results belong to the ward of their yearly result's residential area."""

    ward_path = "annual_result__residential_area__ward"

    def published(self):
        """Goal results of published yearly results."""
        return self.filter(
            annual_result__status=WorkflowStatusChoices.APPROVED,
            annual_result__residential_area__status=WorkflowStatusChoices.APPROVED,
        )


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
