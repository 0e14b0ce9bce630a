"""Commendations (Commendation) as the public may see them: approved ones only, and
never an individual's name.

A collective's name (a Front work committee, a residential area, a family group
named by its area) is public by nature. An individual is shown as "Cá nhân" with
the residential area and unit: the portal records no consent to publish a person's
name, and DESIGN.md publishes personal names only with consent (the donors' rule);
docs/decisions.md, issue 14.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Count, F, Q, When
from django.utils.translation import gettext as _

from campaigns.cache import cached
from campaigns.models import Commendation, Ward
from campaigns.models.choices import CommendationLevelChoices, RecipientKindChoices
from campaigns.selectors import pages
from campaigns.selectors.base import _key
from campaigns.selectors.pages import Page, _page_bounds
from campaigns.selectors.units import _territory_ids

COLLECTIVE = RecipientKindChoices.COLLECTIVE
LEVEL_ORDER = list(CommendationLevelChoices.values)


@dataclass(frozen=True)
class PublicCommendation:
    """A commendation as public pages show it: `recipient` is never a person's name."""

    pk: int
    year: int
    level: str
    recipient_kind: str
    # A collective's name; empty for an individual, whose name is never read here.
    collective_name: str
    form: str
    decision_number: str
    achievement: str
    ward_name: str
    ward_slug: str
    area_name: str
    area_slug: str

    @property
    def recipient(self) -> str:
        """The recipient as public pages write it: a collective's name, else "Cá nhân"."""
        return self.collective_name or str(_("Individual"))

    @property
    def level_label(self) -> str:
        return str(CommendationLevelChoices(self.level).label)

    @property
    def kind_label(self) -> str:
        return str(RecipientKindChoices(self.recipient_kind).label)


@dataclass(frozen=True)
class CommendationCount:
    """Approved commendations of one level and form, by kind of recipient."""

    level: str
    form: str
    collectives: int
    individuals: int

    @property
    def level_label(self) -> str:
        return str(CommendationLevelChoices(self.level).label)

    @property
    def total(self) -> int:
        return self.collectives + self.individuals


@dataclass(frozen=True)
class CommendationYear:
    year: int
    collectives: int
    individuals: int

    @property
    def total(self) -> int:
        return self.collectives + self.individuals


def _commendations(*, year=None, ward: Ward | None = None, area=None):
    """Approved commendations (of a year, a unit's territory, or one area)."""
    rows = Commendation.objects.published()
    if year is not None:
        rows = rows.for_year(year)
    if ward is not None:
        rows = rows.filter(ward__in=_territory_ids(ward))
    if area is not None:
        rows = rows.filter(residential_area_id=area.pk)
    return rows


KIND_COUNTS = {
    "collectives": Count("pk", filter=Q(recipient_kind=COLLECTIVE)),
    "individuals": Count("pk", filter=~Q(recipient_kind=COLLECTIVE)),
}

PUBLIC_FIELDS = (
    "pk",
    "year",
    "level",
    "recipient_kind",
    "public_name",
    "form",
    "decision_number",
    "reason",
    "ward__name",
    "ward__slug",
    "residential_area__name",
    "residential_area__slug",
)


def _public(row: dict) -> PublicCommendation:
    return PublicCommendation(
        pk=row["pk"],
        year=row["year"],
        level=row["level"],
        recipient_kind=row["recipient_kind"],
        collective_name=row["public_name"] or "",
        form=row["form"],
        decision_number=row["decision_number"],
        achievement=row["reason"],
        ward_name=row["ward__name"] or "",
        ward_slug=row["ward__slug"] or "",
        area_name=row["residential_area__name"] or "",
        area_slug=row["residential_area__slug"] or "",
    )


def _ordered(rows):
    # Newest first; city-wide ones (no unit) before those of units, by unit code.
    return rows.order_by(
        "-year",
        F("ward__code").asc(nulls_first=True),
        "level",
        "recipient_kind",
        "decision_number",
        "pk",
    )


def commendation_list(
    *,
    year: int | None = None,
    ward: Ward | None = None,
    area=None,
    page: int | None = None,
) -> Page:
    """Approved commendations (of `year`, a unit or an area), public fields only;
    `page=None` gives every row as one page (downloads)."""

    def compute():
        rows = _ordered(_commendations(year=year, ward=ward, area=area))
        count = rows.count()
        # The name leaves the database for collectives only.
        values = rows.annotate(
            public_name=Case(When(recipient_kind=COLLECTIVE, then=F("recipient_name")))
        ).values(*PUBLIC_FIELDS)
        if page is None:
            items = tuple(map(_public, values))
            return Page(number=1, count=count, items=items, size=max(count, 1))
        start, end = _page_bounds(page, count)
        # The page's ids sorted from the covering index alone (a year's 5,000 rows lie
        # in 2,000 heap blocks at nation scale), then only those rows: one query.
        ids = rows.values("pk")[start:end]
        items = tuple(map(_public, _ordered(values.filter(pk__in=ids))))
        return Page(number=page, count=count, items=items, size=pages.PAGE_SIZE)

    area_key = "" if area is None else area.pk
    return cached(
        "commendation-list", year, _key(ward), area_key, page, compute=compute
    )


def commendation_counts(
    *, year: int, ward: Ward | None = None
) -> tuple[CommendationCount, ...]:
    """Approved commendations of `year` per level and form, collectives and individuals."""

    def compute():
        rows = (
            _commendations(year=year, ward=ward)
            .order_by()
            .values("level", "form")
            .annotate(**KIND_COUNTS)
        )
        found = [
            CommendationCount(
                level=row["level"],
                form=row["form"],
                collectives=row["collectives"],
                individuals=row["individuals"],
            )
            for row in rows
        ]
        return tuple(
            sorted(
                found,
                key=lambda c: (
                    -LEVEL_ORDER.index(c.level) if c.level in LEVEL_ORDER else 0,
                    c.form,
                ),
            )
        )

    return cached("commendation-counts", year, _key(ward), compute=compute)


def commendations_by_year(*, ward: Ward | None = None) -> tuple[CommendationYear, ...]:
    """Approved commendations per year (city or one unit), ascending."""

    def compute():
        rows = (
            _commendations(ward=ward)
            .order_by("year")
            .values("year")
            .annotate(**KIND_COUNTS)
        )
        return tuple(
            CommendationYear(
                year=row["year"],
                collectives=row["collectives"],
                individuals=row["individuals"],
            )
            for row in rows
        )

    return cached("commendations-by-year", _key(ward), compute=compute)
