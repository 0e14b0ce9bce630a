"""Change history: who changed what (old → new), when and why; visible and filterable."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns import models
from campaigns.selectors import history
from campaigns.services import workflow

from ..accounts import World


@pytest.fixture
def world(reference):
    return World()


def household_form(household, **changes):
    data = {
        "ward": household.ward_id,
        "residential_area": household.residential_area_id or "",
        "head_name": household.head_name,
        "id_number": household.id_number,
        "phone": household.phone,
        "address": household.address,
        "members": household.members,
        "household_status": household.household_status,
        "note": household.note,
    }
    return data | changes


def test_an_admin_change_records_who_and_old_and_new_values(world, client):
    household = world.a[models.Household]
    old_name = household.head_name
    client.force_login(world.users["ward_a"])
    url = reverse("admin:campaigns_household_change", args=(household.pk,))
    response = client.post(url, household_form(household, head_name="Lò Văn Mới"))
    assert response.status_code == 302
    latest = household.history.latest()
    assert latest.history_user == world.users["ward_a"]
    assert latest.history_type == "~"
    delta = latest.diff_against(latest.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        ("head_name", old_name, "Lò Văn Mới")
    ]
    # The record's own history page shows it to city staff.
    client.force_login(world.users["city"])
    page = client.get(
        reverse("admin:campaigns_household_history", args=(household.pk,))
    ).content.decode()
    assert "ward-a" in page and old_name in page and "Lò Văn Mới" in page


def test_the_reason_of_a_return_is_kept_with_the_user(world):
    result = world.a[models.AnnualResult]
    workflow.record_submit(record=result, by=world.users["ward_a"])
    workflow.record_return(
        record=result, by=world.users["city"], reason="Thiếu biên bản họp"
    )
    latest = result.history.latest()
    assert latest.history_user == world.users["city"]
    assert "Thiếu biên bản họp" in latest.history_change_reason
    assert latest.status_reason == "Thiếu biên bản họp"


def test_reverting_from_history_is_refused(world, client):
    household = world.a[models.Household]
    first = household.history.earliest()
    household.head_name = "Tên mới"
    household.save()
    url = reverse(
        "admin:campaigns_household_simple_history",
        args=(household.pk, first.history_id),
    )
    for user in (world.users["city"], world.superuser):
        client.force_login(user)
        assert client.get(url).status_code == 200
        response = client.post(url, household_form(household, head_name="Hồi lại"))
        assert response.status_code == 403
    household.refresh_from_db()
    assert household.head_name == "Tên mới"


def make_changes(world):
    """Changes by two users on two days; returns the history rows made."""
    area = world.a[models.ResidentialArea]
    donation = world.a[models.Donation]
    area.name = "Tổ đổi tên"
    area._history_user = world.users["ward_a"]
    area.save()
    donation.amount = 5_000_000
    donation._history_user = world.users["city"]
    donation._change_reason = "Sửa theo biên lai"
    donation.save()
    last_week = timezone.now() - datetime.timedelta(days=7)
    area.history.filter(history_id=area.history.latest().history_id).update(
        history_date=last_week
    )


def test_history_entries_filter_by_user_date_and_model(world):
    make_changes(world)
    by_ward_staff = list(
        history.history_entries(
            user=world.users["city"], changed_by=world.users["ward_a"]
        )
    )
    assert [(e["model_name"], e["history_type"]) for e in by_ward_staff] == [
        ("residentialarea", "~")
    ]
    today = timezone.localdate()
    recent = history.history_entries(
        user=world.users["city"], date_from=today, changed_by=world.users["city"]
    )
    assert [e["model_name"] for e in recent] == ["donation"]
    week_ago = today - datetime.timedelta(days=7)
    old = history.history_entries(
        user=world.users["city"], date_from=week_ago, date_to=week_ago
    )
    assert [e["model_name"] for e in old] == ["residentialarea"]
    only_donations = history.history_entries(
        user=world.users["city"], model_name="donation"
    )
    assert {e["model_name"] for e in only_donations} == {"donation"}
    details = history.history_details(list(recent))
    assert details[0].changes == [
        {"field": "Số tiền (đồng)", "old": "1000000", "new": "5000000"}
    ]


def test_change_history_page(world, client, django_assert_max_num_queries):
    make_changes(world)
    url = reverse("campaigns_admin:change-history")
    client.force_login(world.users["leader"])
    with django_assert_max_num_queries(40):
        response = client.get(url, {"changed_by": world.users["city"].pk})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sửa theo biên lai" in page
    assert "5000000" in page
    assert "Tổ đổi tên" not in page
    response = client.get(url, {"date_to": "2000-01-01"})
    assert not response.context["entries"]
    # Ward staff see the history of their own records only, on each record's page.
    client.force_login(world.users["ward_a"])
    assert client.get(url).status_code == 403
