"""Hostile uploads: what refusing each costs. Not a test.

    python -m bench.hostile            # every file, each in its own process; JSON
    python -m bench.hostile NAME       # one file in this process (what the parent runs)

Each file is generated in its child process (the tests generate the same files from
here), then handed to `reading.read_spreadsheet`, the function every import reads
with; the child reports the seconds to refusal, its message and its peak memory
(ru_maxrss) before and after reading, so the reading's own cost shows.
"""

import io
import json
import os
import resource
import struct
import subprocess
import sys
import time
import unicodedata
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

HEADER = "Năm,Mã đơn vị,Tên đơn vị,Khu dân cư,Tổng số hộ"
ROW = "2024,01837,,Tổ 1,100"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxml'
    'formats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.'
    'openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="'
    'Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
    '" Target="worksheets/sheet1.xml"/></Relationships>'
)


def _text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def xlsx_with_sheet(cells: str, *, dimension: str | None = None) -> bytes:
    """A minimal workbook whose one sheet holds `cells` (row elements' XML)."""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
        'openxmlformats.org/spreadsheetml/2006/main">'
        + (f'<dimension ref="{dimension}"/>' if dimension else "")
        + f"<sheetData>{cells}</sheetData></worksheet>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


def far_cell(ref: str, *, declared: bool = True) -> bytes:
    """Two header cells and one cell at `ref`; the sheet declares its true range, or
    (declared=False) only the header's."""
    row = "".join(ch for ch in ref if ch.isdigit())
    cells = (
        f'<row r="1">{_text_cell("A1", "Năm")}{_text_cell("B1", "Mã đơn vị")}</row>'
        f'<row r="{row}"><c r="{ref}"><v>1</v></c></row>'
    )
    return xlsx_with_sheet(cells, dimension=f"A1:{ref}" if declared else "A1:B1")


def huge_dimension() -> bytes:
    """Two header cells under a declared range of the whole sheet."""
    cells = f'<row r="1">{_text_cell("A1", "Năm")}{_text_cell("B1", "Mã")}</row>'
    return xlsx_with_sheet(cells, dimension="A1:XFD1048576")


def too_many_entries(count: int = 2_000) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for index in range(count):
            archive.writestr(f"xl/media/{index}.xml", "")
    return buffer.getvalue()


def _raw_zip(entries: list[tuple[str, bytes, int]]) -> bytes:
    """A zip of (name, deflated data, declared size) entries, written as is: a bomb's
    gigabytes are declared, never produced (CRC left 0: the reader refuses first)."""
    body, directory = bytearray(), bytearray()
    for name, data, size in entries:
        encoded = name.encode()
        offset = len(body)
        fields = (20, 0, 8, 0, 0, 0, len(data), size, len(encoded))
        body += struct.pack("<4s5HIIIHH", b"PK\x03\x04", *fields[:-1], fields[-1], 0)
        body += encoded + data
        directory += struct.pack(
            "<4s6HIIIHHHHHII",
            b"PK\x01\x02",
            20,
            *fields[:-1],
            fields[-1],
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        directory += encoded
    end = struct.pack(
        "<4s4HIIH",
        b"PK\x05\x06",
        0,
        0,
        len(entries),
        len(entries),
        len(directory),
        len(body),
        0,
    )
    return bytes(body + directory + end)


def zip_bomb(megabytes: float) -> bytes:
    """About `megabytes` of deflated zeros (about 1,000 times as much unpacked), as
    sheets of at most 3.9 GB each (no ZIP64 needed)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    # A full flush ends on a byte boundary and forgets the window, so the block can be
    # repeated: each copy unpacks to one more MiB of zeros.
    block = compressor.compress(bytes(1 << 20)) + compressor.flush(zlib.Z_FULL_FLUSH)
    last = compressor.flush(zlib.Z_FINISH)
    copies = max(1, int(megabytes * (1 << 20) / len(block)))
    per_entry = 3_900
    entries = []
    for index, start in enumerate(range(0, copies, per_entry), start=1):
        count = min(per_entry, copies - start)
        entries.append(
            (f"xl/worksheets/sheet{index}.xml", block * count + last, count << 20)
        )
    return _raw_zip(entries)


def csv_long_field(length: int = 140_000) -> bytes:
    return f"{HEADER}\n2024,01837,,{'x' * length},100\n".encode()


def csv_many_lines(lines: int = 1_000_000) -> bytes:
    return (f"{HEADER}\n{ROW}\n" + "\n" * lines).encode()


def csv_utf16(*, bom: bool = False, byteorder: str = "little") -> bytes:
    text = f"{HEADER}\n{ROW}\n"
    codec = "utf-16-le" if byteorder == "little" else "utf-16-be"
    mark = {"little": b"\xff\xfe", "big": b"\xfe\xff"}[byteorder] if bom else b""
    return mark + text.encode(codec)


# Grave, acute, tilde, hook above, dot below: the marks CP1258 writes combining.
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """`text` in Windows Vietnamese: base letters precomposed, tone marks combining
    (the only way CP1258 writes "ổ")."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tone = next(mark for mark in parts if mark in _TONES)
            base = unicodedata.normalize("NFC", parts.replace(tone, ""))
            out += (base + tone).encode("cp1258")
    return bytes(out)


def csv_cp1258() -> bytes:
    return to_cp1258(f"{HEADER}\n{ROW}\n")


# name: (generator, keyword arguments)
FILES = {
    "far-cell-XFD1048576": (far_cell, {"ref": "XFD1048576"}),
    "far-cell-CV1048576": (far_cell, {"ref": "CV1048576"}),
    "far-cell-XFD1048576-undeclared": (
        far_cell,
        {"ref": "XFD1048576", "declared": False},
    ),
    "far-cell-CV1048576-undeclared": (
        far_cell,
        {"ref": "CV1048576", "declared": False},
    ),
    "huge-declared-dimension": (huge_dimension, {}),
    "zip-bomb-1MB": (zip_bomb, {"megabytes": 1}),
    "zip-bomb-12.5MB": (zip_bomb, {"megabytes": 12.5}),
    "too-many-entries": (too_many_entries, {}),
    "csv-field-140000": (csv_long_field, {}),
    "csv-1000000-lines": (csv_many_lines, {}),
    "csv-utf16-without-bom": (csv_utf16, {}),
    "csv-cp1258": (csv_cp1258, {}),
}


def generate(name: str) -> bytes:
    function, options = FILES[name]
    return function(**options)


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def refuse_one(name: str) -> dict:
    """Generate `name` and read it as an import does, in this process."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.utils import translation

    from campaigns.spreadsheets import reading
    from campaigns.spreadsheets.resources import AnnualResultResource

    translation.activate("vi")
    data = generate(name)
    is_header = AnnualResultResource().is_header
    before = _peak_mb()
    start = time.perf_counter()
    try:
        reading.read_spreadsheet(data, is_header=is_header)
    except reading.SpreadsheetError as error:
        message = error.message
    else:
        message = None
    seconds = time.perf_counter() - start
    return {
        "bytes": len(data),
        "refused": message is not None,
        "message": message,
        "seconds": round(seconds, 3),
        "peak_mb_before": before,
        "peak_mb": _peak_mb(),
    }


def hostile_figures() -> dict:
    """{file name: {bytes, refused, message, seconds, peak_mb_before, peak_mb}}, each
    measured in its own process (peak_mb_before: after Django and the file, before
    reading)."""
    figures = {}
    for name in FILES:
        child = subprocess.run(
            [sys.executable, "-m", "bench.hostile", name],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        try:
            figures[name] = json.loads(child.stdout.strip().splitlines()[-1])
        except (IndexError, ValueError):
            figures[name] = {
                "refused": False,
                "error": (child.stderr or "no output")[-500:],
                "returncode": child.returncode,
            }
    return figures


if __name__ == "__main__":
    if len(sys.argv) > 1:
        print(json.dumps(refuse_one(sys.argv[1]), ensure_ascii=False))
    else:
        print(json.dumps(hostile_figures(), ensure_ascii=False, indent=2))
