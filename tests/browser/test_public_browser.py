"""Every public page in Debian's chromium at phone and desktop sizes (Playwright + axe-core).

Checks: no console errors, no horizontal scrolling of the page, no serious or critical
axe-core violations. With SCREENSHOTS=1 the run keeps screenshots under
var/screenshots/ for review (a fifth of the test's time, and no check).
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings

from campaigns.demo import seed as demo
from campaigns.models import ResidentialArea, Story
from campaigns.services.reference import reference_data_load

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by
# the test itself (seeding) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

VIEWPORTS = {"phone": (360, 740), "desktop": (1280, 800)}
SCREENSHOTS = Path(settings.VAR_DIR) / "screenshots"
SAVE_SCREENSHOTS = os.environ.get("SCREENSHOTS") == "1"
PAGES = {
    "tong-quan": "/",
    "don-vi": "/don-vi/",
    "don-vi-phuong-bac-kan": "/don-vi/phuong-bac-kan/",
    "don-vi-phuong-bac-kan-2023": "/don-vi/phuong-bac-kan/?nam=2023",
    "don-vi-cu": "/don-vi/phuong-song-cau/?nam=2025",
    "don-vi-xa-phong-quang": "/don-vi/xa-phong-quang/",
    "khu-dan-cu": None,  # filled in with a demo area
    "muc-tieu": "/muc-tieu/",
    "muc-tieu-4": "/muc-tieu/4/",
    "quy-vi-nguoi-ngheo": "/quy-vi-nguoi-ngheo/",
    "cong-trinh": "/cong-trinh/",
    "du-lieu": "/du-lieu/",
    "tim-kiem": "/tim-kiem/?q=duc+xuan",
    "ngay-hoi": "/ngay-hoi/",
    "gia-dinh-van-hoa": "/gia-dinh-van-hoa/",
    "khen-thuong": "/khen-thuong/?nam=2024",
    "tim-kiem-khen-thuong": "/tim-kiem/?q=giay+khen",
    "nam-chua-co-so-lieu": "/?nam=2012",
    "guong-sang": "/guong-sang/",
    "guong-sang-chi-tiet": None,  # filled in with a demo story
}
ERROR_PAGES = {"404": ("/don-vi/khong-co/", 404), "400": ("/?nam=abc", 400)}
BLOCKING = {"serious", "critical"}
AXE = Axe()

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server):
    reference_data_load()
    demo.demo_data_seed(seed=2024, years=range(2023, 2026))
    area = ResidentialArea.objects.filter(
        slug__startswith="phuong-duc-xuan-", annual_results__isnull=False
    ).first()
    story = Story.objects.published().filter(photos__isnull=False).first()
    pages = {
        **PAGES,
        "khu-dan-cu": f"/khu-dan-cu/{area.slug}/",
        "guong-sang-chi-tiet": f"/guong-sang/{story.slug}/",
    }
    return live_server.url, pages


def open_page(browser, size, javascript=True):
    width, height = size
    context = browser.new_context(
        viewport={"width": width, "height": height}, java_script_enabled=javascript
    )
    page = context.new_page()
    errors = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return context, page, errors


def check(page, errors, name, size, *, expected_status=200, url):
    response = page.goto(url)
    assert response.status == expected_status, url
    if expected_status != 200:
        # Chromium reports the error status of the document itself on the console.
        errors[:] = [e for e in errors if str(expected_status) not in e]
    assert errors == [], (url, errors)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, (url, overflow)
    assert page.locator("html").get_attribute("lang") == "vi"
    # Vietnamese even though the browser asks for English (Playwright's en-US).
    assert "Tổng quan" in page.locator(".site-nav").inner_text()
    assert page.title().strip()
    if SAVE_SCREENSHOTS:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(
            path=str(SCREENSHOTS / f"{name}-{size[0]}x{size[1]}.png"), full_page=True
        )
    violations = [
        v for v in Axe().run(page).response["violations"] if v.get("impact") in BLOCKING
    ]
    assert not violations, (
        url,
        [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in violations
        ],
    )


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_public_pages_render_accessibly(site, browser, viewport):
    base, pages = site
    size = VIEWPORTS[viewport]
    context, page, errors = open_page(browser, size)
    try:
        for name, path in pages.items():
            check(page, errors, name, size, url=base + path)
        for name, (path, status) in ERROR_PAGES.items():
            check(page, errors, name, size, url=base + path, expected_status=status)
    finally:
        context.close()


def test_keyboard_and_year_switcher_without_javascript(site, browser):
    base, pages = site
    context, page, errors = open_page(browser, VIEWPORTS["phone"], javascript=False)
    try:
        page.goto(base + "/")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip-link"
        page.keyboard.press("Enter")
        # The fragment navigation lands asynchronously; wait for it rather than race it.
        page.wait_for_url("**/#main", timeout=10_000)
        # The year switcher is a plain form: it works without JavaScript.
        page.select_option("#year-select", "2024")
        page.click(".year-switcher button")
        page.wait_for_url("**/?nam=2024")
        assert "2024" in page.locator("h1").inner_text()
        assert errors == []
    finally:
        context.close()


def test_paged_unit_table_on_a_phone(site, browser, monkeypatch):
    """A long per-unit table pages on a phone; the pager fits, is accessible and works."""
    from campaigns import selectors

    monkeypatch.setattr(selectors.pages, "PAGE_SIZE", 3)

    monkeypatch.setattr(selectors, "PAGE_SIZE", 3)
    base, _pages = site
    size = VIEWPORTS["phone"]
    context, page, errors = open_page(browser, size)
    try:
        check(
            page, errors, "don-vi-trang-2", size, url=f"{base}/don-vi/?nam=2024&trang=2"
        )
        pager = page.locator("nav.pager").first
        assert pager.locator('[aria-current="page"]').inner_text() == "2"
        pager.get_by_role("link", name="Trang sau").click()
        page.wait_for_load_state()
        assert "trang=3" in page.url
        assert (
            page.locator("nav.pager")
            .first.locator('[aria-current="page"]')
            .inner_text()
            == "3"
        )
    finally:
        context.close()


def test_tables_on_a_phone_show_they_scroll_and_keep_their_titles(site, browser):
    """Issue 15: a wide table says it scrolls (CSS only: no JavaScript here) and its
    title wraps to the screen instead of being cut at the scrolling box's edge."""
    base, pages = site
    for size, hint_shown in ((VIEWPORTS["phone"], True), (VIEWPORTS["desktop"], False)):
        context, page, _errors = open_page(browser, size, javascript=False)
        try:
            for path in (pages["tong-quan"], pages["don-vi"], pages["khu-dan-cu"]):
                page.goto(base + path)
                assert page.locator("caption").count() == 0
                boxes = page.locator(".table-scroll")
                assert boxes.count() > 0
                for index in range(boxes.count()):
                    box = boxes.nth(index)
                    label = box.get_attribute("aria-labelledby")
                    title = page.locator(f"#{label}")
                    bounds = title.bounding_box()
                    assert bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= size[0]
                    wide = box.evaluate("e => e.scrollWidth > e.clientWidth")
                    hint = box.evaluate(
                        "e => { const h = e.previousElementSibling;"
                        " return h && h.classList.contains('scroll-hint')"
                        " && getComputedStyle(h).display !== 'none'; }"
                    )
                    if wide and size == VIEWPORTS["phone"]:
                        assert hint, (path, label)
                    if not hint_shown:
                        assert not hint, (path, label)
        finally:
            context.close()
