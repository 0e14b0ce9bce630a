"""Reading an uploaded XLSX file's first sheet, within `bounds`.

The archive is checked before anything is unpacked (entries, declared sizes, ratio),
then every part is unpacked once as a stream, counting its actual size, and every
worksheet's cells are counted and placed before a reader lays them out: readers
allocate the rectangle from A1 to the farthest cell, so one cell at XFD1048576 would
cost gigabytes. A sheet that passes holds at most `MAX_SHEET_ROWS` × `MAX_COLUMNS`
cells, which calamine (Rust, fast) reads; files holding formulas or error cells, or
that calamine cannot read, go to openpyxl's streaming reader after a strict scan.
"""

import datetime
import io
import re
import struct
import xml.parsers.expat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from campaigns.spreadsheets import bounds
from campaigns.spreadsheets.bounds import SpreadsheetError

CHUNK = 1024 * 1024


def unreadable() -> SpreadsheetError:
    return SpreadsheetError(
        _("The file is not a spreadsheet that can be read (XLSX or CSV).")
    )


def column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")


def _place(ref: str) -> tuple[int, int]:
    """(row, column) of a cell reference such as "B7"; unreadable otherwise."""
    match = _REF.fullmatch(ref.strip())
    if match is None:
        raise unreadable()
    return int(match.group(2)), column_number(match.group(1))


def _check_place(row: int, column: int) -> None:
    if row > bounds.MAX_SHEET_ROWS:
        raise bounds.too_many_rows()
    if column > bounds.MAX_COLUMNS:
        raise bounds.too_many_columns(f"{column_letters(column)}{row}")


def _entry_count(data: bytes) -> int:
    """The entry count of the end-of-central-directory record, read before zipfile
    builds an object per entry (300,000 of them fit in 15 MB)."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end == -1 or end + 12 > len(data):
        raise unreadable()
    (count,) = struct.unpack("<H", data[end + 10 : end + 12])
    return count


def open_archive(data: bytes) -> zipfile.ZipFile:
    """The archive, once its entry count and declared sizes are within bounds."""
    if _entry_count(data) > bounds.MAX_ZIP_ENTRIES:
        raise bounds.too_many_entries()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        raise unreadable() from None
    entries = archive.infolist()
    if len(entries) > bounds.MAX_ZIP_ENTRIES:
        raise bounds.too_many_entries()
    total = 0
    for entry in entries:
        total += entry.file_size
        if (
            entry.file_size > bounds.MAX_ENTRY_BYTES
            or total > bounds.MAX_UNCOMPRESSED_BYTES
            or entry.file_size > bounds.RATIO_CHECKED_FROM
            and entry.file_size > bounds.MAX_COMPRESSION_RATIO * entry.compress_size
        ):
            raise bounds.archive_too_large()
    return archive


@dataclass
class SheetFacts:
    """What a scan found in a worksheet: whether openpyxl must read it, its last column."""

    formulas: bool = False
    error_cells: bool = False
    # False when a cell lacks its reference, which only the strict scan places.
    placed: bool = True
    last_column: int = 0


_WORKSHEET_ELEMENT = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?worksheet[\s>]")
_DIMENSION = re.compile(rb"""<(?:[A-Za-z_][\w.-]*:)?dimension\s+ref=["']([^"']*)["']""")


def _check_dimension(ref: str) -> None:
    """Refuse a sheet that declares a range beyond the bounds (before reading it)."""
    match = _REF.fullmatch(ref.split(":")[-1].strip())
    if match:
        _check_place(int(match.group(2)), column_number(match.group(1)))


def _up_to(limit: str, alphabet: str, *, first: int = 0) -> str:
    """A regex for the strings over `alphabet` (in its order, the first character
    from `alphabet[first]`) that sort up to `limit`: shorter, or as long and not
    after it. "CV" gives [A-Z]{1,1}|[A-B][A-Z]|C[A-V]|CV."""
    every = f"[{alphabet[0]}-{alphabet[-1]}]"
    lead = f"[{alphabet[first]}-{alphabet[-1]}]"
    options = [f"{lead}{every}{{0,{len(limit) - 2}}}"] if len(limit) > 1 else []
    for index, char in enumerate(limit):
        lower = alphabet[first if index == 0 else 0 : alphabet.index(char)]
        if lower:
            rest = len(limit) - index - 1
            options.append(f"{limit[:index]}[{lower[0]}-{lower[-1]}]{every}{{{rest}}}")
    options.append(limit)
    return "|".join(options)


# A plain reference within the bounds: "A1" to "CV25000" (leading zeros allowed).
_NEAR_COLUMN = _up_to(column_letters(bounds.MAX_COLUMNS), "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_NEAR_ROW = _up_to(str(bounds.MAX_SHEET_ROWS), "0123456789", first=1)
_NEAR_REFERENCE = f"(?:{_NEAR_COLUMN})0*(?:{_NEAR_ROW})"


class _FastScan:
    """A worksheet's XML read in chunks with a few C-speed passes (no call per cell).

    Passes when every cell has a plain reference within the bounds as its first
    attribute (every common writer's form); notes formulas and error cells. Otherwise
    `facts.placed` is False and the strict scan places each cell and names the limit.
    """

    def __init__(self, head: bytes):
        root = _WORKSHEET_ELEMENT.search(head, 0, 65536)
        prefix = (root.group(1) + b":") if root and root.group(1) else b""
        self.cell = re.escape(b"<" + prefix + b"c")
        self.formula = b"<" + prefix + b"f"
        # A cell whose first attribute is not a plain reference within the bounds
        # (then the strict scan places it, and names the limit it passes).
        self.unplaced = re.compile(
            self.cell
            + rb"""(?=[\s/>])(?! r=["'](?:%s)["'])""" % _NEAR_REFERENCE.encode(),
            re.IGNORECASE,
        )
        self.facts = SheetFacts()
        self.cells = 0

    def feed(self, xml: bytes) -> None:
        facts = self.facts
        # An upper bound: other elements starting with "c" (cols) are few.
        self.cells += xml.count(b"<c") + xml.count(b":c ")
        if self.cells > bounds.MAX_CELLS:
            raise bounds.too_many_cells()
        if facts.placed and self.unplaced.search(xml):
            facts.placed = False
        if not facts.formulas:
            facts.formulas = _holds_formula(xml, self.formula)
        if not facts.error_cells:
            facts.error_cells = b't="e"' in xml or b"t='e'" in xml


def _holds_formula(xml: bytes, tag: bytes) -> bool:
    """Whether `xml` has a formula element ("<f>", "<f t=...", "<x:f/>"): few other
    elements start with "f", so the few matches are looked at one by one."""
    start = xml.find(tag)
    while start != -1:
        after = start + len(tag)
        if after < len(xml) and xml[after] in b" \t\r\n/>":
            return True
        start = xml.find(tag, after)
    return False


def _fast_scan(archive: zipfile.ZipFile, name: str) -> SheetFacts:
    with archive.open(name) as stream:
        head = stream.read(CHUNK)
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise unreadable()
        declared = _DIMENSION.search(head)
        if declared:
            _check_dimension(declared.group(1).decode("ascii", "replace"))
        scan = _FastScan(head)
        # Each chunk is cut before its last "<", so no tag is split between two.
        pending = head
        while True:
            chunk = stream.read(CHUNK)
            pending += chunk
            cut = pending.rfind(b"<") if chunk else len(pending)
            if cut <= 0:
                cut = len(pending)
            scan.feed(pending[:cut])
            pending = pending[cut:]
            if not chunk:
                return scan.facts


class _StrictScan:
    """A worksheet read element by element (expat, no tree): every cell placed as a
    reader places it, with or without its reference, and every row's cells counted."""

    def __init__(self):
        self.facts = SheetFacts()
        self.row = self.column = self.cells = self.row_cells = 0

    def start(self, name: str, attributes: dict) -> None:
        local = name.rpartition(":")[2]
        if local == "c":
            ref = attributes.get("r")
            if ref:
                row, self.column = _place(ref)
            else:
                row, self.column = self.row, self.column + 1
            self.cells += 1
            self.row_cells += 1
            _check_place(row, self.column)
            if self.row_cells > bounds.MAX_COLUMNS:
                raise bounds.too_many_columns()
            if self.cells > bounds.MAX_CELLS:
                raise bounds.too_many_cells()
            self.facts.last_column = max(self.facts.last_column, self.column)
            if attributes.get("t") == "e":
                self.facts.error_cells = True
        elif local == "row":
            ref = attributes.get("r", "")
            self.row = int(ref) if ref.isdigit() else self.row + 1
            self.column = self.row_cells = 0
            _check_place(self.row, 1)
        elif local == "f":
            self.facts.formulas = True
        elif local == "dimension":
            _check_dimension(attributes.get("ref", ""))


def _refuse_declarations(*args) -> None:
    raise unreadable()


def _strict_scan(archive: zipfile.ZipFile, name: str) -> SheetFacts:
    scan = _StrictScan()
    parser = xml.parsers.expat.ParserCreate()
    parser.StartElementHandler = scan.start
    # A worksheet has no document type; one could only serve to expand entities.
    parser.StartDoctypeDeclHandler = _refuse_declarations
    parser.EntityDeclHandler = _refuse_declarations
    try:
        with archive.open(name) as stream:
            while chunk := stream.read(CHUNK):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except xml.parsers.expat.ExpatError:
        raise unreadable() from None
    return scan.facts


_OVERRIDE_ELEMENT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?Override\b[^>]*>")
_PART_NAME = re.compile(rb"""PartName\s*=\s*["']/?([^"']+)["']""")


def _worksheet_parts(archive: zipfile.ZipFile) -> set[str]:
    """The worksheets' part names: those [Content_Types].xml declares, and the usual
    folder (where a file's parts are found whatever its generator)."""
    names = set(archive.namelist())
    parts = {n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")}
    if "[Content_Types].xml" in names:
        for element in _OVERRIDE_ELEMENT.finditer(archive.read("[Content_Types].xml")):
            part = _PART_NAME.search(element.group())
            if part and b"worksheet+xml" in element.group():
                parts.add(part.group(1).decode())
    return parts & names


def _unpack_others(archive: zipfile.ZipFile, worksheets: set[str]) -> None:
    """Unpack every other part as a stream: zipfile stops at each declared size and
    checks its CRC, so no part unpacks to more than the archive declared."""
    for entry in archive.infolist():
        if entry.filename not in worksheets and not entry.is_dir():
            with archive.open(entry) as stream:
                while stream.read(CHUNK):
                    pass


def check_workbook(data: bytes, *, strict: bool = False) -> SheetFacts:
    """Every worksheet scanned within bounds; what the scans found, together."""
    found = SheetFacts()
    try:
        archive = open_archive(data)
        with archive:
            worksheets = _worksheet_parts(archive)
            _unpack_others(archive, worksheets)
            for name in sorted(worksheets):
                facts = None if strict else _fast_scan(archive, name)
                if facts is None or not facts.placed:
                    facts = _strict_scan(archive, name)
                found.formulas |= facts.formulas
                found.error_cells |= facts.error_cells
                found.placed &= facts.placed
                found.last_column = max(found.last_column, facts.last_column)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError):
        raise unreadable() from None
    except (NotImplementedError, RuntimeError, ValueError):
        # Encrypted or oddly compressed parts.
        raise unreadable() from None
    return found


def _openpyxl_rows(data: bytes, last_column: int) -> Iterator[list]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # data_only=False: formulas come back as formulas, so they can be refused.
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (InvalidFileException, KeyError, OSError, ValueError, zipfile.BadZipFile):
        raise unreadable() from None
    try:
        sheet = book.worksheets[0]
        # The scan's bounds, not the sheet's declared ones: read-only rows are padded
        # to the last column, and missing rows are given as empty ones.
        rows = sheet.iter_rows(
            max_row=bounds.MAX_SHEET_ROWS,
            max_col=max(last_column, 1),
            values_only=True,
        )
        for row in rows:
            yield list(row)
    finally:
        book.close()


def _converted(rows) -> Iterator[list]:
    """Cells as openpyxl gives them: None if empty, whole numbers int, dates datetime."""
    for row in rows:
        yield [
            (v if v else None)
            if type(v) is str
            else (int(v) if v.is_integer() else v)
            if type(v) is float
            else datetime.datetime(v.year, v.month, v.day)
            if type(v) is datetime.date
            else v
            for v in row
        ]


def _calamine_rows(data: bytes) -> list[list]:
    """The first sheet's cells as calamine reads them, from A1 (raises on any problem)."""
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    # The first worksheet, as openpyxl's book.worksheets[0] (chart sheets skipped).
    index = next(
        i
        for i, sheet in enumerate(book.sheets_metadata)
        if sheet.typ == python_calamine.SheetTypeEnum.WorkSheet
    )
    # skip_empty_area=False: rows and columns count from A1, like the sheet's.
    return book.get_sheet_by_index(index).to_python(skip_empty_area=False)


def xlsx_rows(data: bytes) -> Iterator[list]:
    """The first sheet's rows as openpyxl reads them, once the file is within bounds.

    calamine reads a 10,000-row sheet about ten times faster than openpyxl, but gives
    formulas' cached results, not the formulas, and error cells as empty; a file
    holding either is read by openpyxl, which names formula cells so they can be
    refused and gives error cells' text. So is a file calamine cannot read.
    """
    facts = check_workbook(data)
    if not (facts.formulas or facts.error_cells):
        try:
            rows = _calamine_rows(data)
        except Exception:
            pass
        else:
            return _converted(rows)
    # openpyxl builds each row whole: only the strict scan bounds a row's cells.
    facts = check_workbook(data, strict=True)
    return _openpyxl_rows(data, facts.last_column)
