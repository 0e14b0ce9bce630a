"""The public pages the benchmark times, with the same arguments at every scale.

The unit and area are Bắc Kạn's own (present at every scale), so query counts can be
compared between city and nation; the year is the portal's default (latest) year.
"""

import os
import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.measure import percentile
from campaigns.models import ResidentialArea, Story

WARD = "phuong-bac-kan"


def public_pages() -> list[tuple[str, str]]:
    area = (
        ResidentialArea.objects.filter(ward__slug=WARD, status="approved")
        .order_by("name")
        .first()
    )
    pages = [
        ("overview /", reverse("campaigns:overview")),
        ("ward list", reverse("campaigns:ward-list")),
        ("ward detail", reverse("campaigns:ward-detail", kwargs={"slug": WARD})),
        ("goal list", reverse("campaigns:goal-list")),
        ("goal detail", reverse("campaigns:goal-detail", kwargs={"number": 4})),
        ("fund", reverse("campaigns:fund")),
        ("works", reverse("campaigns:works")),
        ("festivals", reverse("campaigns:festivals")),
        ("cultural families", reverse("campaigns:cultural-families")),
        ("commendations", reverse("campaigns:commendations")),
        ("good examples", reverse("campaigns:story-list")),
        ("open data", reverse("campaigns:open-data")),
        ("search", reverse("campaigns:search") + "?q=duc+xuan"),
        # Words of one and two letters: no trigram to look up (issue 18).
        ("search a", reverse("campaigns:search") + "?q=a"),
        ("search to", reverse("campaigns:search") + "?q=to"),
    ]
    if area is not None:
        pages[3:3] = [
            (
                "area detail",
                reverse("campaigns:area-detail", kwargs={"slug": area.slug}),
            ),
            ("area card", reverse("campaigns:area-card", kwargs={"slug": area.slug})),
        ]
    story = (
        Story.objects.filter(ward__slug=WARD, status="approved").order_by("pk").first()
    )
    if story is not None:
        pages.append(
            (
                "good example",
                reverse("campaigns:story-detail", kwargs={"slug": story.slug}),
            )
        )
    return pages


def page_figures(pages: list[tuple[str, str]] | None = None) -> dict:
    """Every public page (or `pages`, name and path) timed uncached and cached in this
    process (the `pages` part; bench/page_times.py for any list)."""
    from django.core.cache import cache
    from django.test import Client

    uncached_runs = int(os.environ.get("BENCH_UNCACHED_RUNS", "20"))
    cached_runs = int(os.environ.get("BENCH_CACHED_RUNS", "100"))
    client = Client()
    report = []
    for name, path in public_pages() if pages is None else pages:
        times, counts, sizes = [], [], []
        # One unmeasured request first, as a running server has served one already:
        # the first request of a process also loads templates, the URL map and the
        # translation catalogue, and opens the database connection. Its time is kept.
        cache.clear()
        started = time.perf_counter()
        client.get(path)
        first_ms = 1000 * (time.perf_counter() - started)
        for _ in range(uncached_runs):
            cache.clear()
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            times.append(1000 * (time.perf_counter() - started))
            counts.append(len(queries))
            sizes.append(len(response.content))
            assert response.status_code == 200, (path, response.status_code)
        cached_times, cached_counts = [], []
        client.get(path)
        for _ in range(cached_runs):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            cached_times.append(1000 * (time.perf_counter() - started))
            cached_counts.append(len(queries))
        report.append(
            {
                "page": name,
                "path": path,
                "bytes": statistics.median(sizes),
                "first_request_ms": round(first_ms, 1),
                "uncached": {
                    "p50_ms": round(percentile(times, 0.5), 1),
                    "p95_ms": round(percentile(times, 0.95), 1),
                    "queries": max(counts),
                },
                "cached": {
                    "p50_ms": round(percentile(cached_times, 0.5), 2),
                    "p95_ms": round(percentile(cached_times, 0.95), 2),
                    "queries": max(cached_counts),
                },
            }
        )
    from django.core.cache import caches

    return {"pages": report, "cache": type(caches["default"]).__name__}
