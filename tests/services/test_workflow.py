"""The approval workflow: transitions, forbidden ones, bulk actions, completeness."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from campaigns import models
from campaigns.cache import current_generation
from campaigns.models.choices import WorkflowStatusChoices as Status
from campaigns.services import workflow

from .. import factories as f
from ..accounts import World


@pytest.fixture
def world(reference):
    return World()


def set_status(obj, status):
    type(obj).objects.filter(pk=obj.pk).update(status=status)
    obj.refresh_from_db()
    return obj


def test_full_cycle_with_timestamps_and_history(
    world, django_capture_on_commit_callbacks
):
    ward_staff, city = world.users["ward_a"], world.users["city"]
    result = world.a[models.AnnualResult]
    generation = current_generation()

    with django_capture_on_commit_callbacks(execute=True):
        workflow.record_submit(record=result, by=ward_staff)
    assert result.status == Status.SUBMITTED
    assert result.status_changed_at is not None
    assert current_generation() == generation  # nothing published changed

    with django_capture_on_commit_callbacks(execute=True):
        workflow.record_return(record=result, by=city, reason="Thiếu số hộ cận nghèo")
    result.refresh_from_db()
    assert result.status == Status.RETURNED
    assert result.status_reason == "Thiếu số hộ cận nghèo"
    assert current_generation() == generation  # a returned draft was never published

    workflow.record_submit(record=result, by=ward_staff)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.record_approve(record=result, by=city)
    result.refresh_from_db()
    assert result.status == Status.APPROVED
    assert result.approved_at is not None and result.status_reason == ""
    assert current_generation() > generation  # published: cached figures retired
    generation = current_generation()

    with django_capture_on_commit_callbacks(execute=True):
        workflow.record_reopen(record=result, by=city, reason="Sai số hộ nghèo")
    result.refresh_from_db()
    assert result.status == Status.DRAFT
    assert result.approved_at is None
    assert current_generation() > generation  # withdrawn from the public pages

    entries = list(result.history.order_by("history_date", "history_id"))[-5:]
    assert [(e.status, e.history_user) for e in entries] == [
        (Status.SUBMITTED, ward_staff),
        (Status.RETURNED, city),
        (Status.SUBMITTED, ward_staff),
        (Status.APPROVED, city),
        (Status.DRAFT, city),
    ]
    assert "Thiếu số hộ cận nghèo" in entries[1].history_change_reason
    assert "Sai số hộ nghèo" in entries[4].history_change_reason
    assert (
        entries[3].history_change_reason
        == "Đã duyệt (Ủy ban MTTQ Việt Nam thành phố Bắc Kạn)"
    )


FORBIDDEN = [
    # (starting status, transition, message fragment)
    (Status.DRAFT, "approve", "Chỉ có thể duyệt"),
    (Status.DRAFT, "return", "Chỉ có thể trả lại"),
    (Status.DRAFT, "reopen", "Chỉ có thể mở lại"),
    (Status.SUBMITTED, "submit", "Chỉ có thể gửi duyệt"),
    (Status.SUBMITTED, "reopen", "Chỉ có thể mở lại"),
    (Status.APPROVED, "submit", "Chỉ có thể gửi duyệt"),
    (Status.APPROVED, "approve", "Chỉ có thể duyệt"),
    (Status.APPROVED, "return", "Chỉ có thể trả lại"),
    (Status.RETURNED, "approve", "Chỉ có thể duyệt"),
    (Status.RETURNED, "return", "Chỉ có thể trả lại"),
    (Status.RETURNED, "reopen", "Chỉ có thể mở lại"),
    (Status.DRAFT, "withdraw", "Chỉ có thể rút lại"),
    (Status.RETURNED, "withdraw", "Chỉ có thể rút lại"),
    (Status.APPROVED, "withdraw", "Chỉ có thể rút lại"),
]


@pytest.mark.parametrize("start,transition,message", FORBIDDEN)
def test_forbidden_transitions_change_nothing(world, start, transition, message):
    record = set_status(world.a[models.Donation], start)
    before = record.history.count()
    kwargs = (
        {"reason": "lý do"} if workflow.TRANSITIONS[transition].needs_reason else {}
    )
    service = getattr(workflow, f"record_{transition}")
    with pytest.raises(ValidationError) as error:
        service(record=record, by=world.users["city"], **kwargs)
    assert message in " ".join(error.value.messages)
    record.refresh_from_db()
    assert record.status == start
    assert record.history.count() == before


@pytest.mark.parametrize("transition", ["return", "reopen"])
def test_return_and_reopen_need_a_reason(world, transition):
    start = Status.SUBMITTED if transition == "return" else Status.APPROVED
    record = set_status(world.a[models.Support], start)
    service = getattr(workflow, f"record_{transition}")
    with pytest.raises(ValidationError) as error:
        service(record=record, by=world.users["city"], reason="   ")
    assert "Hãy ghi lý do" in " ".join(error.value.messages)
    record.refresh_from_db()
    assert record.status == start


@pytest.mark.parametrize(
    "role,transition,start",
    [
        ("ward_a", "approve", Status.SUBMITTED),
        ("ward_a", "return", Status.SUBMITTED),
        ("ward_a", "reopen", Status.APPROVED),
        ("ward_b", "submit", Status.DRAFT),  # not their ward
        ("leader", "submit", Status.DRAFT),
        ("leader", "approve", Status.SUBMITTED),
        ("ward_b", "withdraw", Status.SUBMITTED),  # not their ward
        ("leader", "withdraw", Status.SUBMITTED),
    ],
)
def test_roles_without_the_right_are_refused(world, role, transition, start):
    record = set_status(world.a[models.CommunityWork], start)
    kwargs = (
        {"reason": "lý do"} if workflow.TRANSITIONS[transition].needs_reason else {}
    )
    with pytest.raises(PermissionDenied):
        getattr(workflow, f"record_{transition}")(
            record=record, by=world.users[role], **kwargs
        )
    record.refresh_from_db()
    assert record.status == start


def test_bulk_approval_is_all_or_nothing(world):
    good = set_status(world.a[models.Commendation], Status.SUBMITTED)
    bad = world.b[models.Commendation]  # still a draft
    queryset = models.Commendation.objects.filter(pk__in=[good.pk, bad.pk])
    with pytest.raises(ValidationError):
        workflow.records_approve(records=queryset, by=world.users["city"])
    good.refresh_from_db()
    assert good.status == Status.SUBMITTED
    set_status(bad, Status.SUBMITTED)
    assert workflow.records_approve(records=queryset, by=world.users["city"]) == 2
    assert set(queryset.values_list("status", flat=True)) == {Status.APPROVED}


def test_ward_year_submit_submits_only_that_ward_and_year(world):
    ward = world.ward_a
    other_year = f.AnnualResultFactory(
        residential_area=world.a[models.ResidentialArea], year=2021, status="draft"
    )
    counts = workflow.ward_year_submit(ward=ward, year=2020, by=world.users["ward_a"])
    assert counts[models.AnnualResult] == 1
    assert counts[models.Donation] == 1 and counts[models.Support] == 1
    for model, record in world.a.items():
        if hasattr(record, "status"):
            record.refresh_from_db()
            assert record.status == Status.SUBMITTED, model
    other_year.refresh_from_db()
    assert other_year.status == Status.DRAFT
    for record in world.b.values():
        if hasattr(record, "status"):
            record.refresh_from_db()
            assert record.status == Status.DRAFT
    with pytest.raises(PermissionDenied):
        workflow.ward_year_submit(
            ward=world.ward_b, year=2020, by=world.users["ward_a"]
        )


# --- through the admin -----------------------------------------------------------


def changelist(model):
    return reverse(f"admin:campaigns_{model._meta.model_name}_changelist")


def test_approve_selected_action(world, client):
    records = [set_status(world.a[models.Household], Status.SUBMITTED)]
    records.append(set_status(world.b[models.Household], Status.SUBMITTED))
    data = {"action": "approve_selected", "_selected_action": [r.pk for r in records]}
    client.force_login(world.users["ward_a"])
    client.post(changelist(models.Household), data)
    assert models.Household.objects.get(pk=records[0].pk).status == Status.SUBMITTED
    client.force_login(world.users["city"])
    response = client.post(changelist(models.Household), data, follow=True)
    assert "2 hồ sơ đã được duyệt" in response.content.decode()
    assert {models.Household.objects.get(pk=r.pk).status for r in records} == {
        Status.APPROVED
    }


def test_return_selected_asks_for_a_reason(world, client):
    record = set_status(world.a[models.AnnualResult], Status.SUBMITTED)
    client.force_login(world.users["city"])
    data = {"action": "return_selected", "_selected_action": [record.pk]}
    response = client.post(changelist(models.AnnualResult), data)
    assert response.status_code == 200
    assert 'name="reason"' in response.content.decode()
    record.refresh_from_db()
    assert record.status == Status.SUBMITTED
    data |= {"apply": "yes", "reason": "Số hộ văn hóa chưa khớp biên bản"}
    client.post(changelist(models.AnnualResult), data)
    record.refresh_from_db()
    assert record.status == Status.RETURNED
    assert record.status_reason == "Số hộ văn hóa chưa khớp biên bản"
    # Ward staff see the reason on the record.
    client.force_login(world.users["ward_a"])
    page = client.get(
        reverse("admin:campaigns_annualresult_change", args=(record.pk,))
    ).content.decode()
    assert "Số hộ văn hóa chưa khớp biên bản" in page


def test_status_cannot_be_set_through_the_form(world, client):
    record = world.a[models.Commendation]
    client.force_login(world.users["ward_a"])
    url = reverse("admin:campaigns_commendation_change", args=(record.pk,))
    form = client.get(url).context["adminform"].form
    assert "status" not in form.fields and "status_reason" not in form.fields


def test_buttons_on_the_change_form(world, client):
    record = world.a[models.Donation]
    change_url = reverse("admin:campaigns_donation_change", args=(record.pk,))
    submit_url = reverse(
        "admin:campaigns_donation_workflow", args=(record.pk, "submit")
    )
    client.force_login(world.users["leader"])
    assert submit_url not in client.get(change_url).content.decode()
    assert client.post(submit_url).status_code == 403
    client.force_login(world.users["ward_a"])
    assert submit_url in client.get(change_url).content.decode()
    assert client.post(submit_url).status_code == 302
    record.refresh_from_db()
    assert record.status == Status.SUBMITTED

    client.force_login(world.users["city"])
    approve_url = reverse(
        "admin:campaigns_donation_workflow", args=(record.pk, "approve")
    )
    assert approve_url in client.get(change_url).content.decode()
    client.post(approve_url)
    record.refresh_from_db()
    assert record.status == Status.APPROVED

    reopen_url = reverse(
        "admin:campaigns_donation_workflow", args=(record.pk, "reopen")
    )
    response = client.post(reopen_url, {"reason": ""})
    assert response.status_code == 200  # the form again, with its error
    record.refresh_from_db()
    assert record.status == Status.APPROVED
    client.post(reopen_url, {"reason": "Nhập nhầm số tiền"})
    record.refresh_from_db()
    assert record.status == Status.DRAFT
    assert record.status_reason == "Nhập nhầm số tiền"


def test_approved_record_is_locked_for_ward_staff_through_post(world, client):
    record = world.a_approved[models.Commendation]
    client.force_login(world.users["ward_a"])
    url = reverse("admin:campaigns_commendation_change", args=(record.pk,))
    page = client.get(url).content.decode()
    assert "Thành phố có thể mở lại" in page
    response = client.post(url, {"recipient_name": "Đổi tên"})
    assert response.status_code == 403
    record.refresh_from_db()
    assert record.recipient_name != "Đổi tên"


# --- completeness and a ward's year ---------------------------------------------


@pytest.fixture
def year_world(reference):
    """Ward A: 4 areas in 2020 (approved, submitted, draft, none); ward B: 1 returned."""
    world = World()
    ward_a = world.ward_a
    first = world.a[models.ResidentialArea]  # draft result from World
    set_status(world.a[models.AnnualResult], Status.DRAFT)
    for status in (Status.APPROVED, Status.SUBMITTED):
        f.AnnualResultFactory(residential_area__ward=ward_a, status=status)
    f.ResidentialAreaFactory(ward=ward_a, name="Tổ chưa nhập")
    # The approved area of World has an approved result too.
    world.first_area = first
    set_status(world.b[models.AnnualResult], Status.RETURNED)
    return world


def test_completeness_by_ward(year_world):
    from campaigns.selectors.completeness import completeness_by_ward

    rows = {
        row.ward: row
        for row in completeness_by_ward(year=2020, user=year_world.users["city"])
    }
    a = rows[year_world.ward_a]
    # World made 2 areas in ward A (draft + approved records), plus 3 here.
    assert (a.areas, a.not_entered, a.draft, a.submitted, a.approved) == (5, 1, 1, 1, 2)
    assert a.reporting_rate == pytest.approx(60.0)
    b = rows[year_world.ward_b]
    assert (b.areas, b.returned, b.not_submitted) == (1, 1, 1)
    own = completeness_by_ward(year=2020, user=year_world.users["ward_a"])
    assert [row.ward for row in own] == [year_world.ward_a]


def test_completeness_page(year_world, client, django_assert_max_num_queries):
    url = reverse("campaigns_admin:completeness")
    client.force_login(year_world.users["leader"])
    with django_assert_max_num_queries(15):
        response = client.get(url, {"year": 2020, "ward": year_world.ward_a.pk})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Phường A" in page and "Phường B" in page
    assert "Tổ chưa nhập" in page
    assert "60%" in page
    client.force_login(year_world.users["ward_b"])
    page = client.get(url, {"year": 2020, "ward": year_world.ward_a.pk}).content
    assert "Phường A" not in page.decode()
    client.logout()
    assert client.get(url).status_code == 302


def test_admin_index_links_the_workflow_pages(year_world, client):
    client.force_login(year_world.users["city"])
    page = client.get(reverse("admin:index")).content.decode()
    for name in ("completeness", "submit-ward-year", "change-history"):
        assert reverse(f"campaigns_admin:{name}") in page
    client.force_login(year_world.users["leader"])
    page = client.get(reverse("admin:index")).content.decode()
    assert reverse("campaigns_admin:completeness") in page
    assert reverse("campaigns_admin:submit-ward-year") not in page
    client.force_login(year_world.users["ward_a"])
    page = client.get(reverse("admin:index")).content.decode()
    assert reverse("campaigns_admin:submit-ward-year") in page
    assert reverse("campaigns_admin:change-history") not in page


def test_ward_year_submit_page(year_world, client):
    url = reverse("campaigns_admin:submit-ward-year")
    client.force_login(year_world.users["ward_a"])
    data = {"ward": year_world.ward_a.pk, "year": 2020}
    response = client.post(url, data)
    assert response.context["preview_total"] >= 3
    assert models.AnnualResult.objects.filter(status=Status.DRAFT).exists()
    response = client.post(url, {**data, "confirm": "1"})
    assert response.status_code == 302
    drafts = workflow.ward_year_drafts(ward=year_world.ward_a, year=2020)
    assert all(not queryset.exists() for queryset in drafts.values())
    # Ward B is not a choice for ward-A staff.
    response = client.post(
        url, {"ward": year_world.ward_b.pk, "year": 2020, "confirm": "1"}
    )
    assert "ward" in response.context["form"].errors
    assert (
        models.AnnualResult.objects.get(pk=year_world.b[models.AnnualResult].pk).status
        == Status.RETURNED
    )
    client.force_login(year_world.users["leader"])
    assert client.get(url).status_code == 403


def test_submit_wards_years_action(world, client):
    client.force_login(world.users["ward_a"])
    donation = world.a[models.Donation]
    client.post(
        changelist(models.Donation),
        {"action": "submit_wards_years", "_selected_action": [donation.pk]},
    )
    # Every draft of ward A for 2020 went, not only the selected donation.
    for model in (models.Donation, models.AnnualResult, models.CommunityWork):
        assert model.objects.get(pk=world.a[model].pk).status == Status.SUBMITTED
        assert model.objects.get(pk=world.b[model].pk).status == Status.DRAFT
    # Areas and households have no year: the action is not offered there.
    response = client.get(changelist(models.ResidentialArea))
    assert "submit_wards_years" not in response.content.decode()
    assert "submit_selected" in response.content.decode()


def test_completeness_rows_link_to_submitting_the_ward(year_world, client):
    client.force_login(year_world.users["ward_a"])
    page = client.get(
        reverse("campaigns_admin:completeness"), {"year": 2020}
    ).content.decode()
    link = f"{reverse('campaigns_admin:submit-ward-year')}?ward={year_world.ward_a.pk}&amp;year=2020"
    assert link in page
    response = client.get(link.replace("&amp;", "&"))
    assert response.context["preview_total"] >= 1


def test_large_ids_are_not_written_with_thousand_separators(reference, client):
    """Vietnamese number format writes 12345 as 12.345; ids in links must not be."""
    world = World()
    ward = f.WardFactory(id=123456, name="Phường lớn")
    area = f.ResidentialAreaFactory(id=234567, ward=ward, status="draft")
    result = f.AnnualResultFactory(id=345678, residential_area=area, status="submitted")
    f.ResidentialAreaFactory(ward=ward, name="Tổ chưa nhập")
    f.AnnualResultFactory(residential_area__ward=ward, status="draft")
    client.force_login(world.users["city"])
    url = reverse("campaigns_admin:completeness")
    page = client.get(url, {"year": 2020, "ward": ward.pk}).content.decode()
    assert "ward=123456&amp;year=2020" in page
    assert "residential_area=" in page and "12.345" not in page
    assert "123.456" not in page
    response = client.post(
        changelist(models.AnnualResult),
        {"action": "return_selected", "_selected_action": [result.pk]},
    )
    assert 'value="345678"' in response.content.decode()
