"""Cached aggregates under a generation key.

`services/publication.py` calls `bump_generation()` when a change to published data
commits (the one place that does); every cached figure's and page's key contains the
current generation, so one bump retires all of them at once instead of deleting keys
one by one (the idea of djangoproject.com's dashboard `generation_key`).
"""

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

from portal.db_routers import reads_from_primary

T = TypeVar("T")

GENERATION_KEY = "campaigns:generation"
TIMEOUT = 60 * 60 * 24


def current_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # add() so two processes starting together agree on one value.
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def bump_generation() -> None:
    """Retire every cached aggregate; call after approvals, returns, reopenings and imports."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def cached(name: str, *parts, compute: Callable[[], T], timeout: int = TIMEOUT) -> T:
    key = ":".join(["campaigns", str(current_generation()), name, *map(str, parts)])
    value = cache.get(key)
    if value is None:
        # From the primary: a lagging replica could store pre-approval figures under
        # the new generation, where they would stay until the next bump.
        with reads_from_primary():
            value = compute()
        cache.set(key, value, timeout=timeout)
    return value
