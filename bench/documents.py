"""Staff documents at scale (issue 17): each built as the portal's view builds it.

    python bench/documents.py            # both parts below, each in its own process
    python bench/documents.py workbook   # the whole territory's yearly workbook only
    python bench/documents.py rest       # the .docx, the cards, the cached home page

The workbook runs alone in its process so `workbook_peak_mb` (ru_maxrss) is its own.
Every document is built with the cache cleared first (its figures computed, as after
an approval); the cached home page's p50 of the same run lets a slower machine be
judged (the issue's targets were set where it took 0.86 ms). Run by bench/run.py
(CHILD_PARTS "documents") with DJANGO_SETTINGS_MODULE=bench.settings and
DATABASE_URL; prints one JSON object on its last line. Reads only: nothing is written.
"""

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

# Bắc Kạn's own ward, present at every scale (as the pages part uses).
WARD = "phuong-bac-kan"
HOME_RUNS = 100


def bench_user():
    """An unsaved superuser: the documents' gate lets it read everything (staff's view,
    beneficiaries included) and the shared database is left untouched."""
    from django.contrib.auth import get_user_model

    return get_user_model()(
        username="bench", is_superuser=True, is_staff=True, is_active=True
    )


def cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed(build) -> tuple[float, object]:
    from django.core.cache import cache

    cache.clear()
    started = time.perf_counter()
    value = build()
    return time.perf_counter() - started, value


def year() -> int:
    from campaigns import selectors

    return selectors.latest_year() or selectors.reporting_year()


def workbook_figures() -> dict:
    """The whole territory's workbook, as the admin's yearly report page makes it."""
    from bench.measure import counting_queries, peak_mb
    from campaigns.report.workbook import yearly_report

    used = cpu_s()
    with counting_queries() as queries:
        seconds, handle = timed(
            lambda: yearly_report(year=year(), ward=None, user=bench_user())
        )
    used = cpu_s() - used
    size = handle.seek(0, 2)
    handle.close()
    return {
        "workbook_s": round(seconds, 2),
        "workbook_peak_mb": round(peak_mb(), 1),
        # This process's own CPU time: on a shared machine the wall time also holds
        # the waits for a core, PostgreSQL and Redis.
        "workbook_cpu_s": round(used, 2),
        "workbook_queries": len(queries),
        "workbook_bytes": size,
    }


def rest_figures() -> dict:
    """One ward's year-end .docx, one area's card PDF, the ward's cards in one PDF."""
    from django.test import RequestFactory
    from django.utils.translation import gettext as _

    from bench.measure import counting_queries
    from campaigns import selectors
    from campaigns.admin.documents import DEFAULT_FIRST_YEAR
    from campaigns.documents import cards as card_documents
    from campaigns.documents.report_docx import year_end_report
    from campaigns.models import Ward
    from campaigns.public.views.cards import area_url

    the_year = year()
    ward = Ward.objects.get(slug=WARD)
    request = RequestFactory().get("/")
    figures: dict = {"year": the_year, "ward": WARD}

    def docx():
        return year_end_report(
            year=the_year,
            first_year=min(DEFAULT_FIRST_YEAR, the_year),
            ward=ward,
            user=bench_user(),
        )

    # One unmeasured build first, as a running server has loaded its templates and
    # libraries before: the first document of a process pays for that.
    timed(docx)
    with counting_queries() as queries:
        seconds, _docx = timed(docx)
    figures.update(docx_s=round(seconds, 3), docx_queries=len(queries))

    slug = selectors.area_cards_of_ward(ward=ward, year=the_year)[0].area.slug

    def card_pdf():
        # The public view's computation (area_card_pdf), uncached.
        area = selectors.area_detail(slug=slug)
        card = selectors.area_card(area=area, year=the_year)
        return card_documents.cards_pdf(
            [(card, area_url(request, area))], title_text=card_documents.title(card)
        )

    card_pdf()
    with counting_queries() as queries:
        seconds, _pdf = timed(card_pdf)
    figures.update(card_pdf_s=round(seconds, 3), card_pdf_queries=len(queries))

    def ward_cards():
        # The staff printout's computation (admin printouts.ward_cards).
        cards = selectors.area_cards_of_ward(ward=ward, year=the_year)
        return len(cards), card_documents.cards_pdf(
            [(card, area_url(request, card.area)) for card in cards],
            title_text=_("Cards of the residential areas of %(ward)s, %(year)s")
            % {"ward": ward.name, "year": the_year},
        )

    with counting_queries() as queries:
        seconds, (count, _pdf) = timed(ward_cards)
    figures.update(
        ward_cards_pdf_s=round(seconds, 3),
        ward_cards_areas=count,
        ward_cards_queries=len(queries),
    )
    from bench.measure import home_cached_p50_ms

    figures["home_cached_p50_ms"] = home_cached_p50_ms(HOME_RUNS)
    return figures


def part(name: str) -> dict:
    """`name` measured in a process of its own (its last stdout line)."""
    completed = subprocess.run(
        [sys.executable, __file__, name],
        capture_output=True,
        text=True,
        env=os.environ,
        cwd=ROOT,
    )
    if completed.returncode != 0:
        sys.stderr.write(completed.stderr[-3000:])
        return {f"{name}_error": f"failed (exit {completed.returncode})"}
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> None:
    command = argv[0] if argv else "all"
    if command == "all":
        figures = {**part("workbook"), **part("rest")}
        home = figures.get("home_cached_p50_ms")
        if home:
            # Each figure as a multiple of the cached home page of the same run.
            figures["home_multiples"] = {
                key: round(1000 * figures[key] / home)
                for key in ("workbook_s", "docx_s", "card_pdf_s", "ward_cards_pdf_s")
                if key in figures
            }
        print(json.dumps(figures))
        return
    import django

    django.setup()
    if command == "workbook":
        print(json.dumps(workbook_figures()))
    elif command == "rest":
        print(json.dumps(rest_figures()))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
