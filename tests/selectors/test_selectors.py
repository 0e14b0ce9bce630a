"""Selectors: every public figure equals a computation from the raw rows (approved only)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns import models, selectors
from campaigns.cache import bump_generation
from campaigns.models.choices import WorkflowStatusChoices

from .. import citydata
from .. import factories as f
from ..citydata import raw_fund, raw_result_figures, raw_roads_m

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(reference, seed_once):
    return seed_once(citydata.build_city)


def totals_dict(totals):
    return {
        "areas": totals.areas,
        "households": totals.households,
        "cultural_family_rate": totals.cultural_family_rate,
        "cultural_title_share": totals.cultural_title_share,
        "poor_rate": totals.poor_rate,
        "near_poor_rate": totals.near_poor_rate,
        "festival_share": totals.festival_share,
    }


def fund_dict(totals):
    return {
        "raised": totals.raised,
        "in_kind": totals.in_kind,
        "spent": totals.spent,
        "houses_built": totals.houses_built,
        "houses_repaired": totals.houses_repaired,
    }


@pytest.mark.parametrize("year", [2021, 2023, 2024, 2025])
def test_city_overview_equals_raw_rows(city, year):
    data = selectors.city_overview(year=year)
    assert totals_dict(data.results) == raw_result_figures(year)
    assert fund_dict(data.fund_year) == raw_fund(year)
    assert fund_dict(data.fund_cumulative) == raw_fund(year, upto=True)
    assert data.roads_m_year == raw_roads_m(year)


def test_city_overview_of_2024_by_hand(city):
    data = selectors.city_overview(year=2024)
    # 2 approved results: 120 + 205 households, 9 + 31 poor → 40 / 325 = 12.3%.
    assert data.results.areas == 2
    assert data.results.poor_rate == Decimal("12.3")
    assert data.results.cultural_family_rate == Decimal("80.0")  # 260 / 325
    assert data.fund_year.raised == 8_000_000
    assert data.fund_year.houses_built == 1
    assert data.roads_km_year == Decimal("1.25")
    assert [s.code for s in data.standards] == ["NĐ 07/2021/NĐ-CP"]
    assert data.first_year == 2021


def test_new_unit_rolls_up_its_predecessors(city):
    """Phường Bắc Kạn in 2024 = Sông Cầu + Phùng Chí Kiên + Xuất Hóa + Nông Thượng."""
    old_units = list(city.bac_kan.predecessors.all())
    assert {w.slug for w in city.bac_kan.units_for_year(2024)} == {
        w.slug for w in old_units
    }
    data = selectors.city_overview(year=2024, ward=city.bac_kan)
    assert totals_dict(data.results) == raw_result_figures(2024, old_units)
    assert fund_dict(data.fund_year) == raw_fund(2024, old_units)
    # 2025: its own results, plus fund records of its old units before 1/7/2025.
    data = selectors.city_overview(year=2025, ward=city.bac_kan)
    assert totals_dict(data.results) == raw_result_figures(2025, [city.bac_kan])
    assert data.fund_year.raised == 1_000_000 + 4_000_000
    assert fund_dict(data.fund_year) == raw_fund(2025, [city.bac_kan, *old_units])


def test_ward_summaries_add_up_to_the_city(city):
    for year in (2024, 2025):
        rows = selectors.ward_summaries(year=year)
        in_force = models.Ward.objects.in_force_for_year(year)
        assert {r.ward.slug for r in rows} == {w.slug for w in in_force}
        for row in rows:
            ward = models.Ward.objects.get(pk=row.ward.pk)
            assert totals_dict(row.results) == raw_result_figures(year, [ward])
        assert (
            sum(r.results.households for r in rows)
            == (raw_result_figures(year)["households"])
        )
        # Ward funds only: the city fund (3.000.000 in 2024) belongs to no unit.
        city_fund = sum(
            d.amount
            for d in citydata.approved(models.Donation)
            if d.date.year == year and d.ward is None
        )
        assert sum(r.fund.raised for r in rows) + city_fund == raw_fund(year)["raised"]
        assert sum(r.fund.spent for r in rows) == raw_fund(year)["spent"]
    by_slug = {r.ward.slug: r for r in selectors.ward_summaries(year=2025)}
    assert by_slug["phuong-bac-kan"].fund.raised == 5_000_000


def test_area_summaries_list_approved_results_only(city):
    rows = selectors.area_summaries(year=2024)
    assert [r.slug for r in rows] == ["song-cau-to-mot", "xuat-hoa-na-hai"]
    assert rows[0].committee_grade == "Xuất sắc"
    assert rows[1].committee_grade == "Khá"
    assert rows[1].poor_rate == citydata.pct(31, 205)


def test_poverty_trend_breaks_where_the_standard_changes(reference):
    area = f.ResidentialAreaFactory()
    for year, poor in ((2020, 10), (2021, 8), (2022, 20), (2023, 15)):
        f.AnnualResultFactory(residential_area=area, year=year, poor_households=poor)
    points = selectors.poverty_rate_trend()
    assert [p.year for p in points] == [2020, 2021, 2022, 2023]
    assert [p.breaks for p in points] == [False, False, True, False]
    assert points[2].previous_standard_code == "QĐ 59/2015/QĐ-TTg"
    assert points[2].standard_code == "NĐ 07/2021/NĐ-CP"
    assert points[2].poor_rate == Decimal("10.0")


def test_goal_achievement_counts_approved_results(city):
    for year in (2024, 2025):
        rows = [
            g for c in selectors.goal_achievement_by_content(year=year) for g in c.goals
        ]
        assert len(rows) == 10
        public = citydata.public_results(year)
        for goal in rows:
            raw = [
                gr
                for r in public
                for gr in r.goal_results.all()
                if gr.goal.number == goal.number
            ]
            assert goal.reporting == len(raw)
            assert goal.achieved == sum(gr.achieved for gr in raw)
    by_ward = selectors.goal_achievement_by_ward(year=2025)
    assert len(by_ward) == 10 * models.Ward.objects.in_force_for_year(2025).count()
    by_year = selectors.goal_achievement_by_year()
    assert {(g.year, g.goal_number) for g in by_year} >= {(2024, 1), (2025, 10)}


def test_fund_selectors_equal_raw_rows(city):
    for row in selectors.fund_by_year():
        assert fund_dict(row.totals) == raw_fund(row.year)
    assert [h.year for h in selectors.houses_by_year()] == [2024, 2025]
    categories = {c.category: c for c in selectors.fund_spending_by_category(year=2024)}
    assert categories["house_new"].amount == 40_000_000
    assert categories["house_repair"].houses_repaired == 1
    assert sum(c.amount for c in categories.values()) == raw_fund(2024)["spent"]
    by_ward = selectors.fund_spending_by_ward(year=2024)
    assert sum(w.totals.spent for w in by_ward) == raw_fund(2024)["spent"]


def test_named_donors_only_with_consent(city):
    names = [d.name for d in selectors.named_donors(year=2024)]
    assert names == ["Công ty Minh Bạch"]
    assert citydata.SECRET_NAMES[1] not in names
    assert "Nhà hảo tâm Nháp" not in names  # draft


def test_community_works(city):
    summary = selectors.community_works_summary(year=2024)
    assert summary.roads_m == raw_roads_m(2024) == 1250
    assert summary.cultural_houses == 1
    assert summary.total.people_money == sum(
        w.people_money
        for w in citydata.approved(models.CommunityWork)
        if w.year == 2024
    )
    by_ward = {w.ward.slug: w for w in selectors.community_works_by_ward(year=2024)}
    assert by_ward["phuong-song-cau"].roads_m == 1250
    assert [y.year for y in selectors.community_works_by_year()] == [2024, 2025]


def test_available_and_latest_year(city):
    assert selectors.available_years() == (2021, 2023, 2024, 2025)
    assert selectors.latest_year() == 2025
    assert selectors.demo_data_present() is False


def test_drafts_never_change_a_figure(city):
    """Adding unapproved rows of every kind leaves every selector's answer unchanged."""
    before = snapshot()
    bump_generation()
    area = city.areas[1]
    f.AnnualResultFactory(residential_area=area, year=2021, status="draft")
    f.DonationFactory(
        ward=city.song_cau,
        date=datetime.date(2024, 3, 3),
        status="submitted",
        amount=7_777_777_000,
    )
    f.SupportFactory(
        ward=city.song_cau,
        date=datetime.date(2024, 3, 3),
        status="returned",
        household=None,
    )
    f.CommunityWorkFactory(ward=city.song_cau, year=2024, status="draft")
    bump_generation()
    assert snapshot() == before


def snapshot():
    return [
        selectors.available_years(),
        selectors.city_overview(year=2024),
        selectors.city_overview(year=2021),
        selectors.ward_summaries(year=2024),
        selectors.area_summaries(year=2024),
        selectors.results_by_year(),
        selectors.fund_by_year(),
        selectors.named_donors(year=2024),
        selectors.community_works_summary(year=2024),
        selectors.goal_achievement_by_content(year=2021),
    ]


def test_cache_is_retired_by_bump_generation(city):
    before = selectors.city_overview(year=2024).results.households
    result = f.AnnualResultFactory(
        residential_area=city.areas[1],
        year=2021,
        households=500,
        cultural_families_registered=10,
        cultural_families_recognised=10,
        status="submitted",
    )
    assert selectors.city_overview(year=2021).results.households == 110
    result.status = WorkflowStatusChoices.APPROVED
    result.save()
    # Still cached until an approval bumps the generation.
    assert selectors.city_overview(year=2021).results.households == 110
    bump_generation()
    assert selectors.city_overview(year=2021).results.households == 610
    assert selectors.city_overview(year=2024).results.households == before


@pytest.mark.parametrize(
    "query", ["duc xuan", "Đức Xuân", "DUC XUAN", "đỨc   xUâN", "phuong duc"]
)
def test_search_ignores_diacritics_and_case(reference, query):
    found = selectors.search_places(query=query)
    assert {w.slug for w in found.wards} == {
        "phuong-duc-xuan",
        "phuong-duc-xuan-truoc-2025",
    }


def test_search_finds_approved_areas_only(city):
    assert [a.slug for a in selectors.search_places(query="na hai").areas] == [
        "xuat-hoa-na-hai"
    ]
    assert selectors.search_places(query="to nhap").areas == ()
    assert selectors.search_places(query="   ").count == 0


def test_search_finds_an_area_by_its_own_name_and_its_units_name(city):
    found = selectors.search_places(query="NA HAI xuat hoa").areas
    assert [a.slug for a in found] == ["xuat-hoa-na-hai"]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="trigram indexes exist on PostgreSQL only"
)
def test_search_reads_the_trigram_indexes_on_postgresql(city):
    """The indexed expression must be the very one search compares, or it is never used."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes"
            " WHERE indexname IN ('ward_name_folded_trgm', 'area_name_folded_trgm')"
        )
        definitions = dict(cursor.fetchall())
    assert len(definitions) == 2
    # Both tables are indexed on the same folding expression…
    ward, area = (
        definitions[name].split("USING gin", 1)[1]
        for name in ("ward_name_folded_trgm", "area_name_folded_trgm")
    )
    assert ward == area
    # …and the planner matches it to the query search sends (the tiny test table
    # would be scanned anyway, so sequential scans are switched off to ask).
    with CaptureQueriesContext(connection) as queries:
        selectors.search_places(query="duc xuan")
    sql = next(
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT") and "residentialarea" not in q["sql"]
    )
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "ward_name_folded_trgm" in plan


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="portal_fold() exists on PostgreSQL only"
)
@pytest.mark.django_db
def test_the_database_folds_names_as_python_does():
    from campaigns.text import fold

    letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữự"
    letters += "yỳýỷỹỵđ"
    names = [letters, letters.upper(), "Phường Đức Xuân", "Thôn Nà Hái", "Tổ 01"]
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute("SELECT portal_fold(%s)", [name])
            assert cursor.fetchone()[0] == fold(name), name
        # Costly to the planner (so the trigram index wins over a scan), immutable
        # (so it can be indexed).
        cursor.execute(
            "SELECT procost, provolatile FROM pg_proc WHERE proname = 'portal_fold'"
        )
        assert cursor.fetchone() == (100, "i")


def test_selectors_make_few_queries(city):
    with CaptureQueriesContext(connection) as queries:
        selectors.city_overview(year=2024)
    assert len(queries) <= 8
    with CaptureQueriesContext(connection) as queries:
        selectors.city_overview(year=2024)
    assert len(queries) == 0  # cached
