"""Issue 12: dated reference data. Poverty standards by year (none is no obstacle),
campaign phases with their contents, the portal's goal set and its replacement."""

import csv
import io

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError

from campaigns import models, selectors
from campaigns.access.scope import CITY_STAFF, WARD_STAFF
from campaigns.admin.results import GoalResultInline
from campaigns.models.choices import WorkflowStatusChoices
from campaigns.services.goals import goal_set_replace
from campaigns.services.records import record_save
from campaigns.services.workflow import record_approve, record_submit

from .. import factories as f
from ..accounts import make_user

pytestmark = pytest.mark.django_db

NOT_DETERMINED = "chuẩn nghèo chưa xác định"


def csv_rows(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    content = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    text = content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def entered_result(area, year, by, **values):
    """A yearly result typed in by `by`, the standard left empty as in the form."""
    result = f.AnnualResultFactory.build(
        residential_area=area,
        year=year,
        poverty_standard=None,
        status=WorkflowStatusChoices.DRAFT,
        **values,
    )
    result.full_clean()
    record_save(record=result, by=by)
    return result


def test_a_2027_result_counts_under_the_new_standard_marked_unconfirmed(
    client, reference
):
    area = f.ResidentialAreaFactory(name="Tổ Hai Bảy")
    ward_staff = make_user("ward", WARD_STAFF, wards=[area.ward])
    city = make_user("city", CITY_STAFF)
    result = entered_result(area, 2027, ward_staff, poor_households=14)
    assert result.poverty_standard.valid_from_year == 2027
    record_submit(record=result, by=ward_staff)
    record_approve(record=result, by=city)
    page = client.get(f"/khu-dan-cu/{area.slug}/").content.decode()
    assert "Chuẩn nghèo từ 2027 (chưa xác nhận)" in page
    rows = csv_rows(client, f"/du-lieu/khu-dan-cu-theo-nam.csv?khu-dan-cu={area.slug}")
    header, row = rows[0], rows[1]
    assert row[header.index("Chuẩn nghèo")] == "Chuẩn nghèo từ 2027 (chưa xác nhận)"
    assert row[header.index("Hộ nghèo (%)")] == "7.0"
    # The area title is named by the decree in force and the kind of area.
    assert row[header.index("Danh hiệu đạt được")] == "Tổ dân phố văn hóa"


def test_a_year_without_standard_is_accepted_and_shown_as_undetermined(
    client, reference
):
    # As on the day the issue was filed: no standard covered 2026.
    models.PovertyStandard.objects.filter(code="NĐ 07/2021/NĐ-CP").update(
        valid_to_year=2025
    )
    ward = models.Ward.objects.get(slug="phuong-bac-kan")
    area = f.ResidentialAreaFactory(ward=ward, name="Tổ Hai Sáu")
    ward_staff = make_user("ward", WARD_STAFF, wards=[ward])
    city = make_user("city", CITY_STAFF)
    f.AnnualResultFactory(residential_area=area, year=2025, poor_households=10)
    result = entered_result(area, 2026, ward_staff, households=200, poor_households=9)
    assert result.pk and result.poverty_standard is None
    record_submit(record=result, by=ward_staff)
    record_approve(record=result, by=city)
    result.refresh_from_db()
    assert result.status == WorkflowStatusChoices.APPROVED

    overview = selectors.city_overview(year=2026, ward=ward)
    assert overview.results.poor_rate is selectors.NO_STANDARD
    page = client.get(f"/khu-dan-cu/{area.slug}/").content.decode()
    assert NOT_DETERMINED in page
    ward_page = client.get("/don-vi/phuong-bac-kan/?nam=2026").content.decode()
    assert NOT_DETERMINED in ward_page

    rows = csv_rows(client, f"/du-lieu/khu-dan-cu-theo-nam.csv?khu-dan-cu={area.slug}")
    header = rows[0]
    by_year = {row[0]: row for row in rows[1:]}
    assert by_year["2026"][header.index("Chuẩn nghèo")] == NOT_DETERMINED
    assert by_year["2026"][header.index("Hộ nghèo (%)")] == NOT_DETERMINED
    assert by_year["2025"][header.index("Hộ nghèo (%)")] == "5.0"
    units = csv_rows(client, "/du-lieu/don-vi.csv?nam=2026")
    assert NOT_DETERMINED in units[1 + [r[0] for r in units[1:]].index(ward.name)]

    # The trend line breaks at the year: its point has no value.
    trend = selectors.poverty_rate_trend(area=selectors.area_detail(slug=area.slug))
    assert [p.breaks for p in trend] == [False, True]
    assert trend[1].poor_rate is selectors.NO_STANDARD


def test_the_admin_index_warns_city_staff_of_years_without_standard(client, reference):
    models.PovertyStandard.objects.filter(code="NĐ 07/2021/NĐ-CP").update(
        valid_to_year=2025
    )
    f.AnnualResultFactory(year=2024)
    city = make_user("city", CITY_STAFF)
    client.force_login(city)
    page = client.get("/quan-tri/").content.decode()
    assert 'id="years-without-standard"' in page
    assert "2026" in page.split('id="years-without-standard"')[1].split("</li>")[0]
    assert selectors.years_without_standard(user=city, until=2026) == (2026,)
    ward_staff = make_user("ward", WARD_STAFF, wards=[models.Ward.objects.first()])
    client.force_login(ward_staff)
    assert (
        'id="years-without-standard"' not in client.get("/quan-tri/").content.decode()
    )


def main_of(response) -> str:
    """The page's own content, without the site's header and footer."""
    html = response.content.decode()
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def goal_results(year, achieved_numbers=(1, 4)):
    result = f.AnnualResultFactory(year=year)
    for goal in models.Goal.for_year(year):
        f.GoalResultFactory(
            annual_result=result, goal=goal, achieved=goal.number in achieved_numbers
        )
    return result


def test_contents_and_goals_of_2012_and_2020_differ_as_the_data_says(client, reference):
    goal_results(2012)
    goal_results(2020)
    page_2012 = main_of(client.get("/muc-tieu/?nam=2012"))
    page_2020 = main_of(client.get("/muc-tieu/?nam=2020"))
    old = "Toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư"
    new = "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh"
    assert old in page_2012 and new not in page_2012
    assert new in page_2020 and old not in page_2020
    assert "Xóa đói giảm nghèo" in page_2012  # the earlier phase's first content
    assert "Kinh tế, giảm nghèo" in page_2020
    assert "Kinh tế, giảm nghèo" not in page_2012
    # Both years use the portal's goal set, which says where it comes from.
    for page in (page_2012, page_2020):
        assert "Bộ 10 mục tiêu của cổng thông tin" in page
        assert "Không phải danh mục quốc gia" in page

    def download(year):
        rows = csv_rows(client, f"/du-lieu/muc-tieu.csv?nam={year}")
        header = rows[0]
        return [
            (
                row[header.index("Nội dung (tên ngắn)")],
                row[header.index("Mục tiêu")],
                row[header.index("Cuộc vận động")],
            )
            for row in rows[1:]
        ]

    rows_2012, rows_2020 = download(2012), download(2020)
    assert {r[2] for r in rows_2012} == {f"{old} (chưa xác nhận)"}
    assert {r[2] for r in rows_2020} == {new}
    assert ("Xóa đói giảm nghèo", "1") in [(r[0], r[1]) for r in rows_2012]
    assert ("Kinh tế, giảm nghèo", "1") in [(r[0], r[1]) for r in rows_2020]
    assert len(rows_2012) == len(rows_2020) == 10


def test_replacing_the_goal_set_keeps_earlier_years_goals(client, reference):
    city = make_user("city", CITY_STAFF)
    earlier = goal_results(2026)
    before = list(earlier.goal_results.values_list("goal__name", "achieved"))
    with pytest.raises(ValidationError):  # results of 2026 exist under the set
        goal_set_replace(
            from_year=2026, name="x", set_by="x", goals=[(1, 1, "x", "", "")], user=city
        )
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied for ward staff
        goal_set_replace(
            from_year=2027,
            name="x",
            set_by="x",
            goals=[(1, 1, "x", "", "")],
            user=make_user("ward", WARD_STAFF),
        )
    new = goal_set_replace(
        from_year=2027,
        name="Bộ mục tiêu 2027",
        set_by="Ban Thường trực Ủy ban MTTQ phường Bắc Kạn",
        goals=[
            (1, 1, "Không còn hộ nghèo đa chiều", "", ""),
            (2, 2, "Gia đình văn hóa 3 năm liền", "", ""),
        ],
        user=city,
    )
    portal = models.GoalSet.objects.get(valid_from_year=2010)
    assert portal.valid_to_year == 2026 and new.valid_to_year is None
    earlier.refresh_from_db()
    assert list(earlier.goal_results.values_list("goal__name", "achieved")) == before
    assert [g.name for g in selectors.goal_catalogue(year=2026)][0] == (
        "Giảm tỷ lệ hộ nghèo hằng năm"
    )
    assert [g.name for g in selectors.goal_catalogue(year=2027)] == [
        "Không còn hộ nghèo đa chiều",
        "Gia đình văn hóa 3 năm liền",
    ]
    # A result of 2027 takes the new goals only: the form offers them, the model
    # refuses an old one.
    result_2027 = f.AnnualResultFactory(year=2027)
    old_goal = models.Goal.objects.get(goal_set=portal, number=1)
    with pytest.raises(ValidationError):
        models.GoalResult(annual_result=result_2027, goal=old_goal).full_clean()
    request = type("Request", (), {"user": city})()
    inline = GoalResultInline(models.AnnualResult, admin.site)
    formset = inline.get_formset(request, result_2027)
    offered = set(formset.form.base_fields["goal"].queryset)
    assert offered == set(new.goals.all())
    formset = inline.get_formset(request, earlier)
    assert set(formset.form.base_fields["goal"].queryset) == set(portal.goals.all())


def test_goal_by_year_tables_keep_a_replaced_goal_apart_from_the_new_one(
    client, reference
):
    city = make_user("city", CITY_STAFF)
    area = f.ResidentialAreaFactory(name="Tổ Mục Tiêu")
    old_result = f.AnnualResultFactory(residential_area=area, year=2026)
    for goal in models.Goal.for_year(2026):
        f.GoalResultFactory(annual_result=old_result, goal=goal, achieved=True)
    goal_set_replace(
        from_year=2027,
        name="Bộ mục tiêu 2027",
        set_by="Ban Thường trực",
        goals=[(1, 1, "Không còn hộ nghèo đa chiều", "", "")],
        user=city,
    )
    new_result = f.AnnualResultFactory(residential_area=area, year=2027)
    new_goal = models.Goal.objects.get(goal_set__valid_from_year=2027, number=1)
    f.GoalResultFactory(annual_result=new_result, goal=new_goal, achieved=False)
    old_name = "Giảm tỷ lệ hộ nghèo hằng năm"

    # The selector: goal 1 of each set is its own series.
    ones = [g for g in selectors.goal_achievement_by_year() if g.goal_number == 1]
    assert [(g.year, g.goal.name, g.achieved) for g in ones] == [
        (2026, old_name, 1),
        (2027, "Không còn hộ nghèo đa chiều", 0),
    ]
    assert ones[0].goal.goal_set != ones[1].goal.goal_set

    def by_year(query):
        rows = csv_rows(client, f"/du-lieu/muc-tieu-theo-nam.csv?{query}")
        header = rows[0]
        return [
            (
                row[header.index("Năm")],
                row[header.index("Nội dung mục tiêu")],
                row[header.index("Bộ mục tiêu")],
            )
            for row in rows[1:]
            if row[header.index("Mục tiêu")] == "1"
        ]

    every = by_year("")
    assert len(every) == 2 and every[0][1:] != every[1][1:]
    # Goal 1 means the goal of that number in the set in force in the year asked.
    assert [r[:2] for r in by_year("muc-tieu=1&nam=2026")] == [("2026", old_name)]
    assert by_year("muc-tieu=1&nam=2027") == [
        ("2027", "Không còn hộ nghèo đa chiều", "Bộ mục tiêu 2027")
    ]
    # Goal 2 is no goal of the 2027 set.
    assert (
        client.get("/du-lieu/muc-tieu-theo-nam.csv?muc-tieu=2&nam=2027").status_code
        == 404
    )

    # The goal page's years are those of its own goal.
    page = main_of(client.get("/muc-tieu/1/?nam=2026"))
    over_years = page.split('id="year-heading"', 1)[1]
    assert "2026" in over_years and "2027" not in over_years

    # The area page draws one matrix per goal set, not number 1 across both.
    page = main_of(client.get(f"/khu-dan-cu/{area.slug}/"))
    goals = page.split('id="goals-heading"', 1)[1]
    assert goals.count('<table class="matrix"') == 2
    assert "Bộ mục tiêu 2027" in goals
    assert "/muc-tieu/1/?nam=2026" in goals and "/muc-tieu/1/?nam=2027" in goals


def test_load_reference_attaches_a_standard_added_for_results_saved_without(
    reference, django_capture_on_commit_callbacks
):
    from campaigns.services.reference import reference_data_load

    models.PovertyStandard.objects.filter(code="NĐ 07/2021/NĐ-CP").update(
        valid_to_year=2025
    )
    ward = models.Ward.objects.get(slug="phuong-bac-kan")
    area = f.ResidentialAreaFactory(ward=ward, name="Tổ Chờ Chuẩn")
    ward_staff = make_user("ward", WARD_STAFF, wards=[ward])
    city = make_user("city", CITY_STAFF)
    result = entered_result(area, 2026, ward_staff, households=200, poor_households=9)
    record_submit(record=result, by=ward_staff)
    record_approve(record=result, by=city)
    assert selectors.city_overview(year=2026, ward=ward).results.poor_rate is (
        selectors.NO_STANDARD
    )
    other = f.AnnualResultFactory(year=2024)
    kept = other.poverty_standard

    with django_capture_on_commit_callbacks(execute=True):  # the cache bump
        reference_data_load()  # brings NĐ 07/2021 back to 2026
    result.refresh_from_db()
    assert result.poverty_standard.code == "NĐ 07/2021/NĐ-CP"
    assert result.status == WorkflowStatusChoices.APPROVED
    other.refresh_from_db()
    assert other.poverty_standard == kept
    # The summaries are recounted, so the rate appears.
    rate = selectors.city_overview(year=2026, ward=ward).results.poor_rate
    assert rate is not selectors.NO_STANDARD and float(rate) == 4.5
