"""The residential area's card: the HTML page, its one-page A4 PDF, the ward's pack."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns import selectors
from campaigns.access.scope import CITY_STAFF, WARD_STAFF
from campaigns.documents import cards as documents

from .. import citydata
from .. import factories as f
from ..accounts import make_user
from .helpers import is_a4, page_text, pdf_reader, qr_texts, squeezed, text_of

pytestmark = pytest.mark.django_db

CARD = "/khu-dan-cu/song-cau-to-mot/phieu/"
CARD_PDF = "/khu-dan-cu/song-cau-to-mot/phieu.pdf"
LIVE_URL = "http://testserver/khu-dan-cu/song-cau-to-mot/"


@pytest.fixture
def city(reference, seed_once):
    return seed_once(citydata.build_city)


def card_of(slug, year):
    return selectors.area_card(area=selectors.area_detail(slug=slug), year=year)


def secrets(city) -> set[str]:
    return set(
        citydata.SECRET_NAMES
        + citydata.SECRET_IDS
        + citydata.SECRET_PHONES
        + citydata.SECRET_ADDRESSES
    ) | {h.head_name for h in city.households}


def test_the_card_figures_are_the_approved_rows(city):
    card = card_of("song-cau-to-mot", 2024)
    raw = [
        r for r in citydata.public_results(2024) if r.residential_area == city.areas[0]
    ]
    assert card.approved and len(raw) == 1
    assert card.result.households == raw[0].households == 120
    assert card.result.poor_households == raw[0].poor_households == 9
    assert card.result.poor_rate == citydata.pct(9, 120)
    assert (
        card.goals_met == sum(g.achieved for g in raw[0].goal_results.all())
        and card.goals_total == 10
    )
    # The approved 40-million new house, not the submitted 800 million one.
    assert (card.supports, card.support_amount, card.houses_built) == (
        1,
        40_000_000,
        1,
    )
    assert [p.year for p in card.trend] == [2020, 2021, 2022, 2023, 2024]
    assert card.trend[1].result.households == 110 and card.trend[2].result is None


def test_the_pdf_is_one_a4_page_with_the_name_and_the_selectors_figures(client, city):
    response = client.get(CARD_PDF, {"nam": 2024})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = pdf_reader(response.content)
    assert len(reader.pages) == 1
    assert is_a4(reader.pages[0])
    text = page_text(reader.pages[0])
    assert "Tổ Một" in text and "PHƯỜNG SÔNG CẦU" in text
    card = card_of("song-cau-to-mot", 2024)
    for label, value in documents.card_lines(card):
        assert squeezed(label) in squeezed(text), label
        assert squeezed(value) in squeezed(text), (label, value)
    assert "NĐ 07/2021/NĐ-CP" in text  # the poverty standard is named
    assert "9 hộ (7,5%)" in text and "7/10" in text.replace(" ", "")
    for row in documents.trend_rows(card):
        assert squeezed(" ".join(row[:3])) in squeezed(text)
    for secret in secrets(city):
        assert secret not in text


def test_the_qr_code_on_the_pdf_opens_the_areas_live_page(client, city, settings):
    reader = pdf_reader(client.get(CARD_PDF, {"nam": 2024}).content)
    assert qr_texts(reader.pages[0]) == [LIVE_URL]
    settings.SITE_URL = "https://mttq.example.vn/"
    reader = pdf_reader(client.get(CARD_PDF, {"nam": 2024}).content)
    assert qr_texts(reader.pages[0]) == [
        "https://mttq.example.vn/khu-dan-cu/song-cau-to-mot/"
    ]


def test_the_html_card_shows_the_figures_and_no_personal_data(client, city):
    response = client.get(CARD, {"nam": 2024})
    assert response.status_code == 200
    text = text_of(response)
    html = response.content.decode()
    assert "Tổ Một" in text and "9 hộ (7,5%)" in text
    assert "NĐ 07/2021/NĐ-CP" in text
    assert "chưa được duyệt" not in text
    assert "<svg" in html and "@page" not in html  # QR inline, print CSS in the file
    assert f"{CARD_PDF}?nam=2024" in html
    for secret in secrets(city):
        assert secret not in html


@pytest.mark.parametrize(
    ("path", "year"),
    [
        (CARD, 2026),  # nothing entered yet
        ("/khu-dan-cu/xuat-hoa-na-hai/phieu/", 2023),  # submitted, not approved
    ],
)
def test_a_year_not_approved_carries_the_note_and_no_pending_figure(
    client, city, path, year
):
    text = text_of(client.get(path, {"nam": year}))
    assert f"Số liệu năm {year} chưa được duyệt" in text
    assert "9.000" not in text and "8.000" not in text
    pdf = pdf_reader(
        client.get(path.replace("/phieu/", "/phieu.pdf"), {"nam": year}).content
    )
    pdf_text = page_text(pdf.pages[0])
    assert len(pdf.pages) == 1
    assert f"Số liệu năm {year} chưa được duyệt" in " ".join(pdf_text.split())


def test_bad_years_and_unknown_areas_answer_like_the_other_pages(client, city):
    assert client.get(CARD, {"nam": "20x4"}).status_code == 400
    assert client.get(CARD_PDF, {"nam": "20x4"}).status_code == 400
    assert client.get(CARD, {"nam": 1990}).status_code == 404
    assert client.get(CARD_PDF, {"nam": 1990}).status_code == 404
    assert client.get("/khu-dan-cu/khong-co/phieu/").status_code == 404
    assert client.get("/khu-dan-cu/song-cau-to-nhap/phieu.pdf").status_code == 404
    # Without a year: the area's latest approved year.
    assert "Năm 2024" in text_of(client.get(CARD))


def test_the_area_page_links_its_card(client, city):
    html = client.get("/khu-dan-cu/song-cau-to-mot/").content.decode()
    assert 'href="/khu-dan-cu/song-cau-to-mot/phieu/"' in html


def test_the_card_page_is_cached_and_its_queries_are_bounded(client, city):
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        response = client.get(CARD, {"nam": 2024})
    assert response["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as warm:
        response = client.get(CARD, {"nam": 2024, "junk": 1})
    assert response["X-Page-Cache"] == "hit"
    assert len(cold) <= 25, [q["sql"] for q in cold.captured_queries]
    assert len(warm) <= 1
    cache.clear()
    client.get(CARD_PDF, {"nam": 2024})
    with CaptureQueriesContext(connection) as pdf_warm:
        assert client.get(CARD_PDF, {"nam": 2024}).status_code == 200
    assert len(pdf_warm) <= 3


# --- A ward's cards in one PDF, from the admin -------------------------------------


def ward_cards_url(slug, year):
    return f"/quan-tri/bao-cao/phieu/{slug}/{year}/"


@pytest.fixture
def staff(city):
    return {
        "song_cau": make_user("song-cau", WARD_STAFF, wards=[city.song_cau]),
        "city": make_user("city", CITY_STAFF),
    }


def test_a_wards_staff_downloads_all_its_areas_cards_as_one_pdf(client, city, staff):
    f.ResidentialAreaFactory(
        ward=city.song_cau, name="Tổ Mười Hai", slug="song-cau-to-12", valid_to=None
    )
    client.force_login(staff["song_cau"])
    response = client.get(ward_cards_url("phuong-song-cau", 2024))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = pdf_reader(response.content)
    # Approved areas in force in 2024: Tổ Một and the new one (not the draft area).
    assert len(reader.pages) == 2
    assert all(is_a4(page) for page in reader.pages)
    pages = {
        "Tổ Một" if "Tổ Một" in page_text(page) else "Tổ Mười Hai": page
        for page in reader.pages
    }
    assert "Tổ Mười Hai" in page_text(pages["Tổ Mười Hai"])
    assert "Tổ Nháp" not in " ".join(page_text(page) for page in reader.pages)
    # The new area has no approved result for 2024: its card says so.
    assert "chưa được duyệt" in " ".join(page_text(pages["Tổ Mười Hai"]).split())
    assert "chưa được duyệt" not in " ".join(page_text(pages["Tổ Một"]).split())
    assert qr_texts(pages["Tổ Một"]) == [LIVE_URL]


def test_ward_staff_cannot_print_another_wards_cards(client, city, staff):
    client.force_login(staff["song_cau"])
    assert client.get(ward_cards_url("phuong-xuat-hoa", 2024)).status_code == 403
    assert client.get(ward_cards_url("khong-co", 2024)).status_code == 404
    assert client.get(ward_cards_url("phuong-song-cau", 1990)).status_code == 404
    client.force_login(staff["city"])
    response = client.get(ward_cards_url("phuong-xuat-hoa", 2024))
    assert response.status_code == 200
    assert "Thôn Nà Hai" in page_text(pdf_reader(response.content).pages[0])


def test_a_visitor_is_sent_to_the_login_page(client, city):
    response = client.get(ward_cards_url("phuong-song-cau", 2024))
    assert response.status_code == 302 and "/login/" in response["Location"]
    response = client.get("/quan-tri/bao-cao/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_chooser_offers_only_the_users_wards_and_goes_to_the_document(
    client, city, staff
):
    client.force_login(staff["song_cau"])
    page = client.get("/quan-tri/bao-cao/").content.decode()
    assert "Phường Sông Cầu" in page and "Phường Xuất Hóa" not in page
    response = client.get(
        "/quan-tri/bao-cao/",
        {"ward": city.song_cau.pk, "year": 2024, "document": "cards"},
    )
    assert response.status_code == 302
    assert response["Location"] == ward_cards_url("phuong-song-cau", 2024)
    index = client.get("/quan-tri/").content.decode()
    assert 'href="/quan-tri/bao-cao/"' in index
