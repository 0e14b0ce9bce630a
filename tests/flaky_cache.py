"""A cache backend that can be switched off, as a Redis that stops answering.

While `FlakyCache.down` is true every call raises redis's ConnectionError and counts
itself; switched back on it answers with what it held before, as a Redis that was
unreachable (not restarted) would.
"""

import contextlib

import redis
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.test import override_settings

from campaigns import cache as generation_cache


class FlakyCache(LocMemCache):
    down = False
    failed_calls = 0

    def _check(self):
        if FlakyCache.down:
            FlakyCache.failed_calls += 1
            raise redis.exceptions.ConnectionError("Error 111 connecting. Refused.")


def _failing(name):
    def method(self, *args, **kwargs):
        self._check()
        return getattr(LocMemCache, name)(self, *args, **kwargs)

    method.__name__ = name
    return method


for _name in ("get", "set", "add", "incr", "delete", "touch", "has_key", "get_many"):
    setattr(FlakyCache, _name, _failing(_name))


class Clock:
    """A monotonic clock the test moves by hand (campaigns.cache reads it)."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


@contextlib.contextmanager
def flaky_cache(monkeypatch, *, down=False):
    """Use FlakyCache as the default cache; yields the hand-moved clock."""
    clock = Clock()
    monkeypatch.setattr(generation_cache, "_monotonic", clock)
    monkeypatch.setattr(FlakyCache, "down", down)
    monkeypatch.setattr(FlakyCache, "failed_calls", 0)
    backend = {"BACKEND": "tests.flaky_cache.FlakyCache", "LOCATION": "flaky"}
    with override_settings(CACHES={"default": backend}):
        caches["default"].clear()
        try:
            yield clock
        finally:
            FlakyCache.down = False
            caches["default"].clear()
