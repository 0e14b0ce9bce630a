"""What every part of the benchmark shares: paths, databases, child processes, ports."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
VAR = ROOT / "var" / "bench"
RESULTS = ROOT / "bench" / "results.json"
PG = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")
SCALES = ["city", "province", "nation"]
DEMO_WARDS = {"city": 0, "province": 100, "nation": 10_000}


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


def child_script(script: str, db: str, *args: str, check: bool = False) -> dict:
    """Run `bench/<script>` in the bench's environment; its last stdout line is JSON."""
    out, usage = run([PYTHON, script, *args], env_for(db), check=check)
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
