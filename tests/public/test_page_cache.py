"""Whole public pages come from the cache, and an approval shows up at once."""

import datetime
import re

import pytest

from campaigns import formatting, selectors
from campaigns.cache import bump_generation
from campaigns.models import Ward
from campaigns.models.choices import WorkflowStatusChoices

from .. import factories as f

DAY = datetime.date(2025, 9, 1)


@pytest.fixture
def ward(reference):
    return Ward.objects.get(slug="phuong-bac-kan")


def raised_on_page(client):
    response = client.get("/")
    assert response.status_code == 200
    return response


def test_cached_figures_change_after_an_approval(ward, client):
    f.DonationFactory(ward=ward, date=DAY, amount=123_000_000)
    first = raised_on_page(client)
    assert first["X-Page-Cache"] == "miss"
    assert formatting.money_short(123_000_000) in first.content.decode()
    assert raised_on_page(client)["X-Page-Cache"] == "hit"

    pending = f.DonationFactory(
        ward=ward, date=DAY, amount=50_000_000, status=WorkflowStatusChoices.SUBMITTED
    )
    pending.status = WorkflowStatusChoices.APPROVED
    pending.save()
    # Until the approval bumps the generation, the page and its figures are the cached ones.
    stale = raised_on_page(client)
    assert stale["X-Page-Cache"] == "hit"
    assert formatting.money_short(123_000_000) in stale.content.decode()

    bump_generation()  # what every approval and import does
    fresh = raised_on_page(client)
    assert fresh["X-Page-Cache"] == "miss"
    assert selectors.city_overview(year=2025).fund_year.raised == 173_000_000
    assert formatting.money_short(173_000_000) in fresh.content.decode()
    assert formatting.money_short(123_000_000) not in fresh.content.decode()


def test_a_cached_page_is_the_same_page(ward, client):
    f.DonationFactory(ward=ward, date=DAY, amount=9_000_000)
    fresh, cached = client.get("/don-vi/"), client.get("/don-vi/")
    assert (fresh["X-Page-Cache"], cached["X-Page-Cache"]) == ("miss", "hit")
    assert cached.content == fresh.content
    assert cached["Content-Type"] == fresh["Content-Type"]
    # Headers of the outer middleware are still added to cached pages.
    assert cached["X-Frame-Options"] == "DENY"
    assert cached["X-Content-Type-Options"] == "nosniff"


def test_signed_in_staff_admin_and_query_variants_are_not_mixed(
    ward, client, admin_user
):
    f.DonationFactory(ward=ward, date=DAY)
    client.get("/")
    assert client.get("/?nam=2025")["X-Page-Cache"] == "miss"  # its own key
    client.force_login(admin_user)
    assert "X-Page-Cache" not in client.get("/")
    assert "X-Page-Cache" not in client.get("/quan-tri/")
    client.logout()


def test_errors_and_downloads_are_not_cached(ward, client):
    f.DonationFactory(ward=ward, date=DAY)
    assert client.get("/?nam=abc").status_code == 400
    assert "X-Page-Cache" not in client.get("/?nam=abc")
    assert "X-Page-Cache" not in client.get("/healthz")


def test_an_approval_through_the_workflow_changes_the_cached_page(
    ward, client, django_capture_on_commit_callbacks
):
    from campaigns.services import workflow

    from ..accounts import World

    city = World().users["city"]
    f.DonationFactory(ward=ward, date=DAY, amount=123_000_000)
    pending = f.DonationFactory(
        ward=ward, date=DAY, amount=50_000_000, status=WorkflowStatusChoices.SUBMITTED
    )
    assert (
        formatting.money_short(123_000_000) in raised_on_page(client).content.decode()
    )
    assert raised_on_page(client)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        workflow.record_approve(record=pending, by=city)
    fresh = raised_on_page(client)
    assert fresh["X-Page-Cache"] == "miss"
    assert formatting.money_short(173_000_000) in fresh.content.decode()


def page_keys() -> set[str]:
    """Stored pages (not their counters of computations or "latest" pointers)."""
    from django.core.cache import cache

    return {key for key in cache._cache if re.search(r":campaigns:\d+:page:", key)}


def test_unknown_parameters_add_no_cache_entry(ward, client):
    f.DonationFactory(ward=ward, date=DAY)
    assert client.get("/")["X-Page-Cache"] == "miss"
    keys = page_keys()
    assert len(keys) == 1
    for n in range(20):
        response = client.get(f"/?junk={n}&utm_source=x{n}&nam=")
        assert (response.status_code, response["X-Page-Cache"]) == (200, "hit")
    assert page_keys() == keys
    # What the view and its links see is what the key holds: no junk carried along.
    assert "junk" not in client.get("/don-vi/?junk=1").content.decode()


def test_known_parameters_still_make_their_own_pages(ward, client):
    f.DonationFactory(ward=ward, date=DAY)
    f.DonationFactory(ward=ward, date=datetime.date(2024, 9, 1))
    client.get("/")
    assert client.get("/?nam=2024")["X-Page-Cache"] == "miss"
    assert client.get("/?nam=%202024&x=1")["X-Page-Cache"] == "hit"  # same page
    assert client.get("/?trang=1")["X-Page-Cache"] == "miss"
    assert client.get("/?trang=001")["X-Page-Cache"] == "hit"  # the same page 1
    assert len(page_keys()) == 3
    assert client.get("/?nam=2024").context is None  # from the cache, not rendered
    assert "2024" in client.get("/?nam=2024&junk=1").content.decode()


def test_bad_values_search_and_crossed_pages_are_not_stored(ward, client):
    f.DonationFactory(ward=ward, date=DAY)
    for path in (
        "/?nam=1900",  # no such year: 404
        "/?trang=999",  # beyond the last page: 404
        "/?trang=x",  # 400
        "/tim-kiem/?q=phuong",  # one key per search otherwise
        "/tim-kiem/",
        "/khong-co-trang-nay/?x=1",
    ):
        client.get(path)
    assert page_keys() == set()


def test_keys_per_page_grow_with_the_sum_of_its_tables_pages():
    from django.http import QueryDict

    from campaigns.public.middleware import PageQuery

    query = PageQuery(params=("nam",), pages=("trang", "trang-danh-muc"))

    def bounded(string):
        return query.bounded(query.canonical(QueryDict(string)))

    assert query.canonical(QueryDict("trang=02&nam=2024&x=1&trang-danh-muc=")) == [
        ("nam", "2024"),
        ("trang", "2"),
    ]
    assert bounded("nam=2024&trang=2&trang-danh-muc=1")
    assert not bounded("nam=2024&trang=2&trang-danh-muc=3")
    assert not bounded("nam=" + "9" * 30)


def test_every_public_page_declares_its_parameters_or_is_never_cached():
    from campaigns.public import urls

    never_cached = {"dataset-download", "search", "healthz"}
    for pattern in urls.urlpatterns:
        declared = getattr(pattern.callback, "page_query", None)
        assert (declared is None) == (pattern.name in never_cached), pattern.name


def test_a_page_asks_the_cache_for_the_generation_once(ward, client, monkeypatch):
    from campaigns import cache

    f.DonationFactory(ward=ward, date=DAY, amount=123_000_000)
    reads = []
    read = cache._read_generation
    monkeypatch.setattr(cache, "_read_generation", lambda: reads.append(1) or read())
    # Signed in: the page cache steps aside, every figure is read through `cached()`.
    client.cookies["sessionid"] = "no-such-session"
    response = client.get("/")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert len(reads) == 1
    assert cache._pinned.get() is None  # unpinned after the request


def test_a_bump_inside_a_pinned_render_reads_the_new_generation():
    from campaigns import cache

    before = cache.current_generation()
    with cache.generation_pinned(before):
        bump_generation()
        assert cache.current_generation() != before
        assert cache.current_generation() == cache._read_generation()
    assert cache.current_generation() == cache._read_generation()
