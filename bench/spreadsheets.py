"""Spreadsheet speed: exports of 100,000 supports and an import of 10,000 yearly results.

Not a test: it prints rows/s and peak memory, ours next to django-import-export's plain
`ModelResource().export()` / default import, measured in the same run on the same rows.

    .venv/bin/python bench/spreadsheets.py                    # SQLite file var/bench-spreadsheets.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_x .venv/bin/python bench/spreadsheets.py
    ... --rows 20000 --skip-baseline-import                   # smaller / faster runs

Each case runs in its own process, so its peak memory (the growth of the peak resident
set over what the process held before the case) is its own.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
# As in production: no SQL logging in the database cursor.
os.environ["DEBUG"] = "false"
os.environ.setdefault(
    "DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-spreadsheets.sqlite3'}"
)

AREAS, YEARS = 1000, range(2015, 2025)  # 10,000 yearly results, old units


def setup_django():
    import django

    django.setup()


def bench_user():
    """The superuser the cases import and export as: both refuse to run without one."""
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(
        username="bench", defaults={"is_staff": True, "is_superuser": True}
    )
    return user


def peak_mb() -> float:
    """Peak resident memory of this process (VmHWM: ru_maxrss survives exec on Linux)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    """Resident memory now (Linux), the base the case's peak is measured from."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


def seed(rows: int) -> None:
    """Reference data, `rows` supports with households, 1,000 areas × 10 years of results."""
    import datetime
    import random

    from django.core.management import call_command

    from campaigns import models
    from campaigns.services.reference import reference_data_load

    call_command("migrate", verbosity=0)
    reference_data_load()
    rng = random.Random(4)
    wards = list(models.Ward.objects.filter(valid_to__isnull=False))
    areas = [
        models.ResidentialArea(
            ward=wards[i % len(wards)],
            name=f"Tổ bench {i}",
            kind="to_dan_pho",
            slug=f"bench-{i}",
            status="approved",
        )
        for i in range(AREAS)
    ]
    if not models.ResidentialArea.objects.filter(slug="bench-0").exists():
        models.ResidentialArea.objects.bulk_create(areas, batch_size=1000)
    areas = list(models.ResidentialArea.objects.filter(slug__startswith="bench-"))
    if models.Support.objects.count() >= rows:
        seed_results(areas)
        return
    models.Support.objects.all().delete()
    models.Household.objects.all().delete()
    households, supports = [], []
    for i in range(rows):
        ward = wards[i % len(wards)]
        household = models.Household(
            ward=ward,
            head_name=f"Hoàng Văn Bench {i}",
            id_number=f"{i:012d}",
            phone="0912345678",
            address="Tổ 1",
            household_status="poor",
            status="approved",
        )
        households.append(household)
        supports.append(
            models.Support(
                date=datetime.date(2024, 1, 1) + datetime.timedelta(days=i % 150),
                ward=ward,
                household=household,
                category="medical",
                amount=rng.randint(5, 50) * 100_000,
                decision_number=f"{i}/QĐ",
                status="approved",
            )
        )
    models.Household.objects.bulk_create(households, batch_size=2000)
    for support in supports:
        support.household_id = support.household.pk
    models.Support.objects.bulk_create(supports, batch_size=2000)
    seed_results(areas)


def seed_results(areas) -> None:
    from campaigns import models

    if models.AnnualResult.objects.count() == len(areas) * len(YEARS):
        return
    models.GoalResult.objects.all().delete()
    models.AnnualResult.objects.all().delete()
    standards = {y: models.PovertyStandard.for_year(y) for y in YEARS}
    results = [
        models.AnnualResult(
            residential_area=area,
            year=year,
            households=200,
            cultural_families_registered=190,
            cultural_families_recognised=180,
            poor_households=10,
            near_poor_households=8,
            poverty_standard=standards[year],
            status="draft",
        )
        for area in areas
        for year in YEARS
    ]
    models.AnnualResult.objects.bulk_create(results, batch_size=1000)
    goals = list(models.Goal.objects.all())
    models.GoalResult.objects.bulk_create(
        [
            models.GoalResult(annual_result=r, goal=g, achieved=bool((r.pk + g.pk) % 2))
            for r in results
            for g in goals
        ],
        batch_size=5000,
    )


def export_case(name: str, rows: int) -> dict:
    """One export of `rows` supports, ours or django-import-export's plain one."""
    from campaigns import models
    from campaigns.spreadsheets import writing
    from campaigns.spreadsheets.resources import SupportResource

    newest = models.Support.objects.order_by("-date", "-id")[:rows]
    supports = models.Support.objects.filter(pk__in=newest.values("pk")).order_by(
        "-date", "-id"
    )
    base = rss_mb()
    start = time.perf_counter()
    if name.startswith("plain-"):
        from import_export.formats.base_formats import CSV, XLSX
        from import_export.resources import modelresource_factory

        dataset = modelresource_factory(models.Support)().export(supports)
        size = len((XLSX() if name == "plain-xlsx" else CSV()).export_data(dataset))
    elif name in ("ours-xlsx", "ours-ods"):
        res = SupportResource(user=bench_user())
        write = writing.xlsx_file if name == "ours-xlsx" else writing.ods_file
        size = write("x", res.export_columns(), res.iter_export(supports)).seek(0, 2)
    elif name == "ours-csv":
        res = SupportResource(user=bench_user())
        chunks = writing.csv_chunks(res.export_columns(), res.iter_export(supports))
        size = sum(len(chunk) for chunk in chunks)
    else:
        raise SystemExit(f"unknown case {name}")
    seconds = time.perf_counter() - start
    return {
        "case": name,
        "rows": rows,
        "seconds": round(seconds, 2),
        "rows_per_s": round(rows / seconds),
        "peak_mb": round(peak_mb() - base, 1),
        "bytes": size,
    }


def import_case(name: str) -> dict:
    """Dry run then commit of the 10,000 yearly results, read from an XLSX export.

    The results are deleted first and everything is rolled back at the end, so the
    case can run again. `seconds` is the import itself; reading the file is apart.
    """
    from django.db import transaction
    from import_export.formats.base_formats import XLSX
    from import_export.resources import modelresource_factory

    from campaigns import models
    from campaigns.spreadsheets import reading, writing
    from campaigns.spreadsheets.resources import AnnualResultResource

    results = models.AnnualResult.objects.order_by("pk")
    count = results.count()
    # Text fields left out: the default widgets turn an empty cell into NULL, which
    # the NOT NULL text columns refuse (django-import-export's own round trip fails).
    plain = modelresource_factory(
        models.AnnualResult, meta_options={"exclude": ("status_reason", "note")}
    )
    if name == "import-ours":
        res = AnnualResultResource(user=bench_user())
        data = writing.xlsx_file("x", res.export_columns(), res.iter_export(results))
        data = data.read()
    else:
        data = XLSX().export_data(plain().export(results))
    timings = {"read_xlsx": 0.0}
    with transaction.atomic():
        models.GoalResult.objects.all().delete()
        models.AnnualResult.objects.all().delete()
        base = rss_mb()
        for dry_run in (True, False):
            begun = time.perf_counter()
            if name == "import-ours":
                resource_ = AnnualResultResource(user=bench_user())
                dataset = reading.read_spreadsheet(data, is_header=resource_.is_header)
                resource_.match_headers(dataset)
            else:
                resource_ = plain()
                dataset = XLSX().create_dataset(data)
            timings["read_xlsx"] += time.perf_counter() - begun
            begun = time.perf_counter()
            result = resource_.import_data(
                dataset, dry_run=dry_run, file_name="bench", user=bench_user()
            )
            errors = result.has_errors() or result.has_validation_errors()
            assert not errors, (
                [e.error for e in result.base_errors][:3],
                [r.error_dict for r in result.invalid_rows][:2],
                [str(e.error) for r in result.error_rows[:2] for e in r.errors],
            )
            timings["dry_run" if dry_run else "commit"] = time.perf_counter() - begun
        assert models.AnnualResult.objects.count() == count
        peak = peak_mb() - base
        transaction.set_rollback(True)
    seconds = timings["dry_run"] + timings["commit"]
    return {
        "case": name,
        "rows": count,
        "seconds": round(seconds, 2),
        "rows_per_s": round(count / seconds),
        "peak_mb": round(peak, 1),
        **{key: round(value, 2) for key, value in timings.items()},
    }


def case(name: str, rows: int) -> dict:
    if name.startswith("import-"):
        return import_case(name)
    return export_case(name, rows)


EXPORT_CASES = ["plain-xlsx", "ours-xlsx", "plain-csv", "ours-csv", "ours-ods"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--case")
    parser.add_argument("--skip-baseline-import", action="store_true")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    setup_django()
    if args.case:
        print(json.dumps(case(args.case, args.rows)))
        return
    seed(args.rows)
    cases = [*EXPORT_CASES, "import-ours"]
    if not args.skip_baseline_import:
        cases.append("import-plain")
    figures = []
    for name in cases:
        output = (
            subprocess.run(
                [sys.executable, __file__, "--case", name, "--rows", str(args.rows)],
                capture_output=True,
                text=True,
                check=True,
                env=os.environ,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        figures.append(json.loads(output))
        print(json.dumps(figures[-1]), flush=True)
    by = {f["case"]: f for f in figures}
    print()
    print(f"{'case':14} {'rows':>8} {'seconds':>8} {'rows/s':>8} {'peak MB':>8}")
    for f in figures:
        print(
            f"{f['case']:14} {f['rows']:>8} {f['seconds']:>8} {f['rows_per_s']:>8} {f['peak_mb']:>8}"
        )
    for ours, plain in (("ours-xlsx", "plain-xlsx"), ("ours-csv", "plain-csv")):
        ratio = by[ours]["rows_per_s"] / by[plain]["rows_per_s"]
        print(f"{ours} / {plain}: {ratio:.1f}× the rows/s")
    if "import-plain" in by:
        ratio = by["import-plain"]["seconds"] / by["import-ours"]["seconds"]
        print(f"import (dry run + commit): ours {ratio:.1f}× faster than the default")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
