"""No stampede after a bump: a key missed by many requests at once is computed once.

Requests are threads sharing one LocMemCache (its `add` is atomic), as gunicorn's
workers share Redis. Nothing sleeps: `campaigns.cache._sleep` is replaced by a step
that waits for the other threads or moves the module's clock.
"""

import threading

import pytest
from django.core.cache import cache as backend
from django.http import HttpResponse
from django.test import RequestFactory

from campaigns import cache
from campaigns.public.middleware import PublicPageCacheMiddleware

from ..flaky_cache import Clock, FlakyCache, flaky_cache

REQUESTS = 8
PATIENCE = 10  # seconds a thread waits for the others before the test fails


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(cache, "_monotonic", clock)
    return clock


class Crowd:
    """`REQUESTS` threads missing one key together: the first computes, held until
    every other one is waiting for it (in `cache._sleep`) or has been answered."""

    def __init__(self, monkeypatch):
        self.guard = threading.Lock()
        self.waiting: set[int] = set()
        self.answered = 0
        self.others_ready = threading.Event()
        self.computed = threading.Event()
        self.computations = 0
        monkeypatch.setattr(cache, "_sleep", self.sleep)

    def _arrived(self, waiting_thread=None):
        with self.guard:
            if waiting_thread is None:
                self.answered += 1
            else:
                self.waiting.add(waiting_thread)
            if len(self.waiting) + self.answered >= REQUESTS - 1:
                self.others_ready.set()

    def sleep(self, seconds):
        self._arrived(threading.get_ident())
        self.computed.wait(PATIENCE)

    def compute(self, value):
        with self.guard:
            self.computations += 1
            first = self.computations == 1
        if first:  # later computations (the bug under test) must not hang the test
            self.others_ready.wait(PATIENCE)
        self.computed.set()
        return value

    def run(self, request) -> list:
        start = threading.Barrier(REQUESTS)
        results = []

        def one():
            start.wait()
            answer = request()
            results.append(answer)
            self._arrived()

        threads = [threading.Thread(target=one) for _ in range(REQUESTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(PATIENCE * 2)
        return results


def test_a_figure_missed_by_several_requests_at_once_is_computed_once(
    monkeypatch, clock
):
    crowd = Crowd(monkeypatch)
    results = crowd.run(
        lambda: cache.cached("raised", 2025, compute=lambda: crowd.compute(173))
    )
    assert results == [173] * REQUESTS
    assert crowd.computations == 1
    assert len(crowd.waiting) == REQUESTS - 1  # the others waited, none computed
    generation = cache.current_generation()
    assert backend.get(cache.key_for(generation, "computations", "raised", 2025)) == 1
    # The lock is gone with the computation.
    assert backend.get(cache.key_for(generation, "lock", "raised", 2025)) is None


def home_page(view):
    """GET / through the page cache, `view` rendering it."""
    middleware = PublicPageCacheMiddleware(lambda request: view())
    response = middleware(RequestFactory().get("/"))
    return response.content.decode(), response.get("X-Page-Cache")


def html(text):
    return HttpResponse(text, content_type="text/html; charset=utf-8")


def test_after_a_bump_one_request_renders_a_page_the_others_get_the_previous_one(
    monkeypatch, clock
):
    assert home_page(lambda: html("before")) == ("before", "miss")
    cache.bump_generation()
    crowd = Crowd(monkeypatch)
    results = crowd.run(lambda: home_page(lambda: crowd.compute(html("after"))))
    assert crowd.computations == 1
    assert sorted(results) == [("after", "miss")] + [("before", "stale")] * (
        REQUESTS - 1
    )
    assert not crowd.waiting  # the previous page is served without waiting
    assert home_page(lambda: html("never rendered")) == ("after", "hit")


def test_without_a_previous_page_the_others_wait_for_the_new_one(monkeypatch, clock):
    crowd = Crowd(monkeypatch)
    results = crowd.run(lambda: home_page(lambda: crowd.compute(html("page"))))
    assert crowd.computations == 1
    assert sorted(results) == [("page", "hit")] * (REQUESTS - 1) + [("page", "miss")]


def test_a_crashed_lock_holder_delays_the_others_by_the_wait_limit_only(
    monkeypatch, clock
):
    generation = cache.current_generation()
    # A worker killed while computing leaves its lock until LOCK_TIMEOUT.
    backend.add(cache.key_for(generation, "lock", "raised"), "dead", cache.LOCK_TIMEOUT)
    monkeypatch.setattr(cache, "_sleep", clock.advance)
    computed = []
    value = cache.cached("raised", compute=lambda: computed.append(clock()) or 173)
    assert value == 173
    assert computed == [pytest.approx(1000.0 + cache.WAIT_LIMIT, abs=0.1)]
    assert cache.WAIT_LIMIT < cache.LOCK_TIMEOUT
    # Stored: the next request does not wait for the dead lock again.
    assert cache.cached("raised", compute=lambda: 0) == 173


def forbidden_sleep(seconds):
    raise AssertionError("waited for a cache that is down")


def test_with_the_cache_down_figures_are_computed_at_once(monkeypatch):
    with flaky_cache(monkeypatch, down=True):
        monkeypatch.setattr(cache, "_sleep", forbidden_sleep)
        assert cache.cached("raised", compute=lambda: 173) == 173
        assert home_page(lambda: html("page")) == ("page", None)


def test_a_cache_failing_while_waiting_ends_the_wait(monkeypatch):
    with flaky_cache(monkeypatch) as clock:
        generation = cache.current_generation()
        backend.add(cache.key_for(generation, "lock", "raised"), "other", 30)
        sleeps = []

        def sleep(seconds):
            sleeps.append(seconds)
            FlakyCache.down = True

        monkeypatch.setattr(cache, "_sleep", sleep)
        assert cache.cached("raised", compute=lambda: 173) == 173
        assert len(sleeps) == 1
        assert clock() == 1000.0
