"""The directory of units (what each became and came from) and residential areas."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import F, Q

from campaigns.cache import cached
from campaigns.models import ResidentialArea, Ward, WardSuccession
from campaigns.selectors import pages
from campaigns.selectors.pages import Page, _page_bounds
from campaigns.selectors.units import (
    WARD_REF_FIELDS,
    WardRef,
    _territory_ids,
    _ward_ref,
)


@dataclass(frozen=True)
class WardEntry:
    """A unit in the directory, with the units it became and came from."""

    ward: WardRef
    successors: tuple[WardRef, ...] = ()
    predecessors: tuple[WardRef, ...] = ()
    has_external_predecessor: bool = False
    external_predecessor_note: str = ""
    legal_basis: str = ""

    @property
    def history_is_partial(self) -> bool:
        return self.has_external_predecessor


@dataclass(frozen=True)
class AreaRef:
    slug: str
    name: str
    ward_name: str
    valid_to: datetime.date | None = None  # set where a list marks ended areas


@dataclass(frozen=True)
class AreaDetail:
    pk: int
    slug: str
    name: str
    kind: str
    ward: WardRef
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    predecessors: tuple[AreaRef, ...] = ()
    successors: tuple[AreaRef, ...] = ()


def ward_directory() -> tuple[WardEntry, ...]:
    """Every unit, current ones first, each with its successors and predecessors."""

    def compute():
        extra = {
            row["pk"]: row
            for row in Ward.objects.order_by(
                F("valid_to").desc(nulls_first=True), "code"
            ).values(
                *WARD_REF_FIELDS,
                "has_external_predecessor",
                "external_predecessor_note",
            )
        }
        wards = {pk: _ward_ref(row) for pk, row in extra.items()}
        successors, predecessors = defaultdict(list), defaultdict(list)
        basis = {}
        for link in WardSuccession.objects.order_by("successor__code").values(
            "predecessor_id", "successor_id", "legal_basis"
        ):
            successors[link["predecessor_id"]].append(wards[link["successor_id"]])
            predecessors[link["successor_id"]].append(wards[link["predecessor_id"]])
            basis[link["predecessor_id"]] = link["legal_basis"]
            basis[link["successor_id"]] = link["legal_basis"]
        return tuple(
            WardEntry(
                ward=ref,
                successors=tuple(successors[pk]),
                predecessors=tuple(sorted(predecessors[pk], key=lambda w: w.code)),
                has_external_predecessor=extra[pk]["has_external_predecessor"],
                external_predecessor_note=extra[pk]["external_predecessor_note"],
                legal_basis=basis.get(pk, ""),
            )
            for pk, ref in wards.items()
        )

    return cached("ward-directory", compute=compute)


def directory_page(*, number: int) -> Page:
    """Page `number` of `ward_directory()`, in its order; PageNotFound past the end."""

    def compute():
        wards = Ward.objects.order_by(F("valid_to").desc(nulls_first=True), "code")
        count = wards.count()
        start, end = _page_bounds(number, count)
        return Page(
            number=number,
            count=count,
            items=tuple(_ward_entries(list(wards[start:end]))),
            size=pages.PAGE_SIZE,
        )

    return cached("directory-page", number, compute=compute)


def latest_units_page(*, number: int) -> Page:
    """Page `number` of the units nothing succeeded, each with the units before it.

    `/don-vi/` lists every unit once: a unit that became another is shown as the
    history of its successor (`WardEntry.predecessors`), not as a row of its own.
    """

    def compute():
        # No DISTINCT: "no link" is a LEFT JOIN's NULL row, one per unit, and DISTINCT
        # over every column of 10,000 units sorted them all for a page of 50.
        heads = Ward.objects.filter(successor_links__isnull=True).order_by(
            F("valid_to").desc(nulls_first=True), "code"
        )
        count = heads.count()
        start, end = _page_bounds(number, count)
        return Page(
            number=number,
            count=count,
            items=tuple(_ward_entries(list(heads[start:end]))),
            size=pages.PAGE_SIZE,
        )

    return cached("latest-units-page", number, compute=compute)


def ward_detail(*, slug: str) -> tuple[Ward, WardEntry] | None:
    """The unit with `slug` and its directory entry, or None when there is none."""
    ward = Ward.objects.filter(slug=slug).first()
    if ward is None:
        return None
    return ward, cached("ward-entry", ward.pk, compute=lambda: _ward_entries([ward])[0])


def territory_directory(*, ward: Ward) -> tuple[WardEntry, ...]:
    """The directory entries of `ward` and every unit it succeeded (its territory).

    Equal to the matching entries of `ward_directory()`, for pages that need a few
    units and not all of them (10,000 at nation scale).
    """

    def compute():
        units = list(Ward.objects.filter(pk__in=_territory_ids(ward)).order_by("pk"))
        return tuple(_ward_entries(units))

    return cached("territory-directory", ward.pk, compute=compute)


def _ward_entries(wards: list[Ward]) -> list[WardEntry]:
    """`ward_directory()`'s entries of `wards`, read from their own links (one query)."""
    pks = [ward.pk for ward in wards]
    successors, predecessors = defaultdict(list), defaultdict(list)
    basis = {}
    fields = [
        f"{side}__{name}"
        for side in ("predecessor", "successor")
        for name in WARD_REF_FIELDS
    ]
    for link in (
        WardSuccession.objects.filter(Q(predecessor__in=pks) | Q(successor__in=pks))
        .order_by("successor__code")
        .values("predecessor_id", "successor_id", "legal_basis", *fields)
    ):
        successors[link["predecessor_id"]].append(_ward_ref(link, "successor__"))
        predecessors[link["successor_id"]].append(_ward_ref(link, "predecessor__"))
        basis[link["predecessor_id"]] = link["legal_basis"]
        basis[link["successor_id"]] = link["legal_basis"]
    return [
        WardEntry(
            ward=WardRef(*(getattr(ward, name) for name in WARD_REF_FIELDS)),
            successors=tuple(successors[ward.pk]),
            predecessors=tuple(sorted(predecessors[ward.pk], key=lambda w: w.code)),
            has_external_predecessor=ward.has_external_predecessor,
            external_predecessor_note=ward.external_predecessor_note,
            legal_basis=basis.get(ward.pk, ""),
        )
        for ward in wards
    ]


def area_detail(*, slug: str) -> AreaDetail | None:
    """An approved residential area with its predecessor and successor areas, or None."""

    def compute():
        area = (
            ResidentialArea.objects.published()
            .filter(slug=slug)
            .select_related("ward")
            .first()
        )
        if area is None:
            return (None,)
        # The links first, then the linked areas by primary key: an OR of two
        # subqueries made PostgreSQL scan every area (100,000 at nation scale).
        links = list(
            ResidentialArea.successors.through.objects.filter(
                Q(from_residentialarea=area) | Q(to_residentialarea=area)
            ).values_list("from_residentialarea", "to_residentialarea")
        )
        linked = ResidentialArea.objects.published().filter(
            pk__in={pk for link in links for pk in link}
        )
        successor_ids = {to for source, to in links if source == area.pk}
        predecessors, successors = [], []
        for other in linked.exclude(pk=area.pk).values(
            "pk", "slug", "name", "ward__name"
        ):
            ref = AreaRef(other["slug"], other["name"], other["ward__name"])
            (successors if other["pk"] in successor_ids else predecessors).append(ref)
        ward = area.ward
        return (
            AreaDetail(
                pk=area.pk,
                slug=area.slug,
                name=area.name,
                kind=area.kind,
                ward=WardRef(
                    ward.pk,
                    ward.slug,
                    ward.name,
                    ward.code,
                    ward.kind,
                    ward.valid_from,
                    ward.valid_to,
                ),
                valid_from=area.valid_from,
                valid_to=area.valid_to,
                predecessors=tuple(predecessors),
                successors=tuple(successors),
            ),
        )

    return cached("area-detail", slug, compute=compute)[0]
