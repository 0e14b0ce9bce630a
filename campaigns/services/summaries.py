"""Precomputed yearly aggregates: approved results, goal results and fund records per ward and year.

At nation scale a year is 100,000 results and a million goal results; summing them on
every uncached page takes seconds. These tables hold the same sums per (ward, year),
plus one row per year with `ward` NULL for the whole portal, so selectors read a few
rows instead. Only APPROVED results of APPROVED residential areas are counted, exactly
as `selectors._results()` counts them.

`FundSummary` does the same for approved donations and supports, by the year of their
date, and `WorkSummary` for approved community works per kind, so the fund's figures since the start read a few hundred rows instead of a
million fund records.

They are refreshed for the touched (ward, year) pairs whenever a result, goal result,
area, donation or support is saved or deleted (signals, so approvals and row-by-row imports are covered;
imports wrap themselves in `summaries_deferred()` to refresh once), and rebuilt in full
by `seed_demo` and `refresh_summaries`. Code that writes with `bulk_create`,
`update()` or raw SQL must call `summaries_refresh(ward_ids=…, years=…)` itself.
"""

import threading
from collections import defaultdict
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_init, post_save
from django.dispatch import receiver

from campaigns.models.choices import WorkflowStatusChoices
from campaigns.models.summaries import (
    FUND_COLUMNS,
    RESULT_COLUMNS,
    WORK_COLUMNS,
    FundSummary,
    GoalSummary,
    ResultSummary,
    WorkSummary,
)
from campaigns.services.publication import figures_changed

# --- refreshing -----------------------------------------------------------------


def _tables() -> dict[str, str]:
    from campaigns.models import (
        AnnualResult,
        CommunityWork,
        Donation,
        GoalResult,
        ResidentialArea,
        Support,
    )

    quote = connection.ops.quote_name
    return {
        "result": quote(AnnualResult._meta.db_table),
        "goal": quote(GoalResult._meta.db_table),
        "area": quote(ResidentialArea._meta.db_table),
        "donation": quote(Donation._meta.db_table),
        "support": quote(Support._meta.db_table),
        "rs": quote(ResultSummary._meta.db_table),
        "gs": quote(GoalSummary._meta.db_table),
        "fs": quote(FundSummary._meta.db_table),
        "work": quote(CommunityWork._meta.db_table),
        "ws": quote(WorkSummary._meta.db_table),
    }


def _year_of(column: str) -> str:
    """SQL for the calendar year of a date column, as an integer."""
    if connection.vendor == "sqlite":
        return f"CAST(strftime('%%Y', {column}) AS INTEGER)"
    return f"CAST(EXTRACT(YEAR FROM {column}) AS INTEGER)"


def _in_wards(ward_ids, params: list) -> str:
    """`_in("ward_id", …)` where None in `ward_ids` stands for the city fund (no ward)."""
    if ward_ids is None:
        return ""
    ids = {pk for pk in ward_ids if pk is not None}
    clauses = []
    if ids:
        params.extend(sorted(ids))
        clauses.append(f"ward_id IN ({', '.join(['%s'] * len(ids))})")
    if None in ward_ids:
        clauses.append("ward_id IS NULL")
    return f" AND ({' OR '.join(clauses)})" if clauses else " AND 1 = 0"


def fund_summaries_refresh(*, ward_ids=None, years=None) -> None:
    """Recompute the fund summaries of `ward_ids` × `years` (None: all) and the totals.

    In `ward_ids`, None is the city fund. Fund records count in the year of their date.
    """
    t = _tables()
    approved = WorkflowStatusChoices.APPROVED
    columns = ", ".join(FUND_COLUMNS)
    with transaction.atomic(), connection.cursor() as cursor:
        params: list = []
        where = _in_wards(ward_ids, params) + _in("year", years, params)
        cursor.execute(f"DELETE FROM {t['fs']} WHERE NOT is_total{where}", params)
        params = []
        where = _in("year", years, params)
        cursor.execute(f"DELETE FROM {t['fs']} WHERE is_total{where}", params)
        parts = []
        params = []
        # Each record table gives its own columns and zeros for the other's.
        for table, sums in (
            ("donation", ("SUM(amount)", "SUM(in_kind_value)", "COUNT(*)")),
            (
                "support",
                (
                    "SUM(amount)",
                    "COUNT(*)",
                    "SUM(houses_built)",
                    "SUM(houses_repaired)",
                ),
            ),
        ):
            values = ["0"] * len(FUND_COLUMNS)
            start = 0 if table == "donation" else 3
            values[start : start + len(sums)] = sums
            selected = ", ".join(
                f"{value} AS {name}"
                for value, name in zip(values, FUND_COLUMNS, strict=True)
            )
            year = _year_of("date")
            params.append(approved)
            where = _in_wards(ward_ids, params) + _in(year, years, params)
            parts.append(
                f"SELECT ward_id, {year} AS year, {selected} FROM {t[table]}"
                f" WHERE status = %s{where} GROUP BY ward_id, {year}"
            )
        cursor.execute(
            f"INSERT INTO {t['fs']} (ward_id, year, is_total, {columns})"
            f" SELECT ward_id, year, %s, {', '.join(f'SUM({c})' for c in FUND_COLUMNS)}"
            f" FROM ({parts[0]} UNION ALL {parts[1]}) AS u GROUP BY ward_id, year",
            [False, *params],
        )
        params = [True]
        where = _in("year", years, params)
        cursor.execute(
            f"INSERT INTO {t['fs']} (ward_id, year, is_total, {columns})"
            f" SELECT NULL, year, %s, {', '.join(f'SUM({c})' for c in FUND_COLUMNS)}"
            f" FROM {t['fs']} WHERE NOT is_total{where} GROUP BY year",
            params,
        )


def _in(column: str, values, params: list) -> str:
    if values is None:
        return ""
    values = sorted(set(values))
    params.extend(values)
    return (
        f" AND {column} IN ({', '.join(['%s'] * len(values))})"
        if values
        else " AND 1 = 0"
    )


def work_summaries_refresh(*, ward_ids=None, years=None) -> None:
    """Recompute the community-work summaries of `ward_ids` × `years` (None: all)."""
    t = _tables()
    columns = ", ".join(WORK_COLUMNS)
    sums = ", ".join(
        "COUNT(*)" if c == "works" else f"COALESCE(SUM({c}), 0)" for c in WORK_COLUMNS
    )
    with transaction.atomic(), connection.cursor() as cursor:
        params: list = []
        where = _in("ward_id", ward_ids, params) + _in("year", years, params)
        cursor.execute(
            f"DELETE FROM {t['ws']} WHERE ward_id IS NOT NULL{where}", params
        )
        params = []
        where = _in("year", years, params)
        cursor.execute(f"DELETE FROM {t['ws']} WHERE ward_id IS NULL{where}", params)
        params = [WorkflowStatusChoices.APPROVED]
        where = _in("ward_id", ward_ids, params) + _in("year", years, params)
        cursor.execute(
            f"INSERT INTO {t['ws']} (ward_id, year, kind, {columns})"
            f" SELECT ward_id, year, kind, {sums} FROM {t['work']}"
            f" WHERE status = %s{where} GROUP BY ward_id, year, kind",
            params,
        )
        params = []
        where = _in("year", years, params)
        cursor.execute(
            f"INSERT INTO {t['ws']} (ward_id, year, kind, {columns})"
            f" SELECT NULL, year, kind, {', '.join(f'SUM({c})' for c in WORK_COLUMNS)}"
            f" FROM {t['ws']} WHERE ward_id IS NOT NULL{where} GROUP BY year, kind",
            params,
        )


@transaction.atomic
def summaries_refresh(*, ward_ids=None, years=None) -> None:
    """Recompute the result and goal summaries of `ward_ids` × `years` (None: all).

    Two INSERT … SELECT … GROUP BY statements over the raw rows of the touched wards,
    then the whole-portal rows of the touched years summed from the ward rows. A full
    refresh (no arguments) rebuilds the fund summaries too.
    """
    if ward_ids is None and years is None:
        fund_summaries_refresh()
        work_summaries_refresh()
    t = _tables()
    approved = WorkflowStatusChoices.APPROVED
    with connection.cursor() as cursor:
        for table in (t["rs"], t["gs"]):
            params: list = []
            where = _in("ward_id", ward_ids, params) + _in("year", years, params)
            cursor.execute(
                f"DELETE FROM {table} WHERE ward_id IS NOT NULL{where}", params
            )
            params = []
            where = _in("year", years, params)
            cursor.execute(f"DELETE FROM {table} WHERE ward_id IS NULL{where}", params)
        params = [approved, approved]
        where = _in("ra.ward_id", ward_ids, params) + _in("ar.year", years, params)
        cursor.execute(
            f"INSERT INTO {t['rs']} (ward_id, year, poverty_standard_id, areas,"
            " households, cultural_families_recognised, cultural_title_areas,"
            " poor_households, near_poor_households, festival_areas, last_approved_at)"
            " SELECT ra.ward_id, ar.year, ar.poverty_standard_id, COUNT(*),"
            " SUM(ar.households), SUM(ar.cultural_families_recognised),"
            " SUM(CASE WHEN ar.cultural_title THEN 1 ELSE 0 END),"
            " SUM(ar.poor_households), SUM(ar.near_poor_households),"
            " SUM(CASE WHEN ar.festival_held THEN 1 ELSE 0 END), MAX(ar.approved_at)"
            f" FROM {t['result']} ar JOIN {t['area']} ra ON ra.id = ar.residential_area_id"
            f" WHERE ar.status = %s AND ra.status = %s{where}"
            " GROUP BY ra.ward_id, ar.year, ar.poverty_standard_id",
            params,
        )
        params = [approved, approved]
        where = _in("ra.ward_id", ward_ids, params) + _in("ar.year", years, params)
        cursor.execute(
            f"INSERT INTO {t['gs']} (ward_id, year, goal_id, reporting, achieved)"
            " SELECT ra.ward_id, ar.year, gr.goal_id, COUNT(*),"
            " SUM(CASE WHEN gr.achieved THEN 1 ELSE 0 END)"
            f" FROM {t['goal']} gr"
            f" JOIN {t['result']} ar ON ar.id = gr.annual_result_id"
            f" JOIN {t['area']} ra ON ra.id = ar.residential_area_id"
            f" WHERE ar.status = %s AND ra.status = %s{where}"
            " GROUP BY ra.ward_id, ar.year, gr.goal_id",
            params,
        )
        sums = ", ".join(f"SUM({column})" for column in RESULT_COLUMNS)
        params = []
        where = _in("year", years, params)
        cursor.execute(
            f"INSERT INTO {t['rs']} (ward_id, year, poverty_standard_id,"
            f" {', '.join(RESULT_COLUMNS)}, last_approved_at)"
            f" SELECT NULL, year, poverty_standard_id, {sums}, MAX(last_approved_at)"
            f" FROM {t['rs']}"
            f" WHERE ward_id IS NOT NULL{where} GROUP BY year, poverty_standard_id",
            params,
        )
        params = []
        where = _in("year", years, params)
        cursor.execute(
            f"INSERT INTO {t['gs']} (ward_id, year, goal_id, reporting, achieved)"
            f" SELECT NULL, year, goal_id, SUM(reporting), SUM(achieved) FROM {t['gs']}"
            f" WHERE ward_id IS NOT NULL{where} GROUP BY year, goal_id",
            params,
        )


def summaries_rebuild() -> None:
    """Recompute every summary row (after seeding, or to repair after raw SQL)."""
    summaries_refresh()
    # Rows written without signals (seeding, raw SQL) are published as they stand.
    figures_changed()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (ResultSummary, GoalSummary, FundSummary, WorkSummary):
                cursor.execute(
                    f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}"
                )


# --- keeping them fresh ------------------------------------------------------------
#
# Signals note what changed – (area, year) pairs, result ids, ward ids – and the touched
# (ward, year) summaries are recomputed right away, inside the writer's transaction, so
# they commit or roll back with the change. Within `summaries_deferred()` (imports,
# bulk work) the notes pile up and are refreshed once, when the block ends.

_local = threading.local()


def _pending() -> dict:
    pending = getattr(_local, "pending", None)
    if pending is None:
        pending = _local.pending = {
            "area_years": set(),
            "results": set(),
            "wards": set(),
            "fund": set(),
            "works": set(),
        }
    return pending


def _mark(kind: str, value) -> None:
    _pending()[kind].add(value)
    if not getattr(_local, "deferred", 0):
        _flush()


@contextmanager
def summaries_deferred():
    """Refresh the summaries once at the end of the block instead of once per saved row."""
    _local.deferred = getattr(_local, "deferred", 0) + 1
    try:
        yield
    finally:
        _local.deferred -= 1
    if not _local.deferred:
        _flush()


def _flush() -> None:
    from campaigns.models import AnnualResult, ResidentialArea

    pending = getattr(_local, "pending", None)
    _local.pending = None
    if not pending or not any(pending.values()):
        return
    for kind, refresh in (
        ("fund", fund_summaries_refresh),
        ("works", work_summaries_refresh),
    ):
        wards_of_year: dict[int, set] = defaultdict(set)
        for ward, year in pending[kind]:
            wards_of_year[year].add(ward)
        for year, wards in wards_of_year.items():
            refresh(ward_ids=wards, years={year})
    area_years = set(pending["area_years"])
    if pending["results"]:
        area_years |= set(
            AnnualResult.objects.filter(pk__in=pending["results"]).values_list(
                "residential_area_id", "year"
            )
        )
    ward_of = dict(
        ResidentialArea.objects.filter(
            pk__in={area for area, _ in area_years}
        ).values_list("pk", "ward_id")
    )
    every_year = set(pending["wards"])
    if every_year:
        summaries_refresh(ward_ids=every_year)
    by_years: dict[frozenset, set] = defaultdict(set)
    years_of: dict[int, set] = defaultdict(set)
    for area, year in area_years:
        ward = ward_of.get(area)
        if ward is not None and ward not in every_year:
            years_of[ward].add(year)
    for ward, years in years_of.items():
        by_years[frozenset(years)].add(ward)
    for years, wards in by_years.items():
        summaries_refresh(ward_ids=wards, years=years)


def _fund_key(instance) -> tuple[int | None, int] | None:
    # Through __dict__: a deferred field must not cost a query per loaded row.
    year = getattr(instance.__dict__.get("date"), "year", None)
    if year is None or "ward_id" not in instance.__dict__:
        return None
    return instance.ward_id, year


def _work_key(instance) -> tuple[int, int] | None:
    year, ward = instance.__dict__.get("year"), instance.__dict__.get("ward_id")
    return None if year is None or ward is None else (ward, year)


def _track(model, kind: str, key_of) -> None:
    """Note `key_of(record)` – its (ward, year) – before and after each save or delete."""

    @receiver(post_init, sender=model, weak=False)
    def loaded(sender, instance, **kwargs):
        instance._summary_key = key_of(instance)

    @receiver([post_save, post_delete], sender=model, weak=False)
    def changed(sender, instance, raw=False, **kwargs):
        if raw:
            return
        for key in {key_of(instance), getattr(instance, "_summary_key", None)}:
            if key is not None:
                _mark(kind, key)
        instance._summary_key = key_of(instance)


def connect() -> None:
    from campaigns.models import (
        AnnualResult,
        CommunityWork,
        Donation,
        GoalResult,
        ResidentialArea,
        Support,
    )

    _track(Donation, "fund", _fund_key)
    _track(Support, "fund", _fund_key)
    _track(CommunityWork, "works", _work_key)

    @receiver(post_init, sender=AnnualResult, weak=False)
    def result_loaded(sender, instance, **kwargs):
        instance._summary_key = (instance.residential_area_id, instance.year)

    @receiver([post_save, post_delete], sender=AnnualResult, weak=False)
    def result_changed(sender, instance, raw=False, **kwargs):
        if raw:
            return
        _mark("area_years", (instance.residential_area_id, instance.year))
        old = getattr(instance, "_summary_key", None)
        if (
            old
            and old[0] is not None
            and old
            != (
                instance.residential_area_id,
                instance.year,
            )
        ):
            _mark("area_years", old)

    @receiver([post_save, post_delete], sender=GoalResult, weak=False)
    def goal_changed(sender, instance, raw=False, **kwargs):
        if not raw:
            _mark("results", instance.annual_result_id)

    @receiver(post_init, sender=ResidentialArea, weak=False)
    def area_loaded(sender, instance, **kwargs):
        instance._summary_ward = instance.ward_id

    @receiver([post_save, post_delete], sender=ResidentialArea, weak=False)
    def area_changed(sender, instance, raw=False, **kwargs):
        if raw:
            return
        for ward in {instance.ward_id, getattr(instance, "_summary_ward", None)}:
            if ward is not None:
                _mark("wards", ward)
