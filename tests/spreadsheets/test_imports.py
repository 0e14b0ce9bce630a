"""Imports: what people type is accepted, bad input is refused with a message and
writes nothing, natural keys pick the right ward, the scope gate holds."""

import datetime
import io
import unicodedata
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns import models
from campaigns.cache import current_generation
from campaigns.models.choices import WorkflowStatusChoices
from campaigns.spreadsheets import reading, xlsx
from campaigns.spreadsheets.resources import (
    IMPORT_RESOURCES,
    AnnualResultResource,
    DonationResource,
    ResidentialAreaResource,
    SupportResource,
)
from campaigns.spreadsheets.widgets import DateWidget, MoneyWidget, YesNoWidget

from .. import factories as f
from ..access.test_scope import make_user
from ..spreadsheet_helpers import export_xlsx, read, run_import, superuser

DATA = Path(__file__).resolve().parent.parent / "data"
HEADER = (
    "Năm,Mã đơn vị,Tên đơn vị,Khu dân cư,Tổng số hộ,Số hộ đăng ký GĐVH,"
    "Số hộ đạt GĐVH,Số hộ nghèo,Số hộ cận nghèo"
)


def ward(code, before_2025=True):
    wards = models.Ward.objects.filter(code=code)
    return (
        wards.filter(valid_to__isnull=False)
        if before_2025
        else wards.filter(valid_to=None)
    ).get()


@pytest.fixture
def areas(reference):
    return make_areas()


def make_areas():
    """Tổ 1–3 of Phường Sông Cầu, and a Tổ 1 in Đức Xuân before and after 2025."""
    song_cau = ward("01837")
    made = {
        name: f.ResidentialAreaFactory(ward=song_cau, name=name, status="approved")
        for name in ("Tổ 1", "Tổ 2", "Tổ 3")
    }
    made["duc_xuan_old"] = f.ResidentialAreaFactory(ward=ward("01840"), name="Tổ 1")
    made["duc_xuan_new"] = f.ResidentialAreaFactory(
        ward=ward("01840", before_2025=False), name="Tổ 1"
    )
    return made


def csv_bytes(*lines, bom=True):
    text = "\n".join(lines) + "\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            models.ResidentialArea,
            models.AnnualResult,
            models.GoalResult,
            models.Donation,
            models.Support,
            models.Household,
        )
    }


def messages_of(result):
    return [
        f"{row}|{column}|{message}" for row, column, message in result.error_lines()
    ]


# --- Widgets: what people type ------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "1.500.000",
        "1 500 000",
        1500000,
        1500000.0,
        "1,500,000",
        "1.500.000 đ",
        "1500000đ",
    ],
)
def test_money_accepts_what_people_type(typed):
    assert MoneyWidget().clean(typed) == 1_500_000


@pytest.mark.parametrize(
    "typed",
    [
        "18/11/2024",
        "18-11-2024",
        "18.11.2024",
        "2024-11-18",
        datetime.datetime(2024, 11, 18),
        45614,
    ],
)
def test_dates_accept_text_and_real_excel_dates(typed):
    assert DateWidget().clean(typed) == datetime.date(2024, 11, 18)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Có", True),
        ("có", True),
        ("x", True),
        ("X", True),
        ("Đạt", True),
        (nfd := unicodedata.normalize("NFD", "Có"), True),
        ("Không", False),
        ("Không đạt", False),
        ("", False),
        (1, True),
    ],
)
def test_yes_no_accepts_co_khong_x_dat(typed, expected):
    assert YesNoWidget().clean(typed) is expected


# --- The messy sample files ------------------------------------------------------------


def test_messy_xlsx_of_yearly_results_imports(areas):
    result = run_import(
        AnnualResultResource, (DATA / "messy_annual_results.xlsx").read_bytes()
    )
    assert not result.error_lines(), messages_of(result)
    assert result.totals["new"] == 3
    rows = {
        r.residential_area.name: r
        for r in models.AnnualResult.objects.select_related("residential_area__ward")
    }
    assert set(rows) == {"Tổ 1", "Tổ 2", "Tổ 3"}
    assert {r.residential_area.ward.code for r in rows.values()} == {"01837"}
    first = rows["Tổ 1"]
    assert (
        first.households,
        first.cultural_families_registered,
        first.cultural_families_recognised,
    ) == (1250, 1200, 1150)
    assert first.cultural_title and first.festival_held
    assert first.festival_date == datetime.date(2024, 11, 18)
    assert first.note == "Tổ có nhiều cố gắng"
    assert rows["Tổ 2"].festival_date == datetime.date(2024, 11, 17)
    assert rows["Tổ 3"].note == "- chưa tổ chức được Ngày hội"
    assert first.poverty_standard.code == "NĐ 07/2021/NĐ-CP"
    goals = dict(
        models.GoalResult.objects.filter(annual_result=first).values_list(
            "goal__number", "achieved"
        )
    )
    assert goals == {1: True, 4: True}
    assert not models.GoalResult.objects.filter(annual_result=rows["Tổ 3"]).exists()
    assert {r.status for r in rows.values()} == {WorkflowStatusChoices.DRAFT}


def test_messy_csv_of_supports_imports_with_households(areas):
    result = run_import(
        SupportResource, (DATA / "messy_supports.csv").read_bytes(), status="submitted"
    )
    assert not result.error_lines(), messages_of(result)
    assert result.totals["new"] == 3
    supports = {
        s.household.head_name: s
        for s in models.Support.objects.select_related("household")
    }
    house = supports["Hoàng Văn Nam"]
    assert house.amount == 40_000_000 and house.houses_built == 1
    assert house.household.id_number == "012345678901"
    assert house.household.members == 4 and house.household.household_status == "poor"
    assert supports["Nông Thị Hoa"].amount == 1_500_000
    assert supports["Nông Thị Hoa"].date == datetime.date(2024, 4, 10)
    assert supports["Lục Văn Bình"].fund_level == "city"
    assert {s.status for s in supports.values()} == {"submitted"}
    assert {s.household.status for s in supports.values()} == {"submitted"}
    assert all(
        unicodedata.is_normalized("NFC", s.household.head_name)
        for s in supports.values()
    )
    # Imported changes are recorded with the importer and the file.
    record = models.Support.history.first()
    assert "test.xlsx" in record.history_change_reason


def test_a_field_error_repeated_on_several_rows_is_reported_on_each(areas):
    # Field checks are remembered per value; the second row must still get its error.
    data = csv_bytes(
        HEADER,
        "2024,01837,,Tổ 1,,90,80,5,5",
        "2024,01837,,Tổ 2,,90,80,5,5",
        "2024,01837,,Tổ 3,100,90,80,5,5",
    )
    result = run_import(AnnualResultResource, data)
    assert set(result.error_lines()) == {
        (2, "Tổng số hộ", "Trường này không thể để trống."),
        (3, "Tổng số hộ", "Trường này không thể để trống."),
    }
    assert not models.AnnualResult.objects.exists()


def test_garbage_collection_is_on_again_after_an_import(areas):
    import gc

    from campaigns.spreadsheets.bulk import gc_paused

    assert gc.isenabled()
    run_import(
        AnnualResultResource, csv_bytes(HEADER, "2024,01837,,Tổ 1,100,90,80,5,5")
    )
    assert gc.isenabled()
    with pytest.raises(reading.SpreadsheetError):
        read(AnnualResultResource(), b"")
    with pytest.raises(ZeroDivisionError), gc_paused():
        assert not gc.isenabled()
        1 / 0  # noqa: B018
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()


def test_imported_goal_results_have_one_history_row_each(areas, django_user_model):
    city = make_user(django_user_model, "city", "city_staff")
    result = run_import(
        AnnualResultResource,
        (DATA / "messy_annual_results.xlsx").read_bytes(),
        user=city,
    )
    assert not result.error_lines(), messages_of(result)
    goal_results = {
        g.pk: (g.annual_result_id, g.goal_id, g.achieved, g.value, g.note, g.created_at)
        for g in models.GoalResult.objects.all()
    }
    assert goal_results
    assert {(v[3], v[4]) for v in goal_results.values()} == {(None, "")}
    history = models.GoalResult.history.all()
    assert {
        h.id: (h.annual_result_id, h.goal_id, h.achieved, h.value, h.note, h.created_at)
        for h in history
    } == goal_results
    assert len(history) == len(goal_results)
    assert {(h.history_type, h.history_user_id) for h in history} == {("+", city.pk)}
    assert all("test.xlsx" in h.history_change_reason for h in history)
    results = models.AnnualResult.history.all()
    assert len(results) == 3
    assert {(h.history_type, h.history_user_id) for h in results} == {("+", city.pk)}


def test_the_key_index_loads_areas_as_the_database_holds_them(areas):
    from campaigns.spreadsheets.keys import KeyIndex

    index = KeyIndex()
    ward_ids = set(models.ResidentialArea.objects.values_list("ward_id", flat=True))
    index.load_areas(ward_ids)
    loaded = [area for ward_id in ward_ids for area in index.areas[ward_id]["all"]]
    assert len(loaded) == models.ResidentialArea.objects.count()
    for area in loaded:
        stored = models.ResidentialArea.objects.get(pk=area.pk)
        for name in KeyIndex.AREA_FIELDS:
            assert getattr(area, name) == getattr(stored, name), name
        assert area.ward == stored.ward and not area._state.adding
        assert area._state.db == "default"
        assert area.get_deferred_fields() == {
            f.attname
            for f in models.ResidentialArea._meta.concrete_fields
            if f.attname not in KeyIndex.AREA_FIELDS
        }
    # A deferred field is read from the database on demand, as with only().
    assert loaded[0].slug == models.ResidentialArea.objects.get(pk=loaded[0].pk).slug


def test_tổ_1_is_found_in_the_row_s_ward(areas):
    data = csv_bytes(
        HEADER,
        "2024,01837,,Tổ 1,100,90,80,5,5",
        "2024,01840,Phường Đức Xuân,Tổ 1,200,190,180,5,5",
        "2025,01840,Phường Đức Xuân,Tổ 1,210,190,180,5,5",
    )
    result = run_import(AnnualResultResource, data)
    assert not result.error_lines(), messages_of(result)
    found = {
        (r.year, r.households): r.residential_area
        for r in models.AnnualResult.objects.all()
    }
    assert found[(2024, 100)] == areas["Tổ 1"]
    assert found[(2024, 200)] == areas["duc_xuan_old"]
    assert found[(2025, 210)] == areas["duc_xuan_new"]


def test_reimporting_changed_values_updates_only_those_rows(areas):
    lines = [HEADER, "2024,01837,,Tổ 1,100,90,80,5,5", "2024,01837,,Tổ 2,120,90,80,5,5"]
    assert not run_import(AnnualResultResource, csv_bytes(*lines)).error_lines()
    lines[2] = "2024,01837,,Tổ 2,130,90,80,5,5"
    result = run_import(AnnualResultResource, csv_bytes(*lines))
    assert (result.totals["new"], result.totals["update"], result.totals["skip"]) == (
        0,
        1,
        1,
    )
    assert (
        models.AnnualResult.objects.get(residential_area=areas["Tổ 2"]).households
        == 130
    )


# --- Bad input: a clear message, nothing written ----------------------------------------


BAD_ROWS = [
    (
        "2024,09999,,Tổ 1,100,90,80,5,5",
        "Mã đơn vị",
        "Không có phường, xã nào mang mã 09999.",
    ),
    (
        "2024,01837,,Tổ 99,100,90,80,5,5",
        "Khu dân cư",
        "Phường Sông Cầu không có khu dân cư nào tên “Tổ 99”.",
    ),
    (
        "1990,01837,,Tổ 1,100,90,80,5,5",
        "Năm",
        "Năm 1990 nằm ngoài khoảng cho phép (1995–2100).",
    ),
    (
        "2024,01837,,Tổ 1,100,90,95,5,5",
        "Số hộ đạt GĐVH",
        "Số hộ được công nhận không thể vượt số hộ đăng ký",
    ),
    (
        "2024,01837,,Tổ 1,100,120,95,5,5",
        "Số hộ đạt GĐVH",
        "số hộ đăng ký không thể vượt tổng số hộ",
    ),
    ("2024,01837,,Tổ 1,-100,90,80,5,5", "Tổng số hộ", "Số liệu không được âm (-100)."),
    (
        "2024,01837,,Tổ 1,một trăm,90,80,5,5",
        "Tổng số hộ",
        "“một trăm” không phải số nguyên",
    ),
    (
        "2030,01837,,Tổ 1,100,90,80,5,5",
        "Mã đơn vị",
        "không có hiệu lực vào ngày 31/12/2030",
    ),
]


@pytest.mark.parametrize(
    ("row", "column", "message"), BAD_ROWS, ids=[b[2][:30] for b in BAD_ROWS]
)
def test_bad_row_is_reported_with_row_and_column_and_nothing_is_written(
    areas, row, column, message
):
    before = counts()
    data = csv_bytes(HEADER, "2024,01837,,Tổ 2,100,90,80,5,5", row)
    for dry_run in (True, False):
        result = run_import(AnnualResultResource, data, dry_run=dry_run)
        lines = result.error_lines()
        assert any(r == 3 and c == column and message in m for r, c, m in lines), lines
        assert counts() == before


@pytest.mark.parametrize(
    ("typed", "message"),
    [("-500.000", "Số tiền không được âm"), ("năm trăm nghìn", "không phải số nguyên")],
)
def test_negative_or_non_numeric_money_is_refused(areas, typed, message):
    data = csv_bytes(
        "Ngày nhận,Quỹ,Mã đơn vị,Người, đơn vị ủng hộ,Loại nhà hảo tâm,Số tiền (đồng)".replace(
            "Người, đơn vị ủng hộ", '"Người, đơn vị ủng hộ"'
        ),
        f'01/11/2024,,01837,Hoàng Văn An,Cá nhân,"{typed}"',
    )
    result = run_import(DonationResource, data)
    assert any(
        c == "Số tiền (đồng)" and message in m for _r, c, m in result.error_lines()
    )
    assert not models.Donation.objects.exists()


def test_duplicate_rows_for_the_same_area_and_year_are_refused(areas):
    data = csv_bytes(
        HEADER, "2024,01837,,Tổ 1,100,90,80,5,5", "2024,01837,,tổ 01,110,90,80,5,5"
    )
    result = run_import(AnnualResultResource, data)
    assert (3, "Năm", "Trùng với dòng 2 của tệp.") in result.error_lines()
    assert not models.AnnualResult.objects.exists()


def test_an_error_in_the_last_row_writes_none_of_the_others(areas):
    lines = [HEADER] + [f"2024,01837,,Tổ {n},100,90,80,5,5" for n in (1, 2, 3)]
    lines.append("2024,01837,,Tổ 1,100,90,80,5,5")
    result = run_import(AnnualResultResource, csv_bytes(*lines))
    assert result.error_lines()
    assert not models.AnnualResult.objects.exists()


def test_approved_records_are_not_changed_by_an_import(areas):
    f.AnnualResultFactory(residential_area=areas["Tổ 1"], year=2024, households=250)
    result = run_import(
        AnnualResultResource, csv_bytes(HEADER, "2024,01837,,Tổ 1,150,90,80,5,5")
    )
    assert any("đã được duyệt và bị khóa" in m for _r, _c, m in result.error_lines())
    assert models.AnnualResult.objects.get().households == 250


def test_submitted_records_are_not_changed_by_an_import(areas):
    """Under review, a record is locked for imports too (issue 13): the file says
    what to do; a row that changes nothing is no change and passes."""
    result = f.AnnualResultFactory(
        residential_area=areas["Tổ 1"],
        year=2024,
        households=250,
        cultural_families_registered=90,
        cultural_families_recognised=80,
        poor_households=5,
        near_poor_households=5,
        status=WorkflowStatusChoices.SUBMITTED,
    )
    changed = run_import(
        AnnualResultResource, csv_bytes(HEADER, "2024,01837,,Tổ 1,150,90,80,5,5")
    )
    assert any(
        "đã gửi duyệt và bị khóa" in m and "rút lại" in m
        for _r, _c, m in changed.error_lines()
    ), changed.error_lines()
    result.refresh_from_db()
    assert (result.households, result.status) == (250, WorkflowStatusChoices.SUBMITTED)

    same = run_import(
        AnnualResultResource, csv_bytes(HEADER, "2024,01837,,Tổ 1,250,90,80,5,5")
    )
    assert not same.error_lines()
    assert same.totals["skip"] == 1


def file_error(resource_class, data):
    with pytest.raises(reading.SpreadsheetError) as error:
        read(resource_class(), data)
    return error.value.message


def test_wrong_or_missing_headers_are_named(areas):
    message = file_error(
        AnnualResultResource,
        csv_bytes(
            "Năm,Mã đơn vị,Khu dân cư,Tổng số hộ,Số hộ ĐK,Số hộ nghèo",
            "2024,01837,Tổ 1,1,1,1",
        ),
    )
    assert "Thiếu cột: Số hộ đăng ký GĐVH, Số hộ đạt GĐVH, Số hộ cận nghèo." in message
    assert "Cột không nhận ra: “Số hộ ĐK”." in message
    assert "Thiếu cột: Mã đơn vị hoặc Tên đơn vị" in file_error(
        AnnualResultResource,
        csv_bytes(HEADER.replace("Mã đơn vị,Tên đơn vị,", ""), "2024,Tổ 1,1,1,1,1,1"),
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Tệp trống."),
        (csv_bytes(HEADER), "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "Tệp không phải bảng tính đọc được"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "Tệp không phải bảng tính đọc được"),
        (b"PK\x03\x04not really a zip", "Tệp không phải bảng tính đọc được"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "Không đọc được tệp Excel 97–2003 (.xls)",
        ),
        (
            b"Ng\xe0y nh\xe2n,S\xf4 ti\xean\n01/11/2024,1000\n",
            "Tệp CSV không dùng mã UTF-8",
        ),
    ],
    ids=["empty", "header-only", "pdf", "png", "broken-zip", "xls", "not-utf8"],
)
def test_files_that_cannot_be_imported_are_refused(areas, data, message):
    assert message in file_error(AnnualResultResource, data)


def test_a_docx_is_not_a_spreadsheet(areas):
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert "Tệp không phải bảng tính đọc được" in file_error(
        AnnualResultResource, buffer.getvalue()
    )


def test_a_sheet_of_100000_rows_is_refused_with_a_message(areas):
    lines = [HEADER] + ["2024,01837,,Tổ 1,100,90,80,5,5"] * 100_000
    message = file_error(AnnualResultResource, csv_bytes(*lines))
    assert "Tệp có hơn 20.000 dòng; mỗi lần chỉ nhập tối đa 20.000 dòng" in message
    assert not models.AnnualResult.objects.exists()


def test_formulas_in_cells_are_refused(areas):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append([2024, "01837", "", "Tổ 1", 100, 90, "=F2-10", 5, 5])
    buffer = io.BytesIO()
    book.save(buffer)
    message = file_error(AnnualResultResource, buffer.getvalue())
    assert "Có ô chứa công thức" in message and ": G2." in message
    message = file_error(
        AnnualResultResource, csv_bytes(HEADER, "2024,01837,,Tổ 1,100,=SUM(1;2),80,5,5")
    )
    assert "Có ô chứa công thức" in message and ": F2." in message
    assert not models.AnnualResult.objects.exists()


def test_formulas_deep_in_a_sheet_are_found(areas):
    # Shared formulas (only the first cell holds the text) and cells far down the
    # sheet: the fast reader must notice them and let the file be refused.
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    for _ in range(50):
        sheet.append([2024, "01837", "", "Tổ 1", 100, 90, 80, 5, 5])
    sheet["I40"] = "=E40-H40"
    buffer = io.BytesIO()
    book.save(buffer)
    assert ": I40." in file_error(AnnualResultResource, buffer.getvalue())


@pytest.mark.parametrize(
    "xml, found",
    [
        (b'<worksheet xmlns="m"><c r="A1"><f>B1+1</f><v>2</v></c></worksheet>', True),
        (
            b'<worksheet xmlns="m"><c r="A2"><f t="shared" si="0"/></c></worksheet>',
            True,
        ),
        (b'<x:worksheet xmlns:x="m"><x:c><x:f>B1</x:f></x:c></x:worksheet>', True),
        (b'<x:worksheet xmlns:x="m"><x:c><x:v>1</x:v></x:c></x:worksheet>', False),
        (b"<worksheet><autoFilter><filterColumn/></autoFilter></worksheet>", False),
        (
            b"<worksheet><c t='inlineStr'><is><t>&lt;f> =SUM</t></is></c></worksheet>",
            False,
        ),
    ],
)
def test_formula_elements_are_found_in_worksheet_xml(xml, found):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/worksheets/sheet1.xml", xml)
    # The fast scan (bytes) and the strict one (expat) find the same.
    assert xlsx.check_workbook(buffer.getvalue()).formulas is found
    assert xlsx.check_workbook(buffer.getvalue(), strict=True).formulas is found


def test_formulas_are_found_in_a_worksheet_outside_the_usual_folder():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types><Override ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml" PartName="/xl/o/d.xml"/></Types>',
        )
        archive.writestr("xl/o/d.xml", "<worksheet><c><f>1+1</f></c></worksheet>")
    assert xlsx.check_workbook(buffer.getvalue()).formulas


def test_error_cells_pasted_as_values_are_not_read_as_empty(areas):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append([2024, "01837", "", "Tổ 1", 100, 90, 80, 5, 5])
    sheet.append([2024, "01837", "", "Tổ 2", 100, 90, 80, 5, "#N/A"])
    sheet["I3"].data_type = "e"
    buffer = io.BytesIO()
    book.save(buffer)
    result = run_import(AnnualResultResource, buffer.getvalue())
    assert [(row, column) for row, column, _ in result.error_lines()] == [
        (3, "Số hộ cận nghèo")
    ]
    assert "#N/A" in result.error_lines()[0][2]
    assert not models.AnnualResult.objects.exists()


def test_a_chart_sheet_before_the_data_is_skipped(areas):
    from openpyxl.chart import BarChart, Reference

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append([2024, "01837", "", "Tổ 1", 100, 90, 80, 5, 5])
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=5, max_col=6, min_row=1, max_row=2))
    book.create_chartsheet("Biểu đồ", 0).add_chart(chart)
    buffer = io.BytesIO()
    book.save(buffer)
    result = run_import(AnnualResultResource, buffer.getvalue())
    assert not result.error_lines(), messages_of(result)
    assert models.AnnualResult.objects.get().households == 100


def test_xlsx_cells_read_as_openpyxl_reads_them(areas):
    """The fast reader gives each cell the value and type openpyxl gives it."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["C3"] = "Tiêu đề"
    sheet.append(["", "", 12, 12.5, datetime.date(2024, 11, 18), True])
    sheet.append(["", unicodedata.normalize("NFD", "Tổ 1"), 1_500_000.0, "01837"])
    sheet["B7"] = datetime.datetime(2024, 11, 18, 7, 30)
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    facts = xlsx.check_workbook(data, strict=True)
    assert not (facts.formulas or facts.error_cells)  # so calamine reads it
    fast = list(xlsx.xlsx_rows(data))
    slow = [list(row) for row in xlsx._openpyxl_rows(data, facts.last_column)]
    width = max(len(row) for row in slow)
    fast = [row + [None] * (width - len(row)) for row in fast]
    slow = [row + [None] * (width - len(row)) for row in slow]
    assert fast == slow
    assert [[type(v) for v in row] for row in fast] == [
        [type(v) for v in row] for row in slow
    ]
    assert fast[4][1] == unicodedata.normalize("NFD", "Tổ 1")  # widgets normalise
    assert type(fast[4][2]) is int and fast[3][3] == 12.5
    assert fast[3][4] == datetime.datetime(2024, 11, 18)


# --- Scope: ward staff import only their wards ----------------------------------------


def test_ward_staff_cannot_import_rows_for_another_ward(areas, django_user_model):
    staff = make_user(django_user_model, "sc", "ward_staff", [ward("01837")])
    data = csv_bytes(
        HEADER,
        "2024,01837,,Tổ 1,100,90,80,5,5",
        "2024,01840,,Tổ 1,100,90,80,5,5",
    )
    result = run_import(AnnualResultResource, data, user=staff)
    assert (
        3,
        "Mã đơn vị",
        "Bạn chỉ được nhập dữ liệu của phường, xã mình phụ trách.",
    ) in result.error_lines()
    assert not models.AnnualResult.objects.exists()
    own = csv_bytes(HEADER, "2024,01837,,Tổ 1,100,90,80,5,5")
    assert not run_import(AnnualResultResource, own, user=staff).error_lines()
    assert models.AnnualResult.objects.count() == 1


def test_ward_staff_cannot_import_city_fund_donations(areas, django_user_model):
    staff = make_user(django_user_model, "sc", "ward_staff", [ward("01837")])
    data = csv_bytes(
        "Ngày nhận,Quỹ,Người ủng hộ,Loại nhà hảo tâm,Số tiền (đồng)".replace(
            "Người ủng hộ", '"Người, đơn vị ủng hộ"'
        ),
        "01/11/2024,Quỹ cấp thành phố,Công ty A,Doanh nghiệp,5000000",
    )
    result = run_import(DonationResource, data, user=staff)
    assert any("phụ trách" in m for _r, _c, m in result.error_lines())
    assert not models.Donation.objects.exists()


# --- Speed shape: queries do not grow with rows --------------------------------------


def test_import_query_count_does_not_grow_with_rows(reference):
    song_cau = ward("01837")
    for n in range(1, 201):
        f.ResidentialAreaFactory(ward=song_cau, name=f"Tổ {n}")

    def file(n):
        lines = [HEADER + ",Mục tiêu 1,Mục tiêu 2"]
        lines += [
            f"2024,01837,,Tổ {i},100,90,80,5,5,Đạt,Không đạt" for i in range(1, n + 1)
        ]
        return csv_bytes(*lines)

    admin = superuser()  # made here, not among the counted queries

    def queries(n, dry_run):
        models.AnnualResult.objects.all().delete()
        with CaptureQueriesContext(connection) as captured:
            result = run_import(
                AnnualResultResource, file(n), dry_run=dry_run, user=admin
            )
        assert not result.error_lines()
        return len(captured)

    assert queries(200, True) == queries(20, True)
    # Writes go in batches, never per row: SQLite's 999 parameters per statement
    # allow ~35 yearly results (and their history rows) per INSERT; PostgreSQL takes
    # a batch of 1,000. Per row would be 180 more queries; batches make ~20 more.
    small = queries(20, False)
    assert queries(200, False) - small <= (200 - 20) / 8
    assert models.GoalResult.objects.count() == 400


def test_an_import_of_drafts_keeps_the_cached_figures(
    areas, django_capture_on_commit_callbacks
):
    """Imported rows are drafts: no public figure changes, so nothing is retired."""
    before = current_generation()
    with django_capture_on_commit_callbacks(execute=True):
        result = run_import(
            AnnualResultResource, csv_bytes(HEADER, "2024,01837,,Tổ 1,100,90,80,5,5")
        )
    assert result.totals["new"] == 1
    assert models.AnnualResult.objects.get().status == WorkflowStatusChoices.DRAFT
    assert current_generation() == before


def test_residential_areas_import_with_slug_and_kind_from_the_ward(reference):
    data = csv_bytes(
        "Mã đơn vị,Tên đơn vị,Khu dân cư", "01849,Xã Dương Quang,Nà Mèo", "01837,,Tổ 9"
    )
    result = run_import(ResidentialAreaResource, data)
    assert not result.error_lines(), messages_of(result)
    created = {a.name: a for a in models.ResidentialArea.objects.all()}
    assert created["Nà Mèo"].kind == "thon" and created["Tổ 9"].kind == "to_dan_pho"
    assert created["Nà Mèo"].slug == "xa-duong-quang-na-meo"


def test_neutralised_cells_import_back_as_typed(areas):
    f.AnnualResultFactory(
        residential_area=areas["Tổ 1"], year=2024, note="=1+1 ghi chú", status="draft"
    )
    data = export_xlsx(AnnualResultResource, models.AnnualResult.objects.all())
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    column = [c.value for c in sheet[1]].index("Ghi chú")
    notes = [row[column] for row in sheet.iter_rows(values_only=True)]
    assert "'=1+1 ghi chú" in notes
    result = run_import(AnnualResultResource, data)
    assert result.totals["skip"] == 1
    assert models.AnnualResult.objects.get().note == "=1+1 ghi chú"


def test_measured_goal_values_accept_both_decimal_marks(areas):
    from campaigns.spreadsheets.widgets import DecimalWidget

    assert DecimalWidget().clean("12,5") == Decimal("12.50")
    assert DecimalWidget().clean("1.234,5") == Decimal("1234.50")
    assert DecimalWidget().clean("12.5") == Decimal("12.50")
    assert DecimalWidget().clean(12.5) == Decimal("12.50")
    # Exports write the dot (docs/data-dictionary.md), which imports read back.
    written = DecimalWidget().render(Decimal("1234.50"))
    assert written == "1234.5"
    assert DecimalWidget().clean(written) == Decimal("1234.50")


@pytest.mark.parametrize(
    "resource_class",
    list(IMPORT_RESOURCES.values()),
    ids=lambda r: r.__name__,
)
def test_every_check_constraint_has_a_python_mirror(resource_class):
    """Rows are checked in Python (no query per row): no constraint may be forgotten."""
    from django.db.models import CheckConstraint

    model = resource_class._meta.model
    names = {c.name for c in model._meta.constraints if isinstance(c, CheckConstraint)}
    assert names <= set(resource_class.constraint_checks), names - set(
        resource_class.constraint_checks
    )
    for name in resource_class.constraint_checks:
        assert resource_class().constraint_message(name) != name


def test_an_import_without_a_user_refuses_and_writes_nothing(areas):
    data = csv_bytes(HEADER, "2024,01837,,Tổ 1,100,90,80,5,5")
    for dry_run in (True, False):
        resource = AnnualResultResource()
        dataset = read(resource, data)
        result = resource.import_data(dataset, dry_run=dry_run, file_name="x.csv")
        assert result.error_lines() == [
            (
                0,
                "",
                "Việc nhập dữ liệu phải do một tài khoản đã đăng nhập thực hiện; "
                "chưa nhập dòng nào.",
            )
        ]
        with pytest.raises(reading.SpreadsheetError):
            resource.import_data(dataset, dry_run=dry_run, raise_errors=True)
    assert not models.AnnualResult.objects.exists()
    assert not models.AnnualResult.history.exists()


THREE_YEARS = "Số hộ đạt GĐVH 3 năm liên tục"


def test_families_recognised_three_years_running_import_and_export(areas):
    header = f"{HEADER},{THREE_YEARS}"
    data = csv_bytes(
        header, "2024,01837,,Tổ 1,100,90,80,5,5,60", "2024,01837,,Tổ 2,100,90,80,5,5,"
    )
    assert not run_import(AnnualResultResource, data).error_lines()
    saved = dict(
        models.AnnualResult.objects.values_list(
            "residential_area__name", "cultural_families_three_years"
        )
    )
    assert saved == {"Tổ 1": 60, "Tổ 2": None}

    # The export carries the column under the same header, so the file goes back in.
    sheet = openpyxl.load_workbook(
        io.BytesIO(export_xlsx(AnnualResultResource, models.AnnualResult.objects.all()))
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    column = rows[0].index(THREE_YEARS)
    area = rows[0].index("Khu dân cư")
    assert {row[area]: row[column] for row in rows[1:]} == {"Tổ 1": 60, "Tổ 2": None}

    # More than the families recognised that year: refused on that column.
    before = counts()
    bad = csv_bytes(header, "2024,01837,,Tổ 3,100,90,80,5,5,81")
    for dry_run in (True, False):
        lines = run_import(AnnualResultResource, bad, dry_run=dry_run).error_lines()
        assert any(
            r == 2 and c == THREE_YEARS and "ba năm liền" in m for r, c, m in lines
        ), lines
        assert counts() == before
