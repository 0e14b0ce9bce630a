"""What pygal draws, finished for readers: our colours and sizes, labels, notes.

pygal's own <style> and <script> are dropped (no inline script; the chart looks the
same in a page, a downloaded SVG and the PNG made from it), so every mark gets its
look as presentation attributes. Text is sized in SVG units chosen for the width the
variant is shown at (see `charts.VARIANTS`), and laid out with a conservative
estimate of its width, since the server cannot measure glyphs.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

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
TEXT = "#222222"
MUTED = "#555555"
GRID = "#d4d4d4"
AXIS = "#444444"
GAP = "#f0f0f0"
FONT_FAMILY = (
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', "
    "'Liberation Sans', Arial, sans-serif"
)
# Average advance of a glyph as a share of the font size, rounded up: Vietnamese
# text in the sans-serif faces above stays under it.
GLYPH = 0.6


def text_width(text: str, size: float) -> float:
    return len(text) * size * GLYPH


def wrap(text: str, size: float, width: float) -> list[str]:
    """`text` in lines no wider than `width` (a longer single word stays whole)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(lines[-1] + " " + word, size) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def strip(root) -> None:
    """Drop pygal's style, script, comments, tooltips and hidden value copies."""
    for parent in list(root.iter()):
        for child in list(parent):
            tag = child.tag if isinstance(child.tag, str) else ""
            if (
                tag in {"style", "script", "desc", "defs"}
                or child.tag is ET.Comment
                or classes(child) & {"tooltip-overlay", "text-overlay"}
            ):
                parent.remove(child)
            elif tag == "title" and parent is not root:
                parent.remove(child)  # pygal's tooltips for ticks
        parent.attrib.pop("style", None)


def paint(root, *, font: float) -> None:
    """Presentation attributes for every mark pygal drew."""
    root.set("font-family", FONT_FAMILY)
    root.set("font-size", f"{font:g}")
    root.set("fill", TEXT)
    for element in root.iter():
        names = classes(element)
        if "background" in names:
            element.set("fill", "none")
        elif element.tag == "path" and "line" in names and "reactive" not in names:
            # Axis and guide lines: the baseline dark, other guides light.
            strong = "axis" in names or "major" in names and "guide" not in names
            element.set("stroke", AXIS if strong else GRID)
            element.set("stroke-width", "1")
            element.set("fill", "none")
        elif element.tag == "text":
            element.set("fill", TEXT)
    for group in root.iter("g"):
        names = classes(group)
        if "series" not in names:
            continue
        index = next(
            (int(n[6:]) for n in names if n.startswith("color-") and n[6:].isdigit()),
            0,
        )
        colour = PALETTE[index % len(PALETTE)]
        for mark in group.iter():
            if mark.tag == "path":
                mark.set("stroke", colour)
                mark.set("stroke-width", "2.5")
                mark.set("fill", "none")
                mark.set("stroke-linejoin", "round")
            elif mark.tag == "circle":
                mark.set("fill", colour)
                mark.set("r", "3")
            elif mark.tag == "rect":
                mark.set("fill", colour)


def add_text(parent, x, y, text, *, anchor="start", colour=TEXT, bold=False, cls=""):
    element = ET.SubElement(
        parent,
        "text",
        {
            "x": f"{x:.1f}",
            "y": f"{y:.1f}",
            "text-anchor": anchor,
            "fill": colour,
            "class": f"chart-label {cls}".strip(),
        },
    )
    if bold:
        element.set("font-weight", "700")
    element.text = text
    return element


def plot_group(root):
    """The <g class="plot"> pygal draws the marks in, and its offset and size."""
    plot = next(g for g in root.iter("g") if classes(g) == {"plot"})
    transform = plot.get("transform", "translate(0, 0)")
    left, top = (float(v) for v in transform[10:-1].replace(",", " ").split())
    box = next(r for r in plot if r.tag == "rect")
    return plot, left, top, float(box.get("width")), float(box.get("height"))
