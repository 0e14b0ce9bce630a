import sys, cProfile, pstats, time
sys.argv=["x"]
sys.path.insert(0,"bench")
import spreadsheets as b
b.setup_django()
from campaigns import models, spreadsheets as sheets
from campaigns.resources import AnnualResultResource
res=AnnualResultResource()
results = models.AnnualResult.objects.order_by("pk")[:2000]
data = sheets.xlsx_file("x", res.export_columns(), res.iter_export(results)).read()
r = AnnualResultResource()
t=time.perf_counter()
ds = sheets.read_spreadsheet(data, is_header=r.is_header)
print("read", time.perf_counter()-t)
r.match_headers(ds)
pr=cProfile.Profile(); pr.enable()
t=time.perf_counter()
result = r.import_data(ds, dry_run=True)
print("dry", time.perf_counter()-t, result.totals)
pr.disable()
pstats.Stats(pr).sort_stats("cumulative").print_stats(25)
