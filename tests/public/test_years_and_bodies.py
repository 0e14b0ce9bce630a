"""Issue 12: pages, downloads and the workbook name the body that approved each
year; one rule for years outside the campaign's; areas in natural order."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from campaigns import models, selectors
from campaigns.access.scope import CITY_STAFF
from campaigns.models.choices import WorkflowStatusChoices as Status
from campaigns.report.workbook import yearly_report
from campaigns.selectors.completeness import completeness_of_ward

from .. import factories as f
from ..accounts import make_user

CITY_BODY = "Ủy ban MTTQ Việt Nam thành phố Bắc Kạn"
BAC_KAN_BODY = "Ủy ban MTTQ Việt Nam phường Bắc Kạn"


@pytest.fixture
def two_years(reference):
    """An approved 2020 result of Phường Sông Cầu and a 2026 one of Phường Bắc Kạn."""
    song_cau = models.Ward.objects.get(slug="phuong-song-cau")
    bac_kan = models.Ward.objects.get(slug="phuong-bac-kan")
    f.AnnualResultFactory(residential_area__ward=song_cau, year=2020)
    f.AnnualResultFactory(
        residential_area__ward=bac_kan,
        residential_area__valid_from=datetime.date(2025, 7, 1),
        year=2026,
    )
    return song_cau, bac_kan


def test_pages_name_the_body_that_approved_the_year(two_years, client):
    page_2020 = client.get("/don-vi/phuong-song-cau/?nam=2020").content.decode()
    assert f"Số liệu năm 2020 do {CITY_BODY} duyệt" in page_2020
    page_2026 = client.get("/don-vi/phuong-bac-kan/?nam=2026").content.decode()
    assert f"Số liệu năm 2026 do {BAC_KAN_BODY} duyệt" in page_2026
    assert f"Số liệu năm 2026 do {CITY_BODY}" not in page_2026
    # Phường Bắc Kạn's own page in 2020 shows its predecessors' figures: the city's.
    rolled_up = client.get("/don-vi/phuong-bac-kan/?nam=2020").content.decode()
    assert f"Số liệu năm 2020 do {CITY_BODY} duyệt" in rolled_up
    # No fixed "city committee" anywhere on a 2026 page.
    assert "Ủy ban MTTQ thành phố duyệt" not in page_2026
    assert "thành phố Bắc Kạn (cũ)" in page_2026


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_downloads_name_the_body(two_years, client):
    for year, unit, body in (
        (2020, "Phường Sông Cầu", CITY_BODY),
        (2026, "Phường Bắc Kạn", BAC_KAN_BODY),
    ):
        rows = csv_rows(client.get(f"/du-lieu/don-vi.csv?nam={year}"))
        column = rows[0].index("Cơ quan duyệt")
        assert {row[0]: row[column] for row in rows[1:]}[unit] == body
    rows = csv_rows(client.get("/du-lieu/ket-qua-theo-nam.csv?don-vi=phuong-bac-kan"))
    column = rows[0].index("Cơ quan duyệt")
    assert {row[0]: row[column] for row in rows[1:]} == {
        "2020": CITY_BODY,
        "2026": BAC_KAN_BODY,
    }


def test_the_workbook_names_the_body(two_years):
    _, bac_kan = two_years
    user = make_user("thanh-pho", CITY_STAFF)
    for year, ward, body in ((2020, None, CITY_BODY), (2026, bac_kan, BAC_KAN_BODY)):
        book = openpyxl.load_workbook(
            io.BytesIO(yearly_report(year=year, ward=ward, user=user).read())
        )
        cover = {
            row[0]: row[1]
            for row in book.worksheets[0].iter_rows(values_only=True)
            if row and row[0]
        }
        assert cover["Cơ quan duyệt"] == body


# Every public page and download that takes ?nam=.
YEAR_PAGES = [
    "/",
    "/don-vi/",
    "/don-vi/phuong-song-cau/",
    "/muc-tieu/",
    "/muc-tieu/4/",
    "/quy-vi-nguoi-ngheo/",
    "/cong-trinh/",
    "/du-lieu/",
    "/du-lieu/don-vi.csv",
    "/du-lieu/muc-tieu.xlsx",
]


@pytest.mark.parametrize("path", YEAR_PAGES)
def test_years_outside_the_campaign_get_one_answer_everywhere(two_years, client, path):
    last = selectors.reporting_year()
    for year in (1999, 2009, last + 1, 2100):
        response = client.get(path, {"nam": year})
        text = response.content.decode()
        assert response.status_code == 404, (path, year)
        assert (
            f"Năm {year} nằm ngoài các năm của Cuộc vận động trên cổng thông tin này "
            f"(2010–{last})" in text
        )
        # Links to the years with published figures.
        assert "?nam=2020" in text
    # A year inside the range without data is a page that says so, not an error.
    assert client.get(path, {"nam": 2012}).status_code == 200


def test_staff_screens_use_the_same_years(two_years, client):
    client.force_login(make_user("thanh-pho", CITY_STAFF))
    url = reverse("campaigns_admin:completeness")
    response = client.get(url, {"year": 1999}, follow=True)
    assert "Năm 1999 nằm ngoài các năm của Cuộc vận động" in response.content.decode()
    assert response.context["year"] == selectors.reporting_year()
    assert client.get(url, {"year": 2020}).context["year"] == 2020


def test_the_admin_index_opens_on_the_reporting_year(two_years, client):
    client.force_login(make_user("thanh-pho", CITY_STAFF))
    page = client.get(reverse("admin:index")).content.decode()
    year = selectors.reporting_year()
    assert f"Năm báo cáo {year}: tình hình báo cáo" in page
    assert "Phường Bắc Kạn" in page  # a unit in force in the reporting year
    assert "Phường Sông Cầu" not in page  # ended in 2025


def test_residential_areas_sort_naturally_in_the_database(reference):
    ward = f.WardFactory()
    for name in ("Tổ 10", "Tổ 2", "Thôn 3", "Tổ 1", "Tổ 21", "Tổ 3A"):
        f.ResidentialAreaFactory(ward=ward, name=name)
        f.AnnualResultFactory(
            residential_area__ward=ward, residential_area__name=f"Khu {name}"
        )
    names = list(
        models.ResidentialArea.objects.filter(
            ward=ward, name__startswith="T"
        ).values_list("name", flat=True)
    )
    assert names == ["Thôn 3", "Tổ 1", "Tổ 2", "Tổ 3A", "Tổ 10", "Tổ 21"]
    summaries = [a.name for a in selectors.area_summaries(year=2020, ward=ward)]
    assert summaries == [f"Khu {n}" for n in names]
    user = make_user("thanh-pho", CITY_STAFF)
    listed = [
        row.area.name
        for row in completeness_of_ward(ward=ward, year=2020, user=user)
        if row.area.name.startswith("T")
    ]
    assert listed == names


def test_load_reference_adds_bodies_and_roles_and_leaves_data_alone(reference):
    from django.contrib.auth.models import Group

    result = f.AnnualResultFactory(year=2026, status=Status.SUBMITTED)
    before = models.AnnualResult.objects.filter(pk=result.pk).values().get()
    history = models.AnnualResult.history.count()
    # An existing database from before issue 12: no bodies, no new roles.
    models.ApprovingBody.objects.all().delete()
    Group.objects.filter(name__in=["ward_approvers", "province_readers"]).delete()
    call_command("load_reference", stdout=io.StringIO())
    call_command("load_reference", stdout=io.StringIO())
    assert models.ApprovingBody.objects.count() == 5
    assert (
        Group.objects.filter(name__in=["ward_approvers", "province_readers"]).count()
        == 2
    )
    assert models.AnnualResult.objects.filter(pk=result.pk).values().get() == before
    assert models.AnnualResult.history.count() == history


def test_lead_and_footer_name_the_campaign_of_the_year_and_the_portal(
    two_years, client
):
    old = "Toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư"
    new = "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh"
    f.AnnualResultFactory(year=2012)

    def lead_and_footer(year):
        html = client.get(f"/?nam={year}").content.decode()
        lead = html.split('<p class="lead">', 1)[1].split("</p>", 1)[0]
        footer = html.split('<footer class="site-footer">', 1)[1]
        return lead, footer

    for year, in_force, other in ((2012, old, new), (2020, new, old)):
        lead, footer = lead_and_footer(year)
        assert f"Cuộc vận động “{in_force}" in lead, year
        assert f"Cuộc vận động “{in_force}" in footer, year
        assert other not in lead and other not in footer, year
        # Published by the portal of the former city's territory; the approving
        # bodies are named per year, not a fixed city committee.
        assert "Cổng thông tin kết quả trên địa bàn thành phố Bắc Kạn (cũ)" in footer
        assert "thành phố Bắc Kạn." not in footer
        assert "Ủy ban MTTQ thành phố duyệt" not in lead
        assert "có thẩm quyền của từng đơn vị, từng năm" in lead


def test_many_units_get_the_names_one_unit_gets(
    reference, django_assert_max_num_queries
):
    """`approved_by_texts` (a table of every unit) names each unit's body as
    `approved_by_text` does, reading the bodies once, not once per unit."""
    wards = list(models.Ward.objects.all())
    for year in (2020, 2026):
        one_by_one = {
            w.pk: selectors.approved_by_text(year=year, ward=w) for w in wards
        }
        with django_assert_max_num_queries(1):
            assert selectors.approved_by_texts(year=year, wards=wards) == one_by_one
    assert (
        selectors.approved_by_texts(year=2026, wards=wards)[
            models.Ward.objects.get(slug="phuong-bac-kan").pk
        ]
        == BAC_KAN_BODY
    )
