"""Issue 12: who approves. A 2026 result of Phường Bắc Kạn goes from its ward staff
to its own Front committee's approver and onto the public page; no one approves
their own submission; the province reads everything and approves nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from campaigns import models, selectors
from campaigns.access.scope import (
    CITY_STAFF,
    PROVINCE_READERS,
    WARD_APPROVERS,
    WARD_STAFF,
)
from campaigns.models.choices import WorkflowStatusChoices as Status
from campaigns.services import workflow

from .. import factories as f
from ..accounts import make_user

BAC_KAN_BODY = "Ủy ban MTTQ Việt Nam phường Bắc Kạn"
CITY_BODY = "Ủy ban MTTQ Việt Nam thành phố Bắc Kạn"


@pytest.fixture
def bac_kan(reference):
    """Phường Bắc Kạn (from 1/7/2025) with one approved area, and its people."""
    ward = models.Ward.objects.get(slug="phuong-bac-kan")
    duc_xuan = models.Ward.objects.get(slug="phuong-duc-xuan")
    area = f.ResidentialAreaFactory(
        ward=ward, name="Tổ 7", valid_from=datetime.date(2025, 7, 1)
    )
    return {
        "ward": ward,
        "area": area,
        "staff": make_user("can-bo-bac-kan", WARD_STAFF, [ward]),
        "approver": make_user("lanh-dao-bac-kan", WARD_APPROVERS, [ward]),
        "other_approver": make_user("lanh-dao-duc-xuan", WARD_APPROVERS, [duc_xuan]),
        "city": make_user("thanh-pho", CITY_STAFF),
        "province": make_user("tinh", PROVINCE_READERS),
    }


def result_form(area, year, households):
    return {
        "residential_area": area.pk,
        "year": year,
        "households": households,
        "cultural_families_registered": households - 21,
        "cultural_families_recognised": households - 321,
        "poor_households": 43,
        "near_poor_households": 21,
        "newly_poor_households": 0,
        "goal_results-TOTAL_FORMS": 0,
        "goal_results-INITIAL_FORMS": 0,
        "goal_results-MIN_NUM_FORMS": 0,
        "goal_results-MAX_NUM_FORMS": 1000,
    }


def test_a_2026_result_goes_from_ward_staff_to_its_approver_and_the_public_page(
    bac_kan, client, django_capture_on_commit_callbacks
):
    page = f"/don-vi/phuong-bac-kan/?nam={2026}"
    before = client.get(page).content.decode()
    assert "4.321" not in before

    client.force_login(bac_kan["staff"])
    response = client.post(
        reverse("admin:campaigns_annualresult_add"),
        result_form(bac_kan["area"], 2026, 4321),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    result = models.AnnualResult.objects.get(residential_area=bac_kan["area"])
    assert result.status == Status.DRAFT and result.poverty_standard is not None

    workflow.record_submit(record=result, by=bac_kan["staff"])
    # Neither the ward staff, nor another ward's approver, nor the province approves.
    for user in (bac_kan["staff"], bac_kan["other_approver"], bac_kan["province"]):
        with pytest.raises(PermissionDenied):
            workflow.record_approve(record=result, by=user)
    result.refresh_from_db()
    assert result.status == Status.SUBMITTED
    assert client.get(page).content.decode().count("4.321") == 0

    with django_capture_on_commit_callbacks(execute=True):
        workflow.record_approve(record=result, by=bac_kan["approver"])
    result.refresh_from_db()
    assert result.status == Status.APPROVED
    assert result.submitted_by == bac_kan["staff"]
    assert result.approved_by == bac_kan["approver"]
    assert BAC_KAN_BODY in result.history.latest().history_change_reason

    client.logout()
    after = client.get(page).content.decode()
    assert "4.321" in after
    assert f"Số liệu năm 2026 do {BAC_KAN_BODY} duyệt" in after
    assert CITY_BODY not in after


def test_the_approver_sees_only_their_units(bac_kan):
    own = f.AnnualResultFactory(
        residential_area=bac_kan["area"], year=2026, status=Status.SUBMITTED
    )
    other = f.AnnualResultFactory(year=2026, status=Status.SUBMITTED)
    visible = set(models.AnnualResult.objects.restrict(bac_kan["approver"], "approve"))
    assert own in visible and other not in visible
    everything = set(models.AnnualResult.objects.restrict(bac_kan["province"]))
    assert {own, other} <= everything
    assert not models.AnnualResult.objects.restrict(bac_kan["province"], "approve")
    assert not models.AnnualResult.objects.restrict(bac_kan["province"], "change")


def test_no_one_approves_their_own_submission(bac_kan):
    city = bac_kan["city"]
    result = f.AnnualResultFactory(
        residential_area=bac_kan["area"], year=2026, status=Status.DRAFT
    )
    workflow.record_submit(record=result, by=city)
    with pytest.raises(ValidationError) as refused:
        workflow.record_approve(record=result, by=city)
    assert "Bạn đã tự gửi duyệt" in " ".join(refused.value.messages)
    result.refresh_from_db()
    assert result.status == Status.SUBMITTED and result.approved_by is None
    # Someone else may.
    workflow.record_approve(record=result, by=bac_kan["approver"])
    result.refresh_from_db()
    assert result.status == Status.APPROVED


def test_bulk_approval_including_an_own_submission_changes_nothing(bac_kan, client):
    city = bac_kan["city"]
    theirs = f.AnnualResultFactory(year=2020, status=Status.SUBMITTED)
    mine = f.AnnualResultFactory(year=2020, status=Status.DRAFT)
    workflow.record_submit(record=mine, by=city)
    client.force_login(city)
    url = reverse("admin:campaigns_annualresult_changelist")
    response = client.post(
        url,
        {"action": "approve_selected", "_selected_action": [theirs.pk, mine.pk]},
        follow=True,
    )
    assert "Bạn đã tự gửi duyệt" in response.content.decode()
    assert set(
        models.AnnualResult.objects.filter(pk__in=[theirs.pk, mine.pk]).values_list(
            "status", flat=True
        )
    ) == {Status.SUBMITTED}
    # The change form offers no approve button for one's own submission, and a
    # posted approval is refused with the same message.
    change = reverse("admin:campaigns_annualresult_change", args=(mine.pk,))
    approve = reverse(
        "admin:campaigns_annualresult_workflow", args=(mine.pk, "approve")
    )
    assert approve not in client.get(change).content.decode()
    response = client.post(approve, follow=True)
    assert "Bạn đã tự gửi duyệt" in response.content.decode()
    mine.refresh_from_db()
    assert mine.status == Status.SUBMITTED


def test_approving_body_by_unit_and_year(reference):
    bac_kan = models.Ward.objects.get(slug="phuong-bac-kan")
    song_cau = models.Ward.objects.get(slug="phuong-song-cau")
    assert selectors.approving_body(ward=song_cau, year=2020).name == CITY_BODY
    # The years before 2025 of a new unit are its predecessors', approved by the city.
    assert selectors.approving_body(ward=bac_kan, year=2020).name == CITY_BODY
    assert selectors.approving_body(ward=bac_kan, year=2025).name == BAC_KAN_BODY
    assert selectors.approving_body(ward=bac_kan, year=2026).name == BAC_KAN_BODY
    assert [b.name for b in selectors.approving_bodies(year=2026)] == [
        BAC_KAN_BODY,
        "Ủy ban MTTQ Việt Nam phường Đức Xuân",
        "Ủy ban MTTQ Việt Nam xã Phong Quang",
    ]
    # The province committee reads; it approves no year.
    assert all(
        "tỉnh" not in b.name
        for y in (2020, 2026)
        for b in selectors.approving_bodies(year=y)
    )
