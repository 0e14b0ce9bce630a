"""Submitted records are locked under review (issue 13): read-only for everyone until
returned or withdrawn to draft, so an approval approves exactly what was submitted."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from campaigns import models
from campaigns.access.scope import can_modify, can_remove
from campaigns.models.choices import WorkflowStatusChoices as Status
from campaigns.services import records, workflow

from ..accounts import World

ROLES_WITH_CHANGE = ("ward_a", "city", "approver_a")


@pytest.fixture
def world(reference):
    return World()


def submitted(world):
    result = world.a[models.AnnualResult]
    workflow.record_submit(record=result, by=world.users["ward_a"])
    result.refresh_from_db()
    return result


def test_a_submitted_record_and_its_goal_rows_are_read_only_for_everyone(world):
    result = submitted(world)
    goal_row = world.a[models.GoalResult]
    goal_row.refresh_from_db()
    for role in ROLES_WITH_CHANGE:
        user = world.users[role]
        assert not can_modify(user, result), role
        assert not can_remove(user, result), role
        assert not can_modify(user, goal_row), role
        result.households += 1
        with pytest.raises(PermissionDenied) as error:
            records.record_save(record=result, by=user)
        assert "đã gửi duyệt" in str(error.value)
        result.refresh_from_db()
        with pytest.raises(PermissionDenied):
            records.record_save(record=goal_row, by=user)
        with pytest.raises(PermissionDenied):
            records.record_delete(record=result, by=user)
    assert models.AnnualResult.objects.filter(pk=result.pk).exists()
    # Drafts and returned records stay open to their ward.
    draft = world.a[models.Donation]
    assert can_modify(world.users["ward_a"], draft)


def test_withdrawing_takes_it_back_to_draft_and_history_says_so(world):
    result = submitted(world)
    ward_staff = world.users["ward_a"]
    workflow.record_withdraw(record=result, by=ward_staff)
    result.refresh_from_db()
    assert result.status == Status.DRAFT
    last = result.history.order_by("-history_date", "-history_id").first()
    assert (last.history_user, last.history_change_reason) == (
        ward_staff,
        "Rút lại để sửa",
    )
    # Open again: corrected, then submitted again.
    result.households = 321
    records.record_save(record=result, by=ward_staff)
    workflow.record_submit(record=result, by=ward_staff)
    assert models.AnnualResult.objects.get(pk=result.pk).status == Status.SUBMITTED


def test_approval_approves_exactly_what_was_submitted(world):
    city, ward_staff = world.users["city"], world.users["ward_a"]
    result = submitted(world)
    households_submitted = result.households

    # Nobody changes it under review, city staff neither.
    result.households = households_submitted + 50
    with pytest.raises(PermissionDenied):
        records.record_save(record=result, by=city)

    # Changed after a withdrawal, it is a draft: nothing to approve until submitted.
    workflow.record_withdraw(record=result, by=ward_staff)
    result.refresh_from_db()
    result.households = households_submitted + 50
    records.record_save(record=result, by=ward_staff)
    with pytest.raises(ValidationError) as error:
        workflow.record_approve(record=result, by=city)
    assert "Chỉ có thể duyệt" in " ".join(error.value.messages)

    workflow.record_submit(record=result, by=ward_staff)
    at_submission = models.AnnualResult.objects.get(pk=result.pk)
    workflow.record_approve(record=result, by=city)
    approved = models.AnnualResult.objects.get(pk=result.pk)
    assert approved.status == Status.APPROVED
    fields = [f.attname for f in models.AnnualResult._meta.concrete_fields]
    skip = {*workflow.STATUS_FIELDS, "submitted_by_id", "approved_by_id", "updated_at"}
    assert {n: getattr(approved, n) for n in fields if n not in skip} == {
        n: getattr(at_submission, n) for n in fields if n not in skip
    }


def test_bulk_withdrawal_is_all_or_nothing(world):
    ward_staff = world.users["ward_a"]
    mine = world.a[models.CommunityWork]
    workflow.record_submit(record=mine, by=ward_staff)
    draft = world.a[models.Commendation]
    with pytest.raises(ValidationError):
        workflow.records_withdraw(records=[mine, draft], by=ward_staff)
    assert models.CommunityWork.objects.get(pk=mine.pk).status == Status.SUBMITTED
    assert workflow.records_withdraw(records=[mine], by=ward_staff) == 1
    assert models.CommunityWork.objects.get(pk=mine.pk).status == Status.DRAFT


# --- the admin: read-only form, the withdraw button and action ---------------------


def change_url(obj):
    return reverse("admin:campaigns_annualresult_change", args=(obj.pk,))


def withdraw_url(obj):
    return reverse("admin:campaigns_annualresult_workflow", args=(obj.pk, "withdraw"))


def test_the_change_form_of_a_submitted_record_is_read_only_with_a_withdraw_button(
    world, client
):
    result = submitted(world)
    client.force_login(world.users["ward_a"])
    page = client.get(change_url(result)).content.decode()
    assert 'name="_save"' not in page
    assert "chỉ xem" in page or "chỉ đọc" in page
    assert withdraw_url(result) in page and "Rút lại để sửa" in page

    households = result.households
    response = client.post(change_url(result), {"households": households + 7})
    assert response.status_code == 403
    assert models.AnnualResult.objects.get(pk=result.pk).households == households

    response = client.post(withdraw_url(result))
    assert response.status_code == 302
    assert models.AnnualResult.objects.get(pk=result.pk).status == Status.DRAFT
    page = client.get(change_url(result)).content.decode()
    assert 'name="_save"' in page and withdraw_url(result) not in page


def test_approvers_see_approve_and_return_but_no_save_on_a_submitted_record(
    world, client
):
    result = submitted(world)
    client.force_login(world.users["city"])
    page = client.get(change_url(result)).content.decode()
    assert 'name="_save"' not in page
    for action in ("approve", "return"):
        url = reverse("admin:campaigns_annualresult_workflow", args=(result.pk, action))
        assert url in page, action


def test_no_withdraw_for_roles_without_change_or_outside_the_ward(world, client):
    result = submitted(world)
    for role in ("leader", "ward_b"):
        client.force_login(world.users[role])
        response = client.post(withdraw_url(result))
        assert response.status_code in (302, 403), role
        assert models.AnnualResult.objects.get(pk=result.pk).status == Status.SUBMITTED
        client.logout()


def test_the_withdraw_action_of_the_list(world, client):
    result = submitted(world)
    client.force_login(world.users["ward_a"])
    response = client.post(
        reverse("admin:campaigns_annualresult_changelist"),
        {"action": "withdraw_selected", "_selected_action": [result.pk]},
        follow=True,
    )
    assert "1 hồ sơ đã được rút lại" in response.content.decode()
    assert models.AnnualResult.objects.get(pk=result.pk).status == Status.DRAFT
