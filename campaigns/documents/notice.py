"""The poverty fund's public notice ("niêm yết công khai") of a ward and year.

Written once for the staff's printable page (templates/admin/campaigns/fund_notice.html)
and the PDF drawn here; the figures come from `selectors.fund_notice()`, the names
from `selectors.fund_notice_beneficiaries()` (consented households only). Nothing
here ever reads an ID number, a phone or an address.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _
from fpdf import FPDF

from campaigns import formatting
from campaigns.documents import pdf as drawing
from campaigns.selectors import FundNotice, NamedBeneficiary


@dataclass(frozen=True)
class NoticeDocument:
    """Everything one notice shows, ready to render as HTML or PDF."""

    ward_name: str
    year: int
    notice: FundNotice
    beneficiaries: tuple[NamedBeneficiary, ...]
    pending: int

    @property
    def title(self) -> str:
        return _("Public notice of the “For the poor” fund, %(year)s") % {
            "year": self.year
        }

    @property
    def body_name(self) -> str:
        return _("Vietnam Fatherland Front Committee of %(ward)s") % {
            "ward": self.ward_name
        }


def money(amount: int) -> str:
    return formatting.money_full(amount)


def balance_rows(doc: NoticeDocument) -> list[tuple[str, str, str]]:
    """(number, label, amount) of the balance: opening + received − paid = closing."""
    n = doc.notice
    first, last = (
        datetime.date(doc.year, 1, 1).strftime("%d/%m/%Y"),
        datetime.date(doc.year, 12, 31).strftime("%d/%m/%Y"),
    )
    return [
        (
            "1",
            _("Opening balance on %(date)s") % {"date": first},
            money(n.opening_balance),
        ),
        (
            "2",
            _("Money received from donors (%(count)s donations)")
            % {"count": formatting.group_digits(n.donations)},
            money(n.money_received),
        ),
        ("3", _("Received from other fund levels"), money(n.transfers_in)),
        ("4", _("Total received (2 + 3)"), money(n.received)),
        ("5", _("Spent on support to households (table below)"), money(n.spent)),
        ("6", _("Transferred to other fund levels"), money(n.transfers_out)),
        ("7", _("Total paid out (5 + 6)"), money(n.paid_out)),
        (
            "8",
            _("Closing balance on %(date)s (1 + 4 − 7)") % {"date": last},
            money(n.closing_balance),
        ),
    ]


def category_header() -> list[str]:
    return [
        _("Category"),
        _("Supports"),
        _("Households"),
        _("Amount (VND)"),
        _("Houses built"),
        _("Houses repaired"),
    ]


def category_rows(doc: NoticeDocument) -> list[list[str]]:
    digits = formatting.group_digits
    rows = [
        [
            c.label,
            digits(c.supports),
            digits(c.households),
            digits(c.amount),
            digits(c.houses_built),
            digits(c.houses_repaired),
        ]
        for c in doc.notice.categories
    ]
    n = doc.notice
    rows.append(
        [
            _("Total"),
            digits(sum(c.supports for c in n.categories)),
            digits(n.beneficiary_households),
            digits(n.spent),
            digits(n.houses_built),
            digits(n.houses_repaired),
        ]
    )
    return rows


def beneficiary_header() -> list[str]:
    return [_("Head of household"), _("Residential area"), _("Category"), _("Amount")]


def beneficiary_rows(doc: NoticeDocument) -> list[list[str]]:
    return [
        [b.head_name, b.area_name or "–", b.category_label, money(b.amount)]
        for b in doc.beneficiaries
    ]


def notes(doc: NoticeDocument) -> list[str]:
    """The sentences under the balance: what it counts and what it does not."""
    n = doc.notice
    found = []
    if n.opening_recorded_year is None:
        found.append(
            _(
                "No opening balance has been recorded for this fund: it is counted "
                "from zero before its first approved record."
            )
        )
    elif n.opening_recorded_year < doc.year:
        found.append(
            _(
                "The opening balance is the balance recorded on 01/01/%(first)s plus "
                "every approved record since: the closing balance of %(previous)s."
            )
            % {"first": n.opening_recorded_year, "previous": doc.year - 1}
        )
    if n.opening_balance < 0 or n.closing_balance < 0:
        found.append(
            _(
                "The balance is negative: record the fund's opening balance and the "
                "money received from other fund levels, or check the records of the "
                "year."
            )
        )
    if n.goods_received:
        found.append(
            _(
                "Goods received in kind, worth %(value)s, were handed on as goods and "
                "are not part of the cash balance."
            )
            % {"value": money(n.goods_received)}
        )
    if n.city_fund_supports:
        found.append(
            _(
                "%(count)s supports worth %(value)s were also paid in the ward from "
                "the city fund; they are on the city fund's notice, not in this "
                "balance."
            )
            % {
                "count": formatting.group_digits(n.city_fund_supports),
                "value": money(n.city_fund_amount),
            }
        )
    if doc.pending:
        found.append(
            _(
                "%(count)s fund records of %(year)s are not yet approved and are not "
                "counted: the figures of %(year)s have not been fully approved."
            )
            % {"count": formatting.group_digits(doc.pending), "year": doc.year}
        )
    return found


def beneficiaries_text(doc: NoticeDocument) -> str:
    if doc.beneficiaries:
        return _(
            "Households supported are shown by category and number above; the "
            "households below agreed in writing to be named."
        )
    return _(
        "Households supported are shown by category and number only: none agreed "
        "in writing to be named."
    )


def draw_notice(pdf: FPDF, doc: NoticeDocument) -> None:
    family = drawing.FAMILY
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font(family, "B", 11)
    pdf.multi_cell(0, 6, doc.body_name.upper(), align="C", **drawing.NEXT_LINE)
    pdf.set_font(family, "B", 15)
    pdf.ln(4)
    pdf.multi_cell(0, 8, doc.title.upper(), align="C", **drawing.NEXT_LINE)
    pdf.ln(4)
    pdf.set_font(family, "B", 12)
    pdf.cell(0, 7, _("1. The fund's balance"), **drawing.NEXT_LINE)
    drawing.grid(
        pdf,
        [_("No."), _("Item"), _("Amount")],
        [list(row) for row in balance_rows(doc)],
        widths=(12, 118, 50),
        size=10.5,
        align_right_from=2,
    )
    pdf.set_font(family, "", 9.5)
    for sentence in notes(doc):
        pdf.ln(1.5)
        pdf.multi_cell(0, 5, "• " + sentence, **drawing.NEXT_LINE)
    pdf.ln(4)
    pdf.set_font(family, "B", 12)
    pdf.cell(0, 7, _("2. Support by category"), **drawing.NEXT_LINE)
    drawing.grid(
        pdf, category_header(), category_rows(doc), widths=(50, 22, 26, 36, 22, 24)
    )
    pdf.ln(4)
    pdf.set_font(family, "B", 12)
    pdf.cell(0, 7, _("3. Households supported"), **drawing.NEXT_LINE)
    pdf.set_font(family, "", 10)
    pdf.multi_cell(0, 5, beneficiaries_text(doc), **drawing.NEXT_LINE)
    if doc.beneficiaries:
        pdf.ln(2)
        drawing.grid(
            pdf,
            beneficiary_header(),
            beneficiary_rows(doc),
            widths=(55, 45, 45, 35),
            align_right_from=3,
        )
    pdf.ln(8)
    pdf.set_font(family, "", 10)
    half = pdf.epw / 2
    pdf.cell(half, 6, _("Posted from ……/……/……… to ……/……/………"))
    pdf.set_font(family, "B", 10)
    pdf.cell(half, 6, _("On behalf of the Front committee"), align="C")


def notice_pdf(doc: NoticeDocument) -> bytes:
    return drawing.pdf_bytes(lambda pdf: draw_notice(pdf, doc), title=doc.title)
