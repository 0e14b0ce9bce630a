"""Yearly results of the residential areas: per unit, per area, per year, poverty trend."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns import selectors
from campaigns.models.choices import ResidentialAreaKindChoices
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
from campaigns.public.datasets.columns import (
    C_APPROVED_BY,
    C_AREA,
    C_AREAS,
    C_BUILT,
    C_CULTURAL_RATE,
    C_FESTIVAL_SHARE,
    C_HOUSEHOLDS,
    C_NEAR_POOR_RATE,
    C_POOR_RATE,
    C_RAISED,
    C_REPAIRED,
    C_ROADS,
    C_SPENT,
    C_STANDARD,
    C_TITLE_NAME,
    C_TITLE_SHARE,
    C_UNIT,
    C_UNIT_CODE,
    C_YEAR,
    title_name,
)


def build_ward_summaries(*, dataset, year, page=None) -> Table:
    rows, links, ends = [], [], []
    approved_by = selectors.approved_by_reader()
    for item in selectors.ward_summaries(year=year, page=page):
        r, f = item.results, item.fund
        rows.append(
            (
                item.ward.name,
                item.ward.code,
                r.areas,
                r.households,
                r.cultural_family_rate,
                r.cultural_title_share,
                r.poor_rate,
                r.near_poor_rate,
                r.festival_share,
                f.raised,
                f.spent,
                f.houses_built,
                f.houses_repaired,
                item.roads_km,
                approved_by(year=year, ward=item.ward),
            )
        )
        links.append(ward_url(item.ward.slug, year))
        ends.append(item.ward.valid_to)
    return Table(
        dataset,
        _("Wards and communes, %(year)s") % {"year": year},
        dataset.columns,
        rows,
        query_params(year=year),
        links,
        ends=ends,
        page=page_of_units(year, page),
        totals=lambda: _unit_totals(selectors.city_overview(year=year), year),
    )


def _unit_totals(data, year) -> tuple:
    r, f = data.results, data.fund_year
    return (
        total_label(None),
        "",
        r.areas,
        r.households,
        r.cultural_family_rate,
        r.cultural_title_share,
        r.poor_rate,
        r.near_poor_rate,
        r.festival_share,
        f.raised,
        f.spent,
        f.houses_built,
        f.houses_repaired,
        data.roads_km_year,
        selectors.approved_by_text(year=year),
    )


def build_area_summaries(*, dataset, year, ward=None) -> Table:
    rows, links, ends = [], [], []
    titles = {
        kind: selectors.titles_for(years=[year], holder=kind)
        for kind in ResidentialAreaKindChoices.values
    }
    for a in selectors.area_summaries(year=year, ward=ward):
        rows.append(
            (
                a.name,
                a.ward_name,
                a.households,
                a.cultural_family_rate,
                a.cultural_title,
                title_name(titles.get(a.kind, {}), year, a.cultural_title),
                a.poor_households,
                a.poor_rate,
                a.near_poor_households,
                a.near_poor_rate,
                a.festival_held,
                a.committee_score,
                a.committee_grade,
            )
        )
        links.append(area_url(a.slug))
        ends.append(a.valid_to)
    return Table(
        dataset,
        _("Residential areas, %(place)s, %(year)s")
        % {"place": place_name(ward), "year": year},
        dataset.columns,
        rows,
        query_params(year=year, ward=ward),
        links,
        ends=ends,
        totals=lambda: _area_totals(
            selectors.city_overview(year=year, ward=ward), ward
        ),
    )


def _area_totals(data, ward) -> tuple:
    r = data.results
    return (
        total_label(ward),
        "",
        r.households,
        r.cultural_family_rate,
        None,
        "",
        r.poor_households,
        r.poor_rate,
        r.near_poor_households,
        r.near_poor_rate,
        None,
        None,
        "",
    )


def build_results_by_year(*, dataset, ward=None) -> Table:
    approved_by = selectors.approved_by_reader()
    rows = [
        (
            item.year,
            " / ".join(map(str, item.standard_codes)),
            item.totals.areas,
            item.totals.households,
            item.totals.cultural_family_rate,
            item.totals.cultural_title_share,
            item.totals.poor_rate,
            item.totals.near_poor_rate,
            item.totals.festival_share,
            approved_by(year=item.year, ward=ward),
        )
        for item in selectors.results_by_year(ward=ward)
    ]
    return Table(
        dataset,
        _("Results by year, %(place)s") % {"place": place_name(ward)},
        dataset.columns,
        rows,
        query_params(ward=ward),
    )


def break_note(point) -> str:
    if point.standard_code is selectors.NO_STANDARD:
        return _(
            "No poverty standard covers %(year)s yet: its rates are not determined "
            "and the line breaks there."
        ) % {"year": point.year}
    if point.previous_standard_code is selectors.NO_STANDARD:
        return _("From %(year)s households are counted under %(new)s.") % {
            "year": point.year,
            "new": point.standard_code,
        }
    return _(
        "From %(year)s households are counted under %(new)s instead of %(old)s; "
        "rates before and after are not comparable."
    ) % {
        "year": point.year,
        "new": point.standard_code,
        "old": point.previous_standard_code,
    }


def build_poverty_trend(*, dataset, ward=None, area=None) -> Table:
    points = selectors.poverty_rate_trend(ward=ward, area=area)
    rows = [
        (
            p.year,
            p.standard_code,
            p.poor_rate,
            p.near_poor_rate,
            break_note(p) if p.breaks else "",
        )
        for p in points
    ]
    place = area.name + " – " + area.ward.name if area is not None else place_name(ward)
    return Table(
        dataset,
        _("Poor- and near-poor-household rates, %(place)s") % {"place": place},
        dataset.columns,
        rows,
        query_params(ward=ward, area=area),
        notes=[break_note(p) for p in points if p.breaks],
    )


def build_area_results(*, dataset, area) -> Table:
    results = selectors.area_results_by_year(area=area)
    titles = selectors.titles_for(years=[r.year for r in results], holder=area.kind)
    approved_by = selectors.approved_by_reader()
    rows = [
        (
            r.year,
            r.standard_code,
            r.households,
            r.cultural_families_registered,
            r.cultural_families_recognised,
            r.cultural_family_rate,
            r.cultural_title,
            title_name(titles, r.year, r.cultural_title),
            r.cultural_families_three_years,
            r.poor_households,
            r.poor_rate,
            r.near_poor_households,
            r.near_poor_rate,
            r.festival_held,
            r.committee_score,
            r.committee_grade,
            approved_by(year=r.year, ward=area.ward),
        )
        for r in results
    ]
    return Table(
        dataset,
        _("Yearly results, %(area)s – %(ward)s")
        % {"area": area.name, "ward": area.ward.name},
        dataset.columns,
        rows,
        query_params(area=area),
    )


register(
    "don-vi",
    gettext_lazy("Wards and communes: results of a year"),
    gettext_lazy(
        "One row per ward or commune in force at the end of the year; a unit's fund "
        "counts its own ward fund."
    ),
    {YEAR},
    (
        C_UNIT,
        C_UNIT_CODE,
        C_AREAS,
        C_HOUSEHOLDS,
        C_CULTURAL_RATE,
        C_TITLE_SHARE,
        C_POOR_RATE,
        C_NEAR_POOR_RATE,
        C_FESTIVAL_SHARE,
        C_RAISED,
        C_SPENT,
        C_BUILT,
        C_REPAIRED,
        C_ROADS,
        C_APPROVED_BY,
    ),
    build_ward_summaries,
)
register(
    "khu-dan-cu",
    gettext_lazy("Residential areas: results of a year"),
    gettext_lazy("One row per residential area with an approved yearly result."),
    {YEAR, WARD},
    (
        C_AREA,
        C_UNIT,
        C_HOUSEHOLDS,
        C_CULTURAL_RATE,
        Column("cultural_title", gettext_lazy("Cultural title"), "bool"),
        C_TITLE_NAME,
        Column("poor_households", gettext_lazy("Poor households"), "int"),
        C_POOR_RATE,
        Column("near_poor_households", gettext_lazy("Near-poor households"), "int"),
        C_NEAR_POOR_RATE,
        Column("festival_held", gettext_lazy("Festival held"), "bool"),
        Column(
            "committee_score",
            gettext_lazy("Front committee score"),
            "int",
            gettext_lazy("Score of the Front work committee, 0–100."),
        ),
        Column("committee_grade", gettext_lazy("Front committee grade"), "text"),
    ),
    build_area_summaries,
)
register(
    "ket-qua-theo-nam",
    gettext_lazy("Results by year"),
    gettext_lazy("Yearly totals of the residential areas' results."),
    {WARD},
    (
        C_YEAR,
        C_STANDARD,
        C_AREAS,
        C_HOUSEHOLDS,
        C_CULTURAL_RATE,
        C_TITLE_SHARE,
        C_POOR_RATE,
        C_NEAR_POOR_RATE,
        C_FESTIVAL_SHARE,
        C_APPROVED_BY,
    ),
    build_results_by_year,
)
register(
    "ty-le-ho-ngheo",
    gettext_lazy("Poor- and near-poor-household rates"),
    gettext_lazy(
        "Rates per year with the poverty standard they were counted under; where the "
        "standard changes the series breaks."
    ),
    {WARD, AREA},
    (
        C_YEAR,
        C_STANDARD,
        C_POOR_RATE,
        C_NEAR_POOR_RATE,
        Column("note", gettext_lazy("Note"), "text"),
    ),
    build_poverty_trend,
)
register(
    "khu-dan-cu-theo-nam",
    gettext_lazy("One residential area by year"),
    gettext_lazy("The approved yearly results of one residential area."),
    {AREA},
    (
        C_YEAR,
        C_STANDARD,
        C_HOUSEHOLDS,
        Column("registered", gettext_lazy("Families registered"), "int"),
        Column("recognised", gettext_lazy("Cultural families recognised"), "int"),
        C_CULTURAL_RATE,
        Column("cultural_title", gettext_lazy("Cultural title"), "bool"),
        C_TITLE_NAME,
        Column(
            "three_years",
            gettext_lazy("Cultural families three years running"),
            "int",
            gettext_lazy(
                "Families recognised this year and the two before (the basis of a "
                "Giấy khen), as counted by the area."
            ),
        ),
        Column("poor_households", gettext_lazy("Poor households"), "int"),
        C_POOR_RATE,
        Column("near_poor_households", gettext_lazy("Near-poor households"), "int"),
        C_NEAR_POOR_RATE,
        Column("festival_held", gettext_lazy("Festival held"), "bool"),
        Column("committee_score", gettext_lazy("Front committee score"), "int"),
        Column("committee_grade", gettext_lazy("Front committee grade"), "text"),
        C_APPROVED_BY,
    ),
    build_area_results,
    required={AREA},
)
