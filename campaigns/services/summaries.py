"""Precomputed yearly aggregates: approved results, goal results and fund records per ward and year.

At nation scale a year is 100,000 results and a million goal results; summing them on
every uncached page takes seconds. These tables hold the same sums per (ward, year),
plus one row per year with `ward` NULL for the whole portal, so selectors read a few
rows instead. Only published results are counted (`AnnualResult.objects.published()`:
approved results of approved areas), exactly as the selectors count them.

`FundSummary` does the same for approved donations and supports, by the year of their
date, and `WorkSummary` for approved community works per kind, so the fund's figures
since the start read a few hundred rows instead of a million fund records.

They are refreshed for the touched (ward, year) pairs whenever a result, goal result,
area, donation, support or work is saved or deleted (services/summary_tracking.py), and
rebuilt in full by `seed_demo` and `refresh_summaries` (`summaries_rebuild`, which also
retires the cached figures). Code that writes published rows with `bulk_create`,
`update()` or raw SQL must call `summaries_refresh(ward_ids=…, years=…)` and
`publication.figures_changed()` itself.
"""

from django.db import connection, transaction

from campaigns.models.choices import WorkflowStatusChoices
from campaigns.models.summaries import (
    CULTURAL_COLUMNS,
    FUND_COLUMNS,
    RESULT_COLUMNS,
    RESULT_DATE_COLUMNS,
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


# CULTURAL_COLUMNS from a ward's approved results, as `selectors.cultural` sums them.
CULTURAL_SUMS = ", ".join(
    [
        *(f"COALESCE(SUM(ar.{name}), 0)" for name in CULTURAL_COLUMNS[:-1]),
        "SUM(CASE WHEN ar.civilised_weddings IS NOT NULL THEN 1 ELSE 0 END)",
    ]
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
            " poor_households, near_poor_households, festival_areas,"
            " festival_participants, festival_first, festival_last,"
            f" {', '.join(CULTURAL_COLUMNS)}, last_approved_at)"
            " SELECT ra.ward_id, ar.year, ar.poverty_standard_id, COUNT(*),"
            " SUM(ar.households), SUM(ar.cultural_families_recognised),"
            " SUM(CASE WHEN ar.cultural_title THEN 1 ELSE 0 END),"
            " SUM(ar.poor_households), SUM(ar.near_poor_households),"
            " SUM(CASE WHEN ar.festival_held THEN 1 ELSE 0 END),"
            # As the festival selectors count: only results that held it.
            " COALESCE(SUM(CASE WHEN ar.festival_held"
            " THEN ar.festival_participants END), 0),"
            " MIN(CASE WHEN ar.festival_held THEN ar.festival_date END),"
            " MAX(CASE WHEN ar.festival_held THEN ar.festival_date END),"
            f" {CULTURAL_SUMS}, MAX(ar.approved_at)"
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
            f" {', '.join(RESULT_COLUMNS)}, {', '.join(RESULT_DATE_COLUMNS)},"
            " last_approved_at)"
            f" SELECT NULL, year, poverty_standard_id, {sums},"
            " MIN(festival_first), MAX(festival_last), MAX(last_approved_at)"
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
