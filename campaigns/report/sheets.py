"""Writing one sheet of the yearly workbook, and a public table onto it.

`write_table` copies a `campaigns.public.datasets.Table` (its headings, its rows and
its totals row) so a sheet equals the public CSV/XLSX of the same year cell for cell.
Text goes through `spreadsheets.cells.neutralise`, the rule of every download.
"""

import datetime
from decimal import Decimal

from campaigns.public.datasets import Table
from campaigns.report.rows import write_row
from campaigns.report.styles import DATE, ReportColumn, report_column
from campaigns.spreadsheets.cells import neutralise


class SheetWriter:
    """Writes one sheet top to bottom (XlsxWriter constant-memory mode needs that order)."""

    def __init__(self, book, styles, title: str):
        self.book, self.styles = book, styles
        self.sheet = book.add_worksheet(title[:31])
        self.sheet.set_landscape()
        self.sheet.set_paper(9)  # A4
        self.sheet.fit_to_pages(1, 0)
        self.sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
        self.sheet.set_footer("&C&P / &N")
        self.row = 0
        self.columns: list[ReportColumn] = []
        self.widths: dict[int, int] = {}

    def title(self, text: str, subtitle: str = "") -> None:
        self.sheet.write_string(self.row, 0, neutralise(text), self.styles["title"])
        self.row += 1
        if subtitle:
            self.note(subtitle, "subtitle")
        self.row += 1

    def note(self, text: str, style: str = "note") -> None:
        self.sheet.write_string(self.row, 0, neutralise(text), self.styles[style])
        self.row += 1

    def table(
        self, columns: list[ReportColumn], *, freeze: bool = False, header: bool = True
    ) -> None:
        self.columns = columns
        for index, column in enumerate(columns):
            # Tables stacked on one sheet share its columns: the widest wins.
            if column.width > self.widths.get(index, 0):
                self.widths[index] = column.width
                self.sheet.set_column(index, index, column.width)
        if not header:
            return
        self.sheet.write_row(
            self.row, 0, [neutralise(c.header) for c in columns], self.styles["header"]
        )
        if freeze:
            self.sheet.freeze_panes(self.row + 1, 0)
            self.sheet.repeat_rows(self.row)
        self.row += 1

    def _write(self, values, bold: bool, columns=None) -> None:
        columns = columns or self.columns
        cells = []
        for index, value in enumerate(values):
            column = columns[index] if index < len(columns) else None
            fmt = self.styles.get((column.number_format if column else None, bold))
            if value is None or value == "":
                cells.append((index, None, fmt if bold else None))
            elif isinstance(value, str):
                cells.append((index, neutralise(value), fmt))
            elif isinstance(value, datetime.date):
                moment = datetime.datetime(value.year, value.month, value.day)
                cells.append((index, moment, self.styles[(DATE, bold)]))
            else:
                number = float(value) if isinstance(value, Decimal) else value
                cells.append((index, number, fmt))
        # Straight into the sheet's XML (rows.py); the ordinary calls otherwise.
        if not write_row(self.sheet, self.row, cells):
            self._write_cells(cells)
        self.row += 1

    def _write_cells(self, cells) -> None:
        for index, value, fmt in cells:
            if value is None:
                if fmt is not None:
                    self.sheet.write_blank(self.row, index, None, fmt)
            elif isinstance(value, str):
                self.sheet.write_string(self.row, index, value, fmt)
            elif isinstance(value, datetime.datetime):
                self.sheet.write_datetime(self.row, index, value, fmt)
            else:
                self.sheet.write_number(self.row, index, value, fmt)

    def line(self, values, columns=None) -> None:
        self._write(values, bold=False, columns=columns)

    def total(self, values) -> None:
        self._write(values, bold=True)

    def gap(self, rows: int = 1) -> None:
        self.row += rows


def write_table(
    sheet: SheetWriter, table: Table, *, freeze: bool = False, first_width: int = 28
) -> None:
    """`table` as the public download writes it, then its totals row in bold."""
    sheet.table(
        [
            report_column(column, first_width if index == 0 else None)
            for index, column in enumerate(table.columns)
        ],
        freeze=freeze,
    )
    for row in table.rows:
        sheet.line(_cells(table, row))
    if table.total is not None:
        sheet.total(_cells(table, table.total))
    for note in table.notes:
        sheet.note(note)


def _cells(table: Table, row) -> list:
    return [
        column.spreadsheet_value(value)
        for value, column in zip(row, table.columns, strict=True)
    ]
