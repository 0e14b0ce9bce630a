"""The layout around pygal's plot and the labels drawn on it.

`layout` decides, before pygal draws, the ticks, the x labels shown (as many as fit
without touching), the margins the labels need and, for horizontal bars, the room
above each bar for its name. `finish` then writes the labels into pygal's SVG: the
unit, the series' names beside their last point (lines) or in a key (bars), the
latest value, every value of a horizontal bar, and a dashed line with "*" where a
series changes poverty standard.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from django.utils.translation import gettext as _

from campaigns import selectors
from campaigns.public import chart_axes
from campaigns.public.chart_marks import (
    GAP,
    MUTED,
    PALETTE,
    add_text,
    classes,
    plot_group,
    text_width,
    wrap,
)
from campaigns.text import fold

LINE = 1.3  # line height, in font sizes


@dataclass
class Layout:
    height: float
    top: float
    right: float
    ticks: list[float]
    shown_labels: list[str]
    series_margin: float = 0.06
    left: float = 0.0
    key_lines: list[tuple[int, str]] | None = None  # (series index, text)
    end_labels: list[list[str]] | None = None  # per series: name lines
    name_lines: list[list[str]] | None = None  # horizontal bars: per category


def poverty_breaks(labels: list[str], names: list[str]) -> tuple[set[int], str]:
    """Where a goal measured by the poverty standard changes standard, and why.

    The goal's wording tells it (it names poor households): staff may edit it, so
    the rule follows the wording instead of a goal number.
    """
    if not any("ngheo" in fold(name) for name in names):
        return set(), ""
    changes = [s.valid_from_year for s in selectors.poverty_standards()[1:]]
    starts = {
        i
        for i in range(1, len(labels))
        if labels[i].isdigit() and int(labels[i]) in changes
    }
    if not starts:
        return set(), ""
    years = ", ".join(labels[i] for i in sorted(starts))
    return starts, "* " + _(
        "In %(years)s the poverty standard changed: households were counted under a "
        "new standard, so that year's rates cannot be compared with the year before "
        "and few areas count as reducing poverty. The line breaks there."
    ) % {"years": years}


def _shown(labels: list[str], room: float, font: float) -> list[str]:
    """The x labels to print, the latest always, evenly spaced, never touching."""
    real = [label for label in labels if label]
    if not real:
        return []
    widest = max(text_width(label, font) for label in real) + font
    slot = room / max(len(labels), 1)
    every = max(1, math.ceil(widest / max(slot, 1)))
    return real[::-1][::every][::-1]


def layout(plan, spec, variant) -> Layout:
    font = variant.font
    line = font * LINE
    values = [v for s in plan.series for v in s.values if v is not None]
    upper = 100.0 if plan.kind == "percent" else None
    if spec.stacked:
        totals = [
            sum(s.values[i] or 0 for s in plan.series) for i in range(len(plan.labels))
        ]
        values = values + totals
    ticks = chart_axes.nice_ticks(values, max_ticks=variant.ticks, upper=upper)
    width = variant.width
    if spec.horizontal:
        return _horizontal_layout(plan, variant, ticks, values)
    key_lines = []
    end_labels = None
    right = font * 0.5
    if spec.kind == "line":
        # Names beside each line's last point, wrapped within a third of the width.
        end_labels = [wrap(s.label, font, width * 0.3) for s in plan.series]
        widest = max(
            text_width(text, font)
            for s, lines in zip(plan.series, end_labels, strict=True)
            for text in [*lines, _latest_text(s, plan)[1]]
        )
        right = widest + font
    else:
        for index, series in enumerate(plan.series):
            year, value = _latest_text(series, plan)
            text = f"{series.label} · {year}: {value}" if year else series.label
            for part in wrap(text, font, width - font * 1.6):
                key_lines.append((index, part))
                index = -1  # the square only on a series' first line
    # The key, the unit, then room for the top tick's label (centred on its line).
    top = line * (len(key_lines) + 1) + font
    tick_width = max(text_width(chart_axes.compact(t, plan.kind), font) for t in ticks)
    room = width - right - tick_width - font
    return Layout(
        height=variant.height + top,
        top=top,
        right=right,
        left=tick_width + font * 0.5,
        ticks=ticks,
        shown_labels=_shown(plan.labels, room, font),
        series_margin=0.12,
        key_lines=key_lines,
        end_labels=end_labels,
    )


def _horizontal_layout(plan, variant, ticks, values) -> Layout:
    font = variant.font
    line = font * LINE
    width = variant.width
    value_width = max(
        [text_width(chart_axes.compact(v, plan.kind), font) for v in values] or [0]
    )
    right = value_width + font
    names = [wrap(label, font, width - font) for label in plan.labels]
    lines = max((len(n) for n in names), default=1)
    bars = font * 1.2 * len(plan.series)
    name_room = lines * line + font * 0.4
    slot = bars + name_room
    key_lines = []
    if len(plan.series) > 1:
        key_lines = [(i, s.label) for i, s in enumerate(plan.series)]
    top = line * (len(key_lines) + 1) + name_room / 2 + font * 0.3
    top_value = 100.0 if plan.kind == "percent" else max(values or [1.0]) or 1.0
    return Layout(
        height=top + slot * max(len(plan.labels), 1) + font,
        top=top,
        right=right,
        ticks=[0.0, top_value],
        shown_labels=[],
        series_margin=name_room / (2 * slot),
        key_lines=key_lines,
        name_lines=names,
    )


def _latest_text(series, plan) -> tuple[str, str]:
    for label, value in zip(
        reversed(plan.labels), reversed(series.values), strict=True
    ):
        if value is not None:
            return label, chart_axes.compact(value, plan.kind)
    return "", ""


def _fit(pairs):
    """a, b of y = a + b·x through (x, y) pairs (None with fewer than two x)."""
    pairs = list(pairs)
    xs = {x for x, _y in pairs}
    if len(xs) < 2:
        return None
    (x0, y0), (x1, y1) = min(pairs), max(pairs)
    slope = (y1 - y0) / (x1 - x0)
    return y0 - slope * x0, slope


def _path_y(path) -> float:
    return float(re.findall(r"[-0-9.]+", path.get("d", ""))[1])


def finish(root, plan, spec, variant, layout) -> None:
    font = variant.font
    line = font * LINE
    plot, left, top, width, height = plot_group(root)
    labels = ET.SubElement(root, "g", {"class": "chart-labels"})
    for axis in root.iter("g"):
        names = classes(axis)
        if "axis" in names:
            anchor = "end" if ("y" in names) != spec.horizontal else "middle"
            for text in axis.iter("text"):
                text.set("text-anchor", anchor)
                if anchor == "middle":
                    text.set("y", f"{height + font * 1.25:.1f}")
            if anchor == "middle":
                # No vertical grid: the years are read from the axis labels.
                for path in axis.iter("path"):
                    if "guide" in classes(path):
                        path.set("stroke", "none")
    y = line
    for index, text in layout.key_lines or []:
        if index >= 0:
            size = font * 0.8
            ET.SubElement(
                labels,
                "rect",
                {
                    "x": "0",
                    "y": f"{y - size:.1f}",
                    "width": f"{size:.1f}",
                    "height": f"{size:.1f}",
                    "fill": PALETTE[index % len(PALETTE)],
                    "class": "key",
                },
            )
        add_text(labels, font * 1.2, y, text, cls="key-text")
        y += line
    unit = plan.unit
    if unit:
        add_text(labels, 0, y, _("Unit: %(unit)s") % {"unit": unit}, colour=MUTED)
    if spec.horizontal:
        _bar_values(root, plot, labels, plan, layout, font, left, top)
        return
    if spec.kind == "line":
        _line_ends(root, labels, plan, layout, font, left, top, width, height)


def _dots(root, index):
    for group in root.iter("g"):
        if {"series", f"serie-{index}"} <= classes(group):
            yield from group.iter("circle")


def _line_ends(root, labels, plan, layout, font, left, top, width, height):
    line = font * LINE
    xmap = ymap = None
    for index, series in enumerate(plan.series):
        present = [i for i, v in enumerate(series.values) if v is not None]
        circles = list(_dots(root, index))
        if len(circles) != len(present):
            continue
        pairs = list(zip(present, circles, strict=True))
        xmap = xmap or _fit((i, float(c.get("cx"))) for i, c in pairs)
        ymap = ymap or _fit((series.values[i], float(c.get("cy"))) for i, c in pairs)
    if ymap is None:
        guides = [
            p
            for g in root.iter("g")
            if {"axis", "y"} <= classes(g)
            for p in g.iter("path")
        ]
        if len(guides) == len(layout.ticks) >= 2:
            ymap = _fit(zip(layout.ticks, map(_path_y, guides), strict=True))
    if xmap is None or ymap is None:
        return
    _marks_for_breaks(root, labels, plan, font, left, top, height, xmap)
    blocks = []
    for index, series in enumerate(plan.series):
        last = max(
            (i for i, v in enumerate(series.values) if v is not None), default=None
        )
        if last is None:
            continue
        lines = layout.end_labels[index]
        y = top + ymap[0] + ymap[1] * series.values[last]
        blocks.append((index, y, lines, _latest_text(series, plan)[1]))
    # Stack the blocks top to bottom by their points, never overlapping.
    blocks.sort(key=lambda b: b[1])
    floor = layout.top - line
    x = left + width + font * 0.5
    for index, y, lines, value in blocks:
        count = len(lines) + 1
        first = max(y - (count - 1) * line / 2 + font * 0.35, floor + line)
        colour = PALETTE[index % len(PALETTE)]
        for k, text in enumerate(lines):
            add_text(labels, x, first + k * line, text, colour=colour)
        add_text(labels, x, first + len(lines) * line, value, colour=colour, bold=True)
        floor = first + len(lines) * line + font * 0.3


def _marks_for_breaks(root, labels, plan, font, left, top, height, xmap):
    plot = next(g for g in root.iter("g") if classes(g) == {"plot"})
    step = abs(xmap[1])
    for i, label in enumerate(plan.labels):
        x = xmap[0] + xmap[1] * i
        if i in plan.breaks:
            ET.SubElement(
                plot,
                "path",
                {
                    "d": f"M{x:.1f} 0 v{height:.1f}",
                    "stroke": MUTED,
                    "stroke-dasharray": "4 3",
                    "fill": "none",
                    "class": "break",
                },
            )
            add_text(labels, left + x + 3, top + font, "*", colour=MUTED)
        elif label and all(s.values[i] is None for s in plan.series):
            # A year without approved figures: a pale band, explained in the notes.
            plot.insert(
                1,
                ET.Element(
                    "rect",
                    {
                        "x": f"{max(0.0, x - step / 2):.1f}",
                        "y": "0",
                        "width": f"{step:.1f}",
                        "height": f"{height:.1f}",
                        "fill": GAP,
                        "class": "gap",
                    },
                ),
            )


def _bar_values(root, plot, labels, plan, layout, font, left, top):
    count = len(plan.labels)
    line = font * LINE
    slot_height = None
    groups = {}
    for group in root.iter("g"):
        names = classes(group)
        if "series" in names:
            index = next(int(n[6:]) for n in names if n.startswith("serie-"))
            rects = list(group.iter("rect"))
            if rects:  # not the empty copy pygal leaves in its overlay
                groups[index] = rects
    box = next(r for r in plot if r.tag == "rect")
    slot_height = float(box.get("height")) / max(count, 1)
    tops: dict[int, float] = {}
    zero = None
    for index, rects in groups.items():
        values = plan.series[index].values
        for rect in rects:
            if None in (rect.get("width"), rect.get("height")):
                continue  # pygal's empty bar for a missing value
            x, y = float(rect.get("x")), float(rect.get("y"))
            w, h = float(rect.get("width")), float(rect.get("height"))
            # pygal drew the reversed categories bottom up: the top slot is the first.
            category = min(count - 1, int((y + h / 2) // slot_height))
            value = values[category]
            zero = x if zero is None else min(zero, x)
            tops[category] = min(tops.get(category, y), y)
            add_text(
                labels,
                left + x + w + font * 0.3,
                top + y + h / 2 + font * 0.35,
                chart_axes.compact(value, plan.kind),
                colour=PALETTE[index % len(PALETTE)],
                bold=True,
            )
    for category, names in enumerate(layout.name_lines or []):
        if category not in tops:
            continue
        last = top + tops[category] - font * 0.35
        for k, text in enumerate(names):
            add_text(
                labels,
                left + (zero or 0),
                last - (len(names) - 1 - k) * line,
                text,
            )
