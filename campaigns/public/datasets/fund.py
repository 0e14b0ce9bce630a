"""The "Vì người nghèo" fund: by year, category and unit; houses; named donors."""

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
    C_BUILT,
    C_DONATIONS,
    C_IN_KIND,
    C_RAISED,
    C_REPAIRED,
    C_SPENT,
    C_SUPPORTS,
    C_UNIT,
    C_YEAR,
)


def build_fund_by_year(*, dataset, ward=None) -> Table:
    rows = [
        (
            item.year,
            item.totals.raised,
            item.totals.in_kind,
            item.totals.donations,
            item.totals.spent,
            item.totals.supports,
            item.totals.houses_built,
            item.totals.houses_repaired,
        )
        for item in selectors.fund_by_year(ward=ward)
    ]
    notes = []
    if ward is not None:
        notes.append(
            _(
                "For a ward or commune: its own ward fund; the city fund is not included."
            )
        )
    return Table(
        dataset,
        _('"Vì người nghèo" fund by year, %(place)s') % {"place": place_name(ward)},
        dataset.columns,
        rows,
        query_params(ward=ward),
        notes=notes,
    )


def build_spending_by_category(*, dataset, year, ward=None) -> Table:
    rows = [
        (
            item.label,
            item.supports,
            item.amount,
            item.houses_built,
            item.houses_repaired,
        )
        for item in selectors.fund_spending_by_category(year=year, ward=ward)
    ]
    return Table(
        dataset,
        _("Fund spending by category, %(place)s, %(year)s")
        % {"place": place_name(ward), "year": year},
        dataset.columns,
        rows,
        query_params(year=year, ward=ward),
        totals=lambda: _category_total(selectors.city_overview(year=year, ward=ward)),
    )


def _category_total(data) -> tuple:
    f = data.fund_year
    return (_("Total"), f.supports, f.spent, f.houses_built, f.houses_repaired)


def _fund_row(label, t) -> tuple:
    return (
        label,
        t.raised,
        t.in_kind,
        t.donations,
        t.spent,
        t.supports,
        t.houses_built,
        t.houses_repaired,
    )


def build_fund_by_ward(*, dataset, year, page=None) -> Table:
    rows, links, ends = [], [], []
    for item in selectors.fund_spending_by_ward(year=year, page=page):
        rows.append(_fund_row(item.ward.name, item.totals))
        links.append(ward_url(item.ward.slug, year))
        ends.append(item.ward.valid_to)
    return Table(
        dataset,
        _("Fund by ward or commune, %(year)s") % {"year": year},
        dataset.columns,
        rows,
        query_params(year=year),
        links,
        ends=ends,
        notes=[
            _(
                "Money raised counts each ward's own fund; donations to the city fund "
                "belong to no ward. Money spent counts supports in the ward from either fund."
            )
        ],
        page=page_of_units(year, page),
        # The whole city's fund: the ward funds and the city fund.
        totals=lambda: _fund_row(
            total_label(None), selectors.city_overview(year=year).fund_year
        ),
    )


def build_houses(*, dataset, ward=None) -> Table:
    rows = [
        (item.year, item.built, item.repaired, item.total)
        for item in selectors.houses_by_year(ward=ward)
    ]
    return Table(
        dataset,
        _("Great-solidarity houses by year, %(place)s") % {"place": place_name(ward)},
        dataset.columns,
        rows,
        query_params(ward=ward),
    )


def build_donors(*, dataset, year, ward=None, page=None) -> Table:
    rows = [
        (d.name, d.kind_label, d.donations, d.amount, d.in_kind)
        for d in selectors.named_donors(year=year, ward=ward, page=page)
    ]
    return Table(
        dataset,
        _("Donors who agreed to be named, %(place)s, %(year)s")
        % {"place": place_name(ward), "year": year},
        dataset.columns,
        rows,
        query_params(year=year, ward=ward),
        notes=[_("Donors who did not agree to be named are counted but never listed.")],
        page=None
        if page is None
        else selectors.Page(
            number=page,
            count=selectors.named_donors_count(year=year, ward=ward),
            size=selectors.pages.PAGE_SIZE,
        ),
        page_param="trang-nha-hao-tam",
    )


register(
    "quy-theo-nam",
    gettext_lazy('"Vì người nghèo" fund by year'),
    gettext_lazy("Money raised and spent, supports and houses per year."),
    {WARD},
    (
        C_YEAR,
        C_RAISED,
        C_IN_KIND,
        C_DONATIONS,
        C_SPENT,
        C_SUPPORTS,
        C_BUILT,
        C_REPAIRED,
    ),
    build_fund_by_year,
)
register(
    "chi-theo-loai",
    gettext_lazy("Fund spending by category"),
    gettext_lazy(
        "Supports of a year by category (houses, livelihoods, medical care…)."
    ),
    {YEAR, WARD},
    (
        Column("category", gettext_lazy("Category"), "text"),
        C_SUPPORTS,
        Column("amount", gettext_lazy("Amount"), "money"),
        C_BUILT,
        C_REPAIRED,
    ),
    build_spending_by_category,
)
register(
    "quy-theo-don-vi",
    gettext_lazy("Fund by ward or commune"),
    gettext_lazy("Ward-fund money raised and money spent per unit in force."),
    {YEAR},
    (
        C_UNIT,
        C_RAISED,
        C_IN_KIND,
        C_DONATIONS,
        C_SPENT,
        C_SUPPORTS,
        C_BUILT,
        C_REPAIRED,
    ),
    build_fund_by_ward,
)
register(
    "nha-dai-doan-ket",
    gettext_lazy("Great-solidarity houses by year"),
    gettext_lazy("Houses built and repaired with the fund, per year."),
    {WARD},
    (
        C_YEAR,
        C_BUILT,
        C_REPAIRED,
        Column("total", gettext_lazy("Total"), "int"),
    ),
    build_houses,
)
register(
    "nha-hao-tam",
    gettext_lazy("Donors who agreed to be named"),
    gettext_lazy(
        "Donors of a year who agreed to be named publicly, with the total of those "
        "donations. Other donors are never listed."
    ),
    {YEAR, WARD},
    (
        Column("donor", gettext_lazy("Donor"), "text"),
        Column("kind", gettext_lazy("Kind of donor"), "text"),
        C_DONATIONS,
        Column("amount", gettext_lazy("Amount"), "money"),
        C_IN_KIND,
    ),
    build_donors,
)
