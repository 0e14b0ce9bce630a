"""The admin fits a laptop and a phone (issue 13), as ward staff and as city staff.

At 1280×800 and 360×740, for the admin index, every campaigns list the role may open,
a yearly result's form, its history, the completeness and history pages and the import
page: the page never scrolls sideways (a wide table scrolls in its own box); at 1280
the status, year and area columns of each list are on screen; axe-core finds no
serious or critical violation. One browser context per role and size; the session
comes from Django's test client.

axe-core's colour-contrast rule (three quarters of axe's time) runs on one list, the
yearly results' (status, year, area, filters), and on every other page: every list is
one template under one stylesheet whose cells are text, links and icons with no colour
of their own (docs/decisions.md, "Suite time"). Every other rule runs on every page at
both sizes. With SCREENSHOTS=1
the run saves screenshots under var/screenshots/.
"""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from campaigns.access.roles import roles_sync
from campaigns.access.scope import CITY_STAFF, WARD_STAFF
from campaigns.demo import seed as demo
from campaigns.models import AnnualResult, Ward
from campaigns.models.choices import WorkflowStatusChoices as Status
from campaigns.services.reference import reference_data_load
from tests.accounts import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"laptop": (1280, 800), "phone": (360, 740)}
BLOCKING = {"serious", "critical"}
# The columns a list must show at 1280 px when it has them: status, year, area.
KEY_COLUMNS = (
    "status",
    "result_status",
    "year",
    "date",
    "residential_area",
    "annual_result",
    "ward",
)
SCREENSHOTS = settings.VAR_DIR / "screenshots"
SAVE_SCREENSHOTS = os.environ.get("SCREENSHOTS") == "1"
AXE = Axe()
EVERY_RULE = {"resultTypes": ["violations"]}
WITHOUT_CONTRAST = {**EVERY_RULE, "rules": {"color-contrast": {"enabled": False}}}
# The one list whose colours axe-core checks (see above).
CONTRAST_LIST = "list-annualresult"
WARD_CODE = "01840"  # Phường Đức Xuân


@pytest.fixture
def admin_site(live_server, monkeypatch):
    # Shorter pages of each list: axe-core checks every cell, and 100 rows of ten
    # columns take it seconds per list; the columns and their widths stay the same.
    for model_admin in admin.site._registry.values():
        monkeypatch.setattr(model_admin, "list_per_page", 25)
    reference_data_load()
    # A transactional test before this one flushed the groups the migrations made.
    roles_sync()
    demo.demo_data_seed(seed=2024, years=range(2025, 2027))
    ward = Ward.objects.get(code=WARD_CODE, valid_to=None)
    users = {
        "ward": make_user("ward-layout", WARD_STAFF, [ward]),
        "city": make_user("city-layout", CITY_STAFF),
    }
    result = (
        AnnualResult.objects.filter(residential_area__ward=ward, status=Status.DRAFT)
        .order_by("-year", "pk")
        .first()
    )
    return live_server.url, users, result


def pages_for(user, result) -> dict[str, str]:
    """Name -> path of every page to check for `user`."""
    pages = {"index": reverse("admin:index")}
    for model in admin.site._registry:
        opts = model._meta
        if opts.app_label == "campaigns" and user.has_perm(
            f"campaigns.view_{opts.model_name}"
        ):
            pages[f"list-{opts.model_name}"] = reverse(
                f"admin:campaigns_{opts.model_name}_changelist"
            )
    pages.update(
        {
            "result-form": reverse(
                "admin:campaigns_annualresult_change", args=(result.pk,)
            ),
            "result-history": reverse(
                "admin:campaigns_annualresult_history", args=(result.pk,)
            ),
            "completeness": reverse("campaigns_admin:completeness"),
            "import": reverse("admin:campaigns_annualresult_import"),
        }
    )
    if user.has_perm("campaigns.view_annualresult") and not user.groups.filter(
        name=WARD_STAFF
    ):
        pages["change-history"] = reverse("campaigns_admin:change-history")
    return pages


def session_context(browser, base, user, size):
    client = Client()
    client.force_login(user)
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base,
            }
        ]
    )
    return context


def problems_of(page, name, size, *, contrast=True) -> list:
    found = []
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 0:
        found.append((name, "scrolls sideways by", overflow))
    if size[0] >= 1280 and name.startswith("list-"):
        off_screen = page.evaluate(
            """(names) => names.flatMap((name) => {
                const th = document.querySelector(`#result_list thead th.column-${name}`);
                return th && th.getBoundingClientRect().right > window.innerWidth
                    ? [name] : [];
            })""",
            list(KEY_COLUMNS),
        )
        if off_screen:
            found.append((name, "columns off screen", off_screen))
    violations = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in AXE.run(
            page, options=EVERY_RULE if contrast else WITHOUT_CONTRAST
        ).response["violations"]
        if v.get("impact") in BLOCKING
    ]
    if violations:
        found.append((name, "axe", violations))
    return found


@pytest.mark.parametrize("role", ["ward", "city"])
def test_admin_pages_fit_and_are_accessible(admin_site, browser, role):
    base, users, result = admin_site
    user = users[role]
    pages = pages_for(user, result)
    assert "list-annualresult" in pages and len(pages) > 8
    problems = []
    for size_name, size in SIZES.items():
        context = session_context(browser, base, user, size)
        try:
            page = context.new_page()
            for name, path in pages.items():
                contrast = name == CONTRAST_LIST or not name.startswith("list-")
                response = page.goto(base + path)
                assert response.status == 200, (role, size_name, path)
                # Signed in: not sent back to the login form.
                assert "/login/" not in page.url, path
                problems.extend(
                    (role, size_name, *problem)
                    for problem in problems_of(page, name, size, contrast=contrast)
                )
                if SAVE_SCREENSHOTS and name in {
                    "index",
                    "list-annualresult",
                    "result-form",
                }:
                    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                    page.screenshot(
                        path=str(
                            SCREENSHOTS / f"admin-{role}-{name}-{size[0]}x{size[1]}.png"
                        ),
                        full_page=True,
                    )
        finally:
            context.close()
    assert not problems, "\n".join(map(repr, problems))
