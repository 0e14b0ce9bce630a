"""Personal and staff data reach only the staff who may see them, through `restrict`."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from campaigns import models, selectors
from campaigns.access.scope import CITY_STAFF, WARD_STAFF
from campaigns.models.choices import WorkflowStatusChoices
from campaigns.selectors import history
from campaigns.selectors.completeness import completeness_by_ward, completeness_of_ward

from .. import factories as f
from ..access.test_scope import make_user
from ..accounts import World

DAY = datetime.date(2020, 6, 1)


@pytest.fixture
def supports(reference):
    """Two wards with an approved support each in 2020, and one support not approved."""
    ward_a, ward_b = f.WardFactory(), f.WardFactory()
    f.SupportFactory(ward=ward_a, date=DAY)
    f.SupportFactory(ward=ward_b, date=DAY)
    f.SupportFactory(ward=ward_a, date=DAY, status=WorkflowStatusChoices.SUBMITTED)
    return ward_a, ward_b


def heads(user, **kwargs):
    return {
        row.head_name
        for row in selectors.support_beneficiaries(user=user, year=2020, **kwargs)
    }


def test_nobody_without_an_account_or_permission_sees_beneficiaries(
    supports, django_user_model
):
    assert selectors.support_beneficiaries(user=None, year=2020) == ()
    assert selectors.support_beneficiaries(user=AnonymousUser(), year=2020) == ()
    nobody = make_user(django_user_model, "nobody")
    assert selectors.support_beneficiaries(user=nobody, year=2020) == ()


def test_ward_staff_see_only_their_wards_beneficiaries(supports, django_user_model):
    ward_a, ward_b = supports
    staff_a = make_user(django_user_model, "a", WARD_STAFF, [ward_a])
    rows = selectors.support_beneficiaries(user=staff_a, year=2020)
    assert {row.ward_code for row in rows} == {ward_a.code}
    assert len(rows) == 1  # approved supports only, as the fund figures count them
    assert selectors.support_beneficiaries(user=staff_a, year=2020, ward=ward_b) == ()


def test_the_support_permission_alone_does_not_show_households(
    supports, django_user_model
):
    from django.contrib.auth.models import Group, Permission

    # A role that may read supports but not households (an account set up by hand).
    role = Group.objects.get(name=CITY_STAFF)
    role.permissions.remove(Permission.objects.get(codename="view_household"))
    reader = make_user(django_user_model, "support-reader", CITY_STAFF)
    assert models.Support.objects.restrict(reader).exists()
    assert selectors.support_beneficiaries(user=reader, year=2020) == ()
    role.permissions.add(Permission.objects.get(codename="view_household"))
    reader = django_user_model.objects.get(pk=reader.pk)  # no cached permissions
    assert len(selectors.support_beneficiaries(user=reader, year=2020)) == 2


def test_city_staff_see_every_beneficiary_the_figures_count(
    supports, django_user_model
):
    ward_a, ward_b = supports
    city = make_user(django_user_model, "city", CITY_STAFF)
    rows = selectors.support_beneficiaries(user=city, year=2020)
    assert {row.ward_code for row in rows} == {ward_a.code, ward_b.code}
    assert len(rows) == selectors.city_overview(year=2020).fund_year.supports == 2
    assert heads(city, ward=ward_b) == {
        row.head_name
        for row in selectors.support_beneficiaries(user=city, year=2020)
        if row.ward_code == ward_b.code
    }


# --- Staff screens: the change history and the reporting rates ------------------------


@pytest.fixture
def world(reference):
    return World()


def history_wards(user):
    """(model, ward id) of every history row `user` is given, for ward-data models."""
    found = set()
    for entry in history.history_details(list(history.history_entries(user=user))):
        if entry.model in (models.Donation, models.Support, models.Household):
            found.add(entry.record.ward_id)
    return found


def test_change_history_goes_through_the_gate(world):
    assert not list(history.history_entries(user=None))
    assert history_wards(world.users["ward_a"]) == {world.ward_a.pk}
    assert history_wards(world.users["city"]) == {world.ward_a.pk, world.ward_b.pk}


def test_reporting_rates_go_through_the_gate(world):
    ward_a = world.ward_a
    assert completeness_by_ward(year=2020, user=None) == []
    assert completeness_of_ward(ward=ward_a, year=2020, user=None) == []
    assert (
        completeness_of_ward(ward=ward_a, year=2020, user=world.users["ward_b"]) == []
    )
    own = completeness_of_ward(ward=ward_a, year=2020, user=world.users["ward_a"])
    assert own and {row.area.ward_id for row in own} == {ward_a.pk}
