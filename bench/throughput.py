"""Requests/s of `/` against a minimal view under the production gunicorn setup."""

import os
import re
import shutil
import signal
import statistics
import subprocess

from bench.common import PYTHON, ROOT, env_for, free_port, log, wait_for


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
