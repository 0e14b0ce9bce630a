"""No admin page shows English to a staff member: Django's and the libraries' own
screens included (accounts, permissions, filters, import-export, lockouts)."""

import datetime
import json
import re
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from django.views.defaults import server_error

from campaigns.admin.accounts import permission_label

from .test_years import admin_pages, staff_screens, world  # noqa: F401  (the crawl's world)

# What Django 5.2 and django-import-export printed in English before our catalogue
# covered them, and the admin's own words a missing translation would leave English.
ENGLISH = re.compile(
    r"\b(?:"
    + "|".join(
        re.escape(phrase)
        for phrase in (
            "Password-based authentication",
            "Reset password",
            "Set password",
            "Raw passwords are not stored",
            "After you’ve created a user",
            "Whether the user will be able",
            "Enabled",
            "Disabled",
            "Skip to main content",
            "Toggle theme",
            "Toggle navigation",
            "Sidebar",
            "Breadcrumbs",
            "Filter navigation items",
            "Model name",
            "Add link",
            "Change or view list link",
            "Select all objects",
            "Select this object",
            "Show counts",
            "Hide counts",
            "Export",
            "Import",
            "Can add",
            "Can change",
            "Can delete",
            "Can view",
            "Choose all",
            "Save and add another",
            "Save and continue",
            "Filter",
            "Search",
            "History",
            "Delete",
            "Home",
            "Log out",
            "View site",
            "Change password",
            "Are you sure",
            "Province",
            "Forbidden",
            "Page not found",
            "Access Log for",
            "If disabled",
            "View history",
            "Change history",
            "Revert",
            "Failed access",
            "Attempted Access",
        )
    )
    + r")\b"
)
# Attributes a person reads (tooltips, screen readers, buttons); other attribute
# values and the data inside form fields are not interface text.
READ_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
# Python values Django prints as text (yes/no icons' alt text).
RAW_VALUES = {"True", "False", "None"}


class VisibleText(HTMLParser):
    """The text a person sees or hears on a page, one string per text node."""

    def __init__(self):
        super().__init__()
        self.hidden = 0
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "textarea"):
            self.hidden += 1
        attrs = dict(attrs)
        self.texts += [attrs[name] for name in READ_ATTRIBUTES if attrs.get(name)]
        if tag == "input" and attrs.get("type") in ("submit", "button"):
            self.texts.append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "textarea"):
            self.hidden = max(0, self.hidden - 1)

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.texts.append(data.strip())


def english(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return [text for text in parser.texts if ENGLISH.search(text) or text in RAW_VALUES]


def test_the_check_finds_english_text_and_ignores_code_and_data():
    assert english("<p>Show counts</p>")
    assert english('<button title="Toggle theme (current theme: auto)"></button>')
    assert english('<input type="submit" value="Export">')
    assert english('<img src="/static/admin/img/icon-yes.svg" alt="True">')
    assert not english("<script>gettext('Export')</script><style>.Home{}</style>")
    assert not english('<input name="q" value="Export">')
    assert not english('<a href="/export/" class="Export">Xuất ra bảng tính</a>')


def crawl_urls(world, user):  # noqa: F811
    def obj_for(model):
        if model in world.a:
            return world.a[model]
        return model._default_manager.order_by("pk").first()

    urls = [
        reverse("admin:index"),
        reverse("admin:password_change"),
        reverse("admin:password_change_done"),
        reverse("campaigns_admin:completeness"),
        reverse("campaigns_admin:submit-ward-year"),
        reverse("campaigns_admin:change-history"),
        reverse("admin:campaigns_yearly_report"),
        *staff_screens(world),
        *admin_pages(list(admin.site._registry), obj_for),
    ]
    for model in admin.site._registry:
        opts = model._meta
        for view in ("add", "import", "export"):
            try:
                urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}"))
            except NoReverseMatch:
                pass
        obj = obj_for(model)
        if obj is None:
            continue
        for view in ("delete", "password_change"):
            try:
                urls.append(
                    reverse(
                        f"admin:{opts.app_label}_{opts.model_name}_{view}",
                        args=(obj.pk,),
                    )
                )
            except NoReverseMatch:
                pass
    urls.append(reverse("admin:auth_user_password_change", args=(user.pk,)))
    return urls


@pytest.mark.parametrize("role", ["city", "ward_a", "superuser"])
def test_no_admin_page_shows_english(world, client, role, django_user_model):  # noqa: F811
    if role == "superuser":
        user = django_user_model.objects.create_superuser(
            "crawl-root", "", "x-Password-1"
        )
    else:
        user = world.users[role]
    client.force_login(user)
    checked = 0
    found = {}
    for url in crawl_urls(world, user):
        response = client.get(url)
        if response.status_code not in (200, 403, 404):
            continue
        checked += 1
        if hits := english(response.content.decode()):
            found[url] = sorted(set(hits))
    assert not found, found
    # The crawl reached the lists, forms, histories, deletions and spreadsheet pages.
    assert checked >= 40


def test_a_missing_admin_page_and_the_login_are_vietnamese(world, client):  # noqa: F811
    page = client.get(reverse("admin:login")).content.decode()
    assert not english(page)
    client.force_login(world.users["city"])
    response = client.get(reverse("admin:index") + "khong-co-trang-nay/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Không tìm thấy trang" in page or "không tồn tại" in page
    assert not english(page)


def test_the_server_error_page_is_vietnamese():
    response = server_error(RequestFactory().get("/quan-tri/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert 'lang="vi"' in page and "Máy chủ gặp lỗi" in page
    # Styled like every other page, although nothing of the failed request is used.
    assert "css/portal" in page and 'class="site-header"' in page
    assert not english(page)


def test_the_admin_widgets_script_catalogue_is_vietnamese(client, django_user_model):
    user = django_user_model.objects.create_superuser("crawl-root", "", "x-Password-1")
    client.force_login(user)
    script = client.get(reverse("admin:jsi18n")).content.decode()
    # The multiple-choice widget (wards, roles, permissions) and the date picker.
    for vietnamese in ("Chọn tất cả %s", "Bỏ tất cả %s", "%s đã chọn", "Chủ nhật"):
        # The catalogue is JSON in the script, non-ASCII letters escaped.
        assert json.dumps(vietnamese)[1:-1] in script, vietnamese


def test_permissions_are_named_in_vietnamese(db):
    permission = Permission.objects.get(codename="add_annualresult")
    assert str(permission).endswith("Can add yearly result")
    assert permission_label(permission) == "Kết quả năm: thêm"


def test_login_security_records_are_named_in_vietnamese(db):
    from axes.models import AccessAttempt, AccessLog

    moment = datetime.datetime(2026, 11, 30, 13, 14, 25, 330277, tzinfo=datetime.UTC)
    attempt = AccessAttempt(
        username="ward-a",
        ip_address="10.0.0.1",
        attempt_time=moment,
        failures_since_start=3,
    )
    assert str(attempt) == "Đăng nhập sai của “ward-a” từ 10.0.0.1, 30/11/2026 20:14"
    log = AccessLog(username="city", attempt_time=moment)
    assert str(log) == "Lượt đăng nhập của “city”, 30/11/2026 20:14"
