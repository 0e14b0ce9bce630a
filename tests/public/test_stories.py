"""Public pages of good examples: approved only, filters, share preview, query counts."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns import models
from campaigns.models.choices import WorkflowStatusChoices as Status
from campaigns.selectors import stories as story_selectors

from .. import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def place(reference):
    ward = models.Ward.objects.get(slug="phuong-duc-xuan")
    area = f.ResidentialAreaFactory(
        ward=ward, name="Tổ Gương", slug="duc-xuan-to-guong"
    )
    return ward, area


@pytest.fixture
def stories(place):
    ward, area = place
    approved = f.StoryFactory(
        title="Gương sáng hiến đất làm đường",
        summary="Bà con Tổ Gương hiến đất mở đường.",
        ward=ward,
        residential_area=area,
        year=2025,
        kind="mo_hinh",
    )
    photo = f.PhotoFactory(story=approved, alt_text="Con đường bê tông mới")
    drafts = [
        f.StoryFactory(
            title=f"Câu chuyện chưa duyệt {status}", ward=ward, status=status
        )
        for status in (Status.DRAFT, Status.SUBMITTED, Status.RETURNED)
    ]
    other = f.StoryFactory(
        title="Tập thể tiêu biểu Sông Cầu",
        ward=models.Ward.objects.get(slug="phuong-song-cau"),
        year=2024,
        kind="tap_the",
    )
    return approved, photo, drafts, other


def test_only_approved_stories_are_public(client, stories):
    approved, _photo, drafts, other = stories
    html = client.get("/guong-sang/").content.decode()
    assert approved.title in html and other.title in html
    for draft in drafts:
        assert draft.title not in html
        assert client.get(f"/guong-sang/{draft.slug}/").status_code == 404
        assert draft.title not in client.get("/tim-kiem/?q=chua+duyet").content.decode()
        assert draft.title not in client.get("/").content.decode()
    response = client.get(f"/guong-sang/{approved.slug}/")
    assert response.status_code == 200


def test_the_story_page_tells_the_story_with_its_photos(client, stories):
    approved, photo, _drafts, _other = stories
    html = client.get(f"/guong-sang/{approved.slug}/").content.decode()
    assert "<p>Đoạn thứ nhất.</p>" in html and "<p>Đoạn thứ hai.</p>" in html
    assert "Tổ Gương" in html and "Phường Đức Xuân" in html and "2025" in html
    assert 'alt="Con đường bê tông mới"' in html
    assert f"{photo.thumbnail.url} 320w, {photo.page_width.url} 960w" in html
    assert '<meta property="og:title" content="Gương sáng hiến đất làm đường">' in html
    assert "Bà con Tổ Gương hiến đất mở đường." in re.search(
        r'<meta property="og:description" content="([^"]*)">', html
    ).group(1)
    image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert image == f"http://testserver{photo.share.url}"
    assert html.count('property="og:type"') == 1
    assert "<script" not in html


def test_filters_by_ward_year_and_kind(client, stories):
    approved, _photo, _drafts, other = stories
    by_ward = client.get("/guong-sang/?don-vi=phuong-song-cau").content.decode()
    assert other.title in by_ward and approved.title not in by_ward
    by_year = client.get("/guong-sang/?nam=2025").content.decode()
    assert approved.title in by_year and other.title not in by_year
    by_kind = client.get("/guong-sang/?loai=tap_the").content.decode()
    assert other.title in by_kind and approved.title not in by_kind
    none = client.get("/guong-sang/?nam=2025&loai=nguoi_tot").content.decode()
    assert "Chưa có gương sáng nào" in none


def test_bad_filters_are_answered_in_vietnamese(client, stories):
    response = client.get("/guong-sang/?loai=xyz")
    assert response.status_code == 400
    assert "không phải là loại gương sáng" in response.content.decode()
    assert client.get("/guong-sang/?don-vi=khong-co").status_code == 404
    assert client.get("/guong-sang/?nam=abc").status_code == 400
    assert client.get("/guong-sang/?trang=9").status_code == 404


def test_the_list_is_paged(client, place, monkeypatch):
    ward, _area = place
    monkeypatch.setattr(story_selectors, "STORY_PAGE_SIZE", 2)
    made = [f.StoryFactory(ward=ward, title=f"Chuyện số {n}") for n in range(5)]
    seen = set()
    for number in (1, 2, 3):
        html = client.get(f"/guong-sang/?trang={number}").content.decode()
        seen |= {s.title for s in made if f">{s.title}<" in html}
    assert seen == {s.title for s in made}
    assert client.get("/guong-sang/?trang=4").status_code == 404


def test_home_ward_and_area_pages_link_their_stories(client, stories):
    approved, _photo, _drafts, other = stories
    link = f'href="/guong-sang/{approved.slug}/"'
    assert link in client.get("/").content.decode()
    assert link in client.get("/don-vi/phuong-duc-xuan/").content.decode()
    assert link in client.get("/khu-dan-cu/duc-xuan-to-guong/").content.decode()
    # A unit's page lists the stories of the units it succeeded as well.
    assert (
        f'href="/guong-sang/{other.slug}/"'
        in client.get("/don-vi/phuong-bac-kan/").content.decode()
    )


def test_search_finds_stories_ignoring_diacritics(client, stories):
    approved, *_ = stories
    for query in ("guong sang hien dat", "GƯƠNG SÁNG", "mo duong"):
        html = client.get("/tim-kiem/", {"q": query}).content.decode()
        assert f'href="/guong-sang/{approved.slug}/"' in html, query


def test_pages_are_cached_and_approval_retires_them(client, stories, place):
    ward, _area = place
    assert client.get("/guong-sang/")["X-Page-Cache"] == "miss"
    assert client.get("/guong-sang/")["X-Page-Cache"] == "hit"
    # Junk parameters share the page's key; declared ones do not.
    assert client.get("/guong-sang/?x=1")["X-Page-Cache"] == "hit"
    assert client.get("/guong-sang/?nam=2025")["X-Page-Cache"] == "miss"
    from django.db import transaction

    with transaction.atomic():
        f.StoryFactory(ward=ward, title="Chuyện mới được duyệt")
    from campaigns.cache import bump_generation

    bump_generation()  # what the on-commit hook does after a real commit
    assert "Chuyện mới được duyệt" in client.get("/guong-sang/").content.decode()


PAGES = ["/guong-sang/", "/guong-sang/?nam=2025&loai=mo_hinh", "/"]


def story_queries(client, paths):
    counts = {}
    for path in paths:
        cache.clear()
        with CaptureQueriesContext(connection) as cold:
            assert client.get(path).status_code == 200, path
        with CaptureQueriesContext(connection) as warm:
            client.get(path)
        counts[path] = (len(cold), len(warm))
    return counts


def add_stories(ward, count):
    for n in range(count):
        story = f.StoryFactory(
            ward=ward, year=2025, kind="mo_hinh", title=f"Mô hình {n}"
        )
        f.PhotoFactory(story=story)
        f.PhotoFactory(story=story)


def test_query_counts_do_not_grow_with_stories(client, stories, place, capsys):
    ward, _area = place
    approved = stories[0]
    paths = [*PAGES, f"/guong-sang/{approved.slug}/", "/don-vi/phuong-duc-xuan/"]
    small = story_queries(client, paths)
    add_stories(ward, 30)
    for _ in range(3):
        f.PhotoFactory(story=approved)
    large = story_queries(client, paths)
    with capsys.disabled():
        print("\nQueries per story page (empty cache, warm cache):")
        for path in paths:
            print(f"  {path:50} small {small[path]}  large {large[path]}")
    for path in paths:
        assert small[path] == large[path], path
        assert small[path][0] <= 30, path
        assert small[path][1] <= 3, path


def test_the_festival_page_shows_the_year_s_festival_photos(client, place):
    import datetime

    ward, area = place
    area.status = Status.APPROVED
    area.save()

    def festival(status, where):
        result = f.AnnualResultFactory(
            residential_area=where,
            year=2025,
            status=status,
            festival_held=True,
            festival_date=datetime.date(2025, 11, 18),
        )
        return f.PhotoFactory(
            story=None, annual_result=result, alt_text=f"Ngày hội {status}"
        )

    festival(Status.APPROVED, area)
    festival(Status.SUBMITTED, f.ResidentialAreaFactory(ward=ward))
    page = client.get("/ngay-hoi/?nam=2025").content.decode()
    assert 'alt="Ngày hội approved"' in page
    assert "Tổ Gương – Phường Đức Xuân" in page  # the caption names the place
    assert "Ngày hội submitted" not in page  # not published yet
