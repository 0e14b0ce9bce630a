"""The result of an import, as the preview and the error list show it."""

from django.core.exceptions import NON_FIELD_ERRORS
from import_export.results import Result


class ImportResult(Result):
    """django-import-export's result with the sheet's row numbers and a flat error list."""

    row_numbers: list[int] | None = None
    resource = None

    def sheet_row(self, number: int) -> int:
        if self.row_numbers and 0 < number <= len(self.row_numbers):
            return self.row_numbers[number - 1]
        return number + 1

    @property
    def preview(self) -> list[tuple[int, object]]:
        """(sheet row, row result) of the first rows, for the preview table."""
        numbered = []
        for number, row in enumerate(self.rows[:200], start=1):
            numbered.append((self.sheet_row(number), row))
        return numbered

    def error_lines(self) -> list[tuple[int, str, str]]:
        """(sheet row, column, message) for every error, in sheet order."""
        lines = []
        for row in self.invalid_rows:
            for column, messages in row.error_dict.items():
                label = "" if column == NON_FIELD_ERRORS else column
                for message in messages:
                    lines.append((self.sheet_row(row.number), label, str(message)))
        for error_row in self.error_rows:
            for error in error_row.errors:
                lines.append((self.sheet_row(error_row.number), "", str(error.error)))
        for error in self.base_errors:
            lines.append((0, "", str(error.error)))
        return sorted(lines, key=lambda line: line[0])
