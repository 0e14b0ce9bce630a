"""Running the scale demo: wards in chunks, each with its years of rows, and on
PostgreSQL the foreign keys checked once at the end rather than row by row.
"""

from collections.abc import Callable, Iterable
from contextlib import contextmanager

from django.db import connection

from campaigns.demo.scale import Scale, ScaleGenerator, ScaleSummary
from campaigns.demo.scale_fund import scale_fund_make
from campaigns.demo.scale_results import scale_results_make
from campaigns.demo.scale_units import scale_ward_make
from campaigns.demo.scale_works import scale_works_make
from campaigns.models import (
    AnnualResult,
    Commendation,
    CommunityWork,
    Donation,
    GoalResult,
    Household,
    ResidentialArea,
    Support,
    Ward,
)


def scale_data_seed(
    *,
    scale: Scale,
    seed: int,
    years: range,
    progress: Callable[[int], None] | None = None,
) -> ScaleSummary:
    """Add `scale`'s invented wards and their rows; call inside the seeding transaction."""
    generator = ScaleGenerator(scale=scale, seed=seed, years=years)
    if connection.vendor != "postgresql":
        return _rows_make(generator, progress)
    with _foreign_keys_checked_at_the_end(SCALE_MODELS):
        summary = _rows_make(generator, progress)
    # Fresh statistics, or the planner guesses from an empty table.
    with connection.cursor() as cursor:
        for model in SCALE_MODELS:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return summary


def _rows_make(
    gen: ScaleGenerator, progress: Callable[[int], None] | None
) -> ScaleSummary:
    """Every invented ward with its years of rows, written `chunk_wards` wards at a time."""
    progress = progress or (lambda done: None)
    scale = gen.scale
    counts = gen.area_counts()
    per_province = -(-scale.wards // scale.provinces)
    for start in range(0, scale.wards, scale.chunk_wards):
        for index in range(start, min(start + scale.chunk_wards, scale.wards)):
            province = index // per_province
            ward_id, name, states = scale_ward_make(
                gen, index, province, index - province * per_province, counts[index]
            )
            for year in gen.years:
                scale_results_make(gen, states, year)
                scale_fund_make(gen, ward_id, name, states, year)
                scale_works_make(gen, ward_id, states, year)
        gen.tables.flush()
        progress(min(start + scale.chunk_wards, scale.wards))
    tables = gen.tables
    summary = gen.summary
    summary.wards = tables.wards.count
    summary.residential_areas = tables.areas.count
    summary.annual_results = tables.results.count
    summary.goal_results = tables.goal_results.count
    summary.donations = tables.donations.count
    summary.households = tables.households.count
    summary.supports = tables.supports.count
    summary.community_works = tables.works.count
    summary.commendations = tables.commendations.count
    return summary


@contextmanager
def _foreign_keys_checked_at_the_end(models: Iterable):
    """Drop the tables' foreign keys while COPY runs and put them back afterwards.

    Checked row by row, 17 million foreign-key lookups take longer than the COPY
    itself; re-adding a constraint checks all rows in one join. The definitions are
    read from pg_constraint and restored verbatim, inside the seeding transaction,
    so a failure rolls everything back with the constraints in place.
    """
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        # Pending deferred checks (from the city demo) block ALTER TABLE; run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        dropped = []
        for model in models:
            table = model._meta.db_table
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                " WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
                [quote(table)],
            )
            for name, definition in cursor.fetchall():
                cursor.execute(
                    f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}"
                )
                dropped.append((table, name, definition))
    yield
    with connection.cursor() as cursor:
        for table, name, definition in dropped:
            cursor.execute(
                f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}"
            )


SCALE_MODELS: Iterable = (
    Ward,
    ResidentialArea,
    AnnualResult,
    GoalResult,
    Donation,
    Household,
    Support,
    CommunityWork,
    Commendation,
)
