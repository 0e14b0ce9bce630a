"""A cache that stops answering slows the site down; it never takes it down.

Pages are rendered uncached, /healthz says "degraded" with a 200, an approval made
meanwhile succeeds, and its bump is made once the cache answers again, so the pages
cached before the outage are not served after it.
"""

import datetime
import logging
from unittest import mock

import pytest
from django.db import DatabaseError, connection
from django.urls import reverse

from campaigns import cache, formatting
from campaigns.access.scope import CITY_STAFF
from campaigns.models import Donation, Ward
from campaigns.models.choices import WorkflowStatusChoices

from .. import citydata
from .. import factories as f
from ..accounts import make_user
from ..flaky_cache import FlakyCache, flaky_cache
from .test_public_pages import PAGES

DAY = datetime.date(2025, 9, 1)


@pytest.fixture
def city(reference, seed_once):
    return seed_once(citydata.build_city)


@pytest.fixture
def ward(reference):
    return Ward.objects.get(slug="phuong-bac-kan")


def test_every_public_page_answers_with_the_cache_down(city, client, monkeypatch):
    with flaky_cache(monkeypatch, down=True):
        for path in PAGES:
            response = client.get(path)
            assert response.status_code == 200, path
            assert "X-Page-Cache" not in response, path
        assert client.get("/du-lieu/don-vi.csv").status_code == 200
        assert client.get("/?nam=abc").status_code == 400
        # One failed call, then the backend is left alone until RETRY_AFTER passes:
        # a dead Redis costs one timeout per interval, not one per call.
        assert FlakyCache.failed_calls == 1


def test_figures_are_computed_when_the_cache_fails(ward, monkeypatch):
    f.DonationFactory(ward=ward, date=DAY, amount=7_000_000)
    with flaky_cache(monkeypatch, down=True):
        assert cache.current_generation() is None
        assert cache.cached("x", compute=lambda: "computed") == "computed"
        cache.bump_generation()  # does not raise


def test_the_cache_is_tried_again_after_the_pause(ward, client, monkeypatch):
    with flaky_cache(monkeypatch, down=True) as clock:
        client.get("/")
        clock.advance(cache.RETRY_AFTER - 0.1)
        client.get("/")
        assert FlakyCache.failed_calls == 1
        FlakyCache.down = False
        clock.advance(0.2)
        client.get("/")
        assert client.get("/")["X-Page-Cache"] == "hit"


def test_healthz_reports_a_degraded_cache_with_200(reference, client, monkeypatch):
    with flaky_cache(monkeypatch, down=True):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {
            "status": "degraded",
            "database": "ok",
            "cache": "degraded",
        }
        with mock.patch.object(
            connection, "cursor", side_effect=DatabaseError("database is down")
        ):
            response = client.get("/healthz")
        assert response.status_code == 503
        assert response.json()["database"] == "unavailable"


def test_a_warning_at_most_once_a_minute(ward, client, monkeypatch, caplog):
    caplog.set_level(logging.WARNING, logger="campaigns.cache")
    with flaky_cache(monkeypatch, down=True) as clock:

        def warnings_after(seconds):
            clock.advance(seconds)
            client.get("/")
            return len([r for r in caplog.records if r.name == "campaigns.cache"])

        assert warnings_after(0) == 1
        assert "ConnectionError" in caplog.records[0].getMessage()
        # Tried again every RETRY_AFTER seconds, failing each time, warned once.
        for _ in range(int(cache.WARNING_INTERVAL // cache.RETRY_AFTER) - 1):
            assert warnings_after(cache.RETRY_AFTER) == 1
        assert warnings_after(cache.RETRY_AFTER) == 2


def raised(client) -> tuple[str, str | None]:
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode(), response.get("X-Page-Cache")


def test_an_approval_while_the_cache_is_down_succeeds_and_shows_after_it(
    ward, client, monkeypatch, django_capture_on_commit_callbacks
):
    staff = client.__class__()
    staff.force_login(make_user("city-outage", CITY_STAFF))
    f.DonationFactory(ward=ward, date=DAY, amount=123_000_000)
    pending = f.DonationFactory(
        ward=ward, date=DAY, amount=50_000_000, status=WorkflowStatusChoices.SUBMITTED
    )
    old, new = formatting.money_short(123_000_000), formatting.money_short(173_000_000)
    with flaky_cache(monkeypatch) as clock:
        raised(client)
        page, source = raised(client)
        assert (old in page, source) == (True, "hit")
        before = cache.current_generation()

        FlakyCache.down = True
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            response = staff.post(
                reverse("admin:campaigns_donation_changelist"),
                {"action": "approve_selected", "_selected_action": [pending.pk]},
            )
        assert response.status_code == 302
        assert callbacks  # the bump was asked for, and could not be made
        assert Donation.objects.get(pk=pending.pk).status == "approved"
        page, source = raised(client)  # meanwhile: computed, not cached
        assert (new in page, source) == (True, None)

        FlakyCache.down = False  # Redis back, with the pages it held
        clock.advance(cache.RETRY_AFTER)
        page, source = raised(client)
        assert (new in page, old in page, source) == (True, False, "miss")
        assert cache.current_generation() > before


def test_a_lost_generation_key_never_brings_old_pages_back(ward, client, monkeypatch):
    wall = iter([1_000.0, 2_000.0])
    monkeypatch.setattr(cache, "_wall_clock", lambda: next(wall))
    f.DonationFactory(ward=ward, date=DAY, amount=123_000_000)
    client.get("/")  # cached under the first generation
    f.DonationFactory(ward=ward, date=DAY, amount=50_000_000)
    cache.bump_generation()
    assert formatting.money_short(173_000_000) in raised(client)[0]
    assert cache.current_generation() == 1_000_000_001

    from django.core.cache import cache as backend

    backend.delete(cache.GENERATION_KEY)  # evicted (allkeys-lru) or lost
    page, source = raised(client)
    assert cache.current_generation() == 2_000_000_000  # from the clock, not 1
    assert source == "miss"
    assert formatting.money_short(173_000_000) in page
