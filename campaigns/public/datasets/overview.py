"""The headline figures of a year as a table (`tong-quan`)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.public.datasets.base import (
    WARD,
    YEAR,
    Column,
    Table,
    place_name,
    query_params,
    register,
)
from campaigns.public.datasets.columns import C_MONEY_VALUE
from campaigns.selectors import public as selectors


def build_overview(*, dataset, year, ward=None) -> Table:
    data = selectors.city_overview(year=year, ward=ward)
    period = (
        f"{data.first_year}–{year}"
        if data.first_year and data.first_year < year
        else str(year)
    )
    r, fy, fc = data.results, data.fund_year, data.fund_cumulative
    standards = ", ".join(s.code for s in data.standards)
    rows = [
        (_("Money raised for the poverty fund"), fy.raised, _("VND"), str(year)),
        (_("Money raised for the poverty fund"), fc.raised, _("VND"), period),
        (_("Money spent by the poverty fund"), fy.spent, _("VND"), str(year)),
        (_("Great-solidarity houses built"), fy.houses_built, _("houses"), str(year)),
        (_("Great-solidarity houses built"), fc.houses_built, _("houses"), period),
        (_("Houses repaired"), fy.houses_repaired, _("houses"), str(year)),
        (_("Houses repaired"), fc.houses_repaired, _("houses"), period),
        (_("Residential areas reporting"), r.areas, _("areas"), str(year)),
        (_("Households"), r.households, _("households"), str(year)),
        (_("Cultural families"), r.cultural_family_rate, "%", str(year)),
        (_("Areas with the cultural title"), r.cultural_title_share, "%", str(year)),
        (
            _("Poor households (%(standard)s)") % {"standard": standards},
            r.poor_rate,
            "%",
            str(year),
        ),
        (
            _("Near-poor households (%(standard)s)") % {"standard": standards},
            r.near_poor_rate,
            "%",
            str(year),
        ),
        (_("Areas that held the festival"), r.festival_share, "%", str(year)),
        (_("Concrete roads built"), data.roads_km_year, "km", str(year)),
        (_("Concrete roads built"), data.roads_km_cumulative, "km", period),
    ]
    return Table(
        dataset,
        _("Headline figures, %(place)s, %(year)s")
        % {"place": place_name(ward), "year": year},
        dataset.columns,
        rows,
        query_params(year=year, ward=ward),
    )


register(
    "tong-quan",
    gettext_lazy("Headline figures"),
    gettext_lazy("The figures of the overview page for a year and since the start."),
    {YEAR, WARD},
    (
        Column("figure", gettext_lazy("Figure"), "text"),
        C_MONEY_VALUE,
        Column("unit", gettext_lazy("Unit"), "text"),
        Column(
            "period",
            gettext_lazy("Period"),
            "text",
            gettext_lazy("The year, or the years summed."),
        ),
    ),
    build_overview,
)
