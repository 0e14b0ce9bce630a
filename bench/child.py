"""One measurement per process, so peak memory (ru_maxrss) belongs to that measurement.

    python bench/child.py prepare-io
    python bench/child.py export plain|portal xlsx|csv
    python bench/child.py import plain|portal
    python bench/child.py pages

Run by bench/run.py with DJANGO_SETTINGS_MODULE=bench.settings and DATABASE_URL set;
each prints one JSON object on its last line of stdout.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from import_export import resources  # noqa: E402

from bench.measure import counting_queries, emit  # noqa: E402
from campaigns import models  # noqa: E402
from campaigns.demo import scale as demo_scale  # noqa: E402
from campaigns.demo.scale_seed import scale_data_seed  # noqa: E402
from campaigns.services.summary_tracking import summaries_deferred  # noqa: E402

EXPORT_ROWS = 100_000
IMPORT_ROWS = 10_000
# Enough invented wards for 10,000 results in one year and 100,000 supports.
IO_SCALE = demo_scale.Scale(
    "bench-io",
    provinces=7,
    wards=700,
    areas=10_500,
    supports_per_ward_year=13,
    donations_per_ward_year=2,
)


class Unavailable(Exception):
    """The measured code is not in this checkout (yet)."""


# --- the plain django-import-export baselines ------------------------------------


class PlainSupportResource(resources.ModelResource):
    class Meta:
        model = models.Support


class PlainAnnualResultResource(resources.ModelResource):
    class Meta:
        model = models.AnnualResult


# --- preparing the IO database ----------------------------------------------------


def prepare_io() -> None:
    from campaigns.services.reference import reference_data_load

    started = time.monotonic()
    if models.Support.objects.filter(is_demo=True).count() >= EXPORT_ROWS:
        emit({"prepared": False, "seconds": 0})
        return
    reference_data_load()
    from campaigns.demo.existing import demo_data_delete

    with transaction.atomic():
        demo_data_delete()
        scale_data_seed(scale=IO_SCALE, seed=2024, years=range(2011, 2026))
    emit({"prepared": True, "seconds": round(time.monotonic() - started, 1)})


# --- exports -------------------------------------------------------------------------


def bench_user():
    """The superuser the portal's cases import and export as (they refuse without one)."""
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(
        username="bench", defaults={"is_staff": True, "is_superuser": True}
    )
    return user


def export_rows():
    return models.Support.objects.order_by("pk")[:EXPORT_ROWS]


def export_plain(fmt: str, out) -> int:
    dataset = PlainSupportResource().export(queryset=export_rows())
    data = dataset.export(fmt)
    out.write(data.encode() if isinstance(data, str) else data)
    return len(dataset)


def export_portal(fmt: str, out) -> int:
    """The portal's own streaming export of the same rows (issue 4's API)."""
    try:
        from campaigns.spreadsheets import writing
        from campaigns.spreadsheets.resources import SupportResource
    except ImportError as exc:
        raise Unavailable(
            "campaigns.spreadsheets.writing / SupportResource (issue 4)"
        ) from exc
    resource_ = SupportResource(user=bench_user())
    rows = export_rows()
    if fmt == "xlsx":
        handle = writing.xlsx_file(
            "supports", resource_.export_columns(), resource_.iter_export(rows)
        )
        handle.seek(0)
        out.write(handle.read())
    else:
        for chunk in writing.csv_chunks(
            resource_.export_columns(), resource_.iter_export(rows)
        ):
            out.write(chunk.encode() if isinstance(chunk, str) else chunk)
    return rows.count()


def run_export(variant: str, fmt: str) -> None:
    function = {"plain": export_plain, "portal": export_portal}[variant]
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        with counting_queries() as queries:
            rows = function(fmt, out)
        seconds = time.perf_counter() - started
        size = out.tell()
    emit(
        {
            "variant": variant,
            "format": fmt,
            "rows": rows,
            "seconds": round(seconds, 2),
            "rows_per_s": round(rows / seconds),
            "queries": len(queries),
            "bytes": size,
        }
    )


# --- imports -------------------------------------------------------------------------


def import_target():
    """10,000 approved results of one year (the latest with that many)."""
    for year in range(2025, 2010, -1):
        rows = models.AnnualResult.objects.filter(
            year=year, residential_area__ward__is_demo=True
        ).order_by("pk")
        ids = list(rows.values_list("pk", flat=True)[:IMPORT_ROWS])
        if len(ids) == IMPORT_ROWS:
            return models.AnnualResult.objects.filter(pk__in=ids).order_by("pk")
    raise SystemExit(f"no year with {IMPORT_ROWS} results; run prepare-io first")


def import_plain(dataset_rows):
    dataset = PlainAnnualResultResource().export(queryset=dataset_rows)

    def run(dry_run: bool):
        return PlainAnnualResultResource().import_data(dataset, dry_run=dry_run)

    return dataset, run


def import_portal(dataset_rows):
    """The portal's own import of the same rows from its own XLSX (issue 4's API)."""
    try:
        from campaigns.spreadsheets import reading, writing
        from campaigns.spreadsheets.resources import AnnualResultResource
    except ImportError as exc:
        raise Unavailable(
            "campaigns.spreadsheets.reading / AnnualResultResource (issue 4)"
        ) from exc
    exporter = AnnualResultResource(user=bench_user())
    data = writing.xlsx_file(
        "results", exporter.export_columns(), exporter.iter_export(dataset_rows)
    ).read()

    def run(dry_run: bool):
        resource_ = AnnualResultResource(user=bench_user())
        dataset = reading.read_spreadsheet(data, is_header=resource_.is_header)
        resource_.match_headers(dataset)
        return resource_.import_data(
            dataset, dry_run=dry_run, file_name="bench", user=resource_.user
        )

    return ReadRows(len(dataset_rows)), run


class ReadRows:
    """Stands in for a dataset where only its length is reported."""

    def __init__(self, count: int):
        self.count = count

    def __len__(self) -> int:
        return self.count


IMPORT_TABLES = (
    models.AnnualResult,
    models.GoalResult,
    models.AnnualResult.history.model,
    models.GoalResult.history.model,
)


def vacuum_import_tables() -> None:
    """Start each import case from clean tables.

    Every case inserts 110,000 rows and rolls them back; without a VACUUM the next
    case would wade through the dead rows and bloated indexes the previous one left.
    """
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(
        connection.ops.quote_name(m._meta.db_table) for m in IMPORT_TABLES
    )
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {tables}")


def run_import(variant: str) -> None:
    prepare = {"plain": import_plain, "portal": import_portal}[variant]
    figures = {"variant": variant}
    vacuum_import_tables()
    with transaction.atomic():
        target = import_target()
        dataset, run = prepare(target)
        # The rows go away inside this transaction, so the import creates them again;
        # everything is rolled back at the end.
        ids = list(target.values_list("pk", flat=True))
        year = target.first().year  # import_target() takes one year
        area_ids = list(target.values_list("residential_area_id", flat=True))
        models.GoalResult.objects.filter(annual_result_id__in=ids)._raw_delete(
            connection.alias
        )
        models.AnnualResult.objects.filter(pk__in=ids)._raw_delete(connection.alias)
        for dry_run in (True, False):
            started = time.perf_counter()
            # Both variants refresh the yearly summaries once, not once per row.
            with counting_queries() as queries, summaries_deferred():
                result = run(dry_run)
            seconds = time.perf_counter() - started
            label = "dry_run" if dry_run else "commit"
            figures[label] = {
                "rows": len(dataset),
                "seconds": round(seconds, 2),
                "rows_per_s": round(len(dataset) / seconds),
                "queries": len(queries),
                "errors": bool(result.has_errors() or result.has_validation_errors()),
            }
        # By natural key: an import may give the rows new primary keys.
        figures["created"] = models.AnnualResult.objects.filter(
            year=year, residential_area_id__in=area_ids
        ).count()
        transaction.set_rollback(True)
    figures["total_seconds"] = round(
        figures["dry_run"]["seconds"] + figures["commit"]["seconds"], 2
    )
    emit(figures)


# --- public pages ----------------------------------------------------------------------


def main(argv: list[str]) -> None:
    command, *args = argv
    try:
        dispatch(command, args)
    except Unavailable as exc:
        emit({"error": f"not available: {exc}"})


def dispatch(command: str, args: list[str]) -> None:
    if command == "prepare-io":
        prepare_io()
    elif command == "export":
        run_export(*args)
    elif command == "import":
        run_import(*args)
    elif command == "pages":
        from bench.pages import page_figures

        emit(page_figures())
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
