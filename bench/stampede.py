"""No stampede: 64 clients on `/` right after an approval's bump (issue 17).

Starts gunicorn as production does (gunicorn.conf.py, bench.load.gunicorn), renders `/`
under a generation of its own and measures it cached: one client after another (the
run's yardstick), then 64 clients at once (what they cost on this machine with nothing
to compute). Then it bumps the generation exactly as an approval does
(`campaigns.cache.bump_generation()`: a Redis change only, nothing is written to the
database) and at once releases the same 64 clients on `/`, each making a few requests
on a new connection each, as browsers behind nginx do. Every request is timed to its
end (a fixed number, so a slow one cannot fall out of a time window); an error is a
status other than 200 or no answer within 30 s.

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


def request(host: str, port: int, path: str = "/") -> tuple[float, int | None, str]:
    """One GET on a new connection: milliseconds, status (None: no answer), X-Page-Cache."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection(host, port, timeout=30)
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


def clients(host: str, port: int, count: int, each: int, first=None) -> dict:
    """`count` clients released together (right after `first()`), `each` GET / each."""
    samples: list[tuple[float, int | None, str]] = []
    lock = threading.Lock()
    ready = threading.Barrier(count + 1)

    def client():
        ready.wait()
        mine = [request(host, port) for _ in range(each)]
        with lock:
            samples.extend(mine)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    if first is not None:
        first()
    started = time.perf_counter()
    ready.wait()
    for thread in threads:
        thread.join()
    timings = [ms for ms, _, _ in samples]
    return {
        "requests": len(samples),
        "seconds": round(time.perf_counter() - started, 2),
        "p50_ms": round(percentile(timings, 0.5), 1),
        "p99_ms": round(percentile(timings, 0.99), 1),
        "max_ms": round(max(timings), 1),
        "errors": sum(1 for _, status, _ in samples if status != 200),
        "x_page_cache": {
            label or "none": sum(1 for _, _, c in samples if c == label)
            for label in sorted({c for _, _, c in samples})
        },
    }


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
        # A generation of its own, rendered once (as after any earlier approval),
        # then every worker's code warmed on the cached page.
        cache.bump_generation()
        for _ in range(8):
            request(host, port)
        home_p50 = cached_home_p50(host, port, options.cached_runs)
        cached = clients(host, port, options.clients, options.requests)
        after = clients(
            host, port, options.clients, options.requests, cache.bump_generation
        )
        generation = cache.current_generation()
    counts = computations(generation)
    emit(
        {
            "clients": options.clients,
            "requests": after["requests"],
            "p50_ms": after["p50_ms"],
            "p99_ms": after["p99_ms"],
            "errors": after["errors"],
            "recomputations": sum(counts.values()),
            "figures": len(counts),
            "max_per_figure": max(counts.values(), default=0),
            "home_cached_p50_ms": round(home_p50, 2),
            "p99_in_cached_home_p50s": round(after["p99_ms"] / home_p50, 1),
            "after_bump": after,
            "cached_same_clients": cached,
            "per_key": dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
            "setup": "gunicorn -c gunicorn.conf.py (4 sync workers, Redis); "
            f"bump_generation(), then {options.clients} clients × {options.requests} "
            "GET / on new connections, released together, timed by the client; "
            "cached_same_clients: the same before the bump; home_cached_p50_ms: "
            f"one client, {options.cached_runs} requests",
        }
    )


if __name__ == "__main__":
    main()
