"""No stampede: 64 clients on `/` right after an approval's bump (issue 17).

Starts gunicorn as production does (gunicorn.conf.py, bench.load.gunicorn), warms `/`,
measures the cached home page, then bumps the cache generation exactly as an approval
does (`campaigns.cache.bump_generation()`: only a Redis change, nothing is written to
the database) and at once releases 64 clients on `/`, each making a few requests on a
new connection each, as browsers behind nginx do. Every request's latency and status
is recorded; an error is a status other than 200 or no answer within 30 s.

The recomputations are read from the counters `campaigns.cache.count_computation`
keeps under the new generation: one per computation of a figure or a page.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=… REDIS_URL=… \\
        python bench/stampede.py [--clients 64] [--requests 5]

Prints one JSON object last: clients, requests, p50_ms, p99_ms, errors,
recomputations, figures, max_per_figure, home_cached_p50_ms and the per-key counts.
"""

import argparse
import http.client
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import gunicorn  # noqa: E402
from bench.measure import emit, percentile  # noqa: E402

TIMEOUT = 30  # gunicorn kills a worker at 30 s (gunicorn.conf.py)


def request(host: str, port: int, path: str = "/") -> tuple[float, int | None, str]:
    """One GET on a new connection: milliseconds, status (None: no answer), X-Page-Cache."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        status, cache = response.status, response.getheader("X-Page-Cache", "")
    except OSError:
        status, cache = None, ""
    finally:
        connection.close()
    return (time.perf_counter() - started) * 1000, status, cache


def cached_home_p50(host: str, port: int, runs: int) -> float:
    """The cached home page, one client after another: the yardstick of this run."""
    timings = []
    for _ in range(runs):
        ms, status, cache = request(host, port)
        if status != 200 or cache != "hit":
            raise RuntimeError(f"/ is not served from the page cache: {status} {cache}")
        timings.append(ms)
    return statistics.median(timings)


def stampede(host: str, port: int, clients: int, each: int, bump) -> list:
    """`clients` threads, released together right after `bump()`, `each` requests each."""
    samples: list[tuple[float, int | None, str]] = []
    lock = threading.Lock()
    ready = threading.Barrier(clients + 1)

    def client():
        ready.wait()
        mine = [request(host, port) for _ in range(each)]
        with lock:
            samples.extend(mine)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    bump()
    ready.wait()  # the bump is made before any client is released
    for thread in threads:
        thread.join(timeout=TIMEOUT * each + 30)
    return samples


def computations(generation: int) -> dict[str, int]:
    """The counters of computations under `generation`, by key (figure name or page)."""
    from django.core.cache import cache

    from campaigns.cache import key_for

    prefix = key_for(generation, "computations", "")
    client = cache._cache.get_client(write=False)  # django's RedisCache
    counts = {}
    for raw in client.scan_iter(match=f"*{prefix}*", count=1000):
        name = raw.decode()
        counts[name.split(prefix, 1)[1]] = int(client.get(raw))
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--requests", type=int, default=5, help="per client")
    parser.add_argument("--cached-runs", type=int, default=200)
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    if not os.environ.get("REDIS_URL"):
        emit({"error": "REDIS_URL is not set: one generation needs a shared cache"})
        return
    import django

    django.setup()
    from campaigns import cache

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    with gunicorn(env, log_name="gunicorn-stampede.log") as base:
        host, _, port = base.removeprefix("http://").partition(":")
        port = int(port)
        for _ in range(3):  # warm every worker's code, the page and its figures
            request(host, port)
        home_p50 = cached_home_p50(host, port, options.cached_runs)
        samples = stampede(
            host, port, options.clients, options.requests, cache.bump_generation
        )
        generation = cache.current_generation()
        after = cached_home_p50(host, port, 50)
    counts = computations(generation)
    timings = [ms for ms, _, _ in samples]
    errors = sum(1 for _, status, _ in samples if status != 200)
    p50, p99 = percentile(timings, 0.5), percentile(timings, 0.99)
    emit(
        {
            "clients": options.clients,
            "requests": len(samples),
            "p50_ms": round(p50, 1),
            "p99_ms": round(p99, 1),
            "max_ms": round(max(timings), 1),
            "errors": errors,
            "recomputations": sum(counts.values()),
            "figures": len(counts),
            "max_per_figure": max(counts.values(), default=0),
            "home_cached_p50_ms": round(home_p50, 2),
            "home_cached_p50_after_ms": round(after, 2),
            "p99_in_cached_home_p50s": round(p99 / home_p50, 1),
            "page_cache": {
                value or "none": sum(1 for _, _, c in samples if c == value)
                for value in {c for _, _, c in samples}
            },
            "per_key": dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
            "setup": "gunicorn -c gunicorn.conf.py (4 sync workers); bump_generation() "
            f"then {options.clients} clients × {options.requests} GET / on new "
            "connections, released together; latency measured by the client",
        }
    )


if __name__ == "__main__":
    main()
