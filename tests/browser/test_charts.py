"""Every chart of every public page, as Debian's chromium draws it at 360×740 and 1280×800.

The rendered boxes (getBoundingClientRect) of each visible chart's text and marks are
read in one script per page, and the test fails when two tick labels (or any two
labels) overlap, when chart text is under 12 CSS px, or when a mark (dot, bar, line)
lies outside its plot area. Pages are found by a small crawl from the menu.
"""

import os
import re
from urllib.parse import urlsplit

import pytest

from campaigns.demo import seed as demo
from campaigns.services.reference import reference_data_load

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

VIEWPORTS = {"phone": (360, 740), "desktop": (1280, 800)}
MIN_TEXT_PX = 12
TOLERANCE = 0.75  # px: anti-aliasing of touching boxes is no overlap
# Start of the crawl, and the pages with charts reached from them (one of each kind).
START = ["/", "/don-vi/", "/muc-tieu/", "/quy-vi-nguoi-ngheo/", "/cong-trinh/"]
KINDS = {
    "ward": re.compile(r"^/don-vi/[a-z0-9-]+/$"),
    "area": re.compile(r"^/khu-dan-cu/[a-z0-9-]+/$"),
    "goal": re.compile(r"^/muc-tieu/[0-9]+/$"),
}
EXTRA = ["/muc-tieu/1/", "/don-vi/phuong-bac-kan/?nam=2023", "/?nam=2016"]

MEASURE = """
() => {
  const box = (element) => {
    const b = element.getBoundingClientRect();
    return [b.left, b.top, b.right, b.bottom];
  };
  return [...document.querySelectorAll("svg.pygal-chart")]
    .filter((svg) => svg.getBoundingClientRect().width > 0)
    .map((svg) => {
      const plot = svg.querySelector('g[class="plot"] > rect');
      const texts = [...svg.querySelectorAll("text")]
        .filter((t) => t.textContent.trim() !== "")
        .map((t) => ({
          text: t.textContent,
          box: box(t),
          tick: t.closest("g.axis") !== null,
          // The font size in CSS px as drawn: SVG units times the drawing's scale.
          px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
        }));
      const marks = [...svg.querySelectorAll("g.series circle, g.series rect, g.series path")]
        .map((m) => ({
          tag: m.tagName,
          box: box(m),
          centre: m.tagName === "circle"
            ? [box(m)[0] / 2 + box(m)[2] / 2, box(m)[1] / 2 + box(m)[3] / 2]
            : null,
        }));
      return { id: svg.id, plot: box(plot), texts, marks };
    });
}
"""

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server):
    reference_data_load()
    # Every year of the demo: 17 years on an axis, three changes of poverty standard.
    demo.demo_data_seed(seed=2024)
    return live_server.url


def overlap(a, b) -> bool:
    return (
        min(a[2], b[2]) - max(a[0], b[0]) > TOLERANCE
        and min(a[3], b[3]) - max(a[1], b[1]) > TOLERANCE
    )


def inside(box, plot) -> bool:
    return (
        box[0] >= plot[0] - TOLERANCE
        and box[1] >= plot[1] - TOLERANCE
        and box[2] <= plot[2] + TOLERANCE
        and box[3] <= plot[3] + TOLERANCE
    )


def problems(chart) -> list[str]:
    found = []
    texts = chart["texts"]
    for text in texts:
        if text["px"] < MIN_TEXT_PX:
            found.append(f"text {text['text']!r} is {text['px']:.1f}px")
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            if overlap(a["box"], b["box"]):
                kind = "tick labels" if a["tick"] and b["tick"] else "labels"
                found.append(f"{kind} {a['text']!r} and {b['text']!r} overlap")
    for mark in chart["marks"]:
        where = mark["centre"]
        box = [*where, *where] if where else mark["box"]
        if mark["box"][2] - mark["box"][0] <= 0 and not where:
            continue  # an empty bar
        if not inside(box, chart["plot"]):
            found.append(f"a {mark['tag']} at {mark['box']} is outside {chart['plot']}")
    return [f"{chart['id']}: {p}" for p in found]


def crawl(page, base) -> list[str]:
    """The start pages, and the first page of each kind they link to."""
    chosen = {}
    queue = list(START)
    while queue:
        page.goto(base + queue.pop(0))
        for href in page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)"):
            url = urlsplit(href)
            if url.netloc != urlsplit(base).netloc:
                continue
            for kind, pattern in KINDS.items():
                if pattern.match(url.path) and kind not in chosen:
                    chosen[kind] = url.path
                    queue.append(url.path)  # areas are linked from a ward's page
    assert set(chosen) == set(KINDS), chosen
    return START + list(chosen.values()) + EXTRA


def test_every_chart_is_legible_at_phone_and_desktop_sizes(browser, site):
    found = []
    charts_seen = 0
    for name, (width, height) in VIEWPORTS.items():
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        paths = crawl(page, site)
        for path in paths:
            response = page.goto(site + path)
            assert response.status == 200, path
            charts = page.evaluate(MEASURE)
            charts_seen += len(charts)
            for chart in charts:
                assert chart["texts"] and chart["marks"], (path, chart["id"])
                found += [f"{name} {path} {p}" for p in problems(chart)]
        context.close()
    # Every page with charts was seen at both sizes: at least 16 charts per size.
    assert charts_seen >= 32
    assert found == [], "\n".join(found)
