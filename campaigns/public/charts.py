"""Charts drawn on the server as SVG by pygal, from the same `Table` the page shows.

Each chart is drawn twice, for the width it is shown at: a narrow drawing for phones
and a wide one from 40rem (CSS shows one), so text keeps its size in CSS pixels
instead of shrinking with the viewBox. pygal lays out the axes from our ticks
(`chart_axes`); `chart_marks` and `chart_labels` finish the drawing: colours, direct
labels, the latest value, the unit, breaks and gaps. What each dataset's chart shows
is declared once in `SPECS`, so pages and share images draw the same chart.
"""

from __future__ import annotations

import threading
import xml.etree.ElementTree as ET
from collections import OrderedDict
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pygal
import pygal.etree
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from campaigns import formatting
from campaigns.public import chart_axes, chart_labels, chart_marks
from campaigns.public.datasets import Table

# pygal draws with lxml when it is installed (openpyxl brings it); our finishing
# works on the standard library's ElementTree.
pygal.etree.etree.to_etree()


@dataclass(frozen=True)
class Variant:
    """A drawing size: `width` in SVG units, shown at about that many CSS pixels."""

    name: str
    width: int
    height: int
    font: float
    ticks: int


# Narrow: shown 288–600 px wide (phones), so 15 units stay ≥ 12 CSS px down to 288.
# Wide: shown at most 640 px wide from a 40rem viewport (≥ 608 px of chart).
NARROW = Variant("narrow", 340, 300, 15, 5)
WIDE = Variant("wide", 640, 360, 14, 6)
SHARE = Variant("share", 540, 380, 16, 6)
VARIANTS = (NARROW, WIDE)


@dataclass(frozen=True)
class Spec:
    """What a dataset's chart shows: x column, series, and how."""

    x: str
    series: tuple[str, ...]
    kind: str = "line"  # line or bar
    horizontal: bool = False
    stacked: bool = False
    break_by: str | None = None
    unit: object = None  # overrides the unit of the series' kind
    # Break the line where the poverty standard changes (goals measured by it).
    poverty_breaks: bool = False
    # Whose approvals date the figures (`selectors.last_approved_at`).
    topic: str = "results"
    # The table is shown a page at a time (`?trang=`); its chart shows that page.
    paged: bool = False
    # A column whose value numbers each x label ("1. Giảm tỷ lệ hộ nghèo…").
    numbered_by: str | None = None


SPECS: dict[str, Spec] = {
    "ty-le-ho-ngheo": Spec(
        "year", ("poor_rate", "near_poor_rate"), break_by="standard"
    ),
    "ket-qua-theo-nam": Spec("year", ("cultural_family_rate", "cultural_title_share")),
    "quy-theo-nam": Spec("year", ("raised", "spent"), kind="bar", topic="fund"),
    "nha-dai-doan-ket": Spec(
        "year",
        ("houses_built", "houses_repaired"),
        kind="bar",
        stacked=True,
        unit=gettext_lazy("houses"),
        topic="fund",
    ),
    "cong-trinh-theo-nam": Spec(
        "year", ("roads_km",), kind="bar", unit="km", topic="works"
    ),
    "chi-theo-loai": Spec(
        "category", ("amount",), kind="bar", horizontal=True, topic="fund"
    ),
    "quy-theo-don-vi": Spec(
        "unit",
        ("raised", "spent"),
        kind="bar",
        horizontal=True,
        topic="fund",
        paged=True,
    ),
    "muc-tieu": Spec(
        "goal_name", ("share",), kind="bar", horizontal=True, numbered_by="goal"
    ),
    "muc-tieu-theo-don-vi": Spec(
        "unit", ("share",), kind="bar", horizontal=True, paged=True
    ),
    "muc-tieu-theo-nam": Spec("year", ("share",), poverty_breaks=True),
    # Issue 14: the festival, cultural families and commendations over the years.
    "ngay-hoi-theo-nam": Spec("year", ("festival_share",)),
    "gia-dinh-van-hoa-theo-nam": Spec(
        "year", ("cultural_family_rate", "cultural_title_share")
    ),
    "nep-song-van-minh-theo-nam": Spec(
        "year",
        ("civilised_weddings", "civilised_funerals", "civilised_festivals"),
        kind="bar",
    ),
    "khen-thuong-theo-nam": Spec(
        "year", ("collectives", "individuals"), kind="bar", stacked=True
    ),
}


@dataclass(frozen=True)
class Chart:
    """A chart with the table it was drawn from (page, chart and downloads share it)."""

    id: str
    title: str
    svg: SafeString
    table: Table
    spec: Spec
    notes: list[str] = field(default_factory=list)

    @property
    def image_url(self) -> str:
        return image_url(self.table, "png")

    @property
    def svg_url(self) -> str:
        return image_url(self.table, "svg")


def image_url(table: Table, fmt: str) -> str:
    """Where the share image of `table`'s chart is, as PNG or SVG."""
    url = reverse(
        "campaigns:chart-image", kwargs={"dataset": table.dataset.slug, "fmt": fmt}
    )
    params = dict(table.params)
    if table.page is not None and table.page.number > 1:
        params[table.page_param] = table.page.number
    return f"{url}?{urlencode(params)}" if params else url


@dataclass
class Series:
    label: str
    values: list[float | None]


@dataclass
class Plan:
    """The chart's data as drawn: x labels (with empty break slots) and series."""

    labels: list[str]
    series: list[Series]
    kind: str  # the value kind of the series: percent, money, int, decimal
    unit: str
    breaks: list[int]  # indexes of the empty slots where a series changes standard
    notes: list[str]


def _number(value):
    # A rate with no poverty standard is no number: the line breaks there.
    return float(value) if formatting.is_number(value) else None


def plan_of(table: Table, spec: Spec) -> Plan:
    labels = [str(v) for v in table.values(spec.x)]
    if spec.numbered_by is not None:
        numbers = table.values(spec.numbered_by)
        labels = [f"{n}. {label}" for n, label in zip(numbers, labels, strict=True)]
    columns = [table.columns[table.column(key)] for key in spec.series]
    rows = [[_number(v) for v in table.values(c.key)] for c in columns]
    kind = columns[0].kind
    unit = str(spec.unit) if spec.unit is not None else chart_axes.unit_of(kind)
    notes = list(table.notes)
    starts: set[int] = set()
    if spec.break_by is not None:
        segments = table.values(spec.break_by)
        starts = {i for i in range(1, len(labels)) if segments[i] != segments[i - 1]}
        # The table's notes say why the line breaks; "*" marks the breaks.
        notes = ["* " + note for note in notes]
    elif spec.poverty_breaks:
        names = [str(n) for n in table.values("goal_name")]
        starts, note = chart_labels.poverty_breaks(labels, names)
        if note:
            notes.append(note)
    gaps = [labels[i] for i in range(len(labels)) if all(r[i] is None for r in rows)]
    if gaps and spec.x == "year":
        notes.append(
            _("No approved figures for %(years)s: the chart has a gap there.")
            % {"years": ", ".join(gaps)}
        )
    # An empty slot where the segment changes: the lines stop and start again, and
    # no year's value is lost.
    drawn_labels: list[str] = []
    drawn_rows: list[list] = [[] for _row in rows]
    breaks = []
    for i, label in enumerate(labels):
        if i in starts:
            breaks.append(len(drawn_labels))
            drawn_labels.append("")
            for drawn in drawn_rows:
                drawn.append(None)
        drawn_labels.append(label)
        for drawn, row in zip(drawn_rows, rows, strict=True):
            drawn.append(row[i])
    series = [
        Series(str(c.label), values)
        for c, values in zip(columns, drawn_rows, strict=True)
    ]
    return Plan(drawn_labels, series, kind, unit, breaks, notes)


def _pygal(plan: Plan, spec: Spec, variant: Variant, layout) -> pygal.Graph:
    cls = {
        ("line", False, False): pygal.Line,
        ("bar", False, False): pygal.Bar,
        ("bar", False, True): pygal.StackedBar,
        ("bar", True, False): pygal.HorizontalBar,
        ("bar", True, True): pygal.HorizontalStackedBar,
    }[spec.kind, spec.horizontal, spec.stacked]
    font = variant.font
    config = {
        "js": [],
        "css": [],
        "no_prefix": True,
        "disable_xml_declaration": True,
        "width": variant.width,
        "height": layout.height,
        "margin": 0,
        "margin_top": layout.top,
        "margin_right": layout.right,
        "margin_bottom": 4,
        "margin_left": layout.left,
        "spacing": 6,
        "show_legend": False,
        "label_font_size": font,
        "major_label_font_size": font,
        "value_font_size": font,
        "title_font_size": font,
        "truncate_label": -1,
        "x_label_rotation": 0,
        "value_formatter": lambda v: chart_axes.compact(v, plan.kind),
        "allow_interruptions": True,
        "include_x_axis": True,
        "no_data_text": "",
        "print_values": False,
        "show_x_guides": False,
        "show_minor_x_labels": False,
        "x_labels_major": layout.shown_labels,
        "y_labels": layout.ticks,
        "range": (layout.ticks[0], layout.ticks[-1]),
        "show_y_labels": not spec.horizontal,
        "show_x_labels": not spec.horizontal,
        "show_y_guides": not spec.horizontal,
    }
    if spec.horizontal:
        config.pop("y_labels")
    chart = cls(**config)
    if spec.kind == "bar":
        # Room above each bar group for its name (horizontal) or between years.
        chart._series_margin = layout.series_margin
        chart._serie_margin = 0.04
    labels = plan.labels
    if spec.horizontal:
        # pygal stacks the first category at the bottom; readers expect the table's order.
        labels = labels[::-1]
    chart.x_labels = labels
    for series in plan.series:
        values = series.values[::-1] if spec.horizontal else series.values
        chart.add(series.label, values)
    return chart


def render(table: Table, spec: Spec, variant: Variant, *, chart_id: str, title: str):
    """The chart of `table` as an SVG element tree, drawn for `variant`."""
    plan = plan_of(table, spec)
    return _draw(plan, spec, variant, chart_id=chart_id, title=title), plan


def _draw(plan: Plan, spec: Spec, variant: Variant, *, chart_id: str, title: str):
    layout = chart_labels.layout(plan, spec, variant)
    root = _pygal(plan, spec, variant, layout).render_tree()
    chart_marks.strip(root)
    chart_marks.paint(root, font=variant.font)
    chart_labels.finish(root, plan, spec, variant, layout)
    root.set("id", chart_id)
    root.set("role", "img")
    root.set("aria-labelledby", f"{chart_id}-title {chart_id}-desc")
    root.set("focusable", "false")
    root.set("class", f"pygal-chart chart-{variant.name}")
    for element in root.iter("title"):
        element.set("id", f"{chart_id}-title")
        element.text = title
        break
    desc = ET.Element("desc", id=f"{chart_id}-desc")
    desc.text = _("The same figures are in the table below the chart.")
    root.insert(0, desc)
    return root


def chart(table: Table, *, title: str | None = None) -> Chart:
    """The chart of `table`'s dataset (see `SPECS`), both drawings in one figure."""
    spec = SPECS[table.dataset.slug]
    base_id = f"chart-{table.dataset.slug}"
    title = str(title or table.title)
    plan = plan_of(table, spec)
    # The drawing is a function of what is drawn, so equal figures reuse it.
    key = (base_id, title, get_language(), repr(plan))
    svg = _drawn.get(key)
    if svg is None:
        # ElementTree escapes every text and attribute, so the markup is safe to inline.
        svg = "".join(
            ET.tostring(
                _draw(
                    plan,
                    spec,
                    variant,
                    chart_id=f"{base_id}-{variant.name}",
                    title=title,
                ),
                encoding="unicode",
            )
            for variant in VARIANTS
        )
        _drawn.put(key, svg)
    return Chart(base_id, title, mark_safe(svg), table, spec, plan.notes)


class _Drawings:
    """The last drawings of this process, keyed by everything that shapes them.

    pygal takes 20–60 ms a chart (two drawings each); after an approval retires the
    cached pages, most charts show the same figures again, and pages share charts
    (the fund chart by year, the poverty trend). Bounded: a drawing pair is 20–60 kB.
    """

    SIZE = 64

    def __init__(self):
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            svg = self._items.get(key)
            if svg is not None:
                self._items.move_to_end(key)
            return svg

    def put(self, key, svg: str) -> None:
        with self._lock:
            self._items[key] = svg
            while len(self._items) > self.SIZE:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_drawn = _Drawings()
