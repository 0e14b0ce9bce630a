"""The residential area's card for its Ngày hội: one A4 page, as HTML and as PDF.

`card_lines()` and `trend_rows()` are the card's words and figures, written once for
both the HTML page (templates/campaigns/area_card.html) and the PDF drawn here; the
figures come from `selectors.area_card()`.
"""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _
from fpdf import FPDF

from campaigns import formatting
from campaigns.documents import pdf as drawing
from campaigns.selectors import NO_STANDARD, AreaCard
from campaigns.selectors.totals import NoStandard

QR_SIZE = 34  # mm: scans from arm's length on a printed page


def count(value: int | None) -> str:
    return "–" if value is None else formatting.group_digits(value)


def standard_name(standard: str | NoStandard | None) -> str:
    """The poverty standard as the card names it ("chuẩn nghèo chưa xác định" if none)."""
    if standard is None:
        return "–"
    if standard is NO_STANDARD:
        return str(NO_STANDARD)
    return str(standard)


def households_with_rate(households: int, rate) -> str:
    return _("%(count)s households (%(rate)s)") % {
        "count": count(households),
        "rate": formatting.percent(rate),
    }


def title(card: AreaCard) -> str:
    return _("%(area)s – card of %(year)s") % {
        "area": card.area.name,
        "year": card.year,
    }


def not_approved_note(card: AreaCard) -> str:
    """The note a card carries while the area's year is not approved ("" once it is)."""
    if card.approved:
        return ""
    return _(
        "The figures of %(year)s have not been approved yet: the yearly results "
        "below stay empty until the Front committee approves them."
    ) % {"year": card.year}


def _festival(card: AreaCard) -> str:
    result = card.result
    if result is None:
        return "–"
    if not result.festival_held:
        return _("Not held")
    parts = [_("Held")]
    if card.festival_date:
        parts.append(
            _("on %(date)s")
            % {"date": formats.date_format(card.festival_date, "d/m/Y")}
        )
    text = " ".join(parts)
    if card.festival_participants:
        text += ", " + _("%(people)s participants") % {
            "people": count(card.festival_participants)
        }
    return text


def _works(card: AreaCard) -> str:
    if not card.works:
        return _("None recorded")
    return _(
        "%(count)s works; %(metres)s m of concrete road; the people gave %(money)s "
        "and %(days)s labour days"
    ) % {
        "count": count(card.works),
        "metres": count(card.road_m),
        "money": formatting.money_full(card.works_people_money),
        "days": count(card.works_labour_days),
    }


def _support(card: AreaCard) -> str:
    if not card.supports:
        return _("None recorded")
    return _(
        "%(count)s supports, %(money)s in all; %(built)s houses built, "
        "%(repaired)s repaired"
    ) % {
        "count": count(card.supports),
        "money": formatting.money_full(card.support_amount),
        "built": count(card.houses_built),
        "repaired": count(card.houses_repaired),
    }


def card_lines(card: AreaCard) -> list[tuple[str, str]]:
    """(label, value) of the card's year at a glance, in the card's order."""
    result = card.result
    empty = "–"
    committee = empty
    if result is not None and result.committee_score is not None:
        committee = _("%(grade)s (%(score)s points)") % {
            "grade": result.committee_grade or empty,
            "score": result.committee_score,
        }
    goals = empty
    if card.goals_met is not None:
        goals = _("%(met)s of %(total)s goals") % {
            "met": card.goals_met,
            "total": card.goals_total,
        }
    return [
        (_("Households"), count(result.households) if result else empty),
        (
            _("Poor households (standard %(standard)s)")
            % {"standard": standard_name(card.standard)},
            households_with_rate(result.poor_households, result.poor_rate)
            if result
            else empty,
        ),
        (
            _("Near-poor households"),
            households_with_rate(result.near_poor_households, result.near_poor_rate)
            if result
            else empty,
        ),
        (
            _("Cultural families"),
            households_with_rate(
                result.cultural_families_recognised, result.cultural_family_rate
            )
            if result
            else empty,
        ),
        (
            _("Cultural residential area title"),
            (_("Kept") if result.cultural_title else _("Not kept"))
            if result
            else empty,
        ),
        (_("Goals met"), goals),
        (_("Great Solidarity Festival"), _festival(card)),
        (_("Front work committee"), committee),
        (_("Community works"), _works(card)),
        (_("Support received from the poverty fund"), _support(card)),
    ]


def trend_header() -> list[str]:
    return [
        _("Year"),
        _("Households"),
        _("Poor households"),
        _("Poverty standard"),
        _("Cultural families"),
        _("Goals met"),
    ]


def trend_rows(card: AreaCard) -> list[list[str]]:
    """The five years up to the card's year; "–" where a year has no approved result."""
    rows = []
    for point in card.trend:
        result = point.result
        if result is None:
            rows.append([str(point.year), "–", "–", "–", "–", "–"])
            continue
        rows.append(
            [
                str(point.year),
                count(result.households),
                formatting.percent(result.poor_rate),
                standard_name(result.standard_code),
                formatting.percent(result.cultural_family_rate),
                f"{point.goals_met}/{point.goals_total}"
                if point.goals_met is not None
                else "–",
            ]
        )
    return rows


def draw_card(pdf: FPDF, card: AreaCard, url: str) -> None:
    """One A4 page: the area's year at a glance, its five-year trend, a QR code to `url`."""
    family = drawing.FAMILY
    pdf.add_page()
    top = pdf.t_margin
    text_width = pdf.epw - QR_SIZE - 5
    pdf.image(
        drawing.qr_png(url),
        x=pdf.w - pdf.r_margin - QR_SIZE,
        y=top,
        w=QR_SIZE,
        h=QR_SIZE,
        alt_text=url,
    )
    pdf.set_xy(pdf.w - pdf.r_margin - QR_SIZE, top + QR_SIZE)
    pdf.set_font(family, "", 7.5)
    pdf.cell(QR_SIZE, 4, _("Live page"), align="C")
    pdf.set_xy(pdf.l_margin, top)
    pdf.set_font(family, "B", 10)
    pdf.multi_cell(text_width, 5, card.area.ward.name.upper(), **drawing.NEXT_LINE)
    pdf.set_font(family, "B", 20)
    pdf.multi_cell(text_width, 9, card.area.name, **drawing.NEXT_LINE)
    pdf.set_font(family, "", 12)
    pdf.multi_cell(
        text_width,
        6,
        _("Year %(year)s at a glance – Great Solidarity Festival")
        % {"year": card.year},
        **drawing.NEXT_LINE,
    )
    pdf.set_y(max(pdf.get_y(), top + QR_SIZE + 6) + 2)
    note = not_approved_note(card)
    if note:
        pdf.set_font(family, "B", 10.5)
        pdf.set_fill_color(255, 243, 205)
        pdf.multi_cell(0, 6, note, border=1, fill=True, padding=2, **drawing.NEXT_LINE)
        pdf.ln(3)
    drawing.rows_table(pdf, card_lines(card), label_width=62)
    pdf.ln(3)
    pdf.set_font(family, "B", 12)
    pdf.cell(0, 7, _("The last five years"), **drawing.NEXT_LINE)
    drawing.plain_grid(
        pdf,
        trend_header(),
        trend_rows(card),
        widths=(16, 24, 26, 56, 32, 26),
        text_columns=(0, 3),
    )
    pdf.set_y(pdf.h - pdf.b_margin - 14)
    pdf.set_font(family, "", 8)
    pdf.multi_cell(
        0,
        4,
        _(
            "Only figures approved by the Front committee are shown; no household is "
            "named. Live figures: %(url)s"
        )
        % {"url": url},
        **drawing.NEXT_LINE,
    )


def cards_pdf(cards: list[tuple[AreaCard, str]], *, title_text: str) -> bytes:
    """One page per (card, live page URL), in the order given."""

    def draw(pdf):
        for card, url in cards:
            draw_card(pdf, card, url)

    return drawing.pdf_bytes(draw, title=title_text)
