"""Commendations: the list, counts by level and form, counts by year (issue 14).

An individual recipient is written "Cá nhân" (selectors.commendations)."""

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
    place_name,
    query_params,
    register,
)
from campaigns.public.datasets.columns import C_AREA, C_UNIT, C_YEAR

C_LEVEL = Column("level", gettext_lazy("Level"), "text")
C_FORM = Column(
    "form",
    gettext_lazy("Form of commendation"),
    "text",
    gettext_lazy("For example Giấy khen, Bằng khen."),
)
C_KIND = Column("recipient_kind", gettext_lazy("Recipient kind"), "text")
C_RECIPIENT = Column(
    "recipient",
    gettext_lazy("Recipient"),
    "text",
    gettext_lazy(
        'A collective\'s name; an individual is written "Cá nhân" (no personal names).'
    ),
)
C_DECISION = Column("decision_number", gettext_lazy("Decision number"), "text")
C_ACHIEVEMENT = Column("achievement", gettext_lazy("Achievement"), "prose")
C_COLLECTIVES = Column("collectives", gettext_lazy("Collectives"), "int")
C_INDIVIDUALS = Column("individuals", gettext_lazy("Individuals"), "int")
C_TOTAL = Column("total", gettext_lazy("Commendations"), "int")
LIST_COLUMNS = (
    C_RECIPIENT,
    C_KIND,
    C_LEVEL,
    C_FORM,
    C_DECISION,
    C_ACHIEVEMENT,
    C_UNIT,
    C_AREA,
)


def _row(c: selectors.PublicCommendation) -> tuple:
    return (
        c.recipient,
        c.kind_label,
        c.level_label,
        c.form,
        c.decision_number,
        c.achievement,
        c.ward_name,
        c.area_name,
    )


def build_commendations(*, dataset, year, ward=None, page=None) -> Table:
    found = selectors.commendation_list(year=year, ward=ward, page=page)
    return Table(
        dataset,
        _("Commendations, %(place)s, %(year)s")
        % {"place": place_name(ward), "year": year},
        dataset.columns,
        [_row(c) for c in found.items],
        query_params(year=year, ward=ward),
        page=found if page is not None else None,
        page_param="trang-khen-thuong",
    )


def build_area_commendations(*, dataset, area) -> Table:
    found = selectors.commendation_list(area=area)
    return Table(
        dataset,
        _("Commendations of %(area)s") % {"area": area.name},
        dataset.columns,
        [(c.year, *_row(c)[:-2]) for c in found.items],
        query_params(area=area),
    )


def build_commendation_counts(*, dataset, year, ward=None) -> Table:
    rows = [
        (c.level_label, c.form, c.collectives, c.individuals, c.total)
        for c in selectors.commendation_counts(year=year, ward=ward)
    ]
    return Table(
        dataset,
        _("Commendations by level and form, %(place)s, %(year)s")
        % {"place": place_name(ward), "year": year},
        dataset.columns,
        rows,
        query_params(year=year, ward=ward),
    )


def build_commendations_by_year(*, dataset, ward=None) -> Table:
    rows = [
        (c.year, c.collectives, c.individuals, c.total)
        for c in selectors.commendations_by_year(ward=ward)
    ]
    return Table(
        dataset,
        _("Commendations by year, %(place)s") % {"place": place_name(ward)},
        dataset.columns,
        rows,
        query_params(ward=ward),
    )


register(
    "khen-thuong",
    gettext_lazy("Commendations"),
    gettext_lazy(
        "Approved commendations of a year: recipient (collectives by name), level, "
        "form, decision number and achievement."
    ),
    {YEAR, WARD},
    LIST_COLUMNS,
    build_commendations,
)
register(
    "khen-thuong-theo-cap",
    gettext_lazy("Commendations by level and form"),
    gettext_lazy(
        "Approved commendations of a year per level and form, by recipient kind."
    ),
    {YEAR, WARD},
    (C_LEVEL, C_FORM, C_COLLECTIVES, C_INDIVIDUALS, C_TOTAL),
    build_commendation_counts,
)
register(
    "khen-thuong-theo-nam",
    gettext_lazy("Commendations by year"),
    gettext_lazy("Approved commendations per year, collectives and individuals."),
    {WARD},
    (C_YEAR, C_COLLECTIVES, C_INDIVIDUALS, C_TOTAL),
    build_commendations_by_year,
)
register(
    "khen-thuong-khu-dan-cu",
    gettext_lazy("One residential area's commendations"),
    gettext_lazy("Approved commendations of one residential area, every year."),
    {AREA},
    (C_YEAR, *LIST_COLUMNS[:-2]),
    build_area_commendations,
    required={AREA},
)
