"""Charts drawn on the server as SVG by pygal, from the same `Table` the page shows.

pygal puts a <style> and a <script> (its configuration) inside every SVG; both are
removed, so pages carry no inline script or style (a Content-Security-Policy without
'unsafe-inline' can apply) and the chart is styled by static/css/portal.css instead.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pygal
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from pygal.etree import etree as pygal_etree
from pygal.style import Style

from campaigns import formatting
from campaigns.public.datasets import Table

# pygal draws with lxml whenever it is installed (python-docx, for the year-end
# report, brings it); `_svg` edits and serialises the tree with the standard
# library's ElementTree, so pygal must build that kind of tree.
pygal_etree.to_etree()

# Colours with at least 4.5:1 contrast on white, distinguishable in greyscale order.
PALETTE = (
    "#1f5f8b",
    "#b3441e",
    "#2e6b30",
    "#6a1b9a",
    "#7a5c00",
    "#00695c",
    "#37474f",
    "#ad1457",
)
STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#222222",
    foreground_strong="#111111",
    foreground_subtle="#666666",
    colors=PALETTE,
    font_family="inherit",
)


@dataclass(frozen=True)
class Chart:
    """A chart with the table it was drawn from (page, chart and downloads share it)."""

    id: str
    title: str
    svg: SafeString
    table: Table


def _formatter(kind: str):
    if kind == "percent":
        return lambda v: "" if v is None else formatting.percent(v)
    if kind == "money":
        return lambda v: "" if v is None else formatting.money_short(v)
    if kind == "decimal":
        return lambda v: "" if v is None else formatting.decimal_vi(v, 2)
    return lambda v: "" if v is None else formatting.group_digits(round(v))


def _config(kind: str, labels: list[str], **extra) -> dict:
    many = len(labels) > 8
    return {
        "js": [],
        "css": [],
        "no_prefix": True,
        "disable_xml_declaration": True,
        "style": STYLE,
        # Drawn small and scaled up by CSS, so text stays legible on a 360 px phone.
        "width": 420,
        "height": 300,
        "margin": 8,
        "spacing": 8,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 2,
        "truncate_legend": -1,
        "truncate_label": -1,
        "x_label_rotation": 45 if many else 0,
        "value_formatter": _formatter(kind),
        "show_y_guides": True,
        "include_x_axis": True,
        "no_data_text": "",
        "print_values": False,
        **extra,
    }


def _number(value):
    # A rate with no poverty standard is no number: the line breaks there.
    return float(value) if formatting.is_number(value) else None


def _svg(chart, chart_id: str, title: str, description: str) -> SafeString:
    root = chart.render_tree()
    for parent in list(root.iter()):
        for child in list(parent):
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in {"style", "script"} or child.tag is ET.Comment:
                parent.remove(child)
        parent.attrib.pop("style", None)
    root.set("id", chart_id)
    root.set("role", "img")
    root.set("aria-labelledby", f"{chart_id}-title {chart_id}-desc")
    root.set("focusable", "false")
    root.set("class", "pygal-chart")
    for element in root.iter("title"):
        element.set("id", f"{chart_id}-title")
        element.text = title
        break
    desc = ET.Element("desc", id=f"{chart_id}-desc")
    desc.text = description
    root.insert(0, desc)
    # ElementTree escapes every text and attribute, so the markup is safe to inline.
    return mark_safe(ET.tostring(root, encoding="unicode"))


def _series_description(table: Table) -> str:
    return _("The same figures are in the table below the chart.")


def line_chart(
    table: Table,
    *,
    x: str,
    series: list[str],
    break_by: str | None = None,
    title: str | None = None,
) -> Chart:
    """Lines over the years; with `break_by`, a new line starts where that column changes."""
    chart_id = f"chart-{table.dataset.slug}"
    labels = [str(v) for v in table.values(x)]
    columns = [table.columns[table.column(key)] for key in series]
    values = [[_number(v) for v in table.values(key)] for key in series]
    if break_by is not None:
        # An empty slot where the segment changes: the lines stop and start again,
        # and no year's value is lost.
        segments = table.values(break_by)
        starts = {i for i in range(1, len(labels)) if segments[i] != segments[i - 1]}
        labels = [
            label
            for i, label in enumerate(labels)
            for label in ([""] if i in starts else []) + [label]
        ]
        values = [
            [
                value
                for i, v in enumerate(row)
                for value in ([None] if i in starts else []) + [v]
            ]
            for row in values
        ]
    chart = pygal.Line(**_config(columns[0].kind, labels, allow_interruptions=True))
    chart.x_labels = labels
    for column, row in zip(columns, values, strict=True):
        chart.add(str(column.label), row)
    title = title or table.title
    return Chart(
        chart_id, title, _svg(chart, chart_id, title, _series_description(table)), table
    )


def bar_chart(
    table: Table,
    *,
    x: str,
    series: list[str],
    horizontal: bool = False,
    stacked: bool = False,
    title: str | None = None,
) -> Chart:
    """Bars per row of `table` (years, units or categories)."""
    chart_id = f"chart-{table.dataset.slug}"
    labels = [str(v) for v in table.values(x)]
    kind = table.columns[table.column(series[0])].kind
    cls = {
        (False, False): pygal.Bar,
        (True, False): pygal.HorizontalBar,
        (False, True): pygal.StackedBar,
        (True, True): pygal.HorizontalStackedBar,
    }[horizontal, stacked]
    extra = {"x_label_rotation": 0} if horizontal else {}
    if horizontal:
        extra["height"] = max(240, 60 + 36 * len(labels))
    chart = cls(**_config(kind, labels, **extra))
    chart.x_labels = labels
    for key in series:
        column = table.columns[table.column(key)]
        chart.add(str(column.label), [_number(v) for v in table.values(key)])
    title = title or table.title
    return Chart(
        chart_id, title, _svg(chart, chart_id, title, _series_description(table)), table
    )
