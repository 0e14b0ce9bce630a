"""A chart to share: one SVG with its title, notes, source line and the portal's
address, and the PNG resvg draws from it, 1080 px wide for a phone chat.

resvg (the `resvg-py` wheel: Rust, no system library) finds fonts through the
system's font directories; `FONT_FILES` names faces with Vietnamese letters that
Debian ships, and the first found is the sans-serif face, so "ệ" and "ữ" never fall
back to boxes. Without any of them resvg still uses whatever fonts the system has.
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from pathlib import Path

from django.utils import formats
from django.utils.translation import gettext as _

from campaigns import selectors
from campaigns.public import charts
from campaigns.public.chart_marks import FONT_FAMILY, MUTED, TEXT, add_text, wrap
from campaigns.public.datasets import Table

ZOOM = 2  # 540 SVG units → 1080 px
PAD = 16
FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
)
FAMILIES = {"DejaVuSans": "DejaVu Sans", "NotoSans": "Noto Sans"}


@functools.cache
def sans_serif() -> str | None:
    """The family of the first font file of `FONT_FILES` on this machine."""
    for path in FONT_FILES:
        if Path(path).exists():
            stem = Path(path).stem.split("-")[0]
            return FAMILIES.get(stem, "Liberation Sans")
    return None


def source_line(spec: charts.Spec) -> str:
    """ "Nguồn: …, số liệu đã duyệt đến dd/mm/yyyy" (the latest approval of the topic)."""
    moment = selectors.last_approved_at(topic=spec.topic)
    source = _("the Vietnam Fatherland Front committees of the wards and communes")
    if moment is None:
        return _("Source: %(source)s.") % {"source": source}
    return _("Source: %(source)s, figures approved up to %(date)s") % {
        "source": source,
        "date": formats.date_format(moment.date(), "d/m/Y"),
    }


def share_svg(table: Table, *, address: str) -> str:
    """The standalone SVG of `table`'s chart for sharing (white, titled, sourced)."""
    spec = charts.SPECS[table.dataset.slug]
    variant = charts.SHARE
    width = variant.width
    inner = width - 2 * PAD
    font = variant.font
    drawing, plan = charts.render(
        table, spec, variant, chart_id="chart", title=table.title
    )
    root = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "font-family": FONT_FAMILY,
            "font-size": f"{font:g}",
            "fill": TEXT,
        },
    )
    title = ET.SubElement(root, "title")
    title.text = table.title
    background = ET.SubElement(root, "rect", {"x": "0", "y": "0", "fill": "#ffffff"})
    y = PAD + font * 1.2
    for line in wrap(table.title, font * 1.25, inner):
        heading = add_text(root, PAD, y, line, bold=True, cls="title")
        heading.set("font-size", f"{font * 1.25:g}")
        y += font * 1.6
    view = drawing.get("viewBox").split()
    chart_width, chart_height = float(view[2]), float(view[3])
    scale = inner / chart_width
    drawing.attrib.pop("role", None)
    drawing.attrib.pop("aria-labelledby", None)
    drawing.set("x", str(PAD))
    drawing.set("y", f"{y:.1f}")
    drawing.set("width", f"{inner:.1f}")
    drawing.set("height", f"{chart_height * scale:.1f}")
    root.append(drawing)
    y += chart_height * scale + font * 1.2
    small = font * 0.875
    lines = [
        *(line for note in plan.notes for line in wrap(note, small, inner)),
        *wrap(source_line(spec), small, inner),
        address,
    ]
    for line in lines:
        text = add_text(root, PAD, y, line, colour=MUTED, cls="source")
        text.set("font-size", f"{small:g}")
        y += small * 1.4
    height = y + PAD
    for element in (root, background):
        element.set("width", f"{width:g}")
        element.set("height", f"{height:.0f}")
    root.set("viewBox", f"0 0 {width:g} {height:.0f}")
    return ET.tostring(root, encoding="unicode")


def png(svg: str) -> bytes:
    """The PNG of a share SVG, `ZOOM` times its size."""
    import resvg_py  # imported here: only share images need the renderer

    options = {"zoom": ZOOM, "background": "#ffffff"}
    family = sans_serif()
    if family:
        options.update(sans_serif_family=family, font_family=family)
    return bytes(resvg_py.svg_to_bytes(svg_string=svg, **options))
