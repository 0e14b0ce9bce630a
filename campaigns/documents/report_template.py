"""The default template of the year-end report, built with python-docx.

The administrative format of NĐ 30/2020/NĐ-CP (Phụ lục I): A4, margins top and
bottom 20 mm, left 30 mm, right 15 mm; Times New Roman; the body's name and the
Quốc hiệu – Tiêu ngữ side by side, number and symbol left blank, place and date,
title, sections, "Nơi nhận" and the signature block. The Jinja tags are docxtpl's
(`{%p %}` repeats a paragraph, `{%tr %}` a table row); the names they use are the
keys of `report_context()`.

The wording is the Vietnamese document itself (like the reference data), not
interface text: city staff change it by downloading this file, editing it in Word or
LibreOffice and uploading it again.
"""

from __future__ import annotations

import functools
import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"
BODY_PT = 14
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


def _font(style_or_run, size=None):
    """Times New Roman for every script (Word picks the East Asian slot for some
    Vietnamese text), at `size` points."""
    font = style_or_run.font
    font.name = FONT
    if size:
        font.size = Pt(size)
    element = style_or_run.element
    r_pr = element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.append(fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)


def _page(document):
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(PAGE_WIDTH_MM)
    section.page_height = Mm(PAGE_HEIGHT_MM)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    normal = document.styles["Normal"]
    _font(normal, BODY_PT)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name in ("Table Grid",):
        _font(document.styles[name])


def _para(
    container,
    text="",
    *,
    bold=False,
    italic=False,
    size=None,
    align=None,
    indent=False,
    keep=False,
):
    """One paragraph of one run (docxtpl needs each tag whole inside one run)."""
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1)
    if keep:
        paragraph.paragraph_format.keep_with_next = True
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        run.italic = italic
        if size:
            run.font.size = Pt(size)
    return paragraph


def _cell_para(cell, text, **kwargs):
    """A paragraph in a table cell (the cell's first, empty one for the first text)."""
    first = cell.paragraphs[0]
    if not first.runs and not first.text:
        first._p.getparent().remove(first._p)
    return _para(cell, text, **kwargs)


def _heading(document, text):
    _para(document, text, bold=True, keep=True)


def _header(document):
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(10)
    _cell_para(left, "{{ issuer_parent|upper }}", size=12, align=CENTER)
    _cell_para(left, "{{ issuer|upper }}", bold=True, size=12, align=CENTER)
    _cell_para(left, "Số: ……/BC-MTTQ", size=13, align=CENTER)
    _cell_para(
        right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12, align=CENTER
    )
    _cell_para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13, align=CENTER)
    _cell_para(
        right,
        "{{ place }}, ngày …… tháng …… năm ……",
        italic=True,
        size=14,
        align=CENTER,
    )


def _table(document, headers, loop, cells, widths=None):
    """A grid with a header row and one docxtpl row repeated for each of `loop`."""
    table = document.add_table(rows=4, cols=len(headers))
    table.style = document.styles["Table Grid"]
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        _cell_para(cell, header, bold=True, size=12, align=CENTER)
    _cell_para(table.rows[1].cells[0], "{%tr for " + loop + " %}", size=12)
    for cell, text in zip(table.rows[2].cells, cells, strict=True):
        _cell_para(cell, text, size=12)
    _cell_para(table.rows[3].cells[0], "{%tr endfor %}", size=12)
    if widths:
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Cm(width)
    _para(document)
    return table


def _results_section(document):
    _heading(document, "I. KẾT QUẢ CHUNG")
    _para(
        document,
        "Năm {{ year }}, {{ unit }} có {{ results.areas.value }} báo cáo kết quả "
        "thực hiện Cuộc vận động, với {{ results.households.value }}. Chuẩn nghèo "
        "áp dụng: {{ standard }}.",
        align=JUSTIFY,
        indent=True,
    )
    _para(document, "{%p for f in result_rows %}")
    _para(
        document,
        "- {{ f.label }}: {{ f.value }}{% if f.change %}, {{ f.change }}{% endif %}.",
        align=JUSTIFY,
        indent=True,
    )
    _para(document, "{%p endfor %}")


def _contents_section(document):
    _heading(document, "II. KẾT QUẢ THỰC HIỆN CÁC NỘI DUNG CỦA CUỘC VẬN ĐỘNG")
    _para(document, "{%p for c in contents %}")
    _para(
        document, "{{ c.number }}. {{ c.name }}", bold=True, align=JUSTIFY, indent=True
    )
    _para(document, "{%p for g in c.goals %}")
    _para(
        document,
        "- Mục tiêu {{ g.number }} “{{ g.name }}”: {{ g.achieved }}/{{ g.reporting }}"
        " khu dân cư đạt ({{ g.share }}){% if g.change %}, {{ g.change }}{% endif %}.",
        align=JUSTIFY,
        indent=True,
    )
    _para(document, "{%p endfor %}")
    _para(document, "{%p endfor %}")


SPENDING_HEADERS = ["Nội dung hỗ trợ", "Lượt", "Số tiền", "Xây mới", "Sửa chữa"]
SPENDING_CELLS = [
    "{{ s.label }}",
    "{{ s.supports }}",
    "{{ s.amount }}",
    "{{ s.houses_built }}",
    "{{ s.houses_repaired }}",
]
SPENDING_WIDTHS = [6, 1.8, 4.2, 1.7, 1.8]


def _fund_section(document):
    _heading(document, "III. QUỸ “VÌ NGƯỜI NGHÈO”")
    _para(
        document,
        "Năm {{ year }}, Quỹ “Vì người nghèo” vận động được {{ fund.raised }} tiền "
        "mặt{% if fund.raised_change %} ({{ fund.raised_change }}){% endif %} và "
        "hiện vật trị giá {{ fund.in_kind }} qua {{ fund.donations }} lượt ủng hộ; "
        "đã chi {{ fund.spent }} cho {{ fund.supports }} lượt hỗ trợ"
        "{% if fund.spent_change %} ({{ fund.spent_change }}){% endif %}, trong đó "
        "xây mới {{ fund.houses_built }} và sửa chữa {{ fund.houses_repaired }} "
        "nhà đại đoàn kết. Chi theo nội dung:",
        align=JUSTIFY,
        indent=True,
    )
    _table(document, SPENDING_HEADERS, "s in spending", SPENDING_CELLS, SPENDING_WIDTHS)
    _para(
        document,
        "Trong {{ window_years }} năm ({{ window_label }}), Quỹ đã vận động được "
        "{{ fund_window.raised_about }} ({{ fund_window.raised }}), đã chi "
        "{{ fund_window.spent }} cho {{ fund_window.supports }} lượt hỗ trợ, hỗ trợ "
        "làm mới và sửa chữa {{ fund_window.houses }} căn nhà đại đoàn kết (xây mới "
        "{{ fund_window.houses_built }}, sửa chữa {{ fund_window.houses_repaired }})."
        " Chi theo nội dung:",
        align=JUSTIFY,
        indent=True,
    )
    _table(
        document,
        SPENDING_HEADERS,
        "s in spending_window",
        SPENDING_CELLS,
        SPENDING_WIDTHS,
    )


def _works_section(document):
    _heading(document, "IV. XÂY DỰNG CÔNG TRÌNH CỘNG ĐỒNG")
    _para(
        document,
        "Năm {{ year }}, nhân dân tham gia xây dựng {{ works.works }} công trình, "
        "trong đó {{ works.roads_km }} km đường giao thông và "
        "{{ works.cultural_houses }} nhà văn hóa; nhân dân đóng góp "
        "{{ works.people_money }}, {{ works.labour_days }} ngày công và hiến "
        "{{ works.land_donated_m2 }} m² đất; ngân sách nhà nước hỗ trợ "
        "{{ works.state_budget }}. Trong {{ window_years }} năm ({{ window_label }}): "
        "{{ works.window_works }} công trình, {{ works.window_roads_km }} km đường, "
        "{{ works.window_cultural_houses }} nhà văn hóa, nhân dân đóng góp "
        "{{ works.window_people_money }} và {{ works.window_labour_days }} ngày công.",
        align=JUSTIFY,
        indent=True,
    )
    _table(
        document,
        [
            "Loại công trình",
            "Số công trình",
            "Chiều dài (m)",
            "Nhân dân đóng góp",
            "Ngày công",
        ],
        "k in works.kinds",
        [
            "{{ k.label }}",
            "{{ k.works }}",
            "{{ k.length_m }}",
            "{{ k.people_money }}",
            "{{ k.labour_days }}",
        ],
        [5, 2.2, 2.4, 4, 2],
    )


def _commendations_section(document):
    _heading(document, "V. CÔNG TÁC KHEN THƯỞNG, NÊU GƯƠNG")
    _para(document, "{%p if commendations %}")
    _para(document, "{%p for c in commendations %}")
    _para(
        document,
        "- {{ c.level }}, {{ c.kind|lower }}: {{ c.count }}.",
        align=JUSTIFY,
        indent=True,
    )
    _para(document, "{%p endfor %}")
    _para(document, "{%p else %}")
    _para(
        document,
        "Năm {{ year }} chưa có khen thưởng nào được duyệt trên hệ thống.",
        align=JUSTIFY,
        indent=True,
    )
    _para(document, "{%p endif %}")
    _para(document, "{%p if stories %}")
    _para(
        document,
        "Năm {{ year }} giới thiệu {{ stories_count }} gương người tốt, việc tốt, "
        "mô hình, tập thể tiêu biểu, trong đó:",
        align=JUSTIFY,
        indent=True,
    )
    _para(document, "{%p for s in stories %}")
    _para(document, "- {{ s.title }} ({{ s.kind|lower }}, {{ s.place }}).", indent=True)
    _para(document, "{%p endfor %}")
    _para(document, "{%p endif %}")
    _heading(document, "VI. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {{ year + 1 }}")
    _para(document, "……………………………………………………………………", indent=True)


def _signature(document):
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Cm(7.5), Cm(9)
    _cell_para(left, "Nơi nhận:", bold=True, italic=True, size=12)
    for line in ("- Ủy ban MTTQ Việt Nam cấp trên;", "- ……;", "- Lưu: VT."):
        _cell_para(left, line, size=11)
    _cell_para(right, "TM. BAN THƯỜNG TRỰC", bold=True, size=14, align=CENTER)
    _cell_para(right, "CHỦ TỊCH", bold=True, size=14, align=CENTER)
    _cell_para(right, "(Ký tên, đóng dấu)", italic=True, size=13, align=CENTER)


def _annex(document):
    _para(document).add_run().add_break(WD_BREAK.PAGE)
    _para(document, "PHỤ LỤC", bold=True, align=CENTER)
    _para(
        document,
        "Số liệu Cuộc vận động năm {{ year }} – {{ unit }}",
        italic=True,
        align=CENTER,
    )
    _para(document, "1. Kết quả chung (chuẩn nghèo: {{ standard }})", bold=True)
    _table(
        document,
        ["Chỉ tiêu", "Năm {{ previous_year }}", "Năm {{ year }}", "So sánh"],
        "f in result_rows",
        ["{{ f.label }}", "{{ f.previous }}", "{{ f.value }}", "{{ f.change }}"],
        [5.5, 3, 4, 3],
    )
    _para(
        document,
        "2. Theo {% if annex_by_unit %}đơn vị{% else %}khu dân cư{% endif %}",
        bold=True,
    )
    _table(
        document,
        [
            "Tên",
            "Số hộ",
            "Hộ nghèo",
            "Tỷ lệ hộ nghèo",
            "Tỷ lệ GĐVH",
            "Quỹ: vận động",
            "Quỹ: chi",
        ],
        "u in annex_rows",
        [
            "{{ u.name }}",
            "{{ u.households }}",
            "{{ u.poor }}",
            "{{ u.poor_rate }}",
            "{{ u.cultural_family_rate }}",
            "{{ u.raised }}",
            "{{ u.spent }}",
        ],
        [3.2, 1.6, 1.6, 1.9, 1.9, 2.6, 2.6],
    )


@functools.cache
def default_template_bytes() -> bytes:
    """The default template as the bytes of a .docx file (built once per process:
    it depends on this code only)."""
    document = Document()
    _page(document)
    _header(document)
    _para(document)
    _para(document, "BÁO CÁO", bold=True, align=CENTER)
    _para(
        document,
        "Tổng kết Cuộc vận động “{{ campaign }}” năm {{ year }} – {{ unit }}",
        bold=True,
        align=CENTER,
    )
    _para(document, "_______", align=CENTER)
    _results_section(document)
    _contents_section(document)
    _fund_section(document)
    _works_section(document)
    _commendations_section(document)
    _signature(document)
    _annex(document)
    document.core_properties.title = "Báo cáo tổng kết Cuộc vận động"
    document.core_properties.author = "MTTQ Bắc Kạn"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
