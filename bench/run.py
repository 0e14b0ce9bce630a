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
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # `python bench/run.py` as well as `python -m bench.run`
PYTHON = sys.executable
VAR = ROOT / "var" / "bench"
RESULTS = ROOT / "bench" / "results.json"
PG = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")
SCALES = ["city", "province", "nation"]
DEMO_WARDS = {"city": 0, "province": 100, "nation": 10_000}

TARGETS = {
    "page_uncached_p95_ms": 150,
    "page_cached_p50_ms": 10,
    "home_vs_minimal_ratio": 0.5,
    "xlsx_speedup": 3,
    "xlsx_peak_mb": 150,
    "csv_speedup": 5,
    "import_total_seconds": 5,
}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def database_url(name: str) -> str:
    return f"{PG.rstrip('/')}/{name}"


def env_for(name: str, *, redis: bool = True) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=database_url(name),
        PYTHONPATH=str(ROOT),
    )
    env.pop("REDIS_URL", None)
    if redis and redis_is_up():
        env["REDIS_URL"] = REDIS
    return env


def redis_is_up() -> bool:
    match = re.match(r"redis://([^:/]+):(\d+)", REDIS)
    if not match:
        return False
    try:
        socket.create_connection((match[1], int(match[2])), timeout=0.5).close()
    except OSError:
        return False
    return True


def run(args: list[str], env: dict, *, check: bool = True) -> tuple[str, dict]:
    """Run a child; return its stdout, wall time and exit status."""
    started = time.monotonic()
    process = subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    out, err = process.communicate()
    wall = time.monotonic() - started
    if check and process.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{err.decode()[-3000:]}")
    return out.decode(), {"seconds": round(wall, 1), "returncode": process.returncode}


def child(command: list[str], db: str, *, check: bool = True) -> dict:
    out, usage = run([PYTHON, "bench/child.py", *command], env_for(db), check=check)
    if usage["returncode"] != 0:
        return {"error": f"failed (exit {usage['returncode']})"}
    return json.loads(out.strip().splitlines()[-1])


def manage(command: list[str], db: str) -> tuple[str, dict]:
    return run([PYTHON, "manage.py", *command], env_for(db, redis=False))


def ensure_database(name: str, *, fresh: bool = False) -> None:
    """Create (or, with `fresh`, recreate) a bench database and migrate it.

    Recreating keeps a database migrated by an older schema from breaking the run.
    """
    import psycopg

    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    manage(["migrate", "--noinput", "-v0"], name)
    manage(["load_reference"], name)


def demo_wards(name: str) -> int:
    import psycopg

    with psycopg.connect(database_url(name)) as conn:
        return conn.execute(
            "SELECT count(*) FROM campaigns_ward WHERE is_demo"
        ).fetchone()[0]


# --- seeding -------------------------------------------------------------------------


def seed(scale: str, *, reuse: bool) -> dict:
    name = f"portal_bench_{scale}"
    ensure_database(name, fresh=not reuse)
    record = VAR / f"seed-{scale}.json"
    if reuse and record.exists() and demo_wards(name) == DEMO_WARDS[scale]:
        figures = json.loads(record.read_text())
        figures["reused"] = True
        log(f"seed_demo --scale {scale}: reusing the database seeded {figures['at']}")
        return figures
    log(f"seed_demo --scale {scale} into {name}")
    process = subprocess.Popen(
        [PYTHON, "manage.py", "seed_demo", "--scale", scale, "--force"],
        cwd=ROOT,
        env=env_for(name, redis=False),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    started = time.monotonic()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - started
    out = process.stdout.read().decode()
    if status != 0:
        raise RuntimeError(f"seed_demo --scale {scale} failed: {out[-2000:]}")
    counts = counts_in(name)
    figures = {
        "scale": scale,
        "seconds": round(seconds, 1),
        "peak_mb": round(usage.ru_maxrss / 1024, 1),
        "at": datetime.datetime.now().isoformat(timespec="seconds"),
        "counts": counts,
        "reused": False,
    }
    VAR.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps(figures, indent=2))
    log(f"seed_demo --scale {scale}: {seconds:.1f} s, {counts}")
    return figures


def counts_in(name: str) -> dict:
    import psycopg

    tables = {
        "wards": "campaigns_ward",
        "residential_areas": "campaigns_residentialarea",
        "annual_results": "campaigns_annualresult",
        "goal_results": "campaigns_goalresult",
        "donations": "campaigns_donation",
        "supports": "campaigns_support",
    }
    with psycopg.connect(database_url(name)) as conn:
        counts = {
            key: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for key, table in tables.items()
        }
        counts["database_mb"] = round(
            conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
            / 2**20
        )
    return counts


# --- throughput ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer")


def wrk(url: str, *, seconds: int, connections: int) -> dict:
    out = subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "5s",
            "--latency",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    factor = {"us": 0.001, "ms": 1, "s": 1000}
    return {
        "requests_per_s": round(rps),
        "non_2xx": int(errors[1]) if errors else 0,
        "latency_p50_ms": round(float(p50[1]) * factor[p50[2]], 2) if p50 else None,
    }


def throughput(db: str, *, seconds: int, connections: int, rounds: int) -> dict:
    if not shutil.which("wrk"):
        log("wrk is not installed; skipping throughput (make bench installs it)")
        return {"error": "wrk missing"}
    port = free_port()
    env = env_for(db)
    env["GUNICORN_BIND"] = f"127.0.0.1:{port}"
    env["GUNICORN_LOG_LEVEL"] = "warning"
    env.pop("WEB_CONCURRENCY", None)
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "portal.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/bench/minimal/")
        wait_for(f"{base}/")
        urls = {"minimal": f"{base}/bench/minimal/", "home": f"{base}/"}
        runs = {key: [] for key in urls}
        for _ in range(rounds):  # alternate, so drift hits both alike
            for key, url in urls.items():
                runs[key].append(wrk(url, seconds=seconds, connections=connections))
        figures = {
            key: {
                "requests_per_s": round(
                    statistics.median(r["requests_per_s"] for r in values)
                ),
                "rounds": values,
            }
            for key, values in runs.items()
        }
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    figures["ratio"] = round(
        figures["home"]["requests_per_s"] / figures["minimal"]["requests_per_s"], 3
    )
    figures["setup"] = {
        "server": "gunicorn -c gunicorn.conf.py (sync workers, preload)",
        "workers": os.cpu_count() * 2,
        "load": f"wrk -t1 -c{connections} -d{seconds}s, {rounds} alternating rounds, loopback",
        "cache": "RedisCache" if "REDIS_URL" in env else "LocMemCache",
    }
    return figures


# --- IO -------------------------------------------------------------------------------


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


# --- report ---------------------------------------------------------------------------


def verdicts(results: dict) -> list[dict]:
    rows = []

    def add(what, value, target, met, note=""):
        rows.append(
            {"what": what, "value": value, "target": target, "met": met, "note": note}
        )

    for page in results.get("pages", {}).get("pages", []):
        p95 = page["uncached"]["p95_ms"]
        p50 = page["cached"]["p50_ms"]
        add(f"{page['page']} uncached p95 ms", p95, "< 150", p95 < 150)
        add(f"{page['page']} cached p50 ms", p50, "< 10", p50 < 10)
    same = results.get("query_counts_same_as_city")
    if same is not None:
        add("query counts identical to city scale", same, "yes", same)
    tp = results.get("throughput", {})
    if "ratio" in tp:
        add(
            "home / minimal requests/s",
            tp["ratio"],
            ">= 0.5",
            tp["ratio"] >= 0.5,
            f"{tp['home']['requests_per_s']}/s vs {tp['minimal']['requests_per_s']}/s",
        )
    io = results.get("io", {})
    for fmt, speedup in (("xlsx", 3), ("csv", 5)):
        plain, portal = (
            io.get(f"export_plain_{fmt}", {}),
            io.get(f"export_portal_{fmt}", {}),
        )
        if "rows_per_s" in plain and "rows_per_s" in portal:
            ratio = round(portal["rows_per_s"] / plain["rows_per_s"], 2)
            add(
                f"{fmt.upper()} export speed-up",
                ratio,
                f">= {speedup}×",
                ratio >= speedup,
            )
            if fmt == "xlsx":
                add(
                    "XLSX export peak MB",
                    portal["peak_mb"],
                    "< 150",
                    portal["peak_mb"] < 150,
                    f"plain: {plain['peak_mb']} MB",
                )
    plain, portal = io.get("import_plain", {}), io.get("import_portal", {})
    if "total_seconds" in portal:
        add(
            "import 10,000 results, dry run + commit, s",
            portal["total_seconds"],
            "< 5",
            portal["total_seconds"] < 5,
            f"plain: {plain.get('total_seconds')} s",
        )
        add(
            "import queries (dry run + commit)",
            portal["dry_run"]["queries"] + portal["commit"]["queries"],
            "not per row",
            portal["dry_run"]["queries"] + portal["commit"]["queries"] < 10_000,
            f"plain: {plain.get('dry_run', {}).get('queries', '?')} + "
            f"{plain.get('commit', {}).get('queries', '?')}",
        )
    load_verdicts(results, add)
    return rows


def load_verdicts(results: dict, add) -> None:
    """0 errors under load, the faults' errors and recovery, the hostile files' bounds."""
    load = results.get("load", {})
    for page in ("cached", "uncached", "database"):
        if page in load:
            figures = load[page]
            add(
                f"load {page} page: errors",
                figures["errors"],
                "0",
                figures["errors"] == 0,
                f"{figures['requests_per_s']}/s, p50 {figures['latency_p50_ms']} ms, "
                f"p99 {figures['latency_p99_ms']} ms",
            )
    faults = results.get("faults", {})
    for fault in ("postgres_restart", "redis_stop"):
        for page in ("cached", "uncached", "database"):
            figures = faults.get(fault, {}).get(page)
            if figures is None:
                continue
            # The "degrade, don't fail": no visitor error while Redis is down.
            # A PostgreSQL restart may fail the requests that needed it, then recover.
            met = (
                figures["errors"] == 0
                if fault == "redis_stop"
                else figures["probe"]["recovery_s"] is not None
            )
            add(
                f"{fault} {page}: errors / recovery s",
                f"{figures['errors']} / {figures['probe']['recovery_s']}",
                "0 errors" if fault == "redis_stop" else "recovers",
                met,
                f"probe {figures['probe']['statuses']}",
            )
    for case, figures in results.get("hostile", {}).items():
        if isinstance(figures, dict) and "peak_mb" in figures and "seconds" in figures:
            add(
                f"hostile {case}: peak MB / s",
                f"{figures['peak_mb']} / {figures['seconds']}",
                "< 300 / < 5",
                figures["peak_mb"] < 300 and figures["seconds"] < 5,
                str(figures.get("message", "")),
            )


def print_table(results: dict) -> None:
    print(f"\nScale: {results['scale']}   ({results['machine']['cpus']} CPUs)\n")
    print("seed_demo")
    for scale, figures in results["seed"].items():
        counts = figures.get("counts", {})
        print(
            f"  {scale:<9} {figures['seconds']:>8.1f} s  peak {figures['peak_mb']:>6.1f} MB"
            f"  results {counts.get('annual_results', 0):>10,}"
            f"  goal results {counts.get('goal_results', 0):>11,}"
            f"{'  (reused)' if figures.get('reused') else ''}"
        )
    pages = results.get("pages", {}).get("pages", [])
    if pages:
        print(
            "\nPublic pages (server time, ms)        uncached p50/p95  queries   cached p50/p95  queries"
            "   first request"
        )
        for page in pages:
            u, c = page["uncached"], page["cached"]
            first = page.get("first_request_ms")
            print(
                f"  {page['page']:<34} {u['p50_ms']:>7.1f}/{u['p95_ms']:<7.1f} {u['queries']:>6}"
                f"   {c['p50_ms']:>6.2f}/{c['p95_ms']:<6.2f} {c['queries']:>6}"
                + (f"   {first:>8.1f}" if first is not None else "")
            )
    tp = results.get("throughput", {})
    if "ratio" in tp:
        print(
            f"\nThroughput: minimal view {tp['minimal']['requests_per_s']}/s, "
            f"home {tp['home']['requests_per_s']}/s, ratio {tp['ratio']:.2f}"
        )
    io = results.get("io", {})
    if io:
        print("\nExport 100,000 supports / import 10,000 yearly results")
        for key, value in io.items():
            if key.startswith(("export", "import")):
                print(f"  {key:<22} {json.dumps(value)}")
    load = results.get("load", {})
    for page in ("cached", "uncached", "database"):
        if page in load:
            f = load[page]
            print(
                f"\nLoad {page:<9} {f['requests_per_s']:>8}/s  p50 {f['latency_p50_ms']} ms"
                f"  p99 {f['latency_p99_ms']} ms  errors {f['errors']}  ({f['command']})"
            )
    for fault in ("postgres_restart", "redis_stop"):
        for page in ("cached", "uncached", "database"):
            f = results.get("faults", {}).get(fault, {}).get(page)
            if f:
                print(
                    f"Fault {fault:<17} {page:<9} errors {f['errors']:>6} of "
                    f"{f['requests']:>7}  recovery {f['probe']['recovery_s']} s"
                    f"  probe {f['probe']['statuses']}"
                )
    if "hostile" in results:
        print(f"\nHostile files: {json.dumps(results['hostile'], ensure_ascii=False)}")
    print("\nTargets")
    for row in results["targets"]:
        mark = "met" if row["met"] else "NOT MET"
        print(
            f"  {row['what']:<48} {row['value']!s:>10}  target {row['target']:<12} {mark}  {row['note']}"
        )


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


PARTS = {
    "seed": ["seed"],
    "pages": ["pages", "pages_city", "query_counts_same_as_city"],
    "throughput": ["throughput"],
    "io": ["io"],
    "load": ["load"],
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
        help="comma-separated: seed,pages,throughput,io,load,faults,hostile",
    )
    parser.add_argument(
        "--merge",
        action="store_true",
        help="keep the sections of skipped parts from the existing results.json",
    )
    options = parser.parse_args()
    skip = set(filter(None, options.skip.split(",")))
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
