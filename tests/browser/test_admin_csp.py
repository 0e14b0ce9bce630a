"""The admin works in a real browser under the Content-Security-Policy."""

import pytest
from django.contrib.auth.models import Group

from campaigns.services.reference import reference_data_load
from tests.accounts import PASSWORD, make_user

pytestmark = [pytest.mark.browser]


def test_admin_scripts_run_and_nothing_breaks_the_policy(
    live_server, transactional_db, browser
):
    reference_data_load()
    assert Group.objects.filter(name="city_staff").exists()
    make_user("city-browser", "city_staff")
    messages = []
    context = browser.new_context()
    try:
        page = context.new_page()
        page.on("console", lambda message: messages.append(message.text))
        page.goto(f"{live_server.url}/quan-tri/login/")
        page.fill("#id_username", "city-browser")
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_url(f"{live_server.url}/quan-tri/")
        page.goto(f"{live_server.url}/quan-tri/campaigns/annualresult/add/")
        # select2 (the autocomplete widget) is built by the admin's scripts.
        page.wait_for_selector(".select2-container", timeout=10_000)
        page.click(".field-residential_area .select2-selection")
        page.wait_for_selector(".select2-search__field", timeout=10_000)
        page.goto(f"{live_server.url}/quan-tri/workflow/completeness/")
        assert page.locator("table.completeness").count() == 1
    finally:
        context.close()
    violations = [m for m in messages if "Content Security Policy" in m]
    assert not violations, violations
