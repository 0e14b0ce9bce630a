"""The workbook's rows written straight as sheet XML equal XlsxWriter's own cells."""

import datetime
import io
import zipfile
from decimal import Decimal

from campaigns.report import sheets
from campaigns.report.styles import COUNT, DATE, MONEY, ReportColumn, workbook_styles
from campaigns.spreadsheets.writing import new_workbook

COLUMNS = [
    ReportColumn("Tên", 20),
    ReportColumn("Số", 10, COUNT),
    ReportColumn("Tiền", 15, MONEY),
    ReportColumn("Ngày", 11, DATE),
    ReportColumn("Ghi chú", 20),
]
ROWS = [
    ["Tổ 1 & <2>", 12, Decimal("1500000.50"), datetime.date(2025, 3, 1), ""],
    [" lề trái", 0, 7, None, "=SUM(A1)"],
    ["_x0041_ và \x07 chuông", -3, 0.1, datetime.date(1999, 12, 31), 'nháy "kép"'],
    ["", None, None, None, None],
    ["dòng\nhai", True, 2.5e15, datetime.date(2026, 1, 1), "cuối "],
]


def sheet_xml(fast: bool, monkeypatch) -> bytes:
    if not fast:
        monkeypatch.setattr(sheets, "write_row", lambda *args: False)
    handle = io.BytesIO()
    book = new_workbook(handle)
    writer = sheets.SheetWriter(book, workbook_styles(book), "Thử")
    writer.title("Tiêu đề", "phụ đề")
    writer.table(COLUMNS, freeze=True)
    for row in ROWS:
        writer.line(row)
    writer.total(["Tổng", 9, Decimal("1500007.50"), "", ""])
    writer.note("ghi chú cuối")
    book.close()
    monkeypatch.undo()
    with zipfile.ZipFile(io.BytesIO(handle.getvalue())) as archive:
        return archive.read("xl/worksheets/sheet1.xml") + archive.read("xl/styles.xml")


def test_fast_rows_are_the_bytes_xlsxwriter_writes(monkeypatch):
    fast = sheet_xml(True, monkeypatch)
    assert fast == sheet_xml(False, monkeypatch)
    assert "Tổ 1 &amp; &lt;2&gt;".encode() in fast and b"_x005F_x0041_" in fast
