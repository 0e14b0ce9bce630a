"""The Great Solidarity Festival: by unit, by year, each area's festival of a year,
and one area's festivals (issue 14)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns import selectors
from campaigns.public.datasets.base import (
    AREA,
    WARD,
    YEAR,
    Column,
    Table,
    area_url,
    page_of_units,
    place_name,
    query_params,
    register,
    total_label,
    ward_url,
)
from campaigns.public.datasets.columns import C_AREA, C_UNIT, C_YEAR

C_AREAS_IN_FORCE = Column(
    "areas_in_force",
    gettext_lazy("Residential areas in force"),
    "int",
    gettext_lazy("Approved residential areas in force in the year."),
)
C_REPORTING = Column(
    "reporting",
    gettext_lazy("Areas reporting"),
    "int",
    gettext_lazy("Areas with an approved yearly result."),
)
C_HELD = Column(
    "festivals_held",
    gettext_lazy("Areas that held the festival"),
    "int",
    gettext_lazy(
        "Approved yearly results recording the Great Solidarity Festival as held."
    ),
)
C_HELD_SHARE = Column(
    "festival_share",
    gettext_lazy("Share of areas that held it"),
    "percent",
    gettext_lazy("Areas that held the festival ÷ residential areas in force."),
)
C_PARTICIPANTS = Column(
    "participants",
    gettext_lazy("Participants"),
    "int",
    gettext_lazy("People taking part, as counted by each area."),
)
C_FIRST = Column(
    "first_date", gettext_lazy("First festival"), "text", gettext_lazy("dd/mm/yyyy.")
)
C_LAST = Column(
    "last_date", gettext_lazy("Last festival"), "text", gettext_lazy("dd/mm/yyyy.")
)
C_DATE = Column(
    "festival_date", gettext_lazy("Festival date"), "text", gettext_lazy("dd/mm/yyyy.")
)
C_HIGHLIGHTS = Column(
    "highlights",
    gettext_lazy("Highlights"),
    "prose",
    gettext_lazy("What the festival did, as the area's Front work committee wrote it."),
)
C_HELD_BOOL = Column("held", gettext_lazy("Festival held"), "bool")


def day(value) -> str | None:
    return value.strftime("%d/%m/%Y") if value else None


def _totals_row(label, t: selectors.FestivalTotals) -> tuple:
    return (
        label,
        t.areas,
        t.reporting,
        t.held,
        t.held_share,
        t.participants,
        day(t.first_date),
        day(t.last_date),
    )


def build_festivals_by_ward(*, dataset, year, page=None) -> Table:
    rows, links = [], []
    for item in selectors.festivals_by_ward(year=year, page=page):
        rows.append(_totals_row(item.ward.name, item.totals))
        links.append(ward_url(item.ward.slug, year))
    return Table(
        dataset,
        _("Great Solidarity Festival by ward or commune, %(year)s") % {"year": year},
        dataset.columns,
        rows,
        query_params(year=year),
        links,
        page=page_of_units(year, page),
        totals=lambda: _totals_row(
            total_label(None), selectors.festival_summary(year=year).totals
        ),
    )


def build_festivals_by_year(*, dataset, ward=None) -> Table:
    rows = [
        (
            item.year,
            item.totals.areas,
            item.totals.held,
            item.totals.held_share,
            item.totals.participants,
        )
        for item in selectors.festivals_by_year(ward=ward)
    ]
    return Table(
        dataset,
        _("Great Solidarity Festival by year, %(place)s") % {"place": place_name(ward)},
        dataset.columns,
        rows,
        query_params(ward=ward),
    )


def build_festival_areas(*, dataset, year, ward=None, page=None) -> Table:
    found = selectors.festival_areas(year=year, ward=ward, page=page)
    rows = [
        (a.area_name, a.ward_name, day(a.date), a.participants, a.highlights)
        for a in found.items
    ]
    return Table(
        dataset,
        _("Festivals of the residential areas, %(place)s, %(year)s")
        % {"place": place_name(ward), "year": year},
        dataset.columns,
        rows,
        query_params(year=year, ward=ward),
        [area_url(a.area_slug) for a in found.items],
        page=found if page is not None else None,
        page_param="trang-khu-dan-cu",
    )


def build_area_festivals(*, dataset, area) -> Table:
    rows = [
        (f.year, f.held, day(f.date), f.participants, f.highlights)
        for f in selectors.area_festivals(area=area)
    ]
    return Table(
        dataset,
        _("Great Solidarity Festival of %(area)s by year") % {"area": area.name},
        dataset.columns,
        rows,
        query_params(area=area),
    )


register(
    "ngay-hoi-theo-don-vi",
    gettext_lazy("Great Solidarity Festival by ward or commune"),
    gettext_lazy(
        "Residential areas that held the festival of a year per unit in force, with "
        "participants and the first and last dates."
    ),
    {YEAR},
    (
        C_UNIT,
        C_AREAS_IN_FORCE,
        C_REPORTING,
        C_HELD,
        C_HELD_SHARE,
        C_PARTICIPANTS,
        C_FIRST,
        C_LAST,
    ),
    build_festivals_by_ward,
)
register(
    "ngay-hoi-theo-nam",
    gettext_lazy("Great Solidarity Festival by year"),
    gettext_lazy("Residential areas that held the festival and participants per year."),
    {WARD},
    (C_YEAR, C_AREAS_IN_FORCE, C_HELD, C_HELD_SHARE, C_PARTICIPANTS),
    build_festivals_by_year,
)
register(
    "ngay-hoi",
    gettext_lazy("Festivals of the residential areas"),
    gettext_lazy(
        "Each residential area's festival of a year: date, participants, highlights."
    ),
    {YEAR, WARD},
    (C_AREA, C_UNIT, C_DATE, C_PARTICIPANTS, C_HIGHLIGHTS),
    build_festival_areas,
)
register(
    "ngay-hoi-khu-dan-cu",
    gettext_lazy("One residential area's festivals"),
    gettext_lazy("The festival of one residential area, year by year."),
    {AREA},
    (C_YEAR, C_HELD_BOOL, C_DATE, C_PARTICIPANTS, C_HIGHLIGHTS),
    build_area_festivals,
    required={AREA},
)
