"""The yearly report workbook: sheets, print setup, totals equal to the selectors."""

import io

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from campaigns import models
from campaigns.demo.city import demo_data_seed
from campaigns.report.workbook import yearly_report
from campaigns.selectors import public as selectors

from .test_scope import make_user

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


def test_city_workbook_totals_equal_the_selectors(demo, django_user_model):
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
    header = headers_of(summary, "Mã")
    total = row_of(summary, "Tổng cộng", 1)
    assert total[header.index("Tổng số hộ")] == overview.results.households
    assert total[header.index("Số hộ nghèo")] == overview.results.poor_households
    assert total[header.index("Tỷ lệ hộ nghèo (%)")] == pytest.approx(
        float(overview.results.poor_rate)
    )
    assert total[header.index("Đường bê tông (m)")] == overview.roads_m_year
    wards = selectors.ward_summaries(year=2024)
    assert (
        sum(
            r[header.index("Tổng số hộ")]
            for r in summary.iter_rows(values_only=True)
            if r[0] in {w.ward.code for w in wards}
        )
        == overview.results.households
    )
    assert summary.freeze_panes is not None
    assert summary.page_setup.orientation == "landscape"
    assert str(summary.page_setup.paperSize) == summary.PAPERSIZE_A4
    assert summary.cell(row=4, column=1).font.b

    goals = book["10 mục tiêu"]
    stats = {
        g.number: g
        for c in selectors.goal_achievement_by_content(year=2024)
        for g in c.goals
    }
    header = headers_of(goals, "Mục tiêu")
    row = row_of(goals, 4, 0)
    assert row[header.index("Số khu dân cư đạt")] == stats[4].achieved
    assert row[header.index("Số khu dân cư báo cáo")] == stats[4].reporting

    fund = book["Quỹ Vì người nghèo"]
    assert row_of(fund, "Số tiền vận động")[1] == overview.fund_year.raised
    assert row_of(fund, "Tiền chi hỗ trợ")[1] == overview.fund_year.spent
    assert (
        row_of(fund, "Nhà Đại đoàn kết xây mới")[1] == overview.fund_year.houses_built
    )
    category_total = row_of(fund, "Tổng cộng")
    assert (
        category_total[2]
        == overview.fund_year.spent
        == sum(c.amount for c in selectors.fund_spending_by_category(year=2024))
    )
    assert fund.cell(row=5, column=2).number_format == '#,##0" đ"'

    works = book["Công trình cộng đồng"]
    summary_works = selectors.community_works_summary(year=2024)
    assert row_of(works, "Tổng cộng")[4] == summary_works.total.people_money
    assert row_of(works, "Tổng cộng")[2] == summary_works.total.length_m

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


def test_ward_workbook_matches_the_ward_page_figures(demo, django_user_model):
    new_ward = models.Ward.objects.get(slug="phuong-bac-kan")
    user = make_user(django_user_model, "sc", "ward_staff", [new_ward])
    book = open_book(yearly_report(year=2025, ward=new_ward, user=user))
    overview = selectors.city_overview(year=2025, ward=new_ward)
    assert row_of(book["Bìa"], "Phạm vi")[1] == "Phường Bắc Kạn (01843)"
    summary = book["Tổng hợp"]
    header = headers_of(summary, "Khu dân cư")
    total = row_of(summary, "Tổng cộng của Phường Bắc Kạn", 0)
    assert total[header.index("Tổng số hộ")] == overview.results.households
    fund = book["Quỹ Vì người nghèo"]
    assert row_of(fund, "Tiền chi hỗ trợ")[1] == overview.fund_year.spent


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
