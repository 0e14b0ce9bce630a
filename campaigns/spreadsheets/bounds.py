"""The limits of an upload, in one place, and the error that names them.

An upload is refused at the first limit it passes, before its cost grows with it: the
archive is checked before it is opened, a sheet's cells are counted before they are
read, a CSV is read line by line. The limits sit a little above the largest import
the portal expects (10,000 yearly results in the benchmark; imports take at most
20,000 rows at a time), so a real file never meets them.
"""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

# Bytes of the uploaded file (the form refuses larger files before reading them).
MAX_UPLOAD_BYTES = 15 * 1024 * 1024
# Data rows of one import (blank rows not counted).
MAX_IMPORT_ROWS = 20_000
# The last row number a sheet or CSV may use: data rows, titles and blank rows.
MAX_SHEET_ROWS = 25_000
# The last column a sheet may use (CV; the widest import has 29 columns), and the
# fields of a CSV line. Rows × columns bound what a reader lays out from A1: 25,000 ×
# 100 cells of 32 bytes in calamine are 80 MB.
MAX_COLUMNS = 100
# Cells holding something, in one sheet (a full import of the widest kind: 600,000).
MAX_CELLS = 1_000_000
# XLSX archive: entries, the uncompressed size of one entry and of all, and the ratio
# of uncompressed to compressed size of an entry past 1 MB (XML compresses about 10:1,
# a sheet of repeated cells up to about 100:1; a zip bomb about 1,000:1).
MAX_ZIP_ENTRIES = 500
MAX_ENTRY_BYTES = 64 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
RATIO_CHECKED_FROM = 1024 * 1024
# Characters of one CSV field: the csv module's own default limit.
MAX_CSV_FIELD = 131_072


class SpreadsheetError(Exception):
    """A problem with the whole file, with a message for the person who uploaded it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def grouped(number: int) -> str:
    return number_format(number, force_grouping=True)


def too_many_rows() -> SpreadsheetError:
    return SpreadsheetError(
        _(
            "The file has too many rows (at most %(limit)s); split it into smaller files."
        )
        % {"limit": grouped(MAX_SHEET_ROWS)}
    )


def too_many_columns(cell: str = "") -> SpreadsheetError:
    message = _("The file has too many columns (at most %(limit)s).") % {
        "limit": grouped(MAX_COLUMNS)
    }
    if cell:
        message += " " + _("Cell %(cell)s is beyond them.") % {"cell": cell}
    return SpreadsheetError(message)


def too_many_cells() -> SpreadsheetError:
    return SpreadsheetError(
        _("The file has too many filled cells (at most %(limit)s); split it.")
        % {"limit": grouped(MAX_CELLS)}
    )


def archive_too_large() -> SpreadsheetError:
    return SpreadsheetError(
        _(
            "The XLSX file unpacks to more than %(size)s MB (or packs its content "
            "more than %(ratio)s times), which no import needs; it is refused."
        )
        % {
            "size": MAX_UNCOMPRESSED_BYTES // (1024 * 1024),
            "ratio": MAX_COMPRESSION_RATIO,
        }
    )


def too_many_entries() -> SpreadsheetError:
    return SpreadsheetError(
        _("The XLSX file holds more than %(limit)s parts; it is refused.")
        % {"limit": grouped(MAX_ZIP_ENTRIES)}
    )
