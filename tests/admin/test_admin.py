"""Every admin page answers for a superuser; changelists do not make a query per row."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns import models

from .. import factories as f

CAMPAIGN_MODELS = [
    model for model in admin.site._registry if model._meta.app_label == "campaigns"
]


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "", "x-password-1")
    client.force_login(user)
    return client


def make_rows(n):
    """`n` rows of every model, spread over several wards, with their relations."""
    wards = [f.WardFactory() for _ in range(n)]
    for index, ward in enumerate(wards):
        if index:
            models.WardSuccession.objects.create(
                predecessor=wards[index - 1],
                successor=ward,
                effective_date="2025-07-01",
            )
        area = f.ResidentialAreaFactory(ward=ward)
        result = f.AnnualResultFactory(residential_area=area)
        f.GoalResultFactory(annual_result=result)
        household = f.HouseholdFactory(ward=ward, residential_area=area)
        f.SupportFactory(ward=ward, residential_area=area, household=household)
        f.DonationFactory(ward=ward)
        f.CommunityWorkFactory(ward=ward, residential_area=area)
        f.CommendationFactory(ward=ward, residential_area=area)
        f.PhotoFactory(story__ward=ward, story__residential_area=area)

        f.FundBalanceEntryFactory(ward=ward)


def url(model, view, *args):
    return reverse(
        f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args
    )


def test_every_campaign_model_is_registered():
    registered = set(CAMPAIGN_MODELS)
    assert {
        models.AnnualResult,
        models.GoalResult,
        models.Donation,
        models.Support,
        models.Household,
        models.CommunityWork,
        models.Commendation,
        models.Ward,
        models.WardSuccession,
        models.ResidentialArea,
        models.Content,
        models.Goal,
        models.PovertyStandard,
        models.RatingGrade,
        models.StaffScope,
    } <= registered


@pytest.mark.parametrize("model", CAMPAIGN_MODELS, ids=lambda m: m.__name__)
def test_changelist_add_and_change_pages_answer(
    reference, superuser_client, django_user_model, model
):
    make_rows(2)
    if model is models.StaffScope:
        scope = models.StaffScope.objects.create(user=django_user_model.objects.get())
        scope.wards.set(models.Ward.objects.all()[:2])
    response = superuser_client.get(url(model, "changelist"))
    assert response.status_code == 200
    assert 'lang="vi"' in response.content.decode()
    response = superuser_client.get(url(model, "add"))
    assert response.status_code == 200
    obj = model.objects.first()
    response = superuser_client.get(url(model, "change", obj.pk))
    assert response.status_code == 200
    response = superuser_client.get(url(model, "history", obj.pk))
    assert response.status_code == 200


COUNTED_MODELS = [m for m in CAMPAIGN_MODELS if m is not models.StaffScope]


@pytest.fixture(scope="module")
def changelist_queries(django_db_setup, django_db_blocker):
    """Every changelist measured with 10 rows of every model, then with 100 rows.

    One data set serves all the models (building it per model took seconds each); it
    is made in a transaction that is rolled back, so no other test sees it.
    """
    from django.core.cache import cache
    from django.db import transaction
    from django.test import Client

    def measure(client, model):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            status = client.get(url(model, "changelist")).status_code
        return status, queries.captured_queries

    measured = {}
    with django_db_blocker.unblock(), transaction.atomic():
        client = Client()
        client.force_login(
            get_user_model().objects.create_superuser("admin", "", "x-password-1")
        )
        make_rows(10)
        small = {model: measure(client, model) for model in COUNTED_MODELS}
        make_rows(90)
        for model in COUNTED_MODELS:
            measured[model] = (
                small[model],
                model.objects.count(),
                measure(client, model),
            )
        transaction.set_rollback(True)
    cache.clear()
    return measured


@pytest.mark.parametrize("model", COUNTED_MODELS, ids=lambda m: m.__name__)
def test_changelist_query_count_does_not_grow_with_rows(
    reference, changelist_queries, model
):
    (small_status, small), rows, (large_status, large) = changelist_queries[model]
    assert small_status == 200
    assert rows >= 100 or model._meta.model_name in {
        "content",
        "goal",
        "povertystandard",
        "ratinggrade",
        "campaignphase",
        "goalset",
        "titledefinition",
        "approvingbody",
    }
    assert large_status == 200
    assert len(large) <= len(small) + 2, [q["sql"] for q in large]
    assert len(large) <= 25


def test_validation_errors_are_shown_in_vietnamese(reference, superuser_client):
    area = f.ResidentialAreaFactory()
    data = {
        "residential_area": area.pk,
        "year": 2020,
        "households": 100,
        "cultural_families_registered": 120,
        "cultural_families_recognised": 90,
        "poor_households": 5,
        "near_poor_households": 5,
        "newly_poor_households": 0,
        "status": "draft",
        "goal_results-TOTAL_FORMS": 0,
        "goal_results-INITIAL_FORMS": 0,
        "goal_results-MIN_NUM_FORMS": 0,
        "goal_results-MAX_NUM_FORMS": 1000,
    }
    response = superuser_client.post(url(models.AnnualResult, "add"), data)
    assert response.status_code == 200
    assert "số hộ đăng ký không thể vượt tổng số hộ" in response.content.decode()
    assert not models.AnnualResult.objects.exists()
    data["cultural_families_registered"] = 95
    response = superuser_client.post(url(models.AnnualResult, "add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    created = models.AnnualResult.objects.get()
    assert created.poverty_standard.code == "QĐ 59/2015/QĐ-TTg"


def test_goal_wording_is_marked_editable(reference, superuser_client):
    goal = models.Goal.objects.get(number=1)
    response = superuser_client.get(url(models.Goal, "change", goal.pk))
    assert "cán bộ có thể sửa lại nội dung" in response.content.decode()
