"""Cached aggregates under a generation key, and what happens when the cache fails.

`services/publication.py` calls `bump_generation()` when a change to published data
commits (the one place that does); every cached figure's and page's key contains the
current generation, so one bump retires all of them at once instead of deleting keys
one by one (the idea of djangoproject.com's dashboard `generation_key`).

The cache is an accelerator, never a dependency: every call goes through `_use()`,
which turns any backend error into "no cache" (figures computed, pages rendered, the
write that asked for a bump committed), logs a warning at most once a minute, and
leaves the backend alone for `RETRY_AFTER` seconds so a dead Redis costs one timeout
per process per interval rather than one per call. A process that saw the cache fail
bumps the generation before its first call once the cache answers again: any bump,
of any process, may have been lost while it was down (docs/decisions.md, issue 11).
"""

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache

from portal.db_routers import reads_from_primary

T = TypeVar("T")

logger = logging.getLogger("campaigns.cache")

GENERATION_KEY = "campaigns:generation"
TIMEOUT = 60 * 60 * 24
RETRY_AFTER = 5.0
WARNING_INTERVAL = 60.0

# Module attributes so tests can move time without sleeping.
_monotonic = time.monotonic
_wall_clock = time.time


class CacheUnavailable(Exception):
    """The cache backend failed, or is being left alone after a failure."""


class _Health:
    """This process's view of the cache backend (one per process: workers are sync)."""

    def __init__(self):
        self.skip_until = 0.0
        self.missed = False  # a call failed: a bump may have been lost meanwhile
        self.warned_at: float | None = None


_health = _Health()


def reset_health() -> None:
    """Forget past failures (tests, between cases)."""
    global _health
    _health = _Health()


def _use(operation: Callable[[], T]) -> T:
    """Run one cache operation; CacheUnavailable when the backend fails or is skipped."""
    now = _monotonic()
    if now < _health.skip_until:
        raise CacheUnavailable
    try:
        if _health.missed:
            # Before the operation: a page must not be read under the old generation.
            _increment_generation()
            _health.missed = False
            logger.info("Cache available again; cached figures and pages retired.")
        return operation()
    except Exception as exc:
        _failed(exc, now)
        raise CacheUnavailable from exc


def _failed(exc: Exception, now: float) -> None:
    _health.skip_until = now + RETRY_AFTER
    _health.missed = True
    if _health.warned_at is None or now - _health.warned_at >= WARNING_INTERVAL:
        _health.warned_at = now
        logger.warning(
            "Cache unavailable (%s: %s); serving pages uncached, retrying every %ss.",
            type(exc).__name__,
            exc,
            RETRY_AFTER,
        )


def _seed() -> int:
    # Microseconds of the wall clock, not 1: a generation key lost to eviction or a
    # restart must come back above every generation used before, or pages cached
    # under an old generation (still in the cache) would be served again.
    return int(_wall_clock() * 1_000_000)


def _read_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        seed = _seed()
        # add() so two processes starting together agree on one value.
        cache.add(GENERATION_KEY, seed, timeout=None)
        generation = cache.get(GENERATION_KEY, seed)
    return generation


def _increment_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # missing: evicted, or the cache restarted empty
        cache.set(GENERATION_KEY, _seed(), timeout=None)


def current_generation() -> int | None:
    """The generation cached keys are under; None while the cache is unavailable."""
    try:
        return _use(_read_generation)
    except CacheUnavailable:
        return None


def bump_generation() -> None:
    """Retire every cached aggregate; call after approvals, returns, reopenings and imports.

    Never raises: a bump the cache cannot take is made when the cache answers again.
    """
    try:
        _use(_increment_generation)
    except CacheUnavailable:
        _health.missed = True


def status() -> str:
    """ "ok" when the cache answers, "degraded" when pages are served without it."""
    return "ok" if current_generation() is not None else "degraded"


def fetch(key: str) -> Any:
    """The cached value, or None when absent or the cache is unavailable."""
    try:
        return _use(lambda: cache.get(key))
    except CacheUnavailable:
        return None


def store(key: str, value: Any, timeout: int) -> None:
    """Cache `value` if the cache is available; otherwise nothing."""
    try:
        _use(lambda: cache.set(key, value, timeout))
    except CacheUnavailable:
        pass


def key_for(generation: int, *parts) -> str:
    """The cache key of a figure or page (`parts`) under `generation`."""
    return ":".join(["campaigns", str(generation), *map(str, parts)])


def count_computation(generation: int, *parts) -> None:
    """Count one computation of a cached key, under its generation (bench/stampede.py).

    One `add` (or `incr`) on a miss only, so it costs nothing on the common path; the
    counters retire with their generation like the values they count.
    """
    counter = key_for(generation, "computations", *parts)

    def increment():
        if not cache.add(counter, 1, TIMEOUT):
            try:
                cache.incr(counter)
            except ValueError:  # expired between the two calls
                cache.add(counter, 1, TIMEOUT)

    try:
        _use(increment)
    except CacheUnavailable:
        pass


def cached(name: str, *parts, compute: Callable[[], T], timeout: int = TIMEOUT) -> T:
    generation = current_generation()
    if generation is None:
        return compute()  # uncached, from wherever this request reads
    key = key_for(generation, name, *parts)
    value = fetch(key)
    if value is None:
        count_computation(generation, name, *parts)
        # From the primary: a lagging replica could store pre-approval figures under
        # the new generation, where they would stay until the next bump.
        with reads_from_primary():
            value = compute()
        store(key, value, timeout)
    return value
