"""A ward's year through the data-entry screen in a real browser: one area entered
with the keyboard only, submitted, returned with a reason, fixed, resubmitted and
approved; at 1280×800 and 360×740 without sideways scrolling.

With SCREENSHOTS=1 the run also saves docs/screenshots/entry-1280.png and
entry-360.png and prints the keystrokes and seconds of the keyboard entry.
"""

import os
import time
from pathlib import Path

import pytest

from campaigns.access.roles import roles_sync
from campaigns.models import AnnualResult
from campaigns.models.choices import WorkflowStatusChoices as Status
from campaigns.services.reference import reference_data_load
from tests import factories as f
from tests.accounts import PASSWORD, make_user

pytestmark = [pytest.mark.browser]

YEAR = 2026
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

# One area's year as typed: (cell, keys). Text cells are typed, boxes ticked with
# Space, an empty string leaves the cell as it is; Tab moves to the next cell.
ENTRY = [
    ("households", "152"),
    ("cultural_families_registered", "148"),
    ("cultural_families_recognised", "140"),
    ("cultural_families_three_years", "120"),
    ("cultural_title", " "),
    ("cultural_title_year", "2019"),
    ("poor_households", "6"),
    ("near_poor_households", "9"),
    ("newly_poor_households", ""),
    ("festival_held", " "),
    ("festival_date", "15/11/2026"),
    ("festival_participants", "210"),
    ("committee_score", "88"),
    *((f"goal_{number}", " ") for number in range(1, 11)),
]


class Keyboard:
    """The page's keyboard, counting every key pressed."""

    def __init__(self, page):
        self.page = page
        self.count = 0

    def type(self, text):
        for key in text:
            self.page.keyboard.press("Space" if key == " " else key)
            self.count += 1

    def press(self, key):
        self.page.keyboard.press(key)
        self.count += 1


def log_in(browser, base, username, width=1280, height=800):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{base}/quan-tri/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/quan-tri/")
    return context, page


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def run_transition(page, base, result, action, reason=""):
    page.goto(f"{base}/quan-tri/campaigns/annualresult/{result.pk}/workflow/{action}/")
    if reason:
        page.fill("#id_reason", reason)
    page.click("input[type=submit].default")
    page.wait_for_load_state()


def test_ward_year_entered_submitted_returned_and_approved(
    live_server, transactional_db, browser
):
    reference_data_load()
    # An earlier transactional test's flush removed the groups the migrations made.
    roles_sync()
    ward = f.WardFactory(name="Phường Thử Nhập", slug="phuong-thu-nhap")
    first, second = (
        f.ResidentialAreaFactory(ward=ward, name=name) for name in ("Tổ 1", "Tổ 2")
    )
    for area in (first, second):
        f.AnnualResultFactory(
            residential_area=area,
            year=YEAR - 1,
            households=150,
            cultural_families_registered=140,
            cultural_families_recognised=130,
        )
    make_user("ward-entry", "ward_staff", [ward])
    make_user("city-entry", "city_staff")
    base = live_server.url
    url = f"{base}/quan-tri/nhap-lieu/{ward.slug}/{YEAR}/"
    cell = f"#id_area-{first.pk}-{{}}"
    screenshots = os.environ.get("SCREENSHOTS") == "1"

    context, page = log_in(browser, base, "ward-entry")
    try:
        page.goto(url)
        assert (
            page.locator(f"{cell.format('households')} + .entry-hint").inner_text()
            == "2025: 150"
        )
        # The script's keys: down and up move between the areas' rows.
        page.focus(cell.format("households"))
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.id") == (
            f"id_area-{second.pk}-households"
        )
        page.keyboard.press("ArrowUp")
        assert page.evaluate("document.activeElement.id") == (
            f"id_area-{first.pk}-households"
        )

        keyboard = Keyboard(page)
        started = time.monotonic()
        for index, (name, keys) in enumerate(ENTRY):
            assert page.evaluate("document.activeElement.id") == (
                f"id_area-{first.pk}-{name}"
            )
            keyboard.type(keys)
            if index < len(ENTRY) - 1:
                keyboard.press("Tab")
        seconds = time.monotonic() - started
        print(
            f"\nOne area's year by keyboard: {keyboard.count} keystrokes, "
            f"{seconds:.1f} s (Playwright typing, no human pauses)"
        )
        assert no_sideways_scroll(page)
        if screenshots:
            page.screenshot(path=str(SCREENSHOTS / "entry-1280.png"))
        page.click("input[name=submit]")
        page.wait_for_url(url)
        result = AnnualResult.objects.get(residential_area=first, year=YEAR)
        assert result.status == Status.SUBMITTED
        assert (result.households, result.festival_date.day) == (152, 15)
        assert result.goal_results.filter(achieved=True).count() == 10
    finally:
        context.close()

    context, page = log_in(browser, base, "city-entry")
    try:
        run_transition(page, base, result, "return", "Số hộ nghèo chưa khớp danh sách")
    finally:
        context.close()
    result.refresh_from_db()
    assert result.status == Status.RETURNED

    context, page = log_in(browser, base, "ward-entry")
    try:
        page.goto(url)
        assert (
            "Số hộ nghèo chưa khớp danh sách"
            in page.locator(f"#area-{first.pk} .entry-reason").inner_text()
        )
        page.fill(cell.format("poor_households"), "7")
        page.click("input[name=submit]")
        page.wait_for_url(url)
    finally:
        context.close()
    result.refresh_from_db()
    assert (result.status, result.poor_households) == (Status.SUBMITTED, 7)

    context, page = log_in(browser, base, "city-entry")
    try:
        run_transition(page, base, result, "approve")
        page.goto(url)
        assert no_sideways_scroll(page)
    finally:
        context.close()
    result.refresh_from_db()
    assert result.status == Status.APPROVED

    context, page = log_in(browser, base, "ward-entry", width=360, height=740)
    try:
        page.goto(url)
        row = page.locator(f"#area-{second.pk}")
        assert row.evaluate("row => getComputedStyle(row).display") == "grid"
        assert no_sideways_scroll(page)
        if screenshots:
            row.scroll_into_view_if_needed()
            page.screenshot(path=str(SCREENSHOTS / "entry-360.png"))
    finally:
        context.close()
