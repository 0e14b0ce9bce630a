"""The administrative units with their validity and history."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns import selectors
from campaigns.public.datasets.base import Column, Table, register, ward_url
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
