"""Issue 14: the festival, cultural-family and commendation pages.

Figures on the pages equal an independent count of the raw rows (approved only);
drafts change nothing; individuals commended are never named; downloads carry the
page's rows; search finds commendations whatever the diacritics.
"""

import csv
import io

import pytest

from campaigns import models
from campaigns.cache import bump_generation
from campaigns.demo import seed as demo
from campaigns.models.choices import WorkflowStatusChoices
from campaigns.models.validity import in_force_on, year_reference_date

from .. import factories as f

pytestmark = pytest.mark.django_db

APPROVED = WorkflowStatusChoices.APPROVED
YEAR = 2024


@pytest.fixture
def demo_city(reference, seed_once):
    return seed_once(demo.demo_data_seed, seed=3, years=range(2022, 2026))


def public_results(year=None):
    rows = models.AnnualResult.objects.filter(
        status=APPROVED, residential_area__status=APPROVED
    )
    return [r for r in rows if year is None or r.year == year]


def areas_in_force(year):
    day = year_reference_date(year)
    return [
        a
        for a in models.ResidentialArea.objects.filter(status=APPROVED)
        if in_force_on(a.valid_from, a.valid_to, day)
    ]


def csv_rows(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    text = response.content.decode("utf-8").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text)))


def number(text: str) -> int:
    return int(text.replace(".", "")) if text not in ("", "–") else 0


# --- Ngày hội --------------------------------------------------------------------


def test_festival_page_equals_raw_rows(client, demo_city):
    rows = public_results(YEAR)
    held = [r for r in rows if r.festival_held]
    assert 0 < len(held) < len(models.AnnualResult.objects.filter(year=YEAR))
    response = client.get(f"/ngay-hoi/?nam={YEAR}")
    assert response.status_code == 200
    totals = response.context["summary"].totals
    assert totals.held == len(held)
    assert totals.reporting == len(rows)
    assert totals.areas == len(areas_in_force(YEAR))
    assert totals.participants == sum(r.festival_participants or 0 for r in held)
    assert totals.first_date == min(r.festival_date for r in held)
    assert totals.last_date == max(r.festival_date for r in held)
    html = response.content.decode()
    assert f"{len(held)} / {len(areas_in_force(YEAR))}" in html
    # Every area's row (all pages of the download) with its highlights.
    download = csv_rows(client, f"/du-lieu/ngay-hoi.csv?nam={YEAR}")[1:]
    assert len(download) == len(held)
    assert {row[4] for row in download} == {r.festival_highlights for r in held}
    assert all(r.festival_highlights for r in held)


def test_festival_by_ward_adds_up_to_the_city(client, demo_city):
    table = client.get(f"/ngay-hoi/?nam={YEAR}").context["by_ward"]
    assert sum(table.values("festivals_held")) == sum(
        r.festival_held for r in public_results(YEAR)
    )
    assert sum(table.values("areas_in_force")) == len(areas_in_force(YEAR))


def test_festival_over_the_years_equals_raw_rows(client, demo_city):
    rows = csv_rows(client, "/du-lieu/ngay-hoi-theo-nam.csv")[1:]
    by_year = {int(row[0]): row for row in rows}
    for year in (2022, 2023, 2024, 2025):
        results = public_results(year)
        assert number(by_year[year][2]) == sum(r.festival_held for r in results)
        assert number(by_year[year][1]) == len(areas_in_force(year))


def test_area_page_shows_its_own_festivals(client, demo_city):
    result = next(r for r in public_results(YEAR) if r.festival_held)
    area = result.residential_area
    response = client.get(f"/khu-dan-cu/{area.slug}/")
    table = response.context["festivals"]
    own = [r for r in public_results() if r.residential_area_id == area.pk]
    assert sorted(table.values("year")) == sorted(r.year for r in own)
    assert result.festival_highlights in response.content.decode()


# --- Gia đình văn hóa, nếp sống văn minh ------------------------------------------


def test_cultural_page_equals_raw_rows(client, demo_city):
    rows = public_results(YEAR)
    summary = client.get(f"/gia-dinh-van-hoa/?nam={YEAR}").context["summary"]
    assert summary.reporting == len(rows)
    assert summary.households == sum(r.households for r in rows)
    assert summary.registered == sum(r.cultural_families_registered for r in rows)
    assert summary.recognised == sum(r.cultural_families_recognised for r in rows)
    assert summary.three_years == sum(
        r.cultural_families_three_years or 0 for r in rows
    )
    assert summary.title_areas == sum(r.cultural_title for r in rows)
    assert summary.civilised_weddings == sum(r.civilised_weddings or 0 for r in rows)
    assert summary.civilised_funerals == sum(r.civilised_funerals or 0 for r in rows)
    assert summary.civilised_festivals == sum(r.civilised_festivals or 0 for r in rows)
    assert summary.civilised_reporting == sum(
        r.civilised_weddings is not None for r in rows
    )
    assert summary.civilised_weddings > 0


def test_cultural_by_ward_names_the_title_of_each_unit_kind(client, demo_city):
    table = client.get(f"/gia-dinh-van-hoa/?nam={YEAR}").context["by_ward"]
    assert sum(table.values("title_areas")) == sum(
        r.cultural_title for r in public_results(YEAR)
    )
    titles = set(table.values("unit_title"))
    assert titles and None not in titles  # every unit kind has a title defined


def test_civilised_figures_of_each_area_download(client, demo_city):
    rows = csv_rows(client, f"/du-lieu/nep-song-van-minh.csv?nam={YEAR}")
    header, rows = rows[0], rows[1:]
    assert len(rows) == len(public_results(YEAR))
    weddings = header.index("Đám cưới văn minh")
    assert sum(number(row[weddings]) for row in rows) == sum(
        r.civilised_weddings or 0 for r in public_results(YEAR)
    )


# --- Khen thưởng -----------------------------------------------------------------


def test_commendation_page_equals_raw_rows(client, demo_city):
    raw = models.Commendation.objects.filter(year=YEAR, status=APPROVED)
    assert raw.exists()
    response = client.get(f"/khen-thuong/?nam={YEAR}")
    counts = response.context["counts"]
    assert sum(counts.values("total")) == raw.count()
    assert (
        sum(counts.values("collectives"))
        == raw.filter(recipient_kind="collective").count()
    )
    listing = response.context["listing"]
    assert listing.page.count == raw.count()
    html = response.content.decode()
    for item in raw.filter(recipient_kind="collective"):
        assert item.recipient_name in html
        assert item.decision_number in html


def test_individuals_are_never_named(client, reference):
    ward = models.Ward.objects.get(slug="phuong-bac-kan")
    area = f.ResidentialAreaFactory(ward=ward, slug="to-khen", name="Tổ Khen")
    f.AnnualResultFactory(residential_area=area, year=YEAR)
    f.CommendationFactory(
        year=YEAR,
        ward=ward,
        residential_area=area,
        recipient_kind="individual",
        recipient_name="Hoàng Văn Bímật",
        decision_number="12/QĐ-UBND",
        reason="Tích cực vận động nhân dân hiến đất làm đường",
    )
    paths = [
        f"/khen-thuong/?nam={YEAR}",
        f"/?nam={YEAR}",
        f"/don-vi/phuong-bac-kan/?nam={YEAR}",
        "/khu-dan-cu/to-khen/",
        "/tim-kiem/?q=hien+dat",
        "/tim-kiem/?q=bimat",
        f"/du-lieu/khen-thuong.csv?nam={YEAR}",
        f"/du-lieu/khen-thuong.xlsx?nam={YEAR}",
        "/du-lieu/khen-thuong-khu-dan-cu.csv?khu-dan-cu=to-khen",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        content = response.content.decode("utf-8", errors="replace")
        assert "Bímật" not in content, path
    listing = client.get(f"/khen-thuong/?nam={YEAR}").content.decode()
    assert "Cá nhân" in listing and "12/QĐ-UBND" in listing
    # The achievement is found; the name is not searchable.
    assert client.get("/tim-kiem/?q=hien+dat").context["results"].commendations
    assert not client.get("/tim-kiem/?q=bimat").context["results"].commendations


def test_search_finds_commendations_ignoring_diacritics(client, reference):
    f.CommendationFactory(year=YEAR, recipient_name="Ban công tác Mặt trận Tổ Đồng Tâm")
    found = client.get("/tim-kiem/?q=DONG+tam").context["results"].commendations
    assert [c.recipient for c in found] == ["Ban công tác Mặt trận Tổ Đồng Tâm"]


def test_unit_and_area_pages_show_their_commendations(client, reference):
    ward = models.Ward.objects.get(slug="phuong-bac-kan")
    other = models.Ward.objects.get(slug="phuong-duc-xuan")
    area = f.ResidentialAreaFactory(ward=ward, slug="to-thi-dua", name="Tổ Thi Đua")
    f.AnnualResultFactory(residential_area=area, year=YEAR)
    f.CommendationFactory(
        year=YEAR, ward=ward, residential_area=area, recipient_name="Tập thể Tổ Thi Đua"
    )
    f.CommendationFactory(year=YEAR, ward=other, recipient_name="Tập thể Nơi Khác")
    ward_page = client.get(f"/don-vi/phuong-bac-kan/?nam={YEAR}").content.decode()
    assert "Tập thể Tổ Thi Đua" in ward_page and "Tập thể Nơi Khác" not in ward_page
    area_page = client.get("/khu-dan-cu/to-thi-dua/").content.decode()
    assert "Tập thể Tổ Thi Đua" in area_page and "Tập thể Nơi Khác" not in area_page


# --- Approved only --------------------------------------------------------------

NEW_PAGES = [
    f"/ngay-hoi/?nam={YEAR}",
    f"/gia-dinh-van-hoa/?nam={YEAR}",
    f"/khen-thuong/?nam={YEAR}",
    f"/?nam={YEAR}",
    f"/du-lieu/ngay-hoi.csv?nam={YEAR}",
    "/du-lieu/ngay-hoi-theo-nam.csv",
    f"/du-lieu/gia-dinh-van-hoa-theo-don-vi.csv?nam={YEAR}",
    "/du-lieu/gia-dinh-van-hoa-theo-nam.csv",
    f"/du-lieu/nep-song-van-minh.csv?nam={YEAR}",
    f"/du-lieu/khen-thuong.csv?nam={YEAR}",
    f"/du-lieu/khen-thuong-theo-cap.csv?nam={YEAR}",
    "/du-lieu/khen-thuong-theo-nam.csv",
    "/tim-kiem/?q=khen",
]


def test_drafts_change_nothing(client, demo_city):
    before = {path: client.get(path).content for path in NEW_PAGES}
    area = models.ResidentialArea.objects.filter(status=APPROVED).first()
    models.AnnualResult.objects.filter(residential_area=area, year=YEAR).delete()
    bump_generation()
    changed = {path: client.get(path).content for path in NEW_PAGES}
    assert changed != before  # the pages do read these rows…
    for status in ("draft", "submitted", "returned"):
        f.AnnualResultFactory(
            residential_area=area,
            year=YEAR,
            festival_held=True,
            festival_participants=9999,
            festival_highlights="Bản nháp chưa duyệt",
            civilised_weddings=7,
            status=status,
        )
        f.CommendationFactory(
            year=YEAR,
            recipient_name=f"Tập thể chưa duyệt {status}",
            reason="khen nháp",
            status=status,
        )
        bump_generation()
        # …but never an unapproved one.
        assert {path: client.get(path).content for path in NEW_PAGES} == changed
        models.AnnualResult.objects.filter(residential_area=area, year=YEAR).delete()


def test_new_fields_are_in_the_yearly_result_import_and_export():
    from campaigns.spreadsheets.resources import AnnualResultResource

    fields = AnnualResultResource._meta.fields
    for name in (
        "festival_highlights",
        "civilised_weddings",
        "civilised_funerals",
        "civilised_festivals",
    ):
        assert name in fields


def test_civilised_counts_cannot_exceed_households(reference):
    from django.core.exceptions import ValidationError

    result = f.AnnualResultFactory(households=200)
    result.civilised_weddings = 200
    result.full_clean()
    result.civilised_weddings = 201
    with pytest.raises(ValidationError) as error:
        result.full_clean()
    assert "annual_result_civilised_weddings_within_households" not in str(error.value)
    assert error.value.messages  # the Vietnamese/English message, not a crash


def test_demo_is_deterministic_and_fills_the_new_fields(reference):
    def snapshot():
        return list(
            models.AnnualResult.objects.order_by(
                "residential_area__slug", "year"
            ).values_list(
                "residential_area__slug",
                "year",
                "festival_highlights",
                "civilised_weddings",
                "households",
            )
        )

    demo.demo_data_seed(seed=21, years=range(2024, 2026))
    first = snapshot()
    demo.demo_data_seed(seed=21, years=range(2024, 2026))
    assert snapshot() == first
    assert sum(bool(row[2]) for row in first) > 0.9 * len(first)
    assert models.Commendation.objects.exists()
