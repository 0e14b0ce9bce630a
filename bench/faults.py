"""Break PostgreSQL and Redis under load and count what visitors see.

The machine's PostgreSQL (5432) and Redis (6379) serve other people's work, so the
benchmark breaks only its own: a PostgreSQL cluster in /tmp (port 5433) and a
redis-server (port 6390, nothing saved to disk), both started here and stopped at
the end. The PostgreSQL data directory is kept with `--reuse`, so the next run skips
initdb and the seed; without it the directory is removed.

Each fault runs under three wrk loads at once (the cached, uncached and database
pages of bench/load.py, `connections` each) and a probe per page, a request every
50 ms:

- `postgres_restart`: `pg_ctl restart -m fast` `fault_at` seconds into the load;
  the service is back when pg_ctl returns (it waits until connections are accepted).
- `redis_stop`: `redis-cli shutdown nosave`, `redis_down` seconds later the server is
  started again (empty: the cache is lost, as after a real restart); back when it
  answers PING.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from bench.load import (
    PAGES,
    Probe,
    check_pages,
    finish_wrk,
    gunicorn,
    log,
    recovery,
    start_wrk,
    wrk_command,
)

ROOT = Path(__file__).resolve().parent.parent
PG_PORT = int(os.environ.get("BENCH_FAULT_PG_PORT", "5433"))
REDIS_PORT = int(os.environ.get("BENCH_FAULT_REDIS_PORT", "6390"))
PG_DIR = Path(os.environ.get("BENCH_FAULT_PG_DIR", f"/tmp/portal-bench-pg-{PG_PORT}"))
DATABASE = "portal_bench_faults"


def port_open(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
    except OSError:
        return False
    return True


def wait_until(check, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not happen within {timeout:.0f} s")
        time.sleep(0.05)


class Postgres:
    """A throw-away cluster: initdb, pg_ctl start/restart/stop, as `postgres` if root."""

    def __init__(self, port: int = PG_PORT, directory: Path = PG_DIR):
        self.port = port
        self.directory = directory
        pg_ctl = shutil.which("pg_ctl") or shutil.which(
            "pg_ctl", path="/usr/lib/postgresql/15/bin"
        )
        if not pg_ctl:
            raise RuntimeError("pg_ctl not found (PostgreSQL server binaries)")
        self.bin = Path(os.path.realpath(pg_ctl)).parent
        self.as_postgres = (
            ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        )

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}"

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        # Not a pipe: a server started by pg_ctl keeps its parent's stdout open, and
        # reading a pipe to its end would wait for the server to stop.
        with open(self.directory.parent / f"{self.directory.name}.log", "a") as out:
            return subprocess.run(
                [*self.as_postgres, str(self.bin / args[0]), *args[1:]],
                stdout=out,
                stderr=subprocess.STDOUT,
                check=check,
            )

    def running(self) -> bool:
        return (
            self.run(
                "pg_ctl", "status", "-D", str(self.directory), check=False
            ).returncode
            == 0
        )

    def start(self) -> None:
        if self.running():
            log(f"faults: reusing the PostgreSQL cluster in {self.directory}")
            return
        if port_open(self.port):
            raise RuntimeError(
                f"port {self.port} is taken by another server; set BENCH_FAULT_PG_PORT"
            )
        if not (self.directory / "PG_VERSION").exists():
            log(f"faults: initdb {self.directory}")
            shutil.rmtree(self.directory, ignore_errors=True)
            self.directory.mkdir(parents=True)
            if self.as_postgres:
                shutil.chown(self.directory, "postgres", "postgres")
            self.run(
                "initdb", "-D", str(self.directory), "-U", "postgres",
                "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8",
            )  # fmt: skip
        options = (
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1"
            " -c shared_buffers=64MB"
        )
        self.run(
            "pg_ctl", "start", "-w", "-D", str(self.directory),
            "-l", str(self.directory / "server.log"), "-o", options,
        )  # fmt: skip

    def restart(self) -> None:
        self.run(
            "pg_ctl", "restart", "-w", "-m", "fast", "-D", str(self.directory),
            "-l", str(self.directory / "server.log"),
        )  # fmt: skip

    def stop(self, *, remove: bool) -> None:
        if self.running():
            self.run("pg_ctl", "stop", "-m", "fast", "-D", str(self.directory))
        if remove:
            shutil.rmtree(self.directory, ignore_errors=True)
            (self.directory.parent / f"{self.directory.name}.log").unlink(
                missing_ok=True
            )


class Redis:
    """redis-server on its own port, nothing written to disk."""

    def __init__(self, port: int = REDIS_PORT):
        self.port = port

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def answers(self) -> bool:
        done = subprocess.run(
            ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True
        )
        return done.stdout.strip() == "PONG"

    def start(self) -> None:
        if self.answers():
            log(f"faults: reusing the redis-server on {self.port}")
            return
        subprocess.run(
            [
                "redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "yes",
                "--logfile", f"/tmp/portal-bench-redis-{self.port}.log",
                "--pidfile", f"/tmp/portal-bench-redis-{self.port}.pid",
            ],
            check=True,
        )  # fmt: skip
        wait_until(self.answers, 10, f"redis-server on {self.port} answering")

    def stop(self) -> None:
        if self.answers():
            subprocess.run(
                ["redis-cli", "-p", str(self.port), "shutdown", "nosave"],
                capture_output=True,
            )
        wait_until(lambda: not port_open(self.port), 10, "redis-server stopping")


def prepare_database(postgres: Postgres, env: dict) -> dict:
    """Create, migrate and (once) seed the city-scale database in the bench's cluster."""
    import psycopg

    with psycopg.connect(f"{postgres.url}/postgres", autocommit=True) as conn:
        if not conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]
        ).fetchone():
            conn.execute(f'CREATE DATABASE "{DATABASE}"')
    manage = [sys.executable, "manage.py"]
    quiet = {"cwd": ROOT, "env": env, "check": True, "capture_output": True}
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], **quiet)
    seeded = annual_results(postgres)
    if seeded:
        return {"seeded": "reused", "annual_results": seeded}
    log("faults: seed_demo --scale city")
    subprocess.run([*manage, "load_reference"], **quiet)
    subprocess.run([*manage, "seed_demo", "--scale", "city", "--force"], **quiet)
    return {"seeded": "now", "annual_results": annual_results(postgres)}


def annual_results(postgres: Postgres) -> int:
    import psycopg

    with psycopg.connect(f"{postgres.url}/{DATABASE}") as conn:
        query = "SELECT count(*) FROM campaigns_annualresult"
        return conn.execute(query).fetchone()[0]


def under_load(base: str, *, seconds: int, connections: int, fault) -> dict:
    """Both pages under wrk with a probe each; `fault()` returns when the service is back."""
    loads, probes = {}, {}
    for name, page in PAGES.items():
        loads[name] = start_wrk(
            base + page["path"],
            seconds=seconds,
            connections=connections,
            threads=1,
            headers=page["headers"],
        )
        probes[name] = Probe(base, page)
        probes[name].start()
    started = time.monotonic()
    try:
        timeline = fault(started)
    except BaseException:
        for name in PAGES:
            loads[name].kill()
            probes[name].stop()
        raise
    figures: dict = {"timeline_s": timeline}
    for name, page in PAGES.items():
        figures[name] = finish_wrk(
            loads[name], wrk_command(page, seconds, connections, threads=1)
        )
        figures[name]["probe"] = recovery(
            probes[name].stop(), timeline["down_at"], timeline["back_at"]
        )
    for part in timeline:
        timeline[part] = round(timeline[part] - started, 2)
    figures["errors"] = sum(figures[name]["errors"] for name in PAGES)
    return figures


def fault_figures(
    env: dict,
    *,
    seconds: int,
    connections: int,
    fault_at: float,
    redis_down: float,
    keep: bool,
) -> dict:
    if not shutil.which("wrk"):
        return {"error": "wrk missing"}
    if seconds < fault_at + redis_down + 5:
        raise ValueError("the load must outlast the Redis stop by 5 s at least")
    postgres, redis = Postgres(), Redis()
    env = dict(env, DATABASE_URL=f"{postgres.url}/{DATABASE}", REDIS_URL=redis.url)
    figures: dict = {
        "setup": {
            "postgres": f"own cluster on port {postgres.port} ({postgres.directory})",
            "redis": f"own redis-server on port {redis.port}, --save ''",
            "database": f"{DATABASE} (seed_demo --scale city)",
            "load": f"wrk -t1 -c{connections} -d{seconds}s on each of "
            f"{len(PAGES)} pages at once, "
            "a probe request every 50 ms per page",
            "fault_at_s": fault_at,
            "redis_down_s": redis_down,
        }
    }
    try:
        postgres.start()
        redis.start()
        figures["setup"]["seed"] = prepare_database(postgres, env)
        with gunicorn(env, log_name="gunicorn-faults.log") as base:
            figures["setup"]["pages_checked"] = check_pages(base)

            def restart_postgres(started: float) -> dict:
                time.sleep(max(0.0, started + fault_at - time.monotonic()))
                down = time.monotonic()
                postgres.restart()
                return {"down_at": down, "back_at": time.monotonic()}

            def stop_redis(started: float) -> dict:
                time.sleep(max(0.0, started + fault_at - time.monotonic()))
                down = time.monotonic()
                redis.stop()
                time.sleep(max(0.0, down + redis_down - time.monotonic()))
                redis.start()
                return {"down_at": down, "back_at": time.monotonic()}

            log(f"faults: PostgreSQL restart under load ({seconds} s)")
            figures["postgres_restart"] = under_load(
                base, seconds=seconds, connections=connections, fault=restart_postgres
            )
            check_pages(base)  # the cache holds the page again before the next fault
            log(
                f"faults: Redis stopped for {redis_down:.0f} s under load ({seconds} s)"
            )
            figures["redis_stop"] = under_load(
                base, seconds=seconds, connections=connections, fault=stop_redis
            )
    finally:
        redis.stop()
        postgres.stop(remove=not keep)
    return figures
