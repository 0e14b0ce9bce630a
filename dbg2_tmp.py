import sys, time, cProfile, pstats

sys.argv = ["x"]
sys.path.insert(0, "bench")
import spreadsheets as b

b.setup_django()
b.seed(5000)
from django.db import connection
from campaigns import models, spreadsheets as sheets
from campaigns.resources import AnnualResultResource

res = AnnualResultResource()
results = models.AnnualResult.objects.order_by("pk")
n = results.count()
t = time.perf_counter()
data = sheets.xlsx_file("x", res.export_columns(), res.iter_export(results)).read()
csvdata = b"".join(sheets.csv_chunks(res.export_columns(), res.iter_export(results)))
print(connection.vendor, n, "export xlsx+csv", round(time.perf_counter() - t, 2))
for label, d in (("xlsx", data), ("csv", csvdata)):
    t = time.perf_counter()
    r = AnnualResultResource()
    ds = sheets.read_spreadsheet(d, is_header=r.is_header)
    print("read", label, round(time.perf_counter() - t, 2))
models.GoalResult.objects.all().delete()
models.AnnualResult.objects.all().delete()
prof = "--prof" in sys.argv[1:] or len(sys.argv) > 1
for dry in (True, False):
    r = AnnualResultResource()
    ds = sheets.read_spreadsheet(csvdata, is_header=r.is_header)
    r.match_headers(ds)
    pr = cProfile.Profile()
    if not dry and "PROF" in __import__("os").environ:
        pr.enable()
    t = time.perf_counter()
    result = r.import_data(ds, dry_run=dry, file_name="b")
    el = time.perf_counter() - t
    pr.disable()
    print(
        "dry" if dry else "commit",
        round(el, 2),
        result.totals["new"],
        result.error_lines()[:2],
    )
    if not dry and "PROF" in __import__("os").environ:
        pstats.Stats(pr).sort_stats("cumulative").print_stats(30)
print(models.AnnualResult.objects.count(), models.GoalResult.objects.count())
