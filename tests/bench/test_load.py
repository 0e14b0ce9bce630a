"""The benchmark's pure helpers: reading wrk's report and the probe's recovery time.

The load and fault runs themselves are the benchmark (`make bench`), not tests.
"""

from bench.load import parse_wrk, recovery

NOT_FOUND = """Running 1s test @ http://127.0.0.1:8765/nope
  1 threads and 2 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.23ms    2.23ms  12.84ms   84.33%
    Req/Sec     1.05k   117.70     1.22k    80.00%
  Latency Distribution
     50%    1.19ms
     75%    3.11ms
     90%    5.31ms
     99%    9.88ms
  1050 requests in 1.00s, 533.20KB read
  Non-2xx or 3xx responses: 1050
Requests/sec:   1047.08
Transfer/sec:    531.72KB
"""

SLOW_WITH_SOCKET_ERRORS = """Running 1m test @ http://127.0.0.1:8000/
  2 threads and 64 connections
  Latency Distribution
     50%  933.18ms
     75%    1.01s
     90%    1.08s
     99%    1.24s
  3906 requests in 1.00m, 180.21MB read
  Socket errors: connect 0, read 3, write 0, timeout 12
Requests/sec:     65.06
Transfer/sec:      3.00MB
"""


def test_parse_wrk_counts_non_2xx_as_errors():
    figures = parse_wrk(NOT_FOUND)
    assert figures["requests"] == 1050
    assert figures["requests_per_s"] == 1047.1
    assert (figures["latency_p50_ms"], figures["latency_p99_ms"]) == (1.19, 9.88)
    assert figures["non_2xx_3xx"] == 1050
    assert figures["errors"] == 1050


def test_parse_wrk_reads_seconds_and_socket_errors():
    figures = parse_wrk(SLOW_WITH_SOCKET_ERRORS)
    assert figures["seconds"] == 60
    assert figures["latency_p50_ms"] == 933.18
    assert figures["latency_p99_ms"] == 1240
    assert figures["socket_errors"] == {
        "connect": 0,
        "read": 3,
        "write": 0,
        "timeout": 12,
    }
    assert figures["non_2xx_3xx"] == 0
    assert figures["errors"] == 15


def test_recovery_runs_from_the_service_back_to_the_first_answer_after_the_last_failure():
    # (started, ended, status); the service is down at 10 and back at 12.
    samples = [
        (9.0, 9.1, 200),
        (10.0, 10.2, 500),
        (11.0, 12.4, None),
        (12.5, 12.9, 500),
        (13.0, 13.6, 200),
        (14.0, 14.1, 200),
    ]
    figures = recovery(samples, down_at=10, back_at=12)
    assert figures["probe_failures"] == 3
    assert figures["statuses"] == {"200": 3, "500": 2, "no answer": 1}
    assert figures["recovery_s"] == 1.6
    assert (figures["first_failure_s"], figures["last_failure_s"]) == (-2, 0.9)


def test_recovery_is_zero_without_failures_and_none_when_never_back():
    assert recovery([(1.0, 1.1, 200)], down_at=0.5, back_at=2)["recovery_s"] == 0
    never = recovery([(1.0, 1.1, 200), (3.0, 3.2, 500)], down_at=2, back_at=2.5)
    assert never["recovery_s"] is None


def test_failures_before_the_fault_are_counted_apart():
    samples = [(0.0, 5.0, None), (5.1, 5.2, 200), (6.0, 6.1, 200)]
    figures = recovery(samples, down_at=5.5, back_at=5.8)
    assert figures["probe_failures"] == 0
    assert figures["probe_failures_before_fault"] == 1
    assert figures["recovery_s"] == 0


def test_merge_replaces_only_the_parts_that_ran():
    from bench.run import CHILD_PARTS, merged

    previous = {
        "scale": "nation",
        "seed": {"nation": {"seconds": 254.9}, "city": {"seconds": 2.0}},
        "pages": {"pages": ["nation figures"]},
        "load": {"old": True},
    }
    results = {
        "scale": "city",
        "started": "s",
        "finished": "f",
        "skipped": ["fresh", "io", "pages", "throughput", *CHILD_PARTS],
        "seed": {"city": {"seconds": 9.9, "reused": True}},
        "load": {"new": True},
        "hostile": {"available": False},
    }
    combined = merged(previous, results)
    assert combined["scale"] == "nation"
    assert combined["pages"] == {"pages": ["nation figures"]}
    assert combined["load"] == {"new": True}
    assert combined["hostile"] == {"available": False}
    assert combined["seed"]["city"] == {"seconds": 2.0}
    assert combined["merged_runs"][-1]["parts"] == ["seed", "load", "faults", "hostile"]


def test_verdicts_judge_by_the_same_run_multiple_on_a_slower_machine():
    from bench.report import verdicts

    def page(path, uncached_p95, cached_p50):
        return {
            "page": path,
            "path": path,
            "uncached": {"p50_ms": uncached_p95, "p95_ms": uncached_p95, "queries": 1},
            "cached": {"p50_ms": cached_p50, "p95_ms": cached_p50, "queries": 0},
        }

    # Cached home at 1.72 ms: a machine twice as slow, so 140 ms meets "< 75 ms".
    slow = {"pages": {"pages": [page("/", 40, 1.72), page("/quy/", 140, 1.5)]}}
    fund = [r for r in verdicts(slow) if r["what"] == "/quy/ uncached p95 ms"][0]
    assert fund["met"] and fund["note"].startswith("81x cached home")
    slow["pages"]["pages"][1]["uncached"]["p95_ms"] = 160
    assert not [r for r in verdicts(slow) if r["what"] == "/quy/ uncached p95 ms"][0][
        "met"
    ]
    # A faster machine never loosens nor tightens past the absolute target.
    fast = {"pages": {"pages": [page("/", 40, 0.4), page("/quy/", 74, 0.5)]}}
    assert [r for r in verdicts(fast) if r["what"] == "/quy/ uncached p95 ms"][0]["met"]


def test_workers_memory_reads_each_child_of_the_master():
    import os
    import subprocess

    from bench.load import workers_memory

    children = [subprocess.Popen(["cat"], stdin=subprocess.PIPE) for _ in range(2)]
    try:
        figures = workers_memory(os.getpid())
    finally:
        for process in children:
            process.stdin.close()
            process.wait()
    assert len(figures["workers"]) >= 2
    assert all(0 <= w["rss_mb"] <= w["peak_mb"] for w in figures["workers"])
    assert figures["peak_mb"] > 0
    assert figures["peak_mb"] == max(w["peak_mb"] for w in figures["workers"])
