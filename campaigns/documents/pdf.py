"""What every PDF of the portal shares: A4 pages drawn by fpdf2, a font with every
Vietnamese letter, QR codes by segno (docs/decisions.md, issue 16).

fpdf2 is pure Python and draws the page itself: no browser, no system library. Its
built-in fonts are Latin-1 only, so a TrueType font that covers Vietnamese is embedded
(subset to the letters used): Open Sans from the `ttf-opensans` package, installed
with the project; a system DejaVu Sans where that package is missing; otherwise a
clear error rather than a PDF with its diacritics lost.
"""

from __future__ import annotations

import functools
import io
import logging
from collections.abc import Callable
from pathlib import Path

import segno
from django.core.exceptions import ImproperlyConfigured
from fpdf import FPDF
from fpdf.enums import XPos, YPos

FAMILY = "PortalSans"
# Debian's fonts-dejavu-core: the fallback where the font package is not installed.
SYSTEM_FONTS = (
    (
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ),
)
NEXT_LINE = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}
# fontTools logs every glyph of every subset at INFO: one card would fill the log.
logging.getLogger("fontTools").setLevel(logging.WARNING)


@functools.cache
def font_files() -> tuple[Path, Path]:
    """(regular, bold) TrueType files with Vietnamese letters; ImproperlyConfigured
    when none is installed."""
    try:
        import ttf_opensans
    except ImportError:
        pass
    else:
        regular = Path(ttf_opensans.OPENSANS_REGULAR.path)
        bold = Path(ttf_opensans.OPENSANS_BOLD.path)
        if regular.is_file() and bold.is_file():
            return regular, bold
    for regular, bold in SYSTEM_FONTS:
        if regular.is_file() and bold.is_file():
            return regular, bold
    raise ImproperlyConfigured(
        "No font with Vietnamese letters for PDF documents: install the project's "
        "dependencies (the ttf-opensans package) or Debian's fonts-dejavu-core."
    )


def new_document(*, title: str) -> FPDF:
    """An empty A4 portrait document with the Vietnamese font, margins 15 mm."""
    regular, bold = font_files()
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_title(title)
    pdf.set_lang("vi")
    pdf.set_creator("MTTQ Bắc Kạn")
    pdf.add_font(FAMILY, "", str(regular))
    pdf.add_font(FAMILY, "B", str(bold))
    pdf.set_margins(15, 15, 15)
    # Pages are laid out by the drawing code: a card is one page, a notice breaks
    # where its own code says so.
    pdf.set_auto_page_break(False)
    pdf.set_font(FAMILY, size=11)
    return pdf


def qr_code(data: str) -> segno.QRCode:
    """The QR code of `data` (a seam: tests check what was encoded)."""
    return segno.make(data, error="m", micro=False)


def qr_png(data: str) -> io.BytesIO:
    """`data` as a PNG QR code, black on white, with the quiet zone the standard asks."""
    buffer = io.BytesIO()
    # 5 pixels a module: sharp at the card's 34 mm, and quick to encode 100 times.
    qr_code(data).save(buffer, kind="png", scale=5, border=4)
    buffer.seek(0)
    return buffer


def qr_svg(data: str) -> str:
    """`data` as an inline SVG QR code for HTML pages."""
    return qr_code(data).svg_inline(scale=4, border=4, omitsize=True)


def rows_table(
    pdf: FPDF,
    rows: list[tuple[str, str]],
    *,
    label_width: float,
    line_height: float = 6.5,
    size: float = 11,
) -> None:
    """Label–value lines, labels in bold; long values wrap."""
    value_width = pdf.epw - label_width
    for label, value in rows:
        y = pdf.get_y()
        pdf.set_font(FAMILY, "B", size)
        pdf.multi_cell(label_width, line_height, label, **NEXT_LINE)
        label_end = pdf.get_y()
        pdf.set_xy(pdf.l_margin + label_width, y)
        pdf.set_font(FAMILY, "", size)
        pdf.multi_cell(value_width, line_height, value, **NEXT_LINE)
        pdf.set_y(max(label_end, pdf.get_y()) + 0.8)


def grid(
    pdf: FPDF,
    header: list[str],
    body: list[list[str]],
    *,
    widths: tuple[float, ...],
    size: float = 9.5,
    align_right_from: int = 1,
) -> None:
    """A small bordered table; columns from `align_right_from` are numbers."""
    with pdf.table(
        col_widths=widths,
        text_align=tuple(
            "LEFT" if i < align_right_from else "RIGHT" for i in range(len(widths))
        ),
        line_height=5.5,
        first_row_as_headings=True,
        headings_style=_headings_style(),
        padding=1,
        width=sum(widths),
        align="LEFT",
    ) as table:
        pdf.set_font(FAMILY, "", size)
        for cells in [header, *body]:
            row = table.row()
            for text in cells:
                row.cell(text)


def plain_grid(
    pdf: FPDF,
    header: list[str],
    body: list[list[str]],
    *,
    widths: tuple[float, ...],
    text_columns: tuple[int, ...] = (0,),
    size: float = 9.5,
    line_height: float = 6,
) -> None:
    """A bordered table of one-line cells: many times faster than `grid()` (no text
    wrapping), for short cells such as a card's trend; columns other than
    `text_columns` are numbers, right-aligned."""
    pdf.set_fill_color(235, 235, 235)
    pdf.set_font(FAMILY, "B", size - 1)
    for width, text in zip(widths, header, strict=True):
        pdf.cell(width, line_height, text, border=1, align="C", fill=True)
    pdf.ln(line_height)
    pdf.set_font(FAMILY, "", size)
    for cells in body:
        for index, (width, text) in enumerate(zip(widths, cells, strict=True)):
            align = "L" if index in text_columns else "R"
            pdf.cell(width, line_height, text, border=1, align=align)
        pdf.ln(line_height)


def _headings_style():
    from fpdf.fonts import FontFace

    return FontFace(family=FAMILY, emphasis="BOLD", fill_color=(235, 235, 235))


def pdf_bytes(draw: Callable[[FPDF], None], *, title: str) -> bytes:
    """A document `draw` has filled, as bytes."""
    pdf = new_document(title=title)
    draw(pdf)
    return bytes(pdf.output())
