"""The administrative units with their validity and history."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns import selectors
from campaigns.public.datasets.base import DATASETS, Column, Table, register, ward_url
from campaigns.public.datasets.columns import C_UNIT, C_UNIT_CODE


def build_directory(*, dataset, page=None) -> Table:
    rows, links = [], []
    found = None if page is None else selectors.directory_page(number=page)
    for entry in selectors.ward_directory() if found is None else found.items:
        w = entry.ward
        rows.append(
            (
                w.name,
                w.code,
                w.kind_label,
                w.valid_from,
                w.valid_to,
                ", ".join(s.name for s in entry.successors),
                ", ".join(p.name for p in entry.predecessors),
                entry.external_predecessor_note,
            )
        )
        links.append(ward_url(w.slug))
    return Table(
        dataset,
        _("Wards and communes"),
        dataset.columns,
        rows,
        {},
        links,
        page=found,
        page_param="trang-danh-muc",
    )


@dataclass(frozen=True)
class UnitHistory:
    """The units a unit succeeded, as one cell: "trước 1/7/2025: <links>"."""

    since: object  # the successor's first day (a date), or None
    units: tuple  # of selectors.WardRef
    outside: str = ""  # history outside the portal, as the unit's record says

    def __str__(self) -> str:
        names = ", ".join(u.name for u in self.units)
        return "; ".join(filter(None, [f"{self._lead()}{names}", self.outside]))

    def _lead(self) -> str:
        if self.since is None:
            return ""
        day = f"{self.since.day}/{self.since.month}/{self.since.year}"
        return _("before %(day)s: ") % {"day": day}

    def __html__(self) -> str:
        links = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((ward_url(u.slug), u.name) for u in self.units),
        )
        html = format_html("{}{}", self._lead(), links) if self.units else ""
        if self.outside:
            html = format_html("{}{}{}", html, "; " if html else "", self.outside)
        return html


C_HISTORY = Column(
    "history",
    gettext_lazy("Units before it"),
    "history",
    gettext_lazy("The units merged into this one, each linked to its own page."),
)


def build_latest_units(*, dataset, page=1) -> Table:
    """`/don-vi/`: each unit once, the units it succeeded as its history.

    Built from `selectors.latest_units_page`; its downloads are the whole directory
    (`dataset`, one row per unit with its code).
    """
    found = selectors.latest_units_page(number=page)
    rows, links = [], []
    for entry in found.items:
        w = entry.ward
        history = None
        if entry.predecessors or entry.external_predecessor_note:
            history = UnitHistory(
                w.valid_from, entry.predecessors, entry.external_predecessor_note
            )
        rows.append((w.name, w.kind_label, w.valid_from, w.valid_to, history))
        links.append(ward_url(w.slug))
    columns = tuple(c for c in dataset.columns if c.key in LATEST_KEYS) + (C_HISTORY,)
    return Table(
        dataset,
        _("Wards and communes and the units before them"),
        columns,
        rows,
        {},
        links,
        page=found,
        page_param="trang-danh-muc",
    )


LATEST_KEYS = ("unit", "kind", "valid_from", "valid_to")

register(
    "don-vi-hanh-chinh",
    gettext_lazy("Administrative units"),
    gettext_lazy(
        "Every ward and commune with its validity and what it became or came from."
    ),
    set(),
    (
        C_UNIT,
        C_UNIT_CODE,
        Column("kind", gettext_lazy("Kind"), "text"),
        Column(
            "valid_from",
            gettext_lazy("Valid from"),
            "date",
            gettext_lazy("Day/month/year."),
        ),
        Column(
            "valid_to",
            gettext_lazy("Valid to"),
            "date",
            gettext_lazy("Day/month/year."),
        ),
        Column("successors", gettext_lazy("Became"), "text"),
        Column("predecessors", gettext_lazy("Came from"), "text"),
        Column("external", gettext_lazy("History outside the portal"), "text"),
    ),
    build_directory,
)


def latest_units(*, page=1) -> Table:
    return build_latest_units(dataset=DATASETS["don-vi-hanh-chinh"], page=page)
