"""Seeded databases of the benchmark: `seed_demo --scale …`, timed, with its peak memory."""

import datetime
import json
import os
import subprocess
import time

from bench.common import (
    DEMO_WARDS,
    PYTHON,
    ROOT,
    VAR,
    database_url,
    ensure_database,
    env_for,
    log,
)


def demo_wards(name: str) -> int:
    import psycopg

    with psycopg.connect(database_url(name)) as conn:
        return conn.execute(
            "SELECT count(*) FROM campaigns_ward WHERE is_demo"
        ).fetchone()[0]


def seed(scale: str, *, reuse: bool, name: str | None = None) -> dict:
    """Seed `name` (portal_bench_<scale> by default) at `scale`, or reuse its last seed."""
    default = f"portal_bench_{scale}"
    name = name or default
    ensure_database(name, fresh=not reuse)
    record = VAR / (f"seed-{scale}.json" if name == default else f"seed-{name}.json")
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
    log(f"seed_demo --scale {scale} into {name}: {seconds:.1f} s, {counts}")
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


def drop_database(name: str) -> None:
    import psycopg

    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
