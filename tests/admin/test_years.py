"""Years are never printed as numbers ("2.025") on any admin page, for any role."""

import re

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from campaigns import models

from ..accounts import World

# A year of this century written with a thousands separator, not part of a longer
# number (money such as 2.025.000 đ is a legitimate grouped number).
GROUPED_YEAR = re.compile(r"(?<![\d.,])2[.,]0\d{2}(?![\d]|[.,]\d)")
HIDDEN = re.compile(r"<(script|style)\b.*?</\1>", re.S)


def grouped_years(html: str) -> list[str]:
    """Years with a separator anywhere in the page: its text, option values, links."""
    page = HIDDEN.sub("", html)
    return [
        page[max(0, m.start() - 60) : m.end() + 20] for m in GROUPED_YEAR.finditer(page)
    ]


def test_the_check_finds_a_grouped_year_and_spares_money():
    assert grouped_years('<option value="2.025">2025</option>')
    assert grouped_years("<td>2,026</td>")
    assert not grouped_years("<td>2.025.000 đ</td><td>12.025</td><td>2025</td>")


@pytest.fixture
def world(reference):
    world = World()
    for records, year in ((world.a, 2025), (world.a_approved, 2026), (world.b, 2026)):
        for model in (models.AnnualResult, models.CommunityWork, models.Commendation):
            record = records[model]
            record.year = year
            if model is models.AnnualResult:
                record.cultural_title_year = year - 1
            record.save()
    return world


def admin_pages(registered_models, obj_for):
    for model in registered_models:
        opts = model._meta
        yield reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        obj = obj_for(model)
        if obj is None:
            continue
        for view in ("change", "history"):
            try:
                yield reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_{view}", args=(obj.pk,)
                )
            except NoReverseMatch:
                pass


def staff_screens(world, year=2025):
    """The staff screens beside the model admins that take a ward and a year."""
    slug = world.ward_a.slug
    return [
        reverse("campaigns_admin:ward-year-entry", args=(slug, year)),
        reverse("campaigns_admin:year-end-report"),
        reverse("campaigns_documents:printouts"),
        reverse("campaigns_documents:fund-notice", args=(slug, year)),
    ]


@pytest.mark.parametrize("role", ["city", "ward_a"])
def test_no_admin_page_prints_a_year_with_a_separator(world, client, role):
    user = world.users[role]
    client.force_login(user)

    def obj_for(model):
        if model in world.a:
            return world.a[model]
        return model._default_manager.order_by("pk").first()

    pages = [
        reverse("admin:index"),
        reverse("campaigns_admin:completeness") + "?year=2025",
        reverse("campaigns_admin:submit-ward-year")
        + f"?ward={world.ward_a.pk}&year=2025",
        reverse("admin:campaigns_annualresult_changelist") + "?year=2025",
        reverse("admin:campaigns_yearly_report"),
        *staff_screens(world),
        *admin_pages(list(admin.site._registry), obj_for),
    ]
    if role == "city":
        pages.append(reverse("campaigns_admin:change-history"))
    checked = 0
    for url in pages:
        response = client.get(url)
        if response.status_code != 200:
            continue
        checked += 1
        found = grouped_years(response.content.decode())
        assert not found, f"{url}: {found}"
    # The crawl reached the pages holding years (lists, forms, history, filters).
    assert checked >= 20


def test_year_filter_choices_and_readonly_views_show_plain_years(world, client):
    client.force_login(world.users["leader"])
    page = client.get(reverse("admin:campaigns_annualresult_changelist")).content
    page = page.decode()
    assert '<a href="?year=2026">2026</a>' in page
    assert '<td class="field-year">2026</td>' in page
    # Leaders only view: the change form is read-only, its years shown as text.
    result = world.a_approved[models.AnnualResult]
    page = client.get(
        reverse("admin:campaigns_annualresult_change", args=(result.pk,))
    ).content.decode()
    assert '<div class="readonly">2026</div>' in page


def test_the_completeness_year_switcher_sends_plain_years(world, client):
    client.force_login(world.users["city"])
    url = reverse("campaigns_admin:completeness")
    page = client.get(url + "?year=2026").content.decode()
    values = re.findall(r'<option value="([^"]*)"', page)
    assert "2025" in values and all(re.fullmatch(r"\d{4}", v) for v in values)
    response = client.get(url, {"year": "2025"})
    assert response.context["year"] == 2025


def test_an_invalid_year_on_the_completeness_page_says_so(world, client):
    client.force_login(world.users["city"])
    response = client.get(reverse("campaigns_admin:completeness"), {"year": "2.025"})
    messages = [str(m) for m in response.context["messages"]]
    assert any("2.025" in m for m in messages), messages


def test_the_import_preview_prints_plain_years(reference, client, django_user_model):
    from ..spreadsheets.test_imports import make_areas
    from .test_admin_spreadsheets import DATA, upload

    make_areas()
    user = django_user_model.objects.create_superuser("admin", "", "x-password-1")
    client.force_login(user)
    data = (DATA / "messy_annual_results.xlsx").read_bytes()
    page = upload(client, models.AnnualResult, data).content.decode()
    assert "2024" in page
    assert not grouped_years(page)
