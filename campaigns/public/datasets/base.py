"""Column, Table and Dataset, the registry `DATASETS` and `build()`.

Topic modules (results, goals, fund, works, directory) register their datasets beside
their builders when `campaigns.public.datasets` is imported.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns import selectors
from campaigns.spreadsheets.cells import neutralise

YEAR, WARD, AREA, GOAL = "year", "ward", "area", "goal"


@dataclass(frozen=True)
class Column:
    """A column: `kind` is int, money (VND), percent, decimal, number, text, prose
    (sentences: text shown in a wide cell), bool, year or date. `on_page=False` keeps
    it out of the pages' tables (downloads and the API still have it): codes a citizen
    has no use for."""

    key: str
    label: str
    kind: str = "int"
    description: str = ""
    on_page: bool = True

    @property
    def unit(self) -> str:
        return {
            "money": _("VND"),
            "percent": "%",
        }.get(self.kind, "")

    @property
    def heading(self) -> str:
        """The label with its unit, as in the CSV/XLSX header: "Số tiền (đồng)"."""
        return f"{self.label} ({self.unit})" if self.unit else str(self.label)

    @property
    def numeric(self) -> bool:
        return self.kind in {"int", "money", "percent", "decimal", "number", "year"}

    def spreadsheet_value(self, value):
        """`value` as a downloaded or workbook cell: yes/no for bool, text escaped."""
        if value is None:
            return None
        if isinstance(value, selectors.NoStandard):
            return str(value)
        if self.kind == "bool":
            return _("Yes") if value else _("No")
        # Numbers stay numbers: XLSX keeps them native, CSV writes a dot as decimal mark.
        return neutralise(value)


@dataclass
class Table:
    """Rows of one dataset for one set of parameters (year, unit, area, goal)."""

    dataset: Dataset
    title: str
    columns: tuple[Column, ...]
    rows: list[tuple]
    params: dict = field(default_factory=dict)
    links: list[str | None] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # The last day of the unit or area of each row, when it has ended: pages mark it
    # "đến 30/06/2025" beside the name (downloads carry dates in their own columns).
    ends: list = field(default_factory=list)
    # Set when the page shows one page of a long table; downloads always hold every row.
    page: selectors.Page | None = None
    page_param: str = "trang"
    # The totals row in the same columns, read from a selector only when asked for (the
    # yearly workbook writes it); not one of `rows`, so a per-unit download stays one
    # row per unit.
    totals: Callable[[], tuple] | None = None

    @functools.cached_property
    def total(self) -> tuple | None:
        return None if self.totals is None else self.totals()

    def column(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def values(self, key: str) -> list:
        index = self.column(key)
        return [row[index] for row in self.rows]

    def download_url(self, fmt: str) -> str:
        return download_url(self.dataset.slug, fmt, self.params)

    @property
    def csv_url(self) -> str:
        return self.download_url("csv")

    @property
    def xlsx_url(self) -> str:
        return self.download_url("xlsx")

    @property
    def page_columns(self) -> tuple[Column, ...]:
        """The columns a page's table shows (`Column.on_page`)."""
        return tuple(c for c in self.columns if c.on_page)

    @property
    def display_rows(self) -> list[tuple[str | None, object, list[tuple]]]:
        """(link of the first cell, its end date or None, [(value, column), …]) per
        row, for templates."""
        links = self.links or [None] * len(self.rows)
        ends = self.ends or [None] * len(self.rows)
        return [
            (
                link,
                end,
                [
                    (value, column)
                    for value, column in zip(row, self.columns, strict=True)
                    if column.on_page
                ],
            )
            for row, link, end in zip(self.rows, links, ends, strict=True)
        ]

    @property
    def filename(self) -> str:
        parts = [self.dataset.slug, *(str(v) for v in self.params.values())]
        return "-".join(parts)


@dataclass(frozen=True)
class Dataset:
    """An open-data table: its parameters, columns (the data dictionary) and builder."""

    slug: str
    title: str
    description: str
    params: frozenset
    columns: tuple[Column, ...]
    build: Callable[..., Table]
    required: frozenset = frozenset()


def download_url(slug: str, fmt: str, params: dict) -> str:
    """Where dataset `slug` downloads as `fmt` (csv, xlsx) for query `params`."""
    url = reverse("campaigns:dataset-download", kwargs={"dataset": slug, "fmt": fmt})
    return f"{url}?{urlencode(params)}" if params else url


def json_url(slug: str, params: dict) -> str:
    """Where dataset `slug` is served as JSON (the API) for query `params`."""
    url = reverse("campaigns:dataset-json", kwargs={"dataset": slug})
    return f"{url}?{urlencode(params)}" if params else url


def ward_url(slug: str, year: int | None = None) -> str:
    url = reverse("campaigns:ward-detail", args=[slug])
    return f"{url}?nam={year}" if year else url


def area_url(slug: str, year: int | None = None) -> str:
    return reverse("campaigns:area-detail", args=[slug])


def query_params(*, year=None, ward=None, area=None, goal=None) -> dict:
    params = {}
    if year is not None:
        params["nam"] = year
    if ward is not None:
        params["don-vi"] = ward.slug
    if area is not None:
        params["khu-dan-cu"] = area.slug
    if goal is not None:
        params["muc-tieu"] = goal
    return params


def page_of_units(year, page) -> selectors.Page | None:
    return None if page is None else selectors.units_page(year=year, number=page)


def total_label(ward) -> str:
    """The label of a totals row: the whole city, or one unit."""
    if ward is None:
        return _("Whole city")
    return _("Total of %(ward)s") % {"ward": ward.name}


def place_name(ward) -> str:
    return ward.name if ward is not None else _("Bắc Kạn city")


DATASETS: dict[str, Dataset] = {}


def register(slug, title, description, params, columns, build, required=None):
    DATASETS[slug] = Dataset(
        slug=slug,
        title=title,
        description=description,
        params=frozenset(params),
        columns=tuple(columns),
        build=build,
        required=frozenset(required if required is not None else params & {YEAR}),
    )


def build(slug: str, **params) -> Table:
    """The table of dataset `slug` for `params` (year=, ward=, area=, goal=)."""
    dataset = DATASETS[slug]
    return dataset.build(dataset=dataset, **params)
