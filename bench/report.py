"""The verdicts against the issues' targets, and the table `make bench` prints."""

import json

# The issues' absolute times were set where the cached home page took 0.86 ms (p50).
# Machines of this kind differ up to 3x, so a slower run judges by the same-run multiple.
REFERENCE_HOME_MS = 0.86


def same_run_home(pages: list[dict]) -> float | None:
    """The cached home page's p50 in the same run (the unit of every multiple)."""
    return next((p["cached"]["p50_ms"] for p in pages if p.get("path") == "/"), None)


def scaled(target_ms: float, home_ms: float | None) -> float:
    """The target on this run's machine: never below the absolute target."""
    if not home_ms:
        return target_ms
    return target_ms * max(1.0, home_ms / REFERENCE_HOME_MS)


def multiple(value_ms: float, home_ms: float | None) -> str:
    if not home_ms:
        return ""
    return f"{value_ms / home_ms:.0f}x cached home ({home_ms} ms)"


def verdicts(results: dict) -> list[dict]:
    rows = []

    def add(what, value, target, met, note=""):
        rows.append(
            {"what": what, "value": value, "target": target, "met": met, "note": note}
        )

    for key, label in (("pages", ""), ("pages_fresh", "fresh seed: ")):
        pages = results.get(key, {}).get("pages", [])
        home = same_run_home(pages)
        for page in pages:
            p95 = page["uncached"]["p95_ms"]
            p50 = page["cached"]["p50_ms"]
            add(
                f"{label}{page['page']} uncached p95 ms",
                p95,
                "< 75",
                p95 < scaled(75, home),
                multiple(p95, home),
            )
            if not label:
                add(
                    f"{page['page']} cached p50 ms",
                    p50,
                    "< 2",
                    p50 < scaled(2, home),
                    multiple(p50, home),
                )
    if results.get("workers_peak_mb") is not None:
        peak = results["workers_peak_mb"]
        add("gunicorn worker peak MB after the load", peak, "< 250", peak < 250)
    admin = results.get("admin", {})
    home = admin.get("home_cached_p50_ms")
    for page in admin.get("pages", []):
        p95 = page["uncached"]["p95_ms"]
        add(
            f"admin {page['name']} ({page['role']}) p95 ms",
            p95,
            "< 300",
            p95 < scaled(300, home),
            f"{page['uncached']['queries']} queries, HTTP {page.get('status')}, "
            + multiple(p95, home),
        )
    same = results.get("query_counts_same_as_city")
    if same is not None:
        add("query counts identical to city scale", same, "yes", same)
    tp = results.get("throughput", {})
    if "ratio" in tp:
        add(
            "home / minimal requests/s",
            tp["ratio"],
            ">= 0.5",
            tp["ratio"] >= 0.5,
            f"{tp['home']['requests_per_s']}/s vs {tp['minimal']['requests_per_s']}/s",
        )
    io = results.get("io", {})
    for fmt, speedup in (("xlsx", 3), ("csv", 5)):
        plain, portal = (
            io.get(f"export_plain_{fmt}", {}),
            io.get(f"export_portal_{fmt}", {}),
        )
        if "rows_per_s" in plain and "rows_per_s" in portal:
            ratio = round(portal["rows_per_s"] / plain["rows_per_s"], 2)
            add(
                f"{fmt.upper()} export speed-up",
                ratio,
                f">= {speedup}×",
                ratio >= speedup,
            )
            if fmt == "xlsx":
                add(
                    "XLSX export peak MB",
                    portal["peak_mb"],
                    "< 150",
                    portal["peak_mb"] < 150,
                    f"plain: {plain['peak_mb']} MB",
                )
    plain, portal = io.get("import_plain", {}), io.get("import_portal", {})
    if "total_seconds" in portal:
        add(
            "import 10,000 results, dry run + commit, s",
            portal["total_seconds"],
            "< 3",
            portal["total_seconds"] < 3,
            f"plain: {plain.get('total_seconds')} s",
        )
        add(
            "import queries (dry run + commit)",
            portal["dry_run"]["queries"] + portal["commit"]["queries"],
            "not per row",
            portal["dry_run"]["queries"] + portal["commit"]["queries"] < 10_000,
            f"plain: {plain.get('dry_run', {}).get('queries', '?')} + "
            f"{plain.get('commit', {}).get('queries', '?')}",
        )
    stampede = results.get("stampede", {})
    if "p99_ms" in stampede:
        add(
            "stampede: 64 clients after a bump, p99 ms",
            stampede["p99_ms"],
            "< 500",
            stampede["p99_ms"] < 500,
            f"{stampede['p99_in_cached_home_p50s']}× the cached home p50 "
            f"({stampede['home_cached_p50_ms']} ms); the same clients on the cached "
            f"page: p99 {stampede['cached_same_clients']['p99_ms']} ms",
        )
        add("stampede: errors", stampede["errors"], "0", stampede["errors"] == 0)
        add(
            "stampede: computations of one figure or page",
            stampede["max_per_figure"],
            "<= 1",
            stampede["max_per_figure"] <= 1,
            f"{stampede['recomputations']} computations of {stampede['figures']} keys",
        )
    documents_verdicts(results.get("documents", {}), add)
    entry = results.get("entry_screen", {})
    if "load_p95_ms" in entry:
        home = entry.get("home_cached_p50_ms") or 0
        cpu = {
            "load": entry.get("load_cpu_p50_ms"),
            "save": entry.get("save", {}).get("cpu_p50_ms"),
        }
        for key, target in (("load", 300), ("save", 1000)):
            value = entry[f"{key}_p95_ms"]
            add(
                f"entry screen, {entry['areas']} areas: {key} p95 ms",
                value,
                f"< {target}",
                value < target,
                f"{entry[f'{key}_queries']} queries"
                + (f", {value / home:.0f}× cached home" if home else "")
                + (f", CPU p50 {cpu[key]} ms" if cpu[key] is not None else ""),
            )
    load_verdicts(results, add)
    return rows


def documents_verdicts(documents: dict, add) -> None:
    """Issue 17's staff documents at scale (bench/documents.py). The targets were set
    where the cached home page took 0.86 ms: each time is also given as a multiple of
    the cached home p50 of the same run, beside the target's multiple, to judge a
    slower (or busier) machine."""
    home = documents.get("home_cached_p50_ms")
    for key, label, limit in (
        ("workbook_s", "whole-territory workbook, s", 30),
        ("docx_s", "one ward's year-end .docx, s", 3),
        ("card_pdf_s", "one area's card PDF, s", 1),
    ):
        if key in documents:
            note = ""
            if home:
                note = (
                    f"{1000 * documents[key] / home:,.0f}× the cached home p50 "
                    f"({home} ms) vs {1000 * limit / REFERENCE_HOME_MS:,.0f}× at the target"
                )
            if key == "workbook_s" and "workbook_cpu_s" in documents:
                note += f"; {documents['workbook_cpu_s']} s CPU"
            add(label, documents[key], f"< {limit}", documents[key] < limit, note)
    if "workbook_peak_mb" in documents:
        peak = documents["workbook_peak_mb"]
        add("whole-territory workbook peak MB", peak, "< 300", peak < 300)


def load_verdicts(results: dict, add) -> None:
    """0 errors under load, the faults' errors and recovery, the hostile files' bounds."""
    load = results.get("load", {})
    for page in ("cached", "uncached", "database"):
        if page in load:
            figures = load[page]
            add(
                f"load {page} page: errors",
                figures["errors"],
                "0",
                figures["errors"] == 0,
                f"{figures['requests_per_s']}/s, p50 {figures['latency_p50_ms']} ms, "
                f"p99 {figures['latency_p99_ms']} ms",
            )
    faults = results.get("faults", {})
    for fault in ("postgres_restart", "redis_stop"):
        for page in ("cached", "uncached", "database"):
            figures = faults.get(fault, {}).get(page)
            if figures is None:
                continue
            # The "degrade, don't fail": no visitor error while Redis is down.
            # A PostgreSQL restart may fail the requests that needed it, then recover.
            met = (
                figures["errors"] == 0
                if fault == "redis_stop"
                else figures["probe"]["recovery_s"] is not None
            )
            add(
                f"{fault} {page}: errors / recovery s",
                f"{figures['errors']} / {figures['probe']['recovery_s']}",
                "0 errors" if fault == "redis_stop" else "recovers",
                met,
                f"probe {figures['probe']['statuses']}",
            )
    for case, figures in results.get("hostile", {}).items():
        if isinstance(figures, dict) and "peak_mb" in figures and "seconds" in figures:
            add(
                f"hostile {case}: peak MB / s",
                f"{figures['peak_mb']} / {figures['seconds']}",
                "< 300 / < 5",
                figures["peak_mb"] < 300 and figures["seconds"] < 5,
                str(figures.get("message", "")),
            )


def print_table(results: dict) -> None:
    print(f"\nScale: {results['scale']}   ({results['machine']['cpus']} CPUs)\n")
    print("seed_demo")
    for scale, figures in results["seed"].items():
        counts = figures.get("counts", {})
        print(
            f"  {scale:<9} {figures['seconds']:>8.1f} s  peak {figures['peak_mb']:>6.1f} MB"
            f"  results {counts.get('annual_results', 0):>10,}"
            f"  goal results {counts.get('goal_results', 0):>11,}"
            f"{'  (reused)' if figures.get('reused') else ''}"
        )
    for key, title in (("pages", "Public pages"), ("pages_fresh", "Fresh seed")):
        pages = results.get(key, {}).get("pages", [])
        if not pages:
            continue
        print(
            f"\n{title + ' (server time, ms)':<38} uncached p50/p95  queries   cached p50/p95  queries"
            "   first request"
        )
        for page in pages:
            u, c = page["uncached"], page["cached"]
            first = page.get("first_request_ms")
            print(
                f"  {page['page']:<34} {u['p50_ms']:>7.1f}/{u['p95_ms']:<7.1f} {u['queries']:>6}"
                f"   {c['p50_ms']:>6.2f}/{c['p95_ms']:<6.2f} {c['queries']:>6}"
                + (f"   {first:>8.1f}" if first is not None else "")
            )
    admin = results.get("admin", {}).get("pages", [])
    if admin:
        print(
            "\nAdmin pages (uncached, ms)             role         p50/p95    queries"
        )
        for page in admin:
            u = page["uncached"]
            print(
                f"  {page['name']:<36} {page['role']:<11} {u['p50_ms']:>7.1f}/{u['p95_ms']:<7.1f}"
                f" {u['queries']:>6}"
            )
    tp = results.get("throughput", {})
    if "ratio" in tp:
        print(
            f"\nThroughput: minimal view {tp['minimal']['requests_per_s']}/s, "
            f"home {tp['home']['requests_per_s']}/s, ratio {tp['ratio']:.2f}"
        )
    io = results.get("io", {})
    if io:
        print("\nExport 100,000 supports / import 10,000 yearly results")
        for key, value in io.items():
            if key.startswith(("export", "import")):
                print(f"  {key:<22} {json.dumps(value)}")
    load = results.get("load", {})
    for page in ("cached", "uncached", "database"):
        if page in load:
            f = load[page]
            print(
                f"\nLoad {page:<9} {f['requests_per_s']:>8}/s  p50 {f['latency_p50_ms']} ms"
                f"  p99 {f['latency_p99_ms']} ms  errors {f['errors']}  ({f['command']})"
            )
    for fault in ("postgres_restart", "redis_stop"):
        for page in ("cached", "uncached", "database"):
            f = results.get("faults", {}).get(fault, {}).get(page)
            if f:
                print(
                    f"Fault {fault:<17} {page:<9} errors {f['errors']:>6} of "
                    f"{f['requests']:>7}  recovery {f['probe']['recovery_s']} s"
                    f"  probe {f['probe']['statuses']}"
                )
    if results.get("workers_peak_mb") is not None:
        print(f"\ngunicorn workers' peak memory: {results['workers_peak_mb']} MB")
    if "hostile" in results:
        print(f"\nHostile files: {json.dumps(results['hostile'], ensure_ascii=False)}")
    print("\nTargets")
    for row in results["targets"]:
        mark = "met" if row["met"] else "NOT MET"
        print(
            f"  {row['what']:<48} {row['value']!s:>10}  target {row['target']:<12} {mark}  {row['note']}"
        )
