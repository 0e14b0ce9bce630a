"""The ward staff's home in the admin: their wards, the year's records by status, what
came back to them with the reasons, and the days left to 18/11 (issue 13)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns import models
from campaigns.access.scope import CITY_STAFF, WARD_STAFF
from campaigns.models.choices import WorkflowStatusChoices as Status
from campaigns.selectors.calendar import reporting_deadline
from campaigns.selectors.staff_home import ward_home

from .. import factories as f
from ..accounts import make_user

YEAR = 2026


@pytest.fixture
def on_day(monkeypatch):
    """Fix today's date (the reporting year and the days left follow it)."""

    def set_day(day):
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)

    set_day(datetime.date(YEAR, 11, 8))
    return set_day


@pytest.fixture
def wards(reference, on_day):
    mine = f.WardFactory(name="Phường Của Tôi", code="90001")
    other = f.WardFactory(name="Phường Khác", code="90002")
    user = make_user("ward-home", WARD_STAFF, [mine])

    def result(ward, status, year=YEAR, **extra):
        area = f.ResidentialAreaFactory(ward=ward, status=Status.APPROVED)
        return f.AnnualResultFactory(
            residential_area=area, year=year, status=status, **extra
        )

    for status in (Status.DRAFT, Status.DRAFT, Status.SUBMITTED, Status.APPROVED):
        result(mine, status)
    returned = result(
        mine, Status.RETURNED, status_reason="Thiếu số hộ cận nghèo", households=250
    )
    result(mine, Status.DRAFT, year=YEAR - 1)  # another year: not counted
    result(other, Status.RETURNED, status_reason="Không phải của tôi")
    f.DonationFactory(ward=mine, date=datetime.date(YEAR, 10, 20), status=Status.DRAFT)
    return {"mine": mine, "other": other, "user": user, "returned": returned}


def test_the_home_counts_the_wards_year_by_status_through_the_gate(
    wards, django_assert_max_num_queries
):
    # The scope and permissions (4), the wards, one count and one returned list per kind.
    with django_assert_max_num_queries(17):
        home = ward_home(user=wards["user"])
    assert [w.name for w in home.wards] == ["Phường Của Tôi"]
    assert home.year == YEAR
    results = next(row for row in home.counts if row.model is models.AnnualResult)
    assert (results.draft, results.submitted, results.returned, results.approved) == (
        2,
        1,
        1,
        1,
    )
    donations = next(row for row in home.counts if row.model is models.Donation)
    assert (donations.draft, donations.total) == (1, 1)
    assert home.totals.draft == 3
    # Only their own returned record, with its reason.
    assert [(r.record.pk, r.reason) for r in home.returned] == [
        (wards["returned"].pk, "Thiếu số hộ cận nghèo")
    ]


def test_days_left_to_the_deadline_and_after_it(wards, on_day):
    assert reporting_deadline(YEAR) == datetime.date(YEAR, 11, 18)
    assert ward_home(user=wards["user"]).days_left == 10
    on_day(datetime.date(YEAR, 11, 18))
    home = ward_home(user=wards["user"])
    assert (home.days_left, home.deadline_passed) == (0, False)
    on_day(datetime.date(YEAR, 11, 19))
    home = ward_home(user=wards["user"])
    assert (home.days_left, home.deadline_passed) == (-1, True)


def test_no_ward_home_for_users_who_see_every_ward_or_none(reference):
    assert ward_home(user=make_user("city-home", CITY_STAFF)) is None
    assert ward_home(user=make_user("no-ward", WARD_STAFF)) is None
    assert ward_home(user=None) is None


def test_the_admin_index_shows_the_home_to_ward_staff(wards, client, on_day):
    client.force_login(wards["user"])
    page = client.get(reverse("admin:index")).content.decode()
    assert 'id="ward-home"' in page
    assert "Phường Của Tôi" in page and "Phường Khác" not in page
    assert "Còn 10 ngày đến hạn 18/11/2026" in page
    change = reverse(
        "admin:campaigns_annualresult_change", args=(wards["returned"].pk,)
    )
    assert change in page and "Thiếu số hộ cận nghèo" in page
    assert "Không phải của tôi" not in page
    entry = reverse("campaigns_admin:ward-year-entry", args=(wards["mine"].slug, YEAR))
    assert f'href="{entry}"' in page

    on_day(datetime.date(YEAR, 11, 20))
    page = client.get(reverse("admin:index")).content.decode()
    assert "Đã quá hạn 18/11/2026" in page


def test_city_staff_get_the_completeness_table_instead(reference, client):
    client.force_login(make_user("city-index", CITY_STAFF))
    page = client.get(reverse("admin:index")).content.decode()
    assert 'id="ward-home"' not in page
    assert "completeness" in page


def test_only_those_who_enter_data_get_the_entry_link(wards, reference, client):
    from campaigns.access.scope import WARD_APPROVERS

    approver = make_user("ward-home-approver", WARD_APPROVERS, [wards["mine"]])
    assert ward_home(user=approver).entry_wards == frozenset()
    assert ward_home(user=wards["user"]).entry_wards == {wards["mine"].pk}
