"""The portal's benchmark: `make bench SCALE=city|province|nation` (PostgreSQL only).

Creates and seeds its own databases (portal_bench_<scale>, portal_bench_io), then
measures side by side in one run:

- seed_demo at each scale (city, province, and nation when SCALE=nation);
- server time p50/p95 and queries per request of every public page, uncached and
  cached (in-process test client, cache cleared before every uncached request);
- requests/s of `/` and of a minimal Django view under the same gunicorn setup
  (gunicorn.conf.py) and the same wrk load on loopback, and their ratio;
- export of 100,000 supports (XLSX, CSV) and import of 10,000 yearly results (dry
  run and commit), the portal's against plain django-import-export, each in its own
  process so its peak memory is its own;
- load (bench/load.py): wrk -t2 -c64 -d60s on a cached page, an uncached one and
  one that queries PostgreSQL on every request;
- faults (bench/faults.py): a PostgreSQL restart and a Redis stop under load, in a
  cluster and a redis-server of the benchmark's own, errors and recovery time;
- hostile files: bench.hostile.hostile_figures() when that module exists.

Prints a table and writes bench/results.json. Not part of the test suite.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import sys
from pathlib import Path

sys.path.insert(
    0, str(Path(__file__).resolve().parent.parent)
)  # `python bench/run.py` too

from bench.common import (  # noqa: E402
    PYTHON,
    RESULTS,
    ROOT,
    SCALES,
    child,
    child_script,
    ensure_database,
    env_for,
    log,
    run,
)
from bench.report import print_table, verdicts  # noqa: E402
from bench.seeding import drop_database, seed  # noqa: E402
from bench.throughput import throughput  # noqa: E402


def io_figures(db: str) -> dict:
    figures: dict = {"database": db}
    if db == "portal_bench_io":
        ensure_database(db, fresh=True)
        figures["prepare"] = child(["prepare-io"], db)
    for fmt in ("xlsx", "csv"):
        for variant in ("plain", "portal"):
            log(f"export {variant} {fmt}")
            figures[f"export_{variant}_{fmt}"] = child(
                ["export", variant, fmt], db, check=False
            )
    for variant in ("plain", "portal"):
        log(f"import {variant}")
        figures[f"import_{variant}"] = child(["import", variant], db, check=False)
    return figures


def load_parts(results: dict, options, skip: set, db: str) -> None:
    """Load, faults and hostile files (bench/load.py, bench/faults.py)."""
    from bench import faults, load

    if not shutil.which("wrk") and not {"load", "faults"} <= skip:
        log("wrk is not installed; skipping load and faults (make bench installs it)")
        skip |= {"load", "faults"}
        results["load"] = results["faults"] = {"error": "wrk missing"}
    if "load" not in skip:
        log("load")
        results["load"] = load.load_figures(
            env_for(db),
            seconds=options.load_duration,
            connections=options.load_connections,
            threads=options.load_threads,
        )
        results["load"]["scale"] = results["scale"]
        results["workers_peak_mb"] = results["load"]["workers_memory"]["peak_mb"]
    if "faults" not in skip:
        log("faults")
        results["faults"] = faults.fault_figures(
            env_for(db, redis=False),
            seconds=options.fault_duration,
            connections=options.fault_connections,
            fault_at=options.fault_at,
            redis_down=options.redis_down,
            keep=options.reuse,
        )
    if "hostile" not in skip:
        log("hostile files")
        out, usage = run([PYTHON, "bench/load.py", "hostile"], env_for(db), check=False)
        results["hostile"] = (
            json.loads(out.strip().splitlines()[-1])
            if usage["returncode"] == 0
            else {"error": f"failed (exit {usage['returncode']})"}
        )


# Parts measured by a child script of their own: part -> script. Each script runs with
# the bench's environment (bench.common.env_for) and prints one JSON object last; it is
# stored under the part's name in results.json.
CHILD_PARTS: dict[str, str] = {
    "stampede": "bench/stampede.py",
    "documents": "bench/documents.py",
    "entry_screen": "bench/entry_screen.py",
    "admin": "bench/admin_pages.py",
}


def fresh_pages(scale: str) -> dict:
    """The public pages timed on a database seeded from scratch a moment ago.

    An operator's first minutes after a deploy: no autovacuum yet, no page of the
    tables in PostgreSQL's buffers, statistics only as the seed left them. The main
    run measures the long-lived database beside it.
    """
    name = f"portal_bench_{scale}_fresh"
    log(f"fresh: seeding {name} from scratch")
    figures = seed(scale, reuse=False, name=name)
    log("fresh: public pages right after the seed")
    pages = child(["pages"], name)
    drop_database(name)
    return {"seed": figures, **pages}


PARTS = {
    "seed": ["seed"],
    "fresh": ["pages_fresh"],
    "pages": ["pages", "pages_city", "query_counts_same_as_city"],
    **{part: [part] for part in CHILD_PARTS},
    "throughput": ["throughput"],
    "io": ["io"],
    "load": ["load", "workers_peak_mb"],
    "faults": ["faults"],
    "hostile": ["hostile"],
}


def merged(previous: dict, results: dict) -> dict:
    """The previous results with the sections this run measured replaced.

    Lets a run of some parts (`--skip … --merge`) update results.json without
    dropping the others; `merged_runs` says which parts came from which run.
    """
    ran = [part for part in PARTS if part not in results["skipped"]]
    combined = dict(previous)
    for part in ran:
        for key in PARTS[part]:
            if key in results:
                combined[key] = results[key]
    # A reused seed measured nothing new: keep the figures of the run that seeded.
    combined["seed"] = {
        **previous.get("seed", {}),
        **{k: v for k, v in results["seed"].items() if not v.get("reused")},
    }
    combined["merged_runs"] = [
        *previous.get("merged_runs", []),
        {
            "parts": ran,
            "scale": results["scale"],
            "started": results["started"],
            "finished": results["finished"],
        },
    ]
    return combined


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=SCALES, default="city")
    parser.add_argument("--reuse", action="store_true", help="keep seeded databases")
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk round")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--uncached-runs", type=int, default=20)
    parser.add_argument("--cached-runs", type=int, default=100)
    parser.add_argument("--load-duration", type=int, default=60, help="seconds")
    parser.add_argument("--load-connections", type=int, default=64)
    parser.add_argument("--load-threads", type=int, default=2)
    parser.add_argument(
        "--fault-duration", type=int, default=30, help="seconds of load per fault"
    )
    parser.add_argument(
        "--fault-connections", type=int, default=8, help="per page (two at once)"
    )
    parser.add_argument("--fault-at", type=float, default=5, help="seconds into load")
    parser.add_argument("--redis-down", type=float, default=10, help="seconds")
    parser.add_argument(
        "--skip",
        default="",
        help=f"comma-separated: {','.join(PARTS)}",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="also seed portal_bench_<scale>_fresh from scratch and time the public "
        "pages right after the seed (issue 18), then drop it",
    )
    parser.add_argument(
        "--merge",
        action="store_true",
        help="keep the sections of skipped parts from the existing results.json",
    )
    options = parser.parse_args()
    skip = set(filter(None, options.skip.split(",")))
    if not options.fresh:
        skip.add("fresh")
    os.environ["BENCH_UNCACHED_RUNS"] = str(options.uncached_runs)
    os.environ["BENCH_CACHED_RUNS"] = str(options.cached_runs)
    scale = options.scale
    db = f"portal_bench_{scale}"
    results: dict = {
        "scale": scale,
        "started": datetime.datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "skipped": sorted(skip),
        "seed": {},
    }
    # Production static storage (hashed names) needs its manifest, as after a deploy.
    run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
        env_for(db, redis=False),
    )
    for each in SCALES[: SCALES.index(scale) + 1]:
        if "seed" in skip and each != scale:
            continue
        results["seed"][each] = seed(each, reuse=options.reuse or "seed" in skip)
    if "fresh" not in skip:
        results["pages_fresh"] = fresh_pages(scale)
    if "pages" not in skip:
        log("public pages")
        results["pages"] = child(["pages"], db)
        if scale != "city":
            city = child(["pages"], "portal_bench_city")
            results["pages_city"] = city
            results["query_counts_same_as_city"] = [
                (p["uncached"]["queries"], p["cached"]["queries"])
                for p in results["pages"]["pages"]
            ] == [
                (p["uncached"]["queries"], p["cached"]["queries"])
                for p in city["pages"]
            ]
    for part, script in CHILD_PARTS.items():
        if part not in skip:
            log(part)
            results[part] = child_script(script, db)
    if "throughput" not in skip:
        log("throughput")
        results["throughput"] = throughput(
            db,
            seconds=options.duration,
            connections=options.connections,
            rounds=options.rounds,
        )
    if "io" not in skip:
        results["io"] = io_figures(db if scale == "nation" else "portal_bench_io")
    load_parts(results, options, skip, db)
    results["finished"] = datetime.datetime.now().isoformat(timespec="seconds")
    if options.merge and RESULTS.exists():
        results = merged(json.loads(RESULTS.read_text()), results)
    results["targets"] = verdicts(results)
    print_table(results)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    log(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
