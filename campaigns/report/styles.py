"""How the yearly workbook looks: cell formats, and a column's width and number format.

A dataset column's kind (money, int, percent, decimal…) decides its format, so a
figure is formatted alike on every sheet.
"""

from dataclasses import dataclass

from campaigns.public.datasets import Column

MONEY = '#,##0" đ"'
COUNT = "#,##0"
PERCENT = '0.0"%"'
DECIMAL = "#,##0.00"
YEAR = "0"
DATE = "dd/mm/yyyy"

# (number format, width) per column kind.
KIND_FORMATS = {
    "money": (MONEY, 17),
    "int": (COUNT, 11),
    "percent": (PERCENT, 10),
    "decimal": (DECIMAL, 11),
    "year": (YEAR, 7),
    "bool": (None, 9),
    "number": (None, 16),
    "text": (None, 20),
}


@dataclass(frozen=True)
class ReportColumn:
    header: str
    width: int = 12
    number_format: str | None = None


def report_column(column: Column, width: int | None = None) -> ReportColumn:
    """The workbook column of a dataset column: its heading, width and format."""
    number_format, default_width = KIND_FORMATS.get(column.kind, (None, 12))
    return ReportColumn(column.heading, width or default_width, number_format)


def workbook_styles(book) -> dict:
    styles = {
        "title": book.add_format({"bold": True, "font_size": 14}),
        "subtitle": book.add_format({"italic": True, "font_color": "#444444"}),
        "header": book.add_format(
            {
                "bold": True,
                "text_wrap": True,
                "valign": "top",
                "border": 1,
                "bg_color": "#E8EEF4",
            }
        ),
        "label": book.add_format({"bold": True}),
        "note": book.add_format({"italic": True, "font_color": "#444444"}),
    }
    for number_format in (None, MONEY, COUNT, PERCENT, DECIMAL, YEAR, DATE):
        for bold in (False, True):
            options = {"border": 1}
            if number_format:
                options["num_format"] = number_format
            if bold:
                options.update({"bold": True, "bg_color": "#F3F3F3"})
            styles[(number_format, bold)] = book.add_format(options)
    return styles
