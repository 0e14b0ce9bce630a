"""No personal data of beneficiaries on any public page or download: a crawl."""

import io
import re
from html import unescape
from urllib.parse import parse_qs, urljoin, urlsplit

import openpyxl
import pytest
from django.urls import resolve

from campaigns import models
from campaigns.cache import bump_generation
from campaigns.demo import seed as demo
from campaigns.public import datasets as tables
from campaigns.public import urls as public_urls

from .. import citydata
from .test_public_pages import PAGES

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(reference, seed_once):
    return seed_once(citydata.build_city)


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
