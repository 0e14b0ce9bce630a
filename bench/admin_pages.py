"""The staff side (Django admin under ADMIN_URL) timed as city staff and as ward staff.

    python bench/admin_pages.py

Run by bench/run.py (the `admin` part) with the bench's environment; prints one JSON
object on its last line: {"pages": [{path, role, name, uncached: {p50_ms, p95_ms,
queries}}], "home_cached_p50_ms"}. Every request is uncached (the cache is cleared
before it), as a staff page is never served from the public cache anyway. The two
accounts are created inside a transaction that is rolled back at the end, so the
shared database keeps no trace of them (their sessions included).
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils.http import urlencode  # noqa: E402

from bench.measure import (  # noqa: E402
    counting_queries,
    emit,
    home_cached_p50_ms,
    percentile,
)
from bench.pages import WARD  # noqa: E402
from campaigns import models, selectors  # noqa: E402
from campaigns.access.scope import CITY_STAFF, WARD_STAFF  # noqa: E402

ADMIN = "/" + settings.ADMIN_URL


class Rollback(Exception):
    """Leaves the transaction holding the bench accounts."""


def staff_client(username: str, role: str, wards=()) -> Client:
    user = get_user_model().objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    if wards:
        models.StaffScope.objects.create(user=user).wards.set(wards)
    client = Client()
    client.force_login(user)
    return client


def admin_pages(ward) -> list[tuple[str, str]]:
    """(name, path) of every page of the issue's list, for the same ward and year."""
    year = selectors.reporting_year()
    # Names as staff type them: the unit's name without its kind ("Bắc Kạn"), a
    # donor's, a household head's, a work's name, each taken from the ward's rows.
    unit = ward.name.split(" ", 1)[-1]
    donor = _first(models.Donation.objects.filter(ward=ward), "donor_name")
    head = _first(models.Household.objects.filter(ward=ward), "head_name")
    work = _first(models.CommunityWork.objects.filter(ward=ward), "name")
    result = (
        models.AnnualResult.objects.filter(residential_area__ward=ward, year=year)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    lists = {
        "annualresult": ("year", unit),
        "goalresult": ("annual_result__year", unit),
        "donation": ("date__year", donor),
        "support": ("date__year", head),
        "household": (None, head),
        "communitywork": ("year", work),
    }
    pages = []
    for model, (year_param, search) in lists.items():
        base = f"{ADMIN}campaigns/{model}/"
        pages.append((f"{model} list", base))
        if year_param:
            pages.append((f"{model} year", f"{base}?{year_param}={year}"))
        pages.append((f"{model} search", f"{base}?{urlencode({'q': search})}"))
    if result is not None:
        pages.append(
            ("annualresult change", f"{ADMIN}campaigns/annualresult/{result}/change/")
        )
    pages.append(("completeness", f"{ADMIN}workflow/completeness/?year={year}"))
    pages.append(("history", f"{ADMIN}workflow/history/"))
    return pages


def _first(queryset, field: str) -> str:
    return queryset.order_by("pk").values_list(field, flat=True).first() or "a"


def timed(client: Client, path: str, runs: int) -> dict:
    client.get(path)  # templates, URL map, catalogue loaded once (as in bench/pages.py)
    times, counts, status = [], [], None
    for _ in range(runs):
        cache.clear()
        started = time.perf_counter()
        with counting_queries() as queries:
            response = client.get(path)
        times.append(1000 * (time.perf_counter() - started))
        counts.append(len(queries))
        status = response.status_code
    return {
        "p50_ms": round(percentile(times, 0.5), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "queries": max(counts),
        "status": status,
    }


def main() -> None:
    runs = int(os.environ.get("BENCH_UNCACHED_RUNS", "20"))
    only = os.environ.get("BENCH_ADMIN_ONLY")  # a substring of page names, to iterate
    ward = models.Ward.objects.get(slug=WARD)
    report = []
    try:
        with transaction.atomic():
            clients = {
                "city_staff": staff_client("bench-admin-city", CITY_STAFF),
                "ward_staff": staff_client("bench-admin-ward", WARD_STAFF, [ward]),
            }
            for name, path in admin_pages(ward):
                if only and only not in name:
                    continue
                for role, client in clients.items():
                    figures = timed(client, path, runs)
                    print(role, name, figures, file=sys.stderr, flush=True)
                    report.append(
                        {
                            "path": path,
                            "role": role,
                            "name": name,
                            "status": figures.pop("status"),
                            "uncached": figures,
                        }
                    )
            raise Rollback
    except Rollback:
        pass
    emit({"pages": report, "home_cached_p50_ms": home_cached_p50_ms()})


if __name__ == "__main__":
    main()
