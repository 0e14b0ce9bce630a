"""Write the sample import files in this folder (run: python tests/data/make_samples.py).

`messy_annual_results.xlsx` and `messy_supports.csv` are typed the way people really
type: a title above the header, headers without accents or in capitals, an STT
column, ward codes that lost their leading zero, "tổ 01", decomposed (NFD)
Vietnamese, 1.250 and "1 200" for numbers, x / Có / Đạt for yes, dates as text and as
real Excel dates, blank rows. The tests import them against `messy_setup()` data.
"""

import datetime
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


ANNUAL_HEADER = [
    "STT",
    "  năm ",
    "MÃ ĐƠN VỊ",
    "ten don vi",
    nfd("Khu dân cư"),
    "Tổng số hộ",
    "Số hộ đăng ký GĐVH",
    "số hộ đạt gđvh",
    "Đạt danh hiệu KDC văn hóa",
    "Số hộ nghèo",
    "Số hộ cận nghèo",
    "Tổ chức Ngày hội",
    "Ngày tổ chức Ngày hội",
    "Điểm Ban công tác Mặt trận",
    "Mục tiêu 1",
    "Mục tiêu 4",
    "Ghi chú",
]
ANNUAL_ROWS = [
    [
        1,
        2024,
        1837,
        "Phường Sông Cầu",
        "tổ 01",
        "1.250",
        "1.200",
        "1 150",
        "x",
        40,
        "35",
        "Có",
        "18/11/2024",
        92,
        "Đạt",
        "x",
        "  Tổ có nhiều cố gắng ",
    ],
    [
        2,
        "2024",
        "01837",
        nfd("Phường Sông Cầu"),
        nfd("TỔ 2 "),
        980.0,
        900,
        850,
        "có",
        "12",
        "10",
        "x",
        datetime.date(2024, 11, 17),
        "85",
        "không đạt",
        "Đạt",
        "",
    ],
    [
        3,
        2024,
        "1837",
        "",
        "To 3",
        "1 020",
        "1.000",
        "990",
        "",
        8,
        9,
        "Không",
        "",
        "",
        "",
        "",
        "- chưa tổ chức được Ngày hội",
    ],
]


def write_annual_results(path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "KQ 2024"
    sheet.append(["KẾT QUẢ CUỘC VẬN ĐỘNG NĂM 2024 – PHƯỜNG SÔNG CẦU"])
    sheet.append([])
    sheet.append(ANNUAL_HEADER)
    for row in ANNUAL_ROWS:
        sheet.append(row)
    sheet.append([])
    sheet.append([None, None, None])
    sheet["M5"].number_format = "dd/mm/yyyy"
    book.save(path)


SUPPORT_LINES = [
    "Ngày;Chi từ quỹ;Mã đơn vị;Tên đơn vị;Khu dân cư;Chủ hộ;Số CCCD;Điện thoại;Số nhân khẩu;Diện hộ;Hình thức hỗ trợ;Số tiền (đồng);Số quyết định",
    "05/03/2024;quỹ cấp phường/xã;1837;Sông Cầu;Tổ 1;Hoàng Văn Nam;12345678901;0912 345 678;4;hộ nghèo;Xây mới nhà Đại đoàn kết;40.000.000;12/QĐ-MTTQ",
    "2024-04-10;;01837;Phường Sông Cầu;tổ 2;Nông Thị Hoa;;;2;Hộ cận nghèo;hỗ trợ khám chữa bệnh;1 500 000 đ;",
    "18-11-2024;Quỹ cấp thành phố;01837;;TỔ 3;Lục Văn Bình;001234567890;;;;Quà Tết;500000;",
    ";;;;;;;;;;;;",
]


def write_supports(path: Path) -> None:
    # Semicolons and no BOM: what Excel in a Vietnamese locale saves; NFD letters.
    path.write_bytes(nfd("\n".join(SUPPORT_LINES) + "\n").encode("utf-8"))


if __name__ == "__main__":
    write_annual_results(HERE / "messy_annual_results.xlsx")
    write_supports(HERE / "messy_supports.csv")
    print("written")
