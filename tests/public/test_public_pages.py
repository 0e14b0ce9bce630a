"""Public pages: figures, approved-only, 404/400, search, privacy crawl, query counts."""

import datetime
import io
import re
from html import unescape
from unittest import mock

import openpyxl
import pytest
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from campaigns import formatting, models, selectors
from campaigns.cache import bump_generation
from campaigns.demo import seed as demo
from campaigns.public import datasets as tables
from campaigns.public.datasets import figures

from .. import citydata
from .. import factories as f
from ..citydata import raw_fund, raw_result_figures, raw_roads_m

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/don-vi/",
    "/don-vi/phuong-bac-kan/",
    "/don-vi/phuong-song-cau/?nam=2024",
    "/don-vi/xa-phong-quang/",
    "/khu-dan-cu/song-cau-to-mot/",
    "/muc-tieu/",
    "/muc-tieu/4/",
    "/quy-vi-nguoi-ngheo/",
    "/cong-trinh/",
    "/du-lieu/",
    "/tim-kiem/?q=duc+xuan",
    "/ngay-hoi/",
    "/gia-dinh-van-hoa/",
    "/khen-thuong/",
    "/guong-sang/",
]


@pytest.fixture
def city(reference, seed_once):
    return seed_once(citydata.build_city)


def text_of(response) -> str:
    """The visible text of a page, tags removed and entities decoded."""
    html = response.content.decode()
    html = re.sub(r"<svg.*?</svg>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_vietnamese_html_without_inline_code(client, city, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert re.search(r"<title>[^<]+ – Kết quả Cuộc vận động", html)
    assert re.search(r'<meta name="description" content="[^"]{20,}">', html)
    assert "<script" not in html
    assert " style=" not in html and "<style" not in html
    assert "Dữ liệu minh họa" not in html  # no demo rows in this data set


def test_overview_figures_equal_raw_rows(client, city):
    response = client.get("/?nam=2024")
    text = text_of(response)
    raw, fund_year = raw_result_figures(2024), raw_fund(2024)
    fund_all = raw_fund(2024, upto=True)
    assert formatting.money_short(fund_year["raised"]) in text  # "8 triệu đồng"
    assert "8 triệu đồng" in text
    assert formatting.money_short(fund_all["raised"]) in text
    for key in ("poor_rate", "near_poor_rate", "cultural_family_rate"):
        assert formatting.percent(raw[key]) in text
    assert "12,3%" in text
    cards = {c.key: c for c in response.context["cards"]}
    assert cards["houses_built"].value == str(fund_year["houses_built"])
    assert cards["houses_repaired"].value == str(fund_year["houses_repaired"])
    assert cards["poor_rate"].note == "Chuẩn nghèo: NĐ 07/2021/NĐ-CP"
    km = formatting.decimal_vi(raw_roads_m(2024) / 1000, 2)
    assert f"{km} km" in text and "1,25 km" in text
    assert "NĐ 07/2021/NĐ-CP" in text
    periods = {c.period for c in cards.values()}
    assert periods == {"năm 2024", "2021–2024"}


def test_ward_table_on_overview_equals_raw_rows(client, city):
    response = client.get("/?nam=2024")
    table = response.context["wards"]
    for row in table.rows:
        ward = models.Ward.objects.in_force_for_year(2024).get(name=row[0])
        raw = raw_result_figures(2024, [ward])
        assert row[3] == raw["households"]
        assert row[6] == raw["poor_rate"]
        assert row[9] == raw_fund(2024, [ward])["raised"]


def test_new_unit_page_rolls_up_predecessors(client, city):
    response = client.get("/don-vi/phuong-bac-kan/?nam=2024")
    text = text_of(response)
    old = list(city.bac_kan.predecessors.all())
    assert formatting.percent(raw_result_figures(2024, old)["poor_rate"]) in text
    assert "Phường Sông Cầu" in text and "Phường Xuất Hóa" in text
    areas = response.context["areas"]
    assert {row[0] for row in areas.rows} == {"Tổ Một", "Thôn Nà Hai"}
    assert "Tổ Nháp" not in text


def test_phong_quang_says_part_of_its_history_is_outside(client, city):
    text = text_of(client.get("/don-vi/xa-phong-quang/"))
    assert "Đôn Phong" in text


def test_old_unit_says_what_it_became(client, city):
    text = text_of(client.get("/don-vi/phuong-song-cau/?nam=2025"))
    assert "Phường Bắc Kạn" in text
    assert "không còn hiệu lực vào cuối năm 2025" in text


def test_area_page_shows_its_years(client, city):
    response = client.get("/khu-dan-cu/song-cau-to-mot/")
    years = response.context["results"].values("year")
    assert years == [2021, 2023, 2024]  # no draft, no other area
    assert "Tổ Ba" in text_of(response)  # its successor


def test_fund_page_lists_consenting_donors_only(client, city):
    response = client.get("/quy-vi-nguoi-ngheo/?nam=2024")
    text = text_of(response)
    assert "Công ty Minh Bạch" in text
    assert citydata.SECRET_NAMES[1] not in text
    assert "Nhà hảo tâm Nháp" not in text
    assert formatting.money_short(raw_fund(2024)["spent"]) in text


def test_cards_and_the_headline_table_read_one_definition(client, city):
    response = client.get("/quy-vi-nguoi-ngheo/?nam=2024")
    cards = [c.key for c in response.context["cards"]]
    assert cards == list(figures.FUND_CARDS)
    overview = selectors.city_overview(year=2024)
    with translation.override("vi"):
        rows = tables.build("tong-quan", year=2024).rows
        for card in response.context["cards"]:
            figure = figures.FIGURES[card.key]
            assert card.label == str(figure.label)
            assert card.value == figure.text(overview)
            assert (card.label, figure.value(overview)) in {r[:2] for r in rows}


def test_works_page_equals_raw_rows(client, city):
    text = text_of(client.get("/cong-trinh/?nam=2024"))
    assert "1,25 km" in text
    assert (
        formatting.money_short(
            sum(
                w.people_money
                for w in citydata.approved(models.CommunityWork)
                if w.year == 2024
            )
        )
        in text
    )


def test_goal_pages_equal_raw_rows(client, city):
    response = client.get("/muc-tieu/4/?nam=2024")
    table = response.context["by_ward"].table
    for _goal, unit, reporting, achieved, _share in table.rows:
        ward = models.Ward.objects.get(name=unit, valid_to__isnull=False)
        raw = [
            gr
            for r in citydata.public_results(2024, [ward])
            for gr in r.goal_results.all()
            if gr.goal.number == 4
        ]
        assert (reporting, achieved) == (len(raw), sum(g.achieved for g in raw))


def test_year_without_approved_data_says_so(client, city):
    response = client.get("/?nam=2019")
    assert response.status_code == 200
    text = text_of(response)
    assert "Chưa có số liệu đã được duyệt cho năm 2019" in text
    assert "cards" not in response.context or not response.context.get("cards")


def test_empty_database_says_so(client, reference):
    for path in (
        "/",
        "/quy-vi-nguoi-ngheo/",
        "/muc-tieu/",
        "/cong-trinh/",
        "/du-lieu/",
    ):
        response = client.get(path)
        assert response.status_code == 200
        assert (
            "Chưa có số liệu đã được duyệt" in text_of(response) or path == "/du-lieu/"
        )


@pytest.mark.parametrize("value", ["abc", "20x4", "2024.5", "-1", "１２３４", "99999"])
def test_malformed_year_is_a_400_in_vietnamese(client, city, value):
    response = client.get("/", {"nam": value})
    assert response.status_code == 400
    assert "không phải là một năm" in text_of(response)


@pytest.mark.parametrize(
    "path",
    [
        "/?nam=1990",
        "/?nam=2999",
        "/don-vi/khong-co-don-vi-nay/",
        "/khu-dan-cu/khong-co/",
        "/khu-dan-cu/song-cau-to-nhap/",  # a draft area is not public
        "/muc-tieu/11/",
        "/muc-tieu/0/",
        "/du-lieu/khong-co.csv",
        "/du-lieu/don-vi.pdf",
        "/du-lieu/khu-dan-cu.csv?don-vi=khong-co",
        "/du-lieu/khu-dan-cu-theo-nam.csv",
        "/du-lieu/muc-tieu-theo-nam.csv?muc-tieu=42",
    ],
)
def test_unknown_things_are_a_vietnamese_404(client, city, path):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Không tìm thấy trang" in html


@pytest.mark.parametrize("query", ["duc xuan", "Đức Xuân", "DUC XUAN"])
def test_search_page_ignores_diacritics_and_case(client, reference, query):
    response = client.get("/tim-kiem/", {"q": query})
    assert response.status_code == 200
    results = response.context["results"]
    assert {w.slug for w in results.wards} == {
        "phuong-duc-xuan",
        "phuong-duc-xuan-truoc-2025",
    }
    assert 'href="/don-vi/phuong-duc-xuan/"' in response.content.decode()


def test_search_without_result_says_so(client, reference):
    assert "Không tìm thấy" in text_of(client.get("/tim-kiem/", {"q": "zzzz"}))


def test_pages_are_vietnamese_whatever_the_browser_asks(client, city):
    for path in ("/", "/don-vi/khong-co/", "/khong-co-trang-nay/", "/?nam=x"):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        assert "Tổng quan" in response.content.decode(), path
        assert response["Content-Language"] == "vi"


def test_healthz(client, reference):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    with mock.patch.object(
        connection, "cursor", side_effect=DatabaseError("database is down")
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_demo_notice_when_demo_data_is_present(client, reference):
    demo.demo_data_seed(seed=3, years=range(2024, 2026))
    assert "Dữ liệu minh họa" in text_of(client.get("/"))


def test_figure_changes_after_approval_and_generation_bump(client, city):
    first = client.get("/?nam=2021")
    before = first.context["overview"].results.households
    result = f.AnnualResultFactory(
        residential_area=city.areas[1],
        year=2021,
        households=400,
        cultural_families_registered=10,
        cultural_families_recognised=10,
        status="submitted",
    )
    # The same page again (from the whole-page cache: it has no template context).
    assert client.get("/?nam=2021").content == first.content
    result.status = "approved"
    result.save()
    bump_generation()
    response = client.get("/?nam=2021")
    assert response.context["overview"].results.households == before + 400


def page_snapshot(client):
    pages = PAGES + [
        "/?nam=2024",
        "/don-vi/phuong-bac-kan/?nam=2024",
        "/quy-vi-nguoi-ngheo/?nam=2024",
        "/du-lieu/don-vi.csv?nam=2024",
        "/du-lieu/quy-theo-nam.csv",
        "/du-lieu/nha-hao-tam.csv?nam=2024",
    ]
    return {path: client.get(path).content for path in pages}


def test_unapproved_records_never_change_a_public_page(client, city):
    before = page_snapshot(client)
    f.AnnualResultFactory(
        residential_area=city.areas[1], year=2021, households=999, status="draft"
    )
    f.DonationFactory(
        ward=city.song_cau,
        date=datetime.date(2024, 11, 11),
        amount=123_456_789,
        publish_donor_name=True,
        donor_name="Người Chưa Duyệt",
        status="submitted",
    )
    f.SupportFactory(
        ward=city.song_cau, date=datetime.date(2024, 7, 7), status="returned"
    )
    f.CommunityWorkFactory(ward=city.song_cau, year=2024, status="draft")
    bump_generation()
    assert page_snapshot(client) == before


# --- Downloads ----------------------------------------------------------------------


def test_csv_download_has_bom_and_the_page_figures(client, city):
    response = client.get("/du-lieu/don-vi.csv?nam=2024")
    assert response["Content-Type"].startswith("text/csv")
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    lines = content.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Phường/xã,Mã đơn vị")
    table = tables.build("don-vi", year=2024)
    assert len(lines) == len(table.rows) + 1
    song_cau = next(line for line in lines if line.startswith("Phường Sông Cầu"))
    raw = raw_result_figures(2024, [city.song_cau])
    assert f",{raw['households']}," in song_cau
    assert f",{raw['poor_rate']}," in song_cau


def test_xlsx_download_equals_the_table(client, city):
    response = client.get("/du-lieu/quy-theo-nam.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    table = tables.build("quy-theo-nam")
    assert len(rows) == len(table.rows) + 1
    for got, expected in zip(rows[1:], table.rows, strict=True):
        assert list(got) == list(expected)
    year_2024 = next(r for r in rows if r[0] == 2024)
    assert year_2024[1] == raw_fund(2024)["raised"]


def test_downloads_neutralise_formulas(client, city):
    f.DonationFactory(
        ward=city.song_cau,
        date=datetime.date(2024, 12, 1),
        donor_name='=HYPERLINK("http://x.invalid","bấm")',
        publish_donor_name=True,
    )
    bump_generation()
    csv = client.get("/du-lieu/nha-hao-tam.csv?nam=2024").content.decode()
    assert "'=HYPERLINK" in csv
    xlsx = client.get("/du-lieu/nha-hao-tam.xlsx?nam=2024").content
    values = [
        cell
        for row in openpyxl.load_workbook(io.BytesIO(xlsx)).active.iter_rows(
            values_only=True
        )
        for cell in row
    ]
    assert '\'=HYPERLINK("http://x.invalid","bấm")' in values


@pytest.mark.parametrize("slug", sorted(tables.DATASETS))
def test_every_dataset_downloads_in_both_formats(client, city, slug):
    params = {"nam": 2024, "khu-dan-cu": "song-cau-to-mot", "don-vi": "phuong-bac-kan"}
    for fmt in ("csv", "xlsx"):
        response = client.get(f"/du-lieu/{slug}.{fmt}", params)
        assert response.status_code == 200, (slug, fmt)
        assert "attachment" in response["Content-Disposition"]


# --- Query counts ---------------------------------------------------------------------


QUERY_PAGES = [
    "/",
    "/don-vi/",
    "/don-vi/phuong-bac-kan/",
    "/don-vi/phuong-song-cau/?nam=2024",
    "/khu-dan-cu/phuong-duc-xuan-to-1/",
    "/muc-tieu/",
    "/muc-tieu/4/",
    "/quy-vi-nguoi-ngheo/",
    "/cong-trinh/",
    "/du-lieu/",
    "/tim-kiem/?q=duc+xuan",
    "/guong-sang/",
    "/du-lieu/khu-dan-cu.csv",
    "/du-lieu/don-vi.xlsx",
    "/du-lieu/don-vi.json",
    "/du-lieu/api.json",
    "/ngay-hoi/",
    "/ngay-hoi/?nam=2024&trang-khu-dan-cu=2",
    "/gia-dinh-van-hoa/",
    "/khen-thuong/",
    "/tim-kiem/?q=giay+khen",
    "/du-lieu/ngay-hoi.csv",
    "/du-lieu/khen-thuong.xlsx",
]
# The home page reads the figures, the festival, commendations and stories (issue 14).
MAX_QUERIES = 36
# Search is not cached: it counts the matching units and areas and reads the page's
# slice of each (issue 15), and the matching commendations and stories (issue 14),
# whatever the data.
MAX_WARM = {"/tim-kiem/?q=duc+xuan": 6, "/tim-kiem/?q=giay+khen": 6}


def count_queries(client) -> dict[str, tuple[int, int]]:
    """(queries with an empty cache, queries with a warm cache) per page."""
    counts = {}
    for path in QUERY_PAGES:
        cache.clear()
        with CaptureQueriesContext(connection) as cold:
            assert client.get(path).status_code == 200, path
        with CaptureQueriesContext(connection) as warm:
            client.get(path)
        counts[path] = (len(cold), len(warm))
    return counts


def add_wards(count, areas_each):
    for n in range(count):
        ward = f.WardFactory(name=f"Phường Mở Rộng {n}", slug=f"phuong-mo-rong-{n}")
        for _ in range(areas_each):
            f.AnnualResultFactory(residential_area__ward=ward, year=2025)
            f.DonationFactory(ward=ward, date=datetime.date(2025, 11, 1))


def test_query_counts_do_not_grow_with_data(client, reference, capsys):
    demo.demo_data_seed(seed=11, years=range(2024, 2026))
    small = count_queries(client)
    demo.demo_data_seed(seed=12, years=range(2012, 2026))
    add_wards(6, 4)
    large = count_queries(client)
    assert models.AnnualResult.objects.count() > 5 * 100
    with capsys.disabled():
        print("\nQueries per public page (empty cache, warm cache):")
        for path in QUERY_PAGES:
            print(f"  {path:40} small {small[path]}  large {large[path]}")
    for path in QUERY_PAGES:
        assert small[path] == large[path], path
        assert small[path][0] <= MAX_QUERIES, path
        assert small[path][1] <= MAX_WARM.get(path, 3), path


def test_selector_answers_are_what_the_page_shows(client, city):
    response = client.get("/?nam=2024")
    assert response.context["overview"] == selectors.city_overview(year=2024)


# --- Paging of per-unit tables -------------------------------------------------------

PAGED = [
    # (page, context entry holding the table or chart, dataset downloaded, its filter)
    ("/?nam=2024", "wards", "don-vi", {}),
    ("/don-vi/?nam=2024", "wards", "don-vi", {}),
    # /don-vi/'s directory lists each unit once (tests/public/test_page_fixes.py).
    ("/muc-tieu/4/?nam=2024", "by_ward", "muc-tieu-theo-don-vi", {"goal": 4}),
    ("/quy-vi-nguoi-ngheo/?nam=2024", "by_ward", "quy-theo-don-vi", {}),
    ("/cong-trinh/?nam=2024", "by_ward", "cong-trinh-theo-don-vi", {}),
]


def shown_table(response, entry):
    found = response.context[entry]
    return getattr(found, "table", found)


@pytest.mark.parametrize(("path", "entry", "slug", "extra"), PAGED)
def test_long_unit_tables_are_paged_and_the_pages_add_up_to_the_download(
    client, city, monkeypatch, path, entry, slug, extra
):
    monkeypatch.setattr(selectors.pages, "PAGE_SIZE", 3)
    monkeypatch.setattr(selectors, "PAGE_SIZE", 3)
    params = {} if slug == "don-vi-hanh-chinh" else {"year": 2024}
    whole = tables.build(slug, **params, **extra)
    assert len(whole.rows) > 3  # else the test would prove nothing
    first = shown_table(client.get(path), entry)
    param = first.page_param
    assert first.page.num_pages == -(-len(whole.rows) // 3)
    rows = []
    for number in range(1, first.page.num_pages + 1):
        separator = "&" if "?" in path else "?"
        response = client.get(f"{path}{separator}{param}={number}")
        assert response.status_code == 200
        table = shown_table(response, entry)
        if number < table.page.num_pages:
            assert len(table.rows) == 3
        assert 1 <= len(table.rows) <= 3
        rows.extend(table.rows)
        html = response.content.decode()
        if number > 1:
            assert 'rel="prev"' in html
        if number < table.page.num_pages:
            assert f"{param}={number + 1}" in html
    # Every page together is exactly the table that downloads, in the same order.
    assert rows == whole.rows
    # The download of a paged page still holds every row.
    download = client.get(first.csv_url)
    assert download.content.decode("utf-8-sig").count("\n") == len(whole.rows) + 1


@pytest.mark.parametrize("value", ["abc", "0", "-1", "1.5", "9999999"])
def test_malformed_page_is_a_400_in_vietnamese(client, city, value):
    response = client.get("/don-vi/", {"trang": value})
    assert response.status_code == 400
    assert "không phải là số trang" in text_of(response)


def test_page_past_the_end_is_a_vietnamese_404(client, city):
    response = client.get("/don-vi/", {"nam": 2024, "trang": 2})
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_named_donors_are_paged(client, city, monkeypatch):
    for name, amount in (("Hợp tác xã Ánh Dương", 2_000_000), ("Bà Lụa", 7_000_000)):
        f.DonationFactory(
            date=datetime.date(2024, 11, 10),
            ward=models.Ward.objects.get(slug="phuong-song-cau"),
            donor_name=name,
            amount=amount,
            publish_donor_name=True,
        )
    monkeypatch.setattr(selectors.pages, "PAGE_SIZE", 1)
    monkeypatch.setattr(selectors, "PAGE_SIZE", 1)
    whole = selectors.named_donors(year=2024)
    assert len(whole) == 3
    names = []
    for number in range(1, len(whole) + 1):
        response = client.get(
            "/quy-vi-nguoi-ngheo/", {"nam": 2024, "trang-nha-hao-tam": number}
        )
        table = response.context["donors"]
        assert table.page.count == len(whole)
        names.extend(row[0] for row in table.rows)
    assert names == [d.name for d in whole]
