"""Measuring inside a child process: queries sent, peak memory, percentiles, the JSON line.

Every child script of the benchmark (bench/child.py, the admin, entry, stampede and
document parts) runs in its own process, so its `ru_maxrss` is its measurement's own,
and prints one JSON object on its last line of stdout for bench/run.py.
"""

import json
import resource
from contextlib import contextmanager


class QueryCounter:
    """Counts statements sent to the database (CaptureQueriesContext keeps only 9,000)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __len__(self) -> int:
        return self.count


@contextmanager
def counting_queries():
    from django.db import connection

    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        yield counter


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def emit(payload: dict) -> None:
    payload.setdefault("peak_mb", round(peak_mb(), 1))
    print(json.dumps(payload))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


def home_cached_p50_ms(runs: int = 100) -> float:
    """The cached home page's p50 in this process: the run's yardstick (the issues'
    times were set where it took 0.86 ms). Django must be set up; call it outside any
    transaction, which caches nothing."""
    import time

    from django.core.cache import cache
    from django.test import Client

    client = Client()
    cache.clear()
    client.get("/")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get("/")
        times.append(1000 * (time.perf_counter() - started))
        assert response.status_code == 200, response.status_code
    return round(percentile(times, 0.5), 3)
