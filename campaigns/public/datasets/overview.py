"""The headline figures of a year as a table (`tong-quan`), from `figures.OVERVIEW`."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns import selectors
from campaigns.public.datasets import figures
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


def build_overview(*, dataset, year, ward=None) -> Table:
    data = selectors.city_overview(year=year, ward=ward)
    rows = []
    for figure in figures.OVERVIEW:
        first, last = figure.span(data)
        rows.append(
            (
                str(figure.label),
                figure.value(data),
                figure.unit_text,
                f"{first}–{last}" if first < last else str(last),
                figure.note(data),
            )
        )
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
        Column(
            "note",
            gettext_lazy("Note"),
            "text",
            gettext_lazy("The poverty standard a rate is counted under."),
        ),
    ),
    build_overview,
)
