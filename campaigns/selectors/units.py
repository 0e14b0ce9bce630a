"""Units in force, their territories through reorganisations, and pages of units."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from campaigns.cache import cached
from campaigns.models import Ward, WardSuccession
from campaigns.models.choices import WardKindChoices
from campaigns.models.units import units_with_predecessors
from campaigns.models.validity import in_force_on, year_reference_date
from campaigns.selectors import pages
from campaigns.selectors.pages import Page, _page_bounds


@dataclass(frozen=True)
class WardRef:
    """A unit as public pages name and link it."""

    pk: int
    slug: str
    name: str
    code: str
    kind: str
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None

    @property
    def kind_label(self) -> str:
        return str(WardKindChoices(self.kind).label)

    @property
    def is_current(self) -> bool:
        return self.valid_to is None or self.valid_to >= datetime.date.today()

    def in_force_for_year(self, year: int) -> bool:
        return in_force_on(self.valid_from, self.valid_to, year_reference_date(year))


WARD_REF_FIELDS = ("pk", "slug", "name", "code", "kind", "valid_from", "valid_to")


def _ward_ref(row: dict, prefix: str = "") -> WardRef:
    return WardRef(**{name: row[prefix + name] for name in WARD_REF_FIELDS})


def _territory_ids(ward: Ward) -> tuple[int, ...]:
    """The unit and every unit it succeeded, through any number of reorganisations.

    A record belongs to the unit in force on its date, so records of this territory in
    any year are exactly the records of these units (as `Ward.units_for_year` walks it);
    fund records of 1/1–30/6/2025 of the old units thus count for the new unit in 2025.
    """

    def compute():
        return tuple(sorted(units_with_predecessors([ward.pk])))

    return cached("territory", ward.pk, compute=compute)


def _unit_of_ward(year: int) -> dict[int, int]:
    """Map each unit in force in `year`, and every unit it succeeded, to the unit in force."""

    def compute():
        return units_with_predecessors(
            Ward.objects.in_force_for_year(year).values_list("pk", flat=True)
        )

    return cached("unit-of-ward", year, compute=compute)


def _outside_units(year: int) -> tuple[int, ...]:
    """The units `_unit_of_ward(year)` leaves out: neither in force in `year` nor
    succeeded, through any number of reorganisations, by a unit in force.

    Their records are in no unit's row, so a sum over every unit's row is the sum over
    all wards but these; a handful of retired units, where the map is 10,000 at nation
    scale.
    """

    def compute():
        in_force = Ward.objects.in_force_for_year(year).values("pk")
        retired = set(
            Ward.objects.exclude(pk__in=in_force).values_list("pk", flat=True)
        )
        if not retired:
            return ()
        successors = defaultdict(list)
        for predecessor, successor in WardSuccession.objects.filter(
            predecessor__in=retired
        ).values_list("predecessor_id", "successor_id"):
            successors[predecessor].append(successor)

        def reaches_a_unit(pk, seen):
            return any(
                nxt not in retired
                or (nxt not in seen and reaches_a_unit(nxt, seen | {nxt}))
                for nxt in successors[pk]
            )

        return tuple(sorted(pk for pk in retired if not reaches_a_unit(pk, {pk})))

    return cached("outside-units", year, compute=compute)


def _units_and_map(year: int, page: int | None) -> tuple[list[WardRef], dict[int, int]]:
    """The units of a per-unit table (all, or one page) and the map of their wards.

    For a page the map covers only that page's units, so the queries that use it can
    filter `ward__in=` a few dozen ids instead of grouping the whole country.
    """
    if page is None:
        return _units_in_force(year), _unit_of_ward(year)

    def compute():
        units = list(units_page(year=year, number=page).items)
        return units, units_with_predecessors(ref.pk for ref in units)

    return cached("units-and-map", year, page, compute=compute)


def _in_map(rows, mapping: dict[int, int], page: int | None, path: str = "ward"):
    """`rows` limited to the wards of `mapping` when a page is asked for."""
    return rows if page is None else rows.filter(**{f"{path}__in": list(mapping)})


def units_page(*, year: int, number: int) -> Page:
    """Page `number` of the units in force in `year`, in the order of `_units_in_force`.

    Raises PageNotFound past the last page.
    """

    def compute():
        units = Ward.objects.in_force_for_year(year).order_by("code", "name")
        count = units.count()
        start, end = _page_bounds(number, count)
        items = tuple(
            _ward_ref(row) for row in units.values(*WARD_REF_FIELDS)[start:end]
        )
        return Page(number=number, count=count, items=items, size=pages.PAGE_SIZE)

    return cached("units-page", year, number, compute=compute)


def _units_in_force(year: int) -> list[WardRef]:
    return [
        _ward_ref(row)
        for row in Ward.objects.in_force_for_year(year)
        .order_by("code", "name")
        .values(*WARD_REF_FIELDS)
    ]
