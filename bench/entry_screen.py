"""The data-entry screen of a ward of 100 residential areas, as ward staff of that ward.

No seeded ward is that big (about ten areas each), so the script builds one inside a
transaction it rolls back: a seeded ward takes 100 areas in force (its own and other
wards', renamed to stay unique in it) with their yearly results of last year and of
the entry year; the entry year's results are made drafts again and 20 of them are
removed, so a save both updates and creates rows. Nothing is ever committed: the
database is shared.

Times, in this process and with the cache cleared before each request: the screen's
load (GET), a draft save of the whole grid (every row changed, a goal ticked or
unticked in each) and a submit of it, each save inside a savepoint rolled back; and
the cached home page `/`, the yardstick of the run. Prints one JSON line last.
"""

import os
import re
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
django.setup()

from django import forms  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.measure import (  # noqa: E402
    counting_queries,
    emit,
    home_cached_p50_ms,
    percentile,
)
from campaigns.access.scope import WARD_STAFF  # noqa: E402
from campaigns.admin.entry_forms import EntryRows  # noqa: E402
from campaigns.models import (  # noqa: E402
    AnnualResult,
    ResidentialArea,
    StaffScope,
    Ward,
)
from campaigns.models.choices import WorkflowStatusChoices as Status  # noqa: E402
from campaigns.models.validity import year_reference_date  # noqa: E402
from campaigns.selectors.calendar import reporting_year  # noqa: E402
from campaigns.selectors.entry import entry_grid  # noqa: E402
from campaigns.services.summary_tracking import summaries_deferred  # noqa: E402

AREAS = 100  # or every area in force, if fewer (city scale)
REMOVED = 20  # areas whose result of the year is not entered yet


# This process's CPU time of each timed request, in order: on a machine shared by
# many, wall time is mostly waiting for a core; CPU time (PostgreSQL's excluded)
# shows what the request itself costs.
CPU_MS: list[float] = []


class Rollback(Exception):
    pass


def build_ward(year: int) -> Ward:
    """A seeded ward made to hold AREAS areas in force in `year` (rolled back later)."""
    day = year_reference_date(year)
    in_force = ResidentialArea.objects.valid_on(day).filter(
        annual_results__year=year - 1
    )
    biggest = (
        in_force.values("ward").annotate(n=Count("pk")).order_by("-n", "ward").first()
    )
    ward = Ward.objects.get(pk=biggest["ward"])
    own = list(in_force.filter(ward=ward).values_list("pk", flat=True))
    others = list(
        in_force.exclude(ward=ward)
        .filter(annual_results__year=year)
        .order_by("pk")
        .values_list("pk", flat=True)[: AREAS - len(own)]
    )
    chosen = own + others
    table = connection.ops.quote_name(ResidentialArea._meta.db_table)
    with connection.cursor() as cursor:
        # "Tổ 1" exists in many wards: the id keeps names unique within this one.
        cursor.execute(
            f"UPDATE {table} SET ward_id = %s, name = name || ' #' || id"
            f" WHERE id = ANY(%s)",
            [ward.pk, chosen],
        )
    results = AnnualResult.objects.filter(residential_area__in=chosen, year=year)
    gone = list(
        results.order_by("residential_area_id").values_list("pk", flat=True)[:REMOVED]
    )
    with summaries_deferred():  # one refresh, not one per deleted row
        AnnualResult.objects.filter(pk__in=gone).delete()
    results.update(
        status=Status.DRAFT,
        status_reason="",
        submitted_by=None,
        approved_by=None,
        approved_at=None,
    )
    return ward


def ward_staff(ward):
    user = get_user_model().objects.create_user(
        "bench-entry-staff", password="x-Bench-2026-entry", is_staff=True
    )
    user.groups.add(Group.objects.get(name=WARD_STAFF))
    scope = StaffScope.objects.create(user=user)
    scope.wards.set([ward])
    return user


def whole_grid(forms_shown, turn: int) -> dict:
    """The grid posted back with every row changed: households up, goal 1 flipped."""
    data = {}
    for form in forms_shown:
        for name, field in form.fields.items():
            value = form[name].value()
            if field.disabled:
                continue
            if name == "households":
                value = (value or 200) + 1 + turn
            elif name == "goal_1":
                value = not value
            elif value in (None, "") and name in (
                "cultural_families_registered",
                "cultural_families_recognised",
                "poor_households",
                "near_poor_households",
            ):
                value = 0
            if value is None or value is False:
                continue
            if isinstance(field, forms.BooleanField):
                data[form.add_prefix(name)] = "on"
            else:
                data[form.add_prefix(name)] = field.widget.format_value(value)
    return data


def timed(client, path, data=None):
    """One request: a GET, or a POST of `data` encoded as the browser sends a form
    (urlencoded, not the test client's multipart; encoded before the clock starts)."""
    body = urlencode(data) if data else None
    started, cpu = time.perf_counter(), time.process_time()
    with counting_queries() as queries:
        if body is None:
            response = client.get(path)
        else:
            response = client.post(
                path, body, content_type="application/x-www-form-urlencoded"
            )
    CPU_MS.append(1000 * (time.process_time() - cpu))
    return 1000 * (time.perf_counter() - started), len(queries), response


def main() -> None:
    runs = int(os.environ.get("BENCH_UNCACHED_RUNS", "20"))
    save_runs = int(os.environ.get("BENCH_SAVE_RUNS", str(max(3, runs // 2))))
    cached_runs = int(os.environ.get("BENCH_CACHED_RUNS", "100"))
    year = reporting_year()
    figures: dict = {"areas": AREAS, "year": year}
    try:
        with transaction.atomic():
            started = time.perf_counter()
            ward = build_ward(year)
            figures["build_s"] = round(time.perf_counter() - started, 1)
            figures["ward"] = ward.slug
            user = ward_staff(ward)
            client = Client()
            client.force_login(user)
            path = reverse(
                "campaigns_admin:ward-year-entry",
                kwargs={"ward_slug": ward.slug, "year": year},
            )
            shown = client.get(path)  # the first request of the process, untimed
            assert shown.status_code == 200, shown.status_code
            # The forms as the page builds them, for the values it shows.
            forms_shown = EntryRows(
                entry_grid(ward=ward, year=year, user=user), user=user, may_enter=True
            ).forms
            # A city-scale database has fewer areas in force: all of them, then.
            figures["areas"] = len(forms_shown)
            entered = sum(1 for form in forms_shown if form.row.result)
            figures["entered_before_save"] = entered
            loads, load_queries = [], []
            CPU_MS.clear()
            for _ in range(runs):
                cache.clear()
                ms, count, response = timed(client, path)
                assert response.status_code == 200
                loads.append(ms)
                load_queries.append(count)
            figures["load_cpu_p50_ms"] = round(percentile(CPU_MS, 0.5), 1)
            for button, runs_of in (("save", save_runs), ("submit", save_runs)):
                times, counts = [], []
                CPU_MS.clear()
                for turn in range(runs_of):
                    data = {**whole_grid(forms_shown, turn), button: "1"}
                    with transaction.atomic():
                        cache.clear()
                        ms, count, response = timed(client, path, data)
                        assert response.status_code == 302, (
                            button,
                            response.status_code,
                            turn,
                            re.findall(
                                r'messagelist">.{0,600}|errorlist.{0,200}',
                                response.content.decode(),
                                re.S,
                            )[:5],
                        )
                        if turn == 0:
                            saved = AnnualResult.objects.filter(
                                residential_area__ward=ward, year=year
                            )
                            figures[f"{button}_results_after"] = saved.count()
                            figures[f"{button}_statuses_after"] = dict(
                                saved.values_list("status")
                                .annotate(n=Count("pk"))
                                .order_by()
                            )
                        transaction.set_rollback(True)
                    times.append(ms)
                    counts.append(count)
                figures[button] = {
                    "cpu_p50_ms": round(percentile(CPU_MS, 0.5), 1),
                    "p50_ms": round(percentile(times, 0.5), 1),
                    "p95_ms": round(percentile(times, 0.95), 1),
                    "queries": max(counts),
                    "runs": runs_of,
                }
            raise Rollback
    except Rollback:
        pass
    # The yardstick, once the transaction is gone: an open transaction caches nothing
    # (a figure of a transaction that may roll back is never stored).
    home_p50 = home_cached_p50_ms(cached_runs)
    figures.update(
        load_p95_ms=round(percentile(loads, 0.95), 1),
        load_p50_ms=round(percentile(loads, 0.5), 1),
        load_queries=max(load_queries),
        save_p95_ms=figures["save"]["p95_ms"],
        save_p50_ms=figures["save"]["p50_ms"],
        save_queries=figures["save"]["queries"],
        submit_p95_ms=figures["submit"]["p95_ms"],
        submit_queries=figures["submit"]["queries"],
        home_cached_p50_ms=round(home_p50, 3),
        load_p95_x_home=round(percentile(loads, 0.95) / home_p50, 0),
        save_p95_x_home=round(figures["save"]["p95_ms"] / home_p50, 0),
        load_mean_ms=round(statistics.mean(loads), 1),
    )
    emit(figures)


if __name__ == "__main__":
    main()
