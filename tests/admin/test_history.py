"""Change history: who changed what (old → new), when and why; visible and filterable."""

import datetime
import re

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
        {"field": "Số tiền (đồng)", "old": "1.000.000", "new": "5.000.000"}
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
    assert "5.000.000" in page
    assert "Tổ đổi tên" not in page
    response = client.get(url, {"date_to": "2000-01-01"})
    assert not response.context["entries"]
    # Ward staff see the history of their own records only, on each record's page.
    client.force_login(world.users["ward_a"])
    assert client.get(url).status_code == 403


LOCAL_TIME = re.compile(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}")


def test_history_shows_labels_local_time_and_dashes(world, client):
    result = world.a[models.AnnualResult]
    workflow.record_submit(record=result, by=world.users["ward_a"])
    workflow.record_return(record=result, by=world.users["city"], reason="Thiếu số")
    entry = history.history_details(
        list(
            history.history_entries(user=world.users["city"], model_name="annualresult")
        )
    )[0]
    changes = {c["field"]: (c["old"], c["new"]) for c in entry.changes}
    assert changes["Trạng thái"] == ("Đã gửi duyệt", "Bị trả lại")
    assert changes["Lý do"][0] == "—"
    result.refresh_from_db()
    local = timezone.localtime(result.status_changed_at).strftime("%d/%m/%Y %H:%M")
    assert local in changes["Thời điểm đổi trạng thái"]
    client.force_login(world.users["city"])
    for url in (
        reverse("campaigns_admin:change-history"),
        reverse("admin:campaigns_annualresult_history", args=(result.pk,)),
    ):
        page = client.get(url).content.decode()
        assert "Đã gửi duyệt → Bị trả lại" in page, url
        assert "submitted →" not in page and "+00:00" not in page, url
        assert LOCAL_TIME.search(page), url


def test_an_imported_change_shows_old_and_new_values(world, reference):
    from campaigns.spreadsheets.resources import AnnualResultResource

    from ..spreadsheet_helpers import run_import
    from ..spreadsheets.test_imports import HEADER, csv_bytes, make_areas

    make_areas()
    lines = [HEADER, "2024,01837,,Tổ 1,100,90,80,5,5"]
    user = world.users["city"]
    assert not run_import(
        AnnualResultResource, csv_bytes(*lines), user=user
    ).error_lines()
    lines[1] = "2024,01837,,Tổ 1,130,90,80,5,5"
    assert not run_import(
        AnnualResultResource, csv_bytes(*lines), user=user
    ).error_lines()
    rows = history.history_entries(user=user, model_name="annualresult", year=2024)
    changed, created = history.history_details(list(rows))[:2]
    assert changed.record.history_type == "~" and created.record.history_type == "+"
    assert {"field": "Số hộ", "old": "100", "new": "130"} in changed.changes
    assert "test.xlsx" in changed.record.history_change_reason


def test_history_filters_by_ward_and_year(world, client):
    result_a, result_b = world.a[models.AnnualResult], world.b[models.AnnualResult]
    result_a.year = 2025
    result_a.save()
    result_b.year = 2026
    result_b.save()
    city = world.users["city"]
    in_a = history.history_entries(user=city, ward=world.ward_a)
    assert {e["model_name"] for e in in_a} >= {"annualresult", "donation", "goalresult"}
    ids_a = {(e["model_name"], e["id"]) for e in in_a}
    assert ("annualresult", result_a.pk) in ids_a
    assert ("annualresult", result_b.pk) not in ids_a
    assert not any(e["model_name"] == "goal" for e in in_a)  # reference data
    of_2026 = history.history_entries(user=city, year=2026)
    assert {
        (e["model_name"], e["id"]) for e in of_2026 if e["model_name"] == "annualresult"
    } == {("annualresult", result_b.pk)}
    client.force_login(world.users["leader"])
    url = reverse("campaigns_admin:change-history")
    response = client.get(url, {"ward": world.ward_b.pk, "year": "2026"})
    labels = {entry.label for entry in response.context["entries"]}
    assert str(result_b) in labels and str(result_a) not in labels


def test_two_versions_written_at_the_same_moment_are_compared(world):
    """An import writes its rows' history with one time: the later row (by id) is
    still compared with the earlier one."""
    donation = world.a[models.Donation]
    donation.amount = 3_000_000
    donation.save()
    first, second = donation.history.order_by("history_id")[:2]
    donation.history.filter(history_id=second.history_id).update(
        history_date=first.history_date
    )
    rows = history.history_entries(user=world.users["city"], model_name="donation")
    entry = next(
        e
        for e in history.history_details(list(rows))
        if e.record.history_id == second.history_id
    )
    assert entry.has_previous
    assert {"field": "Số tiền (đồng)", "old": "1.000.000", "new": "3.000.000"} in (
        entry.changes
    )
