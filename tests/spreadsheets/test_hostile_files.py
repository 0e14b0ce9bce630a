"""Hostile uploads are refused cheaply, with a message naming the limit, writing nothing.

The files are generated here (bench/hostile.py makes them, and measures the same
refusals in separate processes); each goes through the admin's import page, then
through the reading function under tracemalloc to bound what reading it allocates.
"""

import io
import tracemalloc
import zipfile
import zlib

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bench import hostile
from campaigns import models
from campaigns.spreadsheets import reading, xlsx
from campaigns.spreadsheets.resources import AnnualResultResource

from ..spreadsheet_helpers import read, run_import
from .test_imports import HEADER, csv_bytes, make_areas

TOO_MANY_ROWS = "Tệp có quá nhiều dòng (tối đa 25.000); hãy chia nhỏ tệp."
ARCHIVE = "Tệp XLSX (một tệp nén) khi giải nén vượt quá 100 MB"
EXPECTED = {
    "far-cell-XFD1048576": TOO_MANY_ROWS,
    "far-cell-CV1048576": TOO_MANY_ROWS,
    "far-cell-XFD1048576-undeclared": TOO_MANY_ROWS,
    "far-cell-CV1048576-undeclared": TOO_MANY_ROWS,
    "huge-declared-dimension": TOO_MANY_ROWS,
    "zip-bomb-1MB": ARCHIVE,
    "zip-bomb-12.5MB": ARCHIVE,
    "too-many-entries": "Tệp XLSX (một tệp nén) chứa hơn 500 phần; tệp bị từ chối.",
    "csv-field-140000": "Dòng 2 của tệp CSV có ô dài hơn 131.072 ký tự.",
    "csv-1000000-lines": TOO_MANY_ROWS,
    "csv-utf16-without-bom": "Tệp CSV dùng bảng mã UTF-16 không có dấu thứ tự byte",
    "csv-cp1258": "Tệp CSV dùng bảng mã Windows tiếng Việt (CP1258), không phải UTF-8.",
}
# What reading one hostile file may allocate (Python objects, tracemalloc).
READ_BOUND = 50 * 1024 * 1024


@pytest.fixture
def areas(reference):
    return make_areas()


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("hostile", "", "x-password-1")
    client.force_login(user)
    return client


def upload(client, data: bytes, name: str):
    return client.post(
        reverse("admin:campaigns_annualresult_import"),
        {
            "resource": "0",
            "format": "0",
            "status": "draft",
            "import_file": SimpleUploadedFile(name, data),
        },
    )


def traced_refusal(data: bytes) -> tuple[str, int]:
    """The reading function's message for `data` and the peak it allocated."""
    tracemalloc.start()
    try:
        with pytest.raises(reading.SpreadsheetError) as error:
            reading.read_spreadsheet(data, is_header=AnnualResultResource().is_header)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return error.value.message, peak


def test_every_generated_hostile_file_has_an_expected_message():
    assert set(EXPECTED) == set(hostile.FILES)


@pytest.mark.parametrize("name", list(hostile.FILES))
def test_hostile_file_is_refused_by_the_import_page_writing_nothing(
    name, areas, admin_client
):
    # The benchmark's million blank lines cost seconds under tracemalloc; the limit is
    # met the same way by a few thousand past it.
    if name == "csv-1000000-lines":
        data = hostile.csv_many_lines(30_000)
    else:
        data = hostile.generate(name)
    suffix = ".csv" if name.startswith("csv") else ".xlsx"
    response = upload(admin_client, data, f"hostile{suffix}")
    assert response.status_code == 200
    assert EXPECTED[name] in response.content.decode()
    assert "confirm_form" not in response.context
    assert not models.AnnualResult.objects.exists()
    assert not models.ImportUpload.objects.exists()
    message, peak = traced_refusal(data)
    assert EXPECTED[name] in message
    assert peak < READ_BOUND, f"{name}: {peak / 2**20:.1f} MB"


@pytest.mark.parametrize("declared", [True, False])
def test_a_cell_beyond_the_last_column_is_named(declared):
    data = hostile.far_cell("XFD2", declared=declared)
    message, _ = traced_refusal(data)
    assert message == "Tệp có quá nhiều cột (tối đa 100). Ô XFD2 nằm ngoài giới hạn đó."


def test_cells_without_references_are_counted_one_by_one():
    """Cells may omit their reference; the strict scan places them by position."""
    cells = "<row>" + "<c><v>1</v></c>" * 101 + "</row>"
    message, _ = traced_refusal(hostile.xlsx_with_sheet(cells))
    assert message.startswith("Tệp có quá nhiều cột (tối đa 100).")
    rows = "<row><c><v>1</v></c></row>" * 25_001
    message, _ = traced_refusal(hostile.xlsx_with_sheet(rows))
    assert message == TOO_MANY_ROWS


def test_a_part_that_unpacks_to_more_than_it_declares_is_refused():
    """Declared 1 MiB, 64 MiB inside: unpacking stops at the declared size."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(1 << 20)) + compressor.flush(zlib.Z_FULL_FLUSH)
    data = hostile._raw_zip(
        [("xl/worksheets/sheet1.xml", block * 64 + compressor.flush(), 1 << 20)]
    )
    message, peak = traced_refusal(data)
    assert message == "Tệp không phải bảng tính đọc được (XLSX hoặc CSV)."
    assert peak < READ_BOUND


def test_a_sheet_at_the_limits_is_still_read():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Năm", "Mã đơn vị"])
    sheet["A25000"] = 2024
    buffer = io.BytesIO()
    book.save(buffer)
    dataset = reading.read_spreadsheet(buffer.getvalue())
    assert dataset.row_numbers == [25000]
    assert xlsx.check_workbook(buffer.getvalue()).placed


@pytest.mark.parametrize("byteorder", ["little", "big"])
def test_utf16_csv_with_its_mark_is_imported(areas, byteorder):
    text = f"{HEADER}\n2024,01837,,Tổ 1,100,90,80,5,5\n"
    mark = b"\xff\xfe" if byteorder == "little" else b"\xfe\xff"
    data = mark + text.encode("utf-16-le" if byteorder == "little" else "utf-16-be")
    result = run_import(AnnualResultResource, data)
    assert not result.error_lines()
    assert models.AnnualResult.objects.get().residential_area.name == "Tổ 1"


# --- One formula rule: refused on import as neutralised on export --------------------


@pytest.mark.parametrize(
    ("cell", "value"), [("D2", "@SUM(A1)"), ("D2", "-2+3"), ("D2", "+1+1")]
)
def test_formula_like_text_is_refused_naming_the_cell(areas, cell, value):
    data = csv_bytes(HEADER, f"2024,01837,,{value},100,90,80,5,5")
    with pytest.raises(reading.SpreadsheetError) as error:
        read(AnnualResultResource(), data)
    assert error.value.message.startswith("Có ô chứa công thức")
    assert f": {cell}." in error.value.message
    assert not models.AnnualResult.objects.exists()


def test_formula_like_text_in_an_xlsx_string_cell_is_refused(areas):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append([2024, "01837", "", "Tổ 1", 100, 90, 80, 5, 5])
    sheet["R1"], sheet["R2"] = "Ghi chú", "-2+3"
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(reading.SpreadsheetError) as error:
        read(AnnualResultResource(), buffer.getvalue())
    assert ": R2." in error.value.message


def test_signed_numbers_and_dash_items_are_not_formulas(areas):
    """ "-5" reaches the number column's own check; a dash list item imports."""
    data = csv_bytes(HEADER + ",Ghi chú", "2024,01837,,Tổ 1,-5,90,80,5,5,- chưa họp")
    dataset = read(AnnualResultResource(), data)
    assert dataset[0][4] == "-5"
    result = run_import(AnnualResultResource, data)
    messages = [message for _row, _column, message in result.error_lines()]
    assert messages and not any("công thức" in m for m in messages)
    data = csv_bytes(HEADER + ",Ghi chú", "2024,01837,,Tổ 1,100,90,80,5,5,- chưa họp")
    assert not run_import(AnnualResultResource, data).error_lines()
    assert models.AnnualResult.objects.get().note == "- chưa họp"


def test_zip_checks_read_the_entry_count_before_opening():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.xml", "x")
    assert xlsx._entry_count(buffer.getvalue()) == 1
