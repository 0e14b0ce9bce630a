"""Community works: by kind, by unit, by year."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns import selectors
from campaigns.public.datasets.base import (
    WARD,
    YEAR,
    Column,
    Table,
    page_of_units,
    place_name,
    query_params,
    register,
    total_label,
    ward_url,
)
from campaigns.public.datasets.columns import (
    C_CULTURAL_HOUSES,
    C_LABOUR_DAYS,
    C_LAND,
    C_PEOPLE_MONEY,
    C_ROADS,
    C_UNIT,
    C_WORKS,
    C_YEAR,
    WORK_COLUMNS,
)


def _work_row(label, totals):
    return (
        label,
        totals.works,
        totals.length_km,
        totals.area_m2,
        totals.people_money,
        totals.labour_days,
        totals.land_donated_m2,
        totals.state_budget,
        totals.other_funding,
    )


def build_works(*, dataset, year, ward=None) -> Table:
    summary = selectors.community_works_summary(year=year, ward=ward)
    rows = [_work_row(kind.label, kind.totals) for kind in summary.kinds]
    if summary.kinds:
        rows.append(_work_row(_("Total"), summary.total))
    return Table(
        dataset,
        _("Community works, %(place)s, %(year)s")
        % {"place": place_name(ward), "year": year},
        dataset.columns,
        rows,
        query_params(year=year, ward=ward),
    )


def build_works_by_ward(*, dataset, year, page=None) -> Table:
    rows, links, ends = [], [], []
    for item in selectors.community_works_by_ward(year=year, page=page):
        rows.append(
            _unit_works_row(
                item.ward.name, item.totals, item.roads_km, item.cultural_houses
            )
        )
        links.append(ward_url(item.ward.slug, year))
        ends.append(item.ward.valid_to)
    return Table(
        dataset,
        _("Community works by ward or commune, %(year)s") % {"year": year},
        dataset.columns,
        rows,
        query_params(year=year),
        links,
        ends=ends,
        page=page_of_units(year, page),
        totals=lambda: _city_works(year),
    )


def _city_works(year) -> tuple:
    summary = selectors.community_works_summary(year=year)
    return _unit_works_row(
        total_label(None), summary.total, summary.roads_km, summary.cultural_houses
    )


def _unit_works_row(label, t, roads_km, cultural_houses) -> tuple:
    return (
        label,
        t.works,
        roads_km,
        cultural_houses,
        t.people_money,
        t.labour_days,
        t.land_donated_m2,
    )


def build_works_by_year(*, dataset, ward=None) -> Table:
    rows = [
        (
            item.year,
            item.totals.works,
            item.roads_km,
            item.cultural_houses,
            item.totals.people_money,
            item.totals.labour_days,
            item.totals.land_donated_m2,
        )
        for item in selectors.community_works_by_year(ward=ward)
    ]
    return Table(
        dataset,
        _("Community works by year, %(place)s") % {"place": place_name(ward)},
        dataset.columns,
        rows,
        query_params(ward=ward),
    )


register(
    "cong-trinh",
    gettext_lazy("Community works"),
    gettext_lazy("Works completed in a year by kind, with people's contributions."),
    {YEAR, WARD},
    (Column("kind", gettext_lazy("Kind of work"), "text"), *WORK_COLUMNS),
    build_works,
)
register(
    "cong-trinh-theo-don-vi",
    gettext_lazy("Community works by ward or commune"),
    gettext_lazy("Works of a year per unit in force."),
    {YEAR},
    (
        C_UNIT,
        C_WORKS,
        C_ROADS,
        C_CULTURAL_HOUSES,
        C_PEOPLE_MONEY,
        C_LABOUR_DAYS,
        C_LAND,
    ),
    build_works_by_ward,
)
register(
    "cong-trinh-theo-nam",
    gettext_lazy("Community works by year"),
    gettext_lazy("Works per year: roads, cultural houses and people's contributions."),
    {WARD},
    (
        C_YEAR,
        C_WORKS,
        C_ROADS,
        C_CULTURAL_HOUSES,
        C_PEOPLE_MONEY,
        C_LABOUR_DAYS,
        C_LAND,
    ),
    build_works_by_year,
)
