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
    "campaigns:area-card",
    "campaigns:area-card-pdf",
    "campaigns:goal-list",
    "campaigns:goal-detail",
    "campaigns:fund",
    "campaigns:works",
    "campaigns:festivals",
    "campaigns:cultural-families",
    "campaigns:commendations",
    "campaigns:open-data",
    "campaigns:dataset-download",
    "campaigns:chart-image",
    "campaigns:dataset-json",
    "campaigns:openapi",
    "campaigns:search",
    "campaigns:healthz",
    "campaigns:story-list",
    "campaigns:story-detail",
    # Photos and their renditions (campaigns/public/media.py).
    "media",
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
# Namespaces of staff pages: every URL in them needs a signed-in account.
STAFF_NAMESPACES = ("admin:", "campaigns_admin:", "campaigns_documents:")
SAMPLE = {
    "int": "1",
    "slug": "phuong-bac-kan",
    "path": "1",
    "str": "x",
    "fmt": "csv",
    "imgfmt": "png",
}


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
    assert {page.url_name for page in STAFF_PAGES} <= names
    assert "admin:campaigns_annualresult_changelist" in names
    assert "admin:campaigns_household_change" in names
    assert len(ALL_URLS) > 150


def test_every_public_url_is_declared():
    """A new page outside the admin is either declared public here or needs a login."""
    undeclared = {
        name
        for _, name in ALL_URLS
        if not name.startswith(STAFF_NAMESPACES) and name not in PUBLIC_URL_NAMES
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
        if not name.startswith(STAFF_NAMESPACES):
            continue
        response = client.get(path)
        if response.status_code == 200:
            opened.append(name)
        else:
            assert response.status_code in {302, 403, 404, 405}, (path, name)
    assert not opened


def all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from all_subclasses(sub)


def test_every_resource_is_one_the_gate_tests_cover():
    """Every resource the admin offers (or that exists) is in the export registry,
    whose no-user and ward-scope tests run for each entry (test_permissions)."""
    from django.contrib import admin

    from campaigns.spreadsheets.importing import CampaignResource
    from campaigns.spreadsheets.resources import EXPORT_RESOURCES, IMPORT_RESOURCES

    offered = {
        resource
        for model_admin in admin.site._registry.values()
        for resource in getattr(model_admin, "resource_classes", ())
    }
    existing = {
        cls
        for cls in all_subclasses(CampaignResource)
        if cls.__module__.startswith("campaigns.")
        and getattr(cls._meta, "model", None) is not None
    }
    registered = set(EXPORT_RESOURCES.values())
    assert set(IMPORT_RESOURCES.values()) <= registered
    assert offered <= registered, offered - registered
    assert existing <= registered, existing - registered


@pytest.mark.django_db
@pytest.mark.parametrize("user", [None, "anonymous", "no-role"])
def test_no_resource_imports_or_exports_for_a_user_without_rights(reference, user):
    from django.contrib.auth.models import AnonymousUser

    from campaigns.spreadsheets.resources import EXPORT_RESOURCES, IMPORT_RESOURCES

    if user == "anonymous":
        user = AnonymousUser()
    elif user == "no-role":
        user = get_user_model().objects.create_user("no-role", is_staff=True)
    for model, resource_class in EXPORT_RESOURCES.items():
        assert list(resource_class(user=user).iter_export()) == [], model
    for model, resource_class in IMPORT_RESOURCES.items():
        resource = resource_class(user=user)
        dataset = resource.export()  # headers only: no rows for this user
        result = resource.import_data(dataset, dry_run=False, user=user)
        assert result.has_errors(), model


# Sheets of the yearly workbook and where their rows come from.
WORKBOOK_SHEETS = {
    "Bìa": "scope, year and who asked: no records",
    "Tổng hợp": "public datasets: published figures",
    "10 mục tiêu": "public datasets: published figures",
    "Quỹ Vì người nghèo": "public datasets: published figures",
    "Công trình cộng đồng": "public datasets: published figures",
    "Danh sách hỗ trợ": "selectors.support_beneficiaries(user=…): through restrict",
}


@pytest.mark.django_db
def test_every_workbook_sheet_is_declared_and_the_workbook_needs_a_gated_user(
    reference,
):
    import io

    import openpyxl
    from django.core.exceptions import PermissionDenied

    from campaigns.access.scope import CITY_STAFF, WARD_STAFF
    from campaigns.models import Ward
    from campaigns.report.workbook import yearly_report

    from ..accounts import make_user

    city = make_user("city-book", CITY_STAFF)
    book = openpyxl.load_workbook(
        io.BytesIO(yearly_report(year=2024, user=city).read())
    )
    assert set(book.sheetnames) == set(WORKBOOK_SHEETS)

    song_cau = Ward.objects.get(slug="phuong-song-cau")
    xuat_hoa = Ward.objects.get(slug="phuong-xuat-hoa")
    staff = make_user("ward-book", WARD_STAFF, [song_cau])
    role_less = get_user_model().objects.create_user("no-role-book", is_staff=True)
    refused = [
        (None, song_cau),
        (role_less, song_cau),
        (staff, xuat_hoa),  # another ward
        (staff, None),  # the whole city
    ]
    for user, ward in refused:
        with pytest.raises(PermissionDenied):
            yearly_report(year=2024, ward=ward, user=user)
    assert yearly_report(year=2024, ward=song_cau, user=staff).read()


PERSONAL_FIELDS = re.compile(r"(head_name|id_number|phone|address)\b")


def personal_data_selectors():
    """Every function in campaigns.selectors whose code reads a personal field."""
    import importlib
    import inspect
    import pkgutil

    import campaigns.selectors as package

    found = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"campaigns.selectors.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__:
                continue
            if PERSONAL_FIELDS.search(inspect.getsource(function)):
                found[f"{module.__name__}.{name}"] = function
    return found


def test_personal_data_selectors_are_found_and_take_a_user():
    import inspect

    found = personal_data_selectors()
    assert "campaigns.selectors.report.support_beneficiaries" in found
    for name, function in found.items():
        parameter = inspect.signature(function).parameters.get("user")
        assert parameter is not None, f"{name} reads personal data without a user"
        assert parameter.default is inspect.Parameter.empty, name


@pytest.mark.django_db
@pytest.mark.parametrize("user", [None, "anonymous", "no-role"])
def test_personal_data_selectors_give_nothing_without_rights(reference, user):
    import inspect

    from django.contrib.auth.models import AnonymousUser

    from .. import factories as f

    f.SupportFactory()  # approved, with a household: something to leak
    if user == "anonymous":
        user = AnonymousUser()
    elif user == "no-role":
        user = get_user_model().objects.create_user("no-role", is_staff=True)
    for name, function in personal_data_selectors().items():
        kwargs = {"user": user}
        for parameter in inspect.signature(function).parameters.values():
            if parameter.name == "year":
                kwargs["year"] = f.SupportFactory._meta.model.objects.get().date.year
        assert not list(function(**kwargs)), name


def test_every_admin_of_the_app_applies_the_gate():
    """Lists, forms, choices and actions of each ModelAdmin pass through `restrict`."""
    from django.contrib import admin

    from campaigns.access.admin import ScopedAdminMixin, ScopedInlineMixin

    admins = {
        model: model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label == "campaigns"
    }
    assert len(admins) >= 14
    for model, model_admin in admins.items():
        assert isinstance(model_admin, ScopedAdminMixin), model
        for inline in model_admin.inlines:
            assert issubclass(inline, ScopedInlineMixin), (model, inline)
