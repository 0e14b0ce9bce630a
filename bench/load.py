"""Sustained load on a cached and an uncached page, and the hostile-file figures.

Run by bench/run.py (parts `load` and `hostile`); bench/faults.py reuses the server,
the wrk runs and the probe to break PostgreSQL and Redis under the same load.

- cached: `GET /` as an anonymous visitor, answered from the whole-page cache
  (campaigns/public/middleware.py) after the first request: Redis only.
- uncached: the same `GET /` carrying a session cookie (`sessionid=…`, a session that
  does not exist). The page cache never answers or stores a request that carries the
  session cookie, so the whole view runs: selectors, pygal charts and the template.
  Its figures come from the figure cache (Redis), as they do for every visitor
  between two approvals, so it sends no query to PostgreSQL.
- database: the search page `GET /tim-kiem/?q=duc+xuan` with the same cookie: two
  queries (trigram search) on every request, so it is the page that needs
  PostgreSQL when the others do not.

    python bench/load.py hostile   # in a child with the bench's environment

prints the hostile-file figures (`bench.hostile.hostile_figures()`) as JSON.
"""

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Any name works: the session middleware only looks the key up, and the page cache
# steps aside for the cookie's presence (settings.SESSION_COOKIE_NAME, Django's default).
SESSION_COOKIE = "sessionid=bench-no-such-session"
PAGES = {
    "cached": {"path": "/", "headers": {}},
    "uncached": {"path": "/", "headers": {"Cookie": SESSION_COOKIE}},
    "database": {
        "path": "/tim-kiem/?q=duc+xuan",
        "headers": {"Cookie": SESSION_COOKIE},
    },
}
# An error is a request the server failed to answer in time as deployed: gunicorn kills a
# worker at 30 s (gunicorn.conf.py) and nginx gives up at 60 s (docs/deploy.md); a slower
# answer under 64 connections shows in the latency percentiles, not as an error.
WRK_TIMEOUT = "30s"
_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- wrk -------------------------------------------------------------------------------


def _ms(value: str, unit: str) -> float:
    return round(float(value) * _UNITS_MS[unit], 2)


def parse_wrk(out: str) -> dict:
    """The figures of one `wrk --latency` run: rate, latency percentiles and errors.

    wrk prints "Socket errors" and "Non-2xx or 3xx responses" only when there are
    some; both count as errors here (a refused connection or a timeout is as much a
    failed request for a visitor as a 500).
    """
    requests = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m|h)", out)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    percentiles = {
        int(p): _ms(value, unit)
        for p, value, unit in re.findall(
            r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s|m|h)\s*$", out, re.M
        )
    }
    socket_errors = {"connect": 0, "read": 0, "write": 0, "timeout": 0}
    found = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    if found:
        socket_errors = dict(zip(socket_errors, map(int, found.groups()), strict=True))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    figures = {
        "requests": int(requests[1]) if requests else 0,
        "seconds": _ms(requests[2], requests[3]) / 1000 if requests else None,
        "requests_per_s": round(float(rate[1]), 1) if rate else 0.0,
        "latency_p50_ms": percentiles.get(50),
        "latency_p90_ms": percentiles.get(90),
        "latency_p99_ms": percentiles.get(99),
        "non_2xx_3xx": int(non_2xx[1]) if non_2xx else 0,
        "socket_errors": socket_errors,
    }
    figures["errors"] = figures["non_2xx_3xx"] + sum(socket_errors.values())
    return figures


def start_wrk(
    url: str, *, seconds: int, connections: int, threads: int, headers: dict
) -> subprocess.Popen:
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s"]
    args += ["--timeout", WRK_TIMEOUT, "--latency"]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    return subprocess.Popen(
        [*args, url], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def finish_wrk(process: subprocess.Popen, command: str) -> dict:
    out, err = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"wrk failed: {err[-2000:]}")
    figures = parse_wrk(out)
    figures["command"] = command
    return figures


def wrk(
    base: str, page: dict, *, seconds: int, connections: int, threads: int = 2
) -> dict:
    process = start_wrk(
        base + page["path"],
        seconds=seconds,
        connections=connections,
        threads=threads,
        headers=page["headers"],
    )
    return finish_wrk(process, wrk_command(page, seconds, connections, threads))


def wrk_command(page: dict, seconds: int, connections: int, threads: int) -> str:
    header = "".join(f" -H '{k}: {v}'" for k, v in page["headers"].items())
    return (
        f"wrk -t{threads} -c{connections} -d{seconds}s --timeout {WRK_TIMEOUT}"
        f" --latency{header} {page['path']}"
    )


# --- the server ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, headers: dict | None = None, timeout: float = 5) -> tuple[int, dict]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if get(url)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer 200")


def workers_memory(master_pid: int) -> dict:
    """Resident and peak resident memory (VmRSS, VmHWM) of each gunicorn worker, in MB."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    workers = []
    for pid in children.read_text().split() if children.exists() else []:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:  # the worker exited meanwhile
            continue
        fields = dict(
            line.split(":", 1) for line in status.splitlines() if line.startswith("Vm")
        )
        if "VmRSS" not in fields:  # a zombie: exited, not yet reaped, holds no memory
            continue
        workers.append(
            {
                "rss_mb": round(int(fields["VmRSS"].split()[0]) / 1024, 1),
                "peak_mb": round(int(fields["VmHWM"].split()[0]) / 1024, 1),
            }
        )
    return {
        "workers": workers,
        "peak_mb": max((w["peak_mb"] for w in workers), default=None),
    }


@contextmanager
def gunicorn(env: dict, *, log_name: str, before_stop=None):
    """gunicorn with gunicorn.conf.py as in production; yields its base URL.

    Its stderr (tracebacks of failed requests included) goes to var/bench/<log_name>.
    `before_stop(master_pid)` runs while the workers are still up (their memory).
    """
    port = free_port()
    env = dict(env)
    env["GUNICORN_BIND"] = f"127.0.0.1:{port}"
    env["GUNICORN_LOG_LEVEL"] = "warning"
    env.pop("WEB_CONCURRENCY", None)
    log_path = ROOT / "var" / "bench" / log_name
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "w") as log_file:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "portal.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log_file,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for(f"{base}/")
            yield base
            if before_stop is not None:
                before_stop(server.pid)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


def check_pages(base: str) -> dict:
    """Prove the pages are what they claim: a page-cache hit, then no page cache."""
    for page in PAGES.values():
        get(base + page["path"], page["headers"])  # warm: store the page, load the code
    checked = {
        name: get(base + page["path"], page["headers"])[1].get("X-Page-Cache")
        for name, page in PAGES.items()
    }
    if [value == "hit" for value in checked.values()] != [
        name == "cached" for name in checked
    ]:
        raise RuntimeError(f"the pages are not what the benchmark claims: {checked}")
    return {f"{name}_x_page_cache": value for name, value in checked.items()}


# --- load ------------------------------------------------------------------------------


def load_figures(env: dict, *, seconds: int, connections: int, threads: int) -> dict:
    """`wrk -t2 -c64 -d60s` (by default) on each page in turn."""
    figures: dict = {}

    def after_load(master_pid: int) -> None:
        # The workers' memory once every page has been served, as a deployment holds it.
        figures["workers_memory"] = workers_memory(master_pid)

    with gunicorn(env, log_name="gunicorn-load.log", before_stop=after_load) as base:
        figures["pages_checked"] = check_pages(base)
        for name, page in PAGES.items():
            log(f"load: {name} {page['path']} for {seconds} s at {connections}")
            figures[name] = wrk(
                base, page, seconds=seconds, connections=connections, threads=threads
            )
    cached, uncached = figures["cached"], figures["uncached"]
    if cached["latency_p50_ms"] and uncached["latency_p50_ms"]:
        figures["uncached_vs_cached_p50"] = round(
            uncached["latency_p50_ms"] / cached["latency_p50_ms"], 1
        )
    figures["setup"] = {
        "server": "gunicorn -c gunicorn.conf.py (sync workers, preload)",
        "workers": 2 * (os.cpu_count() or 1),
        "settings": env.get("DJANGO_SETTINGS_MODULE"),
        "database": env.get("DATABASE_URL", "").rpartition("/")[2],
        "cache": "RedisCache" if env.get("REDIS_URL") else "LocMemCache",
        "pages": {
            "cached": "GET /, anonymous: from the page cache",
            "uncached": "GET / with a session cookie: the page cache steps aside, "
            "the view, charts and template run; figures from the figure cache",
            "database": "GET /tim-kiem/?q=duc+xuan with a session cookie: "
            "two PostgreSQL queries per request, no cache",
        },
    }
    return figures


# --- the probe -------------------------------------------------------------------------


class Probe(threading.Thread):
    """One request every `interval` seconds alongside wrk, each with its outcome.

    A new connection per request (gunicorn's sync workers close it anyway); times are
    seconds on the monotonic clock, so they compare with the fault's timestamps.
    """

    def __init__(self, base: str, page: dict, interval: float = 0.05):
        super().__init__(daemon=True)
        match = re.match(r"http://([^:/]+):(\d+)", base)
        self.host, self.port = match[1], int(match[2])
        self.page = page
        self.interval = interval
        self.samples: list[tuple[float, float, int | None]] = []
        self.stopping = threading.Event()

    def request(self) -> int | None:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=5)
        try:
            connection.request("GET", self.page["path"], headers=self.page["headers"])
            response = connection.getresponse()
            response.read()
            return response.status
        except OSError:
            return None
        finally:
            connection.close()

    def run(self) -> None:
        while not self.stopping.is_set():
            started = time.monotonic()
            status = self.request()
            self.samples.append((started, time.monotonic(), status))
            self.stopping.wait(max(0.0, self.interval - (time.monotonic() - started)))

    def stop(self) -> list[tuple[float, float, int | None]]:
        self.stopping.set()
        self.join(timeout=10)
        return self.samples


def succeeded(status: int | None) -> bool:
    return status is not None and status < 400


def recovery(
    samples: list[tuple[float, float, int | None]], down_at: float, back_at: float
) -> dict:
    """What the probe saw of one fault, with times relative to the service's return.

    Failures that ended before the fault began are counted apart (a loaded machine
    can time a probe out on its own) and do not count for recovery. `recovery_s`:
    from the moment the service was back until the first probe answer after the last
    failed one (0 when nothing failed or the page came back before the service did;
    None when the page had not come back by the end of the load).
    """
    failures = [s for s in samples if not succeeded(s[2]) and s[1] >= down_at]
    figures = {
        "probes": len(samples),
        "probe_failures": len(failures),
        "probe_failures_before_fault": sum(
            1 for s in samples if not succeeded(s[2]) and s[1] < down_at
        ),
        "statuses": {},
        "recovery_s": 0.0,
        "first_failure_s": None,
        "last_failure_s": None,
    }
    for _, _, status in samples:
        key = str(status) if status is not None else "no answer"
        figures["statuses"][key] = figures["statuses"].get(key, 0) + 1
    if not failures:
        return figures
    last_failure = max(s[1] for s in failures)
    figures["first_failure_s"] = round(min(s[0] for s in failures) - back_at, 2)
    figures["last_failure_s"] = round(last_failure - back_at, 2)
    good_after = [s[1] for s in samples if succeeded(s[2]) and s[1] > last_failure]
    figures["recovery_s"] = (
        round(max(0.0, min(good_after) - back_at), 2) if good_after else None
    )
    return figures


# --- hostile files ---------------------------------------------------------------------


def hostile_main() -> None:
    """Child process: bench.hostile.hostile_figures() with Django set up, as JSON."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    try:
        from bench.hostile import hostile_figures
    except ImportError as error:
        figures = {"available": False, "note": f"bench/hostile.py: {error}"}
    else:
        figures = {"available": True, **hostile_figures()}
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__" and sys.argv[1:] == ["hostile"]:
    hostile_main()
