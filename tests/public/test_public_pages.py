"""Public pages: figures, approved-only, 404/400, search, privacy crawl, query counts."""

import datetime
import io
import re
from html import unescape
from unittest import mock
from urllib.parse import parse_qs, urljoin, urlsplit

import openpyxl
import pytest
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve
from django.utils import translation

from campaigns import formatting, models, selectors
from campaigns.cache import bump_generation
from campaigns.demo import seed as demo
from campaigns.public import datasets as tables
from campaigns.public import urls as public_urls
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


# --- Privacy crawl ------------------------------------------------------------------


def download_text(response) -> str:
    if response["Content-Type"].startswith(
        ("text/csv", "image/svg+xml", "application/json")
    ):
        return response.content.decode("utf-8")
    if response["Content-Type"] == "application/pdf":  # an area's card
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(response.content))
        return " ".join(page.extract_text() for page in reader.pages)
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return " ".join(
        str(cell)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    )


def area_kind(url) -> tuple[str | None, str]:
    """The residential area a page or download is about (if any), and its kind: the
    path and query names with the area left out."""
    query = parse_qs(url.query)
    match = re.match(r"/khu-dan-cu/([^/]+)/", url.path)
    if match:
        return match[1], url.path.replace(match[1], "*") + str(sorted(query))
    return query.get("khu-dan-cu", [None])[0], url.path + str(sorted(query))


def crawl(client, start_paths, limit=3000, areas=None):
    """Every public page and download reachable by links from `start_paths`; with
    `areas`, an area's pages and downloads for the areas of that set, and for other
    areas only a kind of area page or download not met yet."""
    seen, queue, answers, kinds = set(), list(start_paths), {}, set()
    while queue and len(seen) < limit:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code == 200, path
        if response["Content-Type"].startswith("text/html"):
            html = response.content.decode()
            answers[path] = html
            for href in re.findall(r'href="([^"#]+)"', html):
                href = unescape(href)
                url = urlsplit(urljoin(path, href))
                if url.netloc or url.path.startswith(("/static/", "/quan-tri/")):
                    continue
                if url.path.endswith(".png"):
                    continue  # the drawing of the .svg beside it, which is read
                area, kind = area_kind(url)
                if areas is not None and area is not None:
                    if area not in areas and kind in kinds:
                        continue
                    kinds.add(kind)
                if "khu-dan-cu=" in url.query and url.path.endswith((".xlsx", ".json")):
                    # An area's tables as XLSX and JSON hold the cells of its CSV,
                    # which is read; every dataset's XLSX is read from the start list.
                    continue
                queue.append(url.path + (f"?{url.query}" if url.query else ""))
        else:
            answers[path] = download_text(response)
    return answers


# Rows an area's page, card and tables show or withhold, by the fields that decide it.
AREA_ROWS = {
    models.Household: ("status",),
    models.Support: ("status",),
    models.CommunityWork: ("status",),
    models.Commendation: ("status", "recipient_kind"),
    models.Story: ("status", "names_private_person"),
}


def areas_to_read() -> set[str]:
    """Every area of the city data (its named households and supports), one demo area
    per unit, and an area of each kind of row in AREA_ROWS. The other ~200 demo areas
    render through the same views, templates and table builders and took most of the
    crawl's time while checking nothing new (docs/decisions.md, "Suite time")."""
    area = models.ResidentialArea.objects.published()  # the others have no page
    slugs = set(area.filter(is_demo=False).values_list("slug", flat=True))
    for ward in models.Ward.objects.filter(residential_areas__in=area).distinct():
        slugs.add(area.filter(ward=ward).order_by("pk").first().slug)
    for model, fields in AREA_ROWS.items():
        rows = model.objects.filter(residential_area__in=area).order_by("pk")
        for kind in rows.values(*fields).order_by().distinct():
            slugs.add(rows.filter(**kind).first().residential_area.slug)
    return slugs


def test_no_personal_data_in_any_public_page_or_download(client, city):
    demo.demo_data_seed(seed=5, years=range(2024, 2026))
    bump_generation()
    start = [
        *PAGES,
        "/?nam=2024",
        "/quy-vi-nguoi-ngheo/?nam=2024",
        "/muc-tieu/?nam=2024",
    ]
    start += [
        f"/du-lieu/{slug}.{fmt}?nam={year}"
        for slug in tables.DATASETS
        if not tables.DATASETS[slug].required - {tables.YEAR}
        for fmt in ("csv", "xlsx")
        for year in (2024, 2025)
    ]
    areas = areas_to_read()
    answers = crawl(client, start, areas=areas)
    assert len(answers) > 150
    # Every kind of public page and download was read, and every chosen area's.
    public = {pattern.name for pattern in public_urls.urlpatterns} - {"healthz"}
    assert {resolve(urlsplit(path).path).url_name for path in answers} >= public
    for fmt in (".csv", ".xlsx", ".json", ".svg", ".pdf"):
        assert any(urlsplit(path).path.endswith(fmt) for path in answers), fmt
    for slug, dataset in tables.DATASETS.items():
        assert any(path.startswith(f"/du-lieu/{slug}.csv") for path in answers), slug
        if tables.AREA not in dataset.required:
            assert any(path.startswith(f"/du-lieu/{slug}.xlsx") for path in answers)
    for slug in areas:
        card = f"/khu-dan-cu/{slug}/phieu.pdf"
        assert any(path.startswith(card) for path in answers), slug
    assert any(path.startswith("/khu-dan-cu/") for path in answers)
    assert any(
        path.startswith("/guong-sang/") and path != "/guong-sang/" for path in answers
    )
    assert any(".xlsx" in path for path in answers)
    households = list(models.Household.objects.all())
    secrets = set(citydata.SECRET_NAMES + citydata.SECRET_IDS + citydata.SECRET_PHONES)
    secrets |= set(citydata.SECRET_ADDRESSES)
    secrets |= {h.id_number for h in households if h.id_number}
    secrets |= {h.phone for h in households if h.phone}
    consented = set(
        models.Donation.objects.filter(publish_donor_name=True).values_list(
            "donor_name", flat=True
        )
    )
    # A published story names a person only with their consent recorded.
    consented |= set(
        models.Story.objects.published()
        .filter(names_private_person=True)
        .values_list("consent_given_by", flat=True)
    )
    # Stories not approved are not public at all (a title "… Tổ 1" may be part of
    # a published "… Tổ 10").
    published_titles = list(
        models.Story.objects.published().values_list("title", flat=True)
    )
    secrets |= {
        title
        for title in models.Story.objects.exclude(status="approved").values_list(
            "title", flat=True
        )
        if not any(title in other for other in published_titles)
    }
    area_names = set(models.ResidentialArea.objects.values_list("name", flat=True))
    # A demo head of household may share a name with a consenting donor ("Hộ gia
    # đình <name>"); only names that no consenting donor carries must stay hidden.
    secrets |= {
        h.head_name
        for h in households
        if not any(h.head_name in name for name in consented)
    }
    secrets |= {
        name
        for name in models.Donation.objects.filter(
            publish_donor_name=False
        ).values_list("donor_name", flat=True)
        if not any(name in other for other in consented) and name not in area_names
    }
    # An individual commended is never named (docs/decisions.md, issue 14).
    secrets |= {
        name
        for name in models.Commendation.objects.exclude(
            recipient_kind="collective"
        ).values_list("recipient_name", flat=True)
        if not any(name in other for other in consented)
    }
    for new_page in ("/ngay-hoi/", "/gia-dinh-van-hoa/", "/khen-thuong/"):
        assert any(path.startswith(new_page) for path in answers), new_page
    for path, text in answers.items():
        for secret in secrets:
            assert secret not in text, (secret, path)


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
