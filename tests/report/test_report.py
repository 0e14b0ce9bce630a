"""The yearly report workbook: sheets, print setup, totals equal to the selectors."""

import io
from dataclasses import replace
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from campaigns import models, selectors
from campaigns.cache import bump_generation
from campaigns.demo.seed import demo_data_seed
from campaigns.public import datasets
from campaigns.public.datasets import figures
from campaigns.public.downloads import table_bytes
from campaigns.report.workbook import FUND_FIGURES, yearly_report

from ..access.test_scope import make_user

SHEETS = [
    "Bìa",
    "Tổng hợp",
    "10 mục tiêu",
    "Quỹ Vì người nghèo",
    "Công trình cộng đồng",
]


@pytest.fixture
def demo(reference, seed_once):
    seed_once(demo_data_seed, seed=5, years=range(2023, 2026))


def open_book(handle):
    return openpyxl.load_workbook(io.BytesIO(handle.read()))


def row_of(sheet, label, column=None):
    for row in sheet.iter_rows(values_only=True):
        cells = row if column is None else (row[column],)
        if label in cells:
            return row
    raise AssertionError(f"{label!r} not in {sheet.title}")


def headers_of(sheet, first):
    for row in sheet.iter_rows(values_only=True):
        if row and row[0] == first:
            return list(row)
    raise AssertionError(first)


def cells(row) -> list:
    # An empty cell reads back as None from XlsxWriter and as "" from tablib.
    return [None if value == "" else value for value in row]


def public_download(slug, **params):
    """(header, rows) of the public XLSX download of dataset `slug`, and its table."""
    table = datasets.build(slug, **params)
    sheet = openpyxl.load_workbook(io.BytesIO(table_bytes(table, "xlsx"))).active
    rows = [cells(row) for row in sheet.iter_rows(values_only=True)]
    return rows[0], rows[1:], table


def table_under(sheet, header) -> list[list]:
    """The rows under the row `header` of `sheet`, up to the next empty row."""
    rows = [cells(row)[: len(header)] for row in sheet.iter_rows(values_only=True)]
    start = rows.index(header) + 1
    end = next((i for i in range(start, len(rows)) if not any(rows[i])), len(rows))
    return rows[start:end]


def assert_sheet_holds(sheet, slug, **params):
    """The sheet holds the public download of `slug` cell for cell, then its total."""
    header, rows, table = public_download(slug, **params)
    assert rows, slug  # else the comparison would prove nothing
    found = table_under(sheet, header)
    assert found[: len(rows)] == rows, slug
    if table.total is not None:
        total = cells(
            column.spreadsheet_value(v)
            for v, column in zip(table.total, table.columns, strict=True)
        )
        assert found[len(rows)] == [
            float(v) if isinstance(v, Decimal) else v for v in total
        ], slug
    return header, found


def test_city_workbook_equals_the_public_downloads(demo, django_user_model):
    city_staff = make_user(django_user_model, "city", "city_staff")
    book = open_book(yearly_report(year=2024, ward=None, user=city_staff))
    assert book.sheetnames == [*SHEETS, "Danh sách hỗ trợ"]
    overview = selectors.city_overview(year=2024)

    cover = book["Bìa"]
    assert cover["A1"].value == "BÁO CÁO NĂM 2024"
    assert row_of(cover, "Phạm vi")[1] == "Toàn thành phố"
    assert row_of(cover, "Người xuất")[1] == "city"
    approval = row_of(cover, "Kết quả năm")
    assert (
        approval[1]
        == models.AnnualResult.objects.filter(year=2024, status="approved").count()
    )
    assert approval[5] == models.AnnualResult.objects.filter(year=2024).count()

    summary = book["Tổng hợp"]
    header, found = assert_sheet_holds(summary, "don-vi", year=2024)
    total = found[len(selectors.ward_summaries(year=2024))]
    assert total[0] == "Toàn thành phố"
    assert total[header.index("Số hộ")] == overview.results.households
    assert total[header.index("Hộ nghèo (%)")] == pytest.approx(
        float(overview.results.poor_rate)
    )
    assert total[header.index("Đường bê tông (km)")] == pytest.approx(
        float(overview.roads_km_year)
    )
    assert summary.freeze_panes is not None
    assert summary.page_setup.orientation == "landscape"
    assert str(summary.page_setup.paperSize) == summary.PAPERSIZE_A4
    assert summary.cell(row=4, column=1).font.b

    goals = book["10 mục tiêu"]
    assert_sheet_holds(goals, "muc-tieu", year=2024)
    assert_sheet_holds(goals, "muc-tieu-theo-don-vi", year=2024)

    fund = book["Quỹ Vì người nghèo"]
    for key in FUND_FIGURES:
        figure = figures.FIGURES[key]
        assert row_of(fund, str(figure.label), 0)[1] == figure.value(overview)
    assert row_of(fund, "Tiền vận động Quỹ Vì người nghèo")[1] == (
        overview.fund_year.raised
    )
    assert fund.cell(row=5, column=2).number_format == '#,##0" đ"'
    header, found = assert_sheet_holds(fund, "chi-theo-loai", year=2024)
    assert found[-1][header.index("Số tiền (đồng)")] == overview.fund_year.spent
    assert_sheet_holds(fund, "quy-theo-don-vi", year=2024)

    works = book["Công trình cộng đồng"]
    summary_works = selectors.community_works_summary(year=2024)
    header, found = assert_sheet_holds(works, "cong-trinh", year=2024)
    assert row_of(works, "Tổng cộng")[header.index("Nhân dân đóng góp (đồng)")] == (
        summary_works.total.people_money
    )
    assert_sheet_holds(works, "cong-trinh-theo-don-vi", year=2024)

    supports = book["Danh sách hỗ trợ"]
    header = headers_of(supports, "Ngày")
    listed = [
        r
        for r in supports.iter_rows(values_only=True)
        if r[1] and str(r[1]).startswith("018")
    ]
    assert len(listed) == overview.fund_year.supports
    assert (
        sum(r[header.index("Số tiền (đồng)")] for r in listed)
        == overview.fund_year.spent
    )
    assert (
        row_of(supports, "Tổng cộng")[header.index("Số tiền (đồng)")]
        == overview.fund_year.spent
    )


def test_a_changed_column_label_shows_in_the_download_and_the_workbook(
    demo, client, monkeypatch, django_user_model
):
    dataset = datasets.DATASETS["don-vi"]
    renamed = tuple(
        replace(c, label="Số hộ gia đình") if c.key == "households" else c
        for c in dataset.columns
    )
    monkeypatch.setitem(datasets.DATASETS, "don-vi", replace(dataset, columns=renamed))
    csv = client.get("/du-lieu/don-vi.csv?nam=2024").content.decode("utf-8-sig")
    assert "Số hộ gia đình" in csv.splitlines()[0].split(",")
    city_staff = make_user(django_user_model, "city", "city_staff")
    book = open_book(yearly_report(year=2024, user=city_staff))
    assert "Số hộ gia đình" in headers_of(book["Tổng hợp"], "Phường/xã")


def test_workbook_text_is_escaped_like_the_downloads(demo, django_user_model):
    result = models.AnnualResult.objects.filter(year=2024, status="approved").first()
    area = result.residential_area
    ward = area.ward
    area.name = "=HYPERLINK(1)"
    area.save()
    bump_generation()
    city_staff = make_user(django_user_model, "city", "city_staff")
    book = open_book(yearly_report(year=2024, ward=ward, user=city_staff))
    assert row_of(book["Tổng hợp"], "'=HYPERLINK(1)", 0)


def test_ward_workbook_matches_the_ward_page_figures(demo, django_user_model):
    new_ward = models.Ward.objects.get(slug="phuong-bac-kan")
    user = make_user(django_user_model, "sc", "ward_staff", [new_ward])
    book = open_book(yearly_report(year=2025, ward=new_ward, user=user))
    overview = selectors.city_overview(year=2025, ward=new_ward)
    assert row_of(book["Bìa"], "Phạm vi")[1] == "Phường Bắc Kạn (01843)"
    summary = book["Tổng hợp"]
    header, _found = assert_sheet_holds(summary, "khu-dan-cu", year=2025, ward=new_ward)
    total = row_of(summary, "Tổng cộng của Phường Bắc Kạn", 0)
    assert total[header.index("Số hộ")] == overview.results.households
    fund = book["Quỹ Vì người nghèo"]
    assert row_of(fund, "Tiền chi từ Quỹ Vì người nghèo")[1] == overview.fund_year.spent
    assert_sheet_holds(fund, "chi-theo-loai", year=2025, ward=new_ward)


def test_leaders_get_the_workbook_without_beneficiaries(demo, django_user_model):
    leader = make_user(django_user_model, "leader", "leaders")
    book = open_book(yearly_report(year=2024, user=leader))
    assert book.sheetnames == SHEETS
    names = set(models.Household.objects.values_list("head_name", flat=True))
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            assert not names & set(row)


def test_report_page_in_the_admin(demo, client, django_user_model):
    leader = make_user(django_user_model, "leader", "leaders")
    leader.user_permissions.add(Permission.objects.get(codename="view_annualresult"))
    client.force_login(leader)
    url = reverse("admin:campaigns_yearly_report")
    assert "Toàn thành phố" in client.get(url).content.decode()
    response = client.post(url, {"year": 2024, "ward": ""})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('bao-cao-nam-2024-thanh-pho.xlsx"')
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheetnames == SHEETS
    changelist = client.get(reverse("admin:campaigns_annualresult_changelist"))
    assert url in changelist.content.decode()


def test_ward_staff_report_is_limited_to_their_wards(demo, client, django_user_model):
    song_cau = models.Ward.objects.get(slug="phuong-song-cau")
    staff = make_user(django_user_model, "sc", "ward_staff", [song_cau])
    staff.user_permissions.add(Permission.objects.get(codename="view_annualresult"))
    client.force_login(staff)
    url = reverse("admin:campaigns_yearly_report")
    other = models.Ward.objects.get(slug="phuong-huyen-tung")
    assert client.post(url, {"year": 2024, "ward": ""}).status_code == 200
    assert "Content-Disposition" not in client.post(url, {"year": 2024, "ward": ""})
    assert "Content-Disposition" not in client.post(
        url, {"year": 2024, "ward": other.pk}
    )
    response = client.post(url, {"year": 2024, "ward": song_cau.pk})
    assert response["Content-Disposition"].endswith(
        'bao-cao-nam-2024-phuong-song-cau.xlsx"'
    )


def test_workbook_neutralises_formula_like_text_in_every_sheet(demo, django_user_model):
    support = models.Support.objects.filter(
        date__year=2024, status="approved", household__isnull=False
    ).first()
    household = support.household
    household.head_name, household.address = "@SUM(A1)", "-2+3"
    household.save()
    support.decision_number = "+1+1"
    support.save()
    area = (
        models.AnnualResult.objects.filter(
            year=2024, status="approved", residential_area__ward=support.ward
        )
        .first()
        .residential_area
    )
    area.name = "- cmd|' /C calc'!A0"
    area.save()
    bump_generation()
    city_staff = make_user(django_user_model, "city", "city_staff")
    book = open_book(yearly_report(year=2024, ward=support.ward, user=city_staff))
    texts = {
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, str)
    }
    for value in ("@SUM(A1)", "-2+3", "+1+1", "- cmd|' /C calc'!A0"):
        assert "'" + value in texts and value not in texts


def test_approval_state_counts_only_what_the_user_may_see(demo, django_user_model):
    from campaigns.access.scope import CITY_STAFF, WARD_STAFF

    year = 2025
    first, second = models.Ward.objects.filter(
        residential_areas__annual_results__year=year
    ).distinct()[:2]
    city = make_user(django_user_model, "city-state", CITY_STAFF)
    ward_staff = make_user(django_user_model, "ward-state", WARD_STAFF, [first])

    def results_total(**kwargs):
        states = selectors.report_approval_state(year=year, **kwargs)
        return states[0].total

    everything = models.AnnualResult.objects.filter(year=year).count()
    own = models.AnnualResult.objects.filter(
        year=year, residential_area__ward=first
    ).count()
    assert 0 < own < everything
    assert results_total(user=city) == everything
    assert results_total(user=ward_staff) == own
    assert results_total(user=ward_staff, ward=second) == 0
    assert results_total(user=None) == 0
