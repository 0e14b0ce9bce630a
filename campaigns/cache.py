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

No stampede after a bump (issue 17): `fill` lets one process compute a key that
missed while the others wait for it (figures) or serve the page of the previous
generation meanwhile (pages, `stale=True`); `count_computation` counts each one.
"""

import logging
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, NamedTuple, TypeVar

from django.core.cache import cache

from portal.db_routers import reads_from_primary

T = TypeVar("T")

logger = logging.getLogger("campaigns.cache")

GENERATION_KEY = "campaigns:generation"
TIMEOUT = 60 * 60 * 24
RETRY_AFTER = 5.0
WARNING_INTERVAL = 60.0
# A computation's lock outlives any live holder: gunicorn kills a worker at 30 s.
LOCK_TIMEOUT = 30
# How long a request waits for a value another process computes before computing it
# itself: above the slowest public page after a bump at nation scale on a loaded
# machine (5.5 s measured), or the protection fails when it is needed most; a holder
# that crashed is the rare case, and waiter + computation stay under gunicorn's 30 s.
WAIT_LIMIT = 10.0
POLL_INTERVAL = 0.02

# Module attributes so tests can move time without sleeping.
_monotonic = time.monotonic
_wall_clock = time.time
_sleep = time.sleep


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


# The generation a public page is being rendered under (`generation_pinned`).
_pinned: ContextVar[int | None] = ContextVar("campaigns_generation", default=None)


def current_generation() -> int | None:
    """The generation cached keys are under; None while the cache is unavailable."""
    pinned = _pinned.get()
    if pinned is not None:
        return pinned
    try:
        return _use(_read_generation)
    except CacheUnavailable:
        return None


@contextmanager
def generation_pinned(generation: int) -> Iterator[None]:
    """Read every figure of one page under `generation`, asking the cache for it once.

    A page's twenty-odd figures each asked Redis for the generation first; pinned, a
    page is also made of one generation's figures only, never of figures from both
    sides of an approval that lands while it renders. A bump inside the block (a write
    in the same request) unpins it, so what follows reads the new generation.
    """
    token = _pinned.set(generation)
    try:
        yield
    finally:
        _pinned.reset(token)


def bump_generation() -> None:
    """Retire every cached aggregate; call after approvals, returns, reopenings and imports.

    Never raises: a bump the cache cannot take is made when the cache answers again.
    """
    _pinned.set(None)
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


def key_for(generation: int | str, *parts) -> str:
    """The cache key of a figure or page (`parts`) under `generation` ("latest": the
    pointer to the generation that last stored a page)."""
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


class Filled(NamedTuple):
    """What `fill` got: `compute()`'s result (`computed`), or the stored form of it."""

    value: Any
    computed: bool
    stale: bool = False


def _same(value):
    return value


def fill(
    generation: int,
    parts: tuple,
    compute: Callable[[], T],
    *,
    timeout: int,
    keep: Callable[[T], Any] = _same,
    stale: bool = False,
) -> Filled:
    """The cached value of `parts`, or `compute()` run once across processes.

    On a miss, the process whose `add` of the key's lock succeeds computes, stores
    `keep(value)` (None: nothing to store) and releases the lock. The others serve the
    value of an earlier generation if `stale` allows it and one is kept, or wait for
    the value, polling every POLL_INTERVAL; they compute it themselves only when
    WAIT_LIMIT passes, the lock goes without a value (a holder that crashed, or a
    value that could not be stored) or the cache fails. A dead cache: no lock, no wait.
    """
    key = key_for(generation, *parts)
    lock = key_for(generation, "lock", *parts)
    latest = key_for("latest", *parts)
    # One round trip for a hit, and for what a miss needs to know next.
    names = [key, lock, latest] if stale else [key, lock]
    won = False
    try:
        found = _use(lambda: cache.get_many(names))
        if key in found:
            return Filled(found[key], computed=False)
        token = uuid.uuid4().hex
        if lock not in found:
            won = _use(lambda: cache.add(lock, token, LOCK_TIMEOUT))
    except CacheUnavailable:
        return Filled(compute(), computed=True)
    if not won:
        previous = _previous(generation, parts, found.get(latest)) if stale else None
        if previous is not None:
            return Filled(previous, computed=False, stale=True)
        waited = _wait(key, lock)
        if waited is not None:
            return Filled(waited, computed=False)
    try:
        count_computation(generation, *parts)
        value = compute()
        kept = keep(value)
        if kept is not None:
            store(key, kept, timeout)
            if stale:
                store(latest, generation, timeout)
    finally:
        if won:
            _release(lock, token)
    return Filled(value, computed=True)


def _previous(generation: int, parts: tuple, latest: int | None) -> Any:
    """The value of `parts` under `latest`, the last generation that stored it."""
    if latest is None or latest >= generation:
        return None
    return fetch(key_for(latest, *parts))


def _wait(key: str, lock: str) -> Any:
    """The value another process is computing; None if it does not come."""
    deadline = _monotonic() + WAIT_LIMIT
    while _monotonic() < deadline:
        _sleep(POLL_INTERVAL)
        try:
            found = _use(lambda: cache.get_many([key, lock]))
        except CacheUnavailable:
            return None
        if key in found:
            return found[key]
        if lock not in found:
            return None
    return None


def _release(lock: str, token: str) -> None:
    # Only our own lock: one that outlived LOCK_TIMEOUT may be another process's now.
    try:
        _use(lambda: cache.get(lock) == token and cache.delete(lock))
    except CacheUnavailable:
        pass


def cached(name: str, *parts, compute: Callable[[], T], timeout: int = TIMEOUT) -> T:
    generation = current_generation()
    if generation is None:
        return compute()  # uncached, from wherever this request reads

    def from_primary() -> T:
        # A lagging replica could store pre-approval figures under the new
        # generation, where they would stay until the next bump.
        with reads_from_primary():
            return compute()

    # Never stale: a page rendered from an earlier generation's figures would be
    # stored under the new one.
    return fill(generation, (name, *parts), from_primary, timeout=timeout).value
