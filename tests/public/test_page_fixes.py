"""Issue 15's page fixes: search paging, ended units marked, each unit once on
/don-vi/, no unit codes in citizen tables, distinct card titles, the home card
reconciled with the ward table, table titles outside the scrolling box."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns import formatting, models, selectors
from campaigns.public import datasets as tables

from .. import citydata
from .. import factories as f
from .test_public_pages import PAGES, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(reference, seed_once):
    return seed_once(citydata.build_city)


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(selectors.pages, "PAGE_SIZE", 2)
    monkeypatch.setattr(selectors, "PAGE_SIZE", 2)


def search_hits(response) -> list[str]:
    html = response.content.decode()
    return re.findall(r'<li><a href="(/(?:don-vi|khu-dan-cu)/[^"]+)"', html)


# --- Search ------------------------------------------------------------------------


def test_search_pages_return_every_match_exactly_once(client, city, small_pages):
    everything = selectors.search_places(query="phuong", page=1)
    total = everything.count
    assert total > 4  # several pages of 2
    pages = -(-total // 2)
    first = client.get("/tim-kiem/", {"q": "phuong"})
    text = text_of(first)
    assert f"Kết quả tìm “phuong”: {total}." in text
    assert f"Trang 1/{pages}" in text
    seen = []
    for number in range(1, pages + 1):
        response = client.get("/tim-kiem/", {"q": "phuong", "trang": number})
        assert response.status_code == 200
        hits = search_hits(response)
        assert 1 <= len(hits) <= 2
        seen.extend(hits)
        html = response.content.decode()
        if number > 1:
            assert 'rel="prev"' in html
            assert f"Trang {number}/{pages}" in text_of(response)
        if number < pages:
            assert f"trang={number + 1}" in html
    assert len(seen) == len(set(seen)) == total
    expected_wards = set(
        models.Ward.objects.filter(name__icontains="Phường").values_list(
            "slug", flat=True
        )
    )
    assert {f"/don-vi/{slug}/" for slug in expected_wards} <= set(seen)
    past = client.get("/tim-kiem/", {"q": "phuong", "trang": pages + 1})
    assert past.status_code == 404


def test_search_is_not_capped_at_fifty(client, city):
    for n in range(55):
        f.ResidentialAreaFactory(
            ward=city.bac_kan, name=f"Tổ Tìm {n}", slug=f"bac-kan-to-tim-{n}"
        )
    response = client.get("/tim-kiem/", {"q": "to tim"})
    assert "Kết quả tìm “to tim”: 55." in text_of(response)
    assert "Trang 1/2" in text_of(response)
    assert len(search_hits(response)) == 50
    second = client.get("/tim-kiem/", {"q": "to tim", "trang": 2})
    assert len(search_hits(second)) == 5


def test_search_query_count_does_not_depend_on_the_page(client, city, small_pages):
    client.get("/tim-kiem/", {"q": "phuong"})  # the page's shared figures, cached
    counts = []
    for number in (1, 2):
        with CaptureQueriesContext(connection) as queries:
            client.get("/tim-kiem/", {"q": "phuong", "trang": number})
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 6


def test_search_marks_ended_units_and_areas(client, city):
    text = text_of(client.get("/tim-kiem/", {"q": "song cau"}))
    assert "Phường Sông Cầu (Phường, đến 30/06/2025)" in text
    assert "Tổ Một – Phường Sông Cầu (đến 30/06/2025)" in text
    current = text_of(client.get("/tim-kiem/", {"q": "to ba"}))
    assert "Tổ Ba – Phường Bắc Kạn" in current
    assert "đến" not in current.split("Tổ Ba – Phường Bắc Kạn")[1][:20]


def test_tables_mark_ended_units_and_areas(client, city):
    html = client.get("/don-vi/", {"nam": 2024}).content.decode()
    row = re.search(r"Phường Sông Cầu</a>(.*?)</th>", html).group(1)
    assert "đến 30/06/2025" in row
    areas = client.get("/don-vi/phuong-song-cau/", {"nam": 2024}).content.decode()
    assert re.search(r"Tổ Một</a> <span class=\"ended\">\(đến 30/06/2025\)", areas)
    new = client.get("/", {"nam": 2025}).content.decode()
    row = re.search(r"Phường Bắc Kạn</a>(.*?)</th>", new).group(1)
    assert "đến" not in row
    # The downloads keep the names as they are.
    csv = client.get("/du-lieu/don-vi.csv", {"nam": 2024}).content.decode()
    assert "đến 30/06/2025" not in csv


# --- /don-vi/ ----------------------------------------------------------------------


def listed_units(table) -> list[str]:
    """Every unit a /don-vi/ directory page shows: its rows and their histories."""
    names = []
    history = table.column("history")
    for link, row in zip(table.links, table.rows, strict=True):
        names.append(link)
        if row[history] is not None:
            names.extend(tables.base.ward_url(u.slug) for u in row[history].units)
    return names


def test_ward_list_shows_each_unit_once(client, city):
    response = client.get("/don-vi/")
    table = response.context["directory"]
    names = [row[0] for row in table.rows]
    assert len(names) == len(set(names))  # one "Phường Đức Xuân" row
    listed = listed_units(table)
    assert sorted(listed) == sorted(
        tables.base.ward_url(slug)
        for slug in models.Ward.objects.values_list("slug", flat=True)
    )
    html = response.content.decode()
    section = html.split('id="history-heading"')[1]
    assert section.count(">Phường Đức Xuân</a>") == 2  # the new unit, and its history
    text = text_of(response).replace(" , ", ", ")
    assert "trước 1/7/2025: Phường Nguyễn Thị Minh Khai, Phường Đức Xuân" in text
    assert "Xã Đôn Phong (huyện Bạch Thông)" in text


def test_ward_list_pages_show_each_unit_once(client, city, monkeypatch):
    monkeypatch.setattr(selectors.pages, "PAGE_SIZE", 1)
    first = client.get("/don-vi/").context["directory"]
    listed = []
    for number in range(1, first.page.num_pages + 1):
        table = client.get("/don-vi/", {"trang-danh-muc": number}).context["directory"]
        listed.extend(listed_units(table))
    assert len(listed) == len(set(listed)) == models.Ward.objects.count()


# --- Codes, cards, reconciliation, tables on a phone -----------------------------


def test_no_unit_code_in_citizen_tables(client, city):
    codes = set(models.Ward.objects.values_list("code", flat=True))
    pages = [*PAGES, "/?nam=2024", "/don-vi/?nam=2024", "/tim-kiem/?q=phuong"]
    for path in pages:
        html = client.get(path).content.decode()
        shown = re.findall(
            r"<table.*?</table>|<ul class=\"results\">.*?</ul>", html, re.S
        )
        for fragment in shown:
            for code in codes:
                assert code not in fragment, (path, code)
    # The downloads and the API keep them, for whoever joins tables.
    assert (
        city.song_cau.code
        in client.get("/du-lieu/don-vi.csv?nam=2024").content.decode()
    )
    assert (
        city.song_cau.code
        in client.get("/du-lieu/don-vi-hanh-chinh.json").content.decode()
    )


@pytest.mark.parametrize(
    "path",
    ["/", "/?nam=2024", "/quy-vi-nguoi-ngheo/?nam=2024", "/don-vi/phuong-bac-kan/"],
)
def test_cards_of_a_page_have_distinct_titles(client, city, path):
    response = client.get(path)
    labels = [card.label for card in response.context["cards"]]
    assert len(labels) > 1
    assert len(labels) == len(set(labels)), labels
    html = response.content.decode()
    shown = re.findall(r'<span class="card-label">([^<]+)</span>', html)
    assert len(shown) == len(set(shown))


@pytest.mark.parametrize(
    ("path", "year"), [("/", 2024), ("/", 2025), ("/quy-vi-nguoi-ngheo/", 2024)]
)
def test_home_card_reconciles_with_the_ward_table(client, city, path, year):
    response = client.get(path, {"nam": year})
    overview = response.context["overview"]
    split = response.context["fund_split"]
    ward_sum = sum(tables.build("don-vi", year=year).values("raised"))
    assert ward_sum == sum(tables.build("quy-theo-don-vi", year=year).values("raised"))
    assert split.wards.raised == ward_sum
    assert split.city.raised == overview.fund_year.raised - ward_sum
    raw_city = sum(
        d.amount
        for d in citydata.approved(models.Donation)
        if d.ward is None and d.date.year == year
    )
    assert split.city.raised == raw_city
    assert split.city.raised == (3_000_000 if year == 2024 else 0)
    text = text_of(response)
    assert (
        "Quỹ cấp thành phố (không thuộc phường, xã nào) "
        f"{formatting.money_full(split.city.raised)}"
    ) in text
    card = next(c for c in response.context["cards"] if c.key == "raised")
    assert card.value == formatting.money_short(overview.fund_year.raised)
    assert formatting.money_full(overview.fund_year.raised) in text


def test_table_titles_sit_outside_the_scrolling_box(client, city):
    for path in ("/?nam=2024", "/khu-dan-cu/song-cau-to-mot/", "/du-lieu/"):
        html = client.get(path).content.decode()
        assert "<caption" not in html
        for match in re.finditer(
            r'<div class="table-scroll"[^>]*aria-labelledby="([^"]+)"', html
        ):
            title = re.search(rf'<p class="table-title" id="{match.group(1)}">', html)
            assert title and title.start() < match.start(), (path, match.group(1))
    html = client.get("/", {"nam": 2024}).content.decode()
    assert unescape('class="scroll-hint" aria-hidden="true">Vuốt ngang') in html
