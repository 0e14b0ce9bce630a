"""Cultural families, titles, the civilised way of life, and commendations (issue 14)."""

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
    build,
    page_of_units,
    place_name,
    query_params,
    register,
    total_label,
    ward_url,
)
from campaigns.public.datasets.columns import (
    C_AREA,
    C_CULTURAL_RATE,
    C_HOUSEHOLDS,
    C_TITLE_SHARE,
    C_UNIT,
    C_YEAR,
)

C_REPORTING = Column(
    "reporting",
    gettext_lazy("Areas reporting"),
    "int",
    gettext_lazy("Areas with an approved yearly result."),
)
C_REGISTERED = Column(
    "registered",
    gettext_lazy("Families registered"),
    "int",
    gettext_lazy('Families registered for the "Gia đình văn hóa" title.'),
)
C_RECOGNISED = Column(
    "recognised",
    gettext_lazy("Cultural families recognised"),
    "int",
    gettext_lazy('Families recognised as "Gia đình văn hóa" in the year.'),
)
C_THREE_YEARS = Column(
    "three_years",
    gettext_lazy("Cultural families three years running"),
    "int",
    gettext_lazy(
        "Families recognised this year and the two before (the basis of a Giấy "
        "khen), as counted by the areas; areas that did not count them add nothing."
    ),
)
C_TITLE_AREAS = Column(
    "title_areas",
    gettext_lazy("Areas with the cultural title"),
    "int",
    gettext_lazy('Areas holding the "Thôn/Tổ dân phố văn hóa" title.'),
)
C_TITLE = Column("cultural_title", gettext_lazy("Cultural title"), "bool")
C_UNIT_TITLE = Column(
    "unit_title",
    gettext_lazy("Title of the ward or commune"),
    "text",
    gettext_lazy(
        "The title a unit of this kind could hold that year under the decree in "
        "force. Whether the unit was awarded it is not recorded on the portal."
    ),
)
C_WEDDINGS = Column(
    "civilised_weddings",
    gettext_lazy("Civilised weddings"),
    "int",
    gettext_lazy("Weddings held the civilised way, as counted by the area."),
)
C_FUNERALS = Column(
    "civilised_funerals",
    gettext_lazy("Civilised funerals"),
    "int",
    gettext_lazy("Funerals held the civilised way, as counted by the area."),
)
C_FESTIVALS = Column(
    "civilised_festivals",
    gettext_lazy("Civilised festivals"),
    "int",
    gettext_lazy(
        "Local festivals and celebrations held the civilised way, as counted by the area."
    ),
)
CULTURAL_COLUMNS = (
    C_REPORTING,
    C_HOUSEHOLDS,
    C_REGISTERED,
    C_RECOGNISED,
    C_CULTURAL_RATE,
    C_THREE_YEARS,
    C_TITLE_AREAS,
    C_TITLE_SHARE,
    C_WEDDINGS,
    C_FUNERALS,
    C_FESTIVALS,
)


def _cultural_row(label, t: selectors.CulturalTotals) -> tuple:
    return (
        label,
        t.reporting,
        t.households,
        t.registered,
        t.recognised,
        t.recognised_rate,
        t.three_years,
        t.title_areas,
        t.title_share,
        t.civilised_weddings,
        t.civilised_funerals,
        t.civilised_festivals,
    )


def build_cultural_by_ward(*, dataset, year, page=None) -> Table:
    rows, links = [], []
    for item in selectors.cultural_by_ward(year=year, page=page):
        title = item.title.label if item.title else None
        rows.append((*_cultural_row(item.ward.name, item.totals), title))
        links.append(ward_url(item.ward.slug, year))
    return Table(
        dataset,
        _("Cultural families and titles by ward or commune, %(year)s") % {"year": year},
        dataset.columns,
        rows,
        query_params(year=year),
        links,
        page=page_of_units(year, page),
        totals=lambda: (
            *_cultural_row(total_label(None), selectors.cultural_summary(year=year)),
            None,
        ),
    )


def build_cultural_by_year(*, dataset, ward=None) -> Table:
    rows = [
        _cultural_row(item.year, item.totals)
        for item in selectors.cultural_by_year(ward=ward)
    ]
    return Table(
        dataset,
        _("Cultural families and the civilised way of life by year, %(place)s")
        % {"place": place_name(ward)},
        dataset.columns,
        rows,
        query_params(ward=ward),
    )


def _area_row(a: selectors.AreaCultural, first) -> tuple:
    return (
        first,
        a.households,
        a.recognised,
        a.recognised_rate,
        a.three_years,
        a.cultural_title,
        a.civilised_weddings,
        a.civilised_funerals,
        a.civilised_festivals,
    )


def build_cultural_areas(*, dataset, year, ward=None, page=None) -> Table:
    found = selectors.cultural_areas(year=year, ward=ward, page=page)
    rows = [(a.area_name, a.ward_name, *_area_row(a, None)[1:]) for a in found.items]
    return Table(
        dataset,
        _("The civilised way of life by residential area, %(place)s, %(year)s")
        % {"place": place_name(ward), "year": year},
        dataset.columns,
        rows,
        query_params(year=year, ward=ward),
        [area_url(a.area_slug) for a in found.items],
        page=found if page is not None else None,
        page_param="trang-khu-dan-cu",
    )


def build_area_cultural(*, dataset, area) -> Table:
    rows = [_area_row(a, a.year) for a in selectors.area_cultural_by_year(area=area)]
    return Table(
        dataset,
        _("Cultural families and the civilised way of life of %(area)s by year")
        % {"area": area.name},
        dataset.columns,
        rows,
        query_params(area=area),
    )


AREA_COLUMNS = (
    C_HOUSEHOLDS,
    C_RECOGNISED,
    C_CULTURAL_RATE,
    C_THREE_YEARS,
    C_TITLE,
    C_WEDDINGS,
    C_FUNERALS,
    C_FESTIVALS,
)

register(
    "gia-dinh-van-hoa-theo-don-vi",
    gettext_lazy("Cultural families by ward or commune"),
    gettext_lazy(
        "Families registered and recognised, areas with the cultural title, the "
        "civilised way of life and the unit's title, per unit in force."
    ),
    {YEAR},
    (C_UNIT, *CULTURAL_COLUMNS, C_UNIT_TITLE),
    build_cultural_by_ward,
)
register(
    "gia-dinh-van-hoa-theo-nam",
    gettext_lazy("Cultural families by year"),
    gettext_lazy(
        "Families registered and recognised, areas with the cultural title and the "
        "civilised way of life per year."
    ),
    {WARD},
    (C_YEAR, *CULTURAL_COLUMNS),
    build_cultural_by_year,
)


def build_civilised_by_year(*, dataset, ward=None) -> Table:
    """The civilised-lifestyle columns of `gia-dinh-van-hoa-theo-nam`, for their chart."""
    full = build("gia-dinh-van-hoa-theo-nam", ward=ward)
    keys = [column.key for column in full.columns]
    picked = [keys.index(column.key) for column in dataset.columns]
    return Table(
        dataset,
        _("Weddings, funerals and festivals held the civilised way by year, %(place)s")
        % {"place": place_name(ward)},
        dataset.columns,
        [tuple(row[i] for i in picked) for row in full.rows],
        full.params,
    )


register(
    "nep-song-van-minh-theo-nam",
    gettext_lazy("Civilised way of life by year"),
    gettext_lazy(
        "Weddings, funerals and festivals held the civilised way per year, as the "
        "residential areas counted them."
    ),
    {WARD},
    (C_YEAR, C_WEDDINGS, C_FUNERALS, C_FESTIVALS),
    build_civilised_by_year,
)


register(
    "nep-song-van-minh",
    gettext_lazy("Civilised way of life by residential area"),
    gettext_lazy(
        "Each residential area's cultural families, title and civilised weddings, "
        "funerals and festivals of a year."
    ),
    {YEAR, WARD},
    (C_AREA, C_UNIT, *AREA_COLUMNS),
    build_cultural_areas,
)
register(
    "nep-song-khu-dan-cu",
    gettext_lazy("One residential area's cultural families and civilised way of life"),
    gettext_lazy("The figures of one residential area, year by year."),
    {AREA},
    (C_YEAR, *AREA_COLUMNS),
    build_area_cultural,
    required={AREA},
)
