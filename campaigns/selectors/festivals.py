"""The Great Solidarity Festival (Ngày hội Đại đoàn kết toàn dân tộc) of each
residential area: AnnualResult.festival_held, festival_date, festival_participants
and festival_highlights of approved results.

"Areas in force" are the approved residential areas in force in the year (the
denominator of "held in N of M areas"); an area in force without an approved result
counts as not having held it on the public pages.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Max, Min, Q

from campaigns.cache import cached
from campaigns.models import ResidentialArea, Ward
from campaigns.models.summaries import ResultSummary
from campaigns.models.units import natural_order
from campaigns.models.validity import in_force_on, year_reference_date
from campaigns.selectors import pages
from campaigns.selectors.base import _key, _sum, share
from campaigns.selectors.directory import AreaDetail
from campaigns.selectors.pages import Page, _page_bounds
from campaigns.selectors.sources import _result_summary, _results
from campaigns.selectors.units import WardRef, _in_map, _territory_ids, _units_and_map

HELD = Q(festival_held=True)
# The same figures as counted over `_results()`, read from the result summaries (a
# year's 100,000 results at nation scale are a few rows there).
FESTIVAL_SUMMED = {
    "reporting": _sum("areas"),
    "held": _sum("festival_areas"),
    "participants": _sum("festival_participants"),
    "first_date": Min("festival_first"),
    "last_date": Max("festival_last"),
}


@dataclass(frozen=True)
class FestivalTotals:
    """Festivals of a year: held in `held` of `areas` areas in force (`reporting` of
    them with an approved result), `participants` in all."""

    areas: int = 0
    reporting: int = 0
    held: int = 0
    participants: int = 0
    first_date: datetime.date | None = None
    last_date: datetime.date | None = None

    @property
    def held_share(self):
        return share(self.held, self.areas)

    @property
    def has_data(self) -> bool:
        return self.reporting > 0


@dataclass(frozen=True)
class FestivalSummary:
    year: int
    totals: FestivalTotals


@dataclass(frozen=True)
class WardFestivals:
    ward: WardRef
    totals: FestivalTotals


@dataclass(frozen=True)
class FestivalYear:
    year: int
    totals: FestivalTotals


@dataclass(frozen=True)
class AreaFestival:
    """One area's festival of a year, as the public pages show it."""

    year: int
    area_slug: str
    area_name: str
    ward_name: str
    held: bool
    date: datetime.date | None
    participants: int | None
    highlights: str


def _totals(row: dict, areas: int) -> FestivalTotals:
    return FestivalTotals(
        areas=areas,
        reporting=row.get("reporting", 0),
        held=row.get("held", 0),
        participants=row.get("participants", 0),
        first_date=row.get("first_date"),
        last_date=row.get("last_date"),
    )


def _areas(ward: Ward | None = None):
    rows = ResidentialArea.objects.published()
    if ward is not None:
        rows = rows.filter(ward__in=_territory_ids(ward))
    return rows


def areas_in_force_by_year(*, years, ward: Ward | None = None) -> dict[int, int]:
    """Year → approved residential areas in force (one query: areas grouped by period)."""
    periods = (
        _areas(ward).order_by().values("valid_from", "valid_to").annotate(n=Count("pk"))
    )
    periods = [(p["valid_from"], p["valid_to"], p["n"]) for p in periods]
    return {
        year: sum(
            n
            for start, end, n in periods
            if in_force_on(start, end, year_reference_date(year))
        )
        for year in years
    }


def festival_summary(*, year: int, ward: Ward | None = None) -> FestivalSummary:
    """The year's festivals of the city or one unit: held, of areas in force, participants."""

    def compute():
        row = _result_summary(year=year, ward=ward).aggregate(**FESTIVAL_SUMMED)
        areas = _areas(ward).in_force_for_year(year).count()
        return FestivalSummary(year=year, totals=_totals(row, areas))

    return cached("festival-summary", year, _key(ward), compute=compute)


def festivals_by_ward(
    *, year: int, page: int | None = None
) -> tuple[WardFestivals, ...]:
    """The year's festivals per unit in force (all units, or one page of them)."""

    def compute():
        units, unit_of = _units_and_map(year, page)
        sums: dict[int, dict] = defaultdict(lambda: defaultdict(int))
        firsts: dict[int, dict] = defaultdict(dict)
        rows = ResultSummary.objects.filter(year=year, ward__isnull=False)
        grouped = (
            _in_map(rows, unit_of, page)
            .order_by()
            .values("ward")
            .annotate(**FESTIVAL_SUMMED)
        )
        for row in grouped:
            unit = unit_of.get(row["ward"])
            if unit is None:
                continue
            for name in ("reporting", "held", "participants"):
                sums[unit][name] += row[name]
            for name, pick in (("first_date", min), ("last_date", max)):
                found = [d for d in (firsts[unit].get(name), row[name]) if d]
                firsts[unit][name] = pick(found) if found else None
        areas: dict[int, int] = defaultdict(int)
        in_force = (
            _in_map(ResidentialArea.objects.published(), unit_of, page)
            .in_force_for_year(year)
            .order_by()
            .values("ward")
            .annotate(n=Count("pk"))
        )
        for row in in_force:
            unit = unit_of.get(row["ward"])
            if unit is not None:
                areas[unit] += row["n"]
        return tuple(
            WardFestivals(
                ward=ref,
                totals=_totals({**sums[ref.pk], **firsts[ref.pk]}, areas[ref.pk]),
            )
            for ref in units
        )

    return cached("festivals-by-ward", year, page, compute=compute)


def festivals_by_year(*, ward: Ward | None = None) -> tuple[FestivalYear, ...]:
    """Festivals per year with approved results (city or one unit), ascending."""

    def compute():
        rows = {
            row["year"]: row
            for row in _result_summary(ward=ward)
            .order_by()
            .values("year")
            .annotate(**FESTIVAL_SUMMED)
        }
        areas = areas_in_force_by_year(years=rows, ward=ward)
        return tuple(
            FestivalYear(year=year, totals=_totals(rows[year], areas[year]))
            for year in sorted(rows)
        )

    return cached("festivals-by-year", _key(ward), compute=compute)


FESTIVAL_FIELDS = (
    "year",
    "residential_area__slug",
    "residential_area__name",
    "residential_area__ward__name",
    "festival_held",
    "festival_date",
    "festival_participants",
    "festival_highlights",
)


def _area_festival(row: dict) -> AreaFestival:
    return AreaFestival(
        year=row["year"],
        area_slug=row["residential_area__slug"],
        area_name=row["residential_area__name"],
        ward_name=row["residential_area__ward__name"],
        held=row["festival_held"],
        date=row["festival_date"],
        participants=row["festival_participants"],
        highlights=row["festival_highlights"],
    )


def festival_areas(
    *, year: int, ward: Ward | None = None, page: int | None = None
) -> Page:
    """The areas that held the festival in `year`, with date, participants and
    highlights; `page=None` gives every row (downloads) as one page."""

    def compute():
        rows = (
            _results(year=year, ward=ward)
            .filter(HELD)
            .order_by(
                "residential_area__ward__code", *natural_order("residential_area__")
            )
        )
        # The summaries count the same rows without reading a year's results.
        count = _result_summary(year=year, ward=ward).aggregate(
            n=_sum("festival_areas")
        )["n"]
        if page is None:
            items = rows.values(*FESTIVAL_FIELDS)
            return Page(
                number=1,
                count=count,
                items=tuple(map(_area_festival, items)),
                size=max(count, 1),
            )
        start, end = _page_bounds(page, count)
        items = rows.values(*FESTIVAL_FIELDS)[start:end]
        return Page(
            number=page,
            count=count,
            items=tuple(map(_area_festival, items)),
            size=pages.PAGE_SIZE,
        )

    return cached("festival-areas", year, _key(ward), page, compute=compute)


def area_festivals(*, area: AreaDetail) -> tuple[AreaFestival, ...]:
    """One approved residential area's festival of every year with an approved result."""

    def compute():
        rows = (
            _results()
            .filter(residential_area_id=area.pk)
            .order_by("-year")
            .values(*FESTIVAL_FIELDS)
        )
        return tuple(map(_area_festival, rows))

    return cached("area-festivals", area.pk, compute=compute)


def latest_festival() -> FestivalSummary | None:
    """The city's festivals of the latest year in which any approved result held one."""

    def compute():
        year = (
            _results()
            .filter(HELD)
            .order_by("-year")
            .values_list("year", flat=True)
            .first()
        )
        return None if year is None else festival_summary(year=year)

    return cached("latest-festival", compute=compute)
