"""The guard: every way into ward data passes the one gate, and a new way cannot be
added without it.

Each test enumerates what exists (URL patterns, import-export resources, workbook
sheets, selectors returning personal data) instead of listing it by hand, so a new
URL, resource, sheet or selector fails here until it is gated or declared public.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver

from campaigns.access.pages import STAFF_PAGES

# Public pages: published data only (the personal-data crawl in test_public_pages
# reads every one of them). Anything else must refuse a visitor who is not signed in.
PUBLIC_URL_NAMES = {
    "campaigns:overview",
    "campaigns:ward-list",
    "campaigns:ward-detail",
    "campaigns:area-detail",
    "campaigns:goal-list",
    "campaigns:goal-detail",
    "campaigns:fund",
    "campaigns:works",
    "campaigns:open-data",
    "campaigns:dataset-download",
    "campaigns:search",
    "campaigns:healthz",
    # Signing in and out.
    "admin:login",
    "admin:logout",
}
# Admin pages a signed-in account without any role may open: they show no records.
NO_DATA_ADMIN_NAMES = {
    "admin:index",
    "admin:login",
    "admin:logout",
    "admin:password_change",
    "admin:password_change_done",
    "admin:jsi18n",
}
SAMPLE = {"int": "1", "slug": "phuong-bac-kan", "path": "1", "str": "x", "fmt": "csv"}


def url_patterns(patterns=None, prefix="/", namespace=""):
    """(path to request, full name) of every URL pattern, with sample arguments."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        route = str(pattern.pattern)
        route = re.sub(r"<(\w+):\w+>", lambda m: SAMPLE[m.group(1)], route)
        route = route.replace("^", "").replace("$", "")
        route = re.sub(r"\(\?P<app_label>[^)]*\)", "campaigns", route)
        route = re.sub(r"\(\?P<url>\.\*\)", "khong-co/", route)
        if isinstance(pattern, URLResolver):
            space = namespace
            if pattern.namespace:
                space = f"{namespace}{pattern.namespace}:"
            yield from url_patterns(pattern.url_patterns, prefix + route, space)
        else:
            assert isinstance(pattern, URLPattern)
            yield prefix + route, f"{namespace}{pattern.name or route}"


ALL_URLS = sorted(set(url_patterns()))


def test_the_enumeration_sees_every_part_of_the_site():
    names = {name for _, name in ALL_URLS}
    assert PUBLIC_URL_NAMES - {"admin:logout"} <= names
    assert {f"campaigns_admin:{page.name}" for page in STAFF_PAGES} <= names
    assert "admin:campaigns_annualresult_changelist" in names
    assert "admin:campaigns_household_change" in names
    assert len(ALL_URLS) > 150


def test_every_public_url_is_declared():
    """A new page outside the admin is either declared public here or needs a login."""
    undeclared = {
        name
        for _, name in ALL_URLS
        if not name.startswith(("admin:", "campaigns_admin:"))
        and name not in PUBLIC_URL_NAMES
    }
    assert not undeclared


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "name"), ALL_URLS, ids=[n for _, n in ALL_URLS])
def test_a_visitor_who_is_not_signed_in_gets_nothing_but_public_pages(
    client, path, name
):
    if name in PUBLIC_URL_NAMES:
        return
    for method in (client.get, client.post):
        response = method(path)
        assert response.status_code in {302, 403, 404, 405}, (method, path)
        if response.status_code == 302:
            assert "/login/" in response["Location"], (path, response["Location"])


@pytest.mark.django_db
def test_an_account_without_a_role_gets_no_records(client, reference):
    """Signed in as staff but in no group: every admin URL refuses or shows no data."""
    user = get_user_model().objects.create_user(
        "no-role", password="x-Password-2024", is_staff=True
    )
    client.force_login(user)
    opened = []
    for path, name in ALL_URLS:
        if name in PUBLIC_URL_NAMES | NO_DATA_ADMIN_NAMES:
            continue
        if not name.startswith(("admin:", "campaigns_admin:")):
            continue
        response = client.get(path)
        if response.status_code == 200:
            opened.append(name)
        else:
            assert response.status_code in {302, 403, 404, 405}, (path, name)
    assert not opened
