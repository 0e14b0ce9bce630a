"""Time the given pages uncached and cached, beside the cached home page, in one process.

    python bench/page_times.py "/tim-kiem/?q=a" "/tim-kiem/?q=to" …

Run with the bench's environment (DJANGO_SETTINGS_MODULE=bench.settings, DATABASE_URL,
REDIS_URL); prints one JSON object on its last line, as every child script does. The
cached home page's p50 is measured in the same process, so each page's figure can be
read as a multiple of it on a machine of any speed (the targets were set where it took
0.86 ms).
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from bench.measure import emit  # noqa: E402
from bench.pages import page_figures  # noqa: E402


def page_times(paths: list[str]) -> dict:
    figures = page_figures([("home /", "/"), *((path, path) for path in paths)])
    home = figures["pages"][0]["cached"]["p50_ms"]
    for page in figures["pages"]:
        for kind in ("uncached", "cached"):
            page[kind]["p50_x_home"] = round(page[kind]["p50_ms"] / home, 1)
            page[kind]["p95_x_home"] = round(page[kind]["p95_ms"] / home, 1)
    return {"home_cached_p50_ms": home, **figures}


if __name__ == "__main__":
    emit(page_times(sys.argv[1:]))
