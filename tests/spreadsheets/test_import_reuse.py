"""What an import works out once and reuses (issue 17): the parse of a file read
again, the wards of the file's codes, cells cleaned once per value."""

import pytest

from campaigns import models
from campaigns.spreadsheets import reading
from campaigns.spreadsheets.resources import AnnualResultResource

from ..spreadsheet_helpers import run_import
from .test_imports import HEADER, csv_bytes, make_areas


@pytest.fixture
def sheet_areas(reference):
    return make_areas()


def test_a_file_read_again_is_a_dataset_of_its_own():
    data = csv_bytes(HEADER, "2024,01837,,Tổ 1,100,90,80,5,5")
    resource = AnnualResultResource()
    first = reading.read_spreadsheet(data, is_header=resource.is_header)
    headers, rows = list(first.headers), [list(row) for row in first]
    # The dry run renames headers and the admin may change the dataset: the parse
    # remembered for the commit must not see it.
    resource.match_headers(first)
    first[0] = ["x"] * len(first.headers)
    first.row_numbers.append(99)
    again = reading.read_spreadsheet(data, is_header=AnnualResultResource().is_header)
    assert again.headers == headers == HEADER.split(",")
    assert [list(row) for row in again] == rows and "Tổ 1" in rows[0]
    assert again.row_numbers == [2] and again.header_row == 1
    # Used once, the parse is let go: a worker keeps none beyond the commit.
    assert not reading._LAST_PARSE
    # Another file is parsed, not taken for the remembered one.
    other = reading.read_spreadsheet(
        csv_bytes(HEADER, "2023,01837,,Tổ 2,100,90,80,5,5"),
        is_header=resource.is_header,
    )
    assert "Tổ 2" in list(other[0])


def test_a_ward_named_without_its_code_is_found_beside_coded_rows(sheet_areas):
    # Only the wards of the file's codes are loaded first; a unit given by name
    # alone still finds its ward among all of them.
    data = csv_bytes(
        HEADER,
        "2024,01840,,Tổ 1,100,90,80,5,5",
        "2024,,Phường Sông Cầu,Tổ 2,100,90,80,5,5",
    )
    result = run_import(AnnualResultResource, data)
    assert not result.error_lines(), result.error_lines()
    assert set(
        models.AnnualResult.objects.values_list(
            "residential_area__ward__code", "residential_area__name"
        )
    ) == {("01840", "Tổ 1"), ("01837", "Tổ 2")}


def test_a_bad_cell_repeated_on_several_rows_is_reported_on_each(sheet_areas):
    # Cells are cleaned once per value; the second row must still get its error.
    data = csv_bytes(
        HEADER,
        "2024,01837,,Tổ 1,abc,90,80,5,5",
        "2024,01837,,Tổ 2,abc,90,80,5,5",
        "2024,01837,,Tổ 3,100,90,80,5,5",
    )
    result = run_import(AnnualResultResource, data)
    lines = [(r, c, m) for r, c, m in result.error_lines() if c == "Tổng số hộ"]
    assert [r for r, _c, _m in lines] == [2, 3]
    assert lines[0][2] == lines[1][2] and "abc" in lines[0][2]
    assert not models.AnnualResult.objects.exists()
