"""The scope gate: which wards' rows each kind of account sees."""

from django.contrib.auth.models import AnonymousUser, Group

from campaigns import models
from campaigns.access.scope import CITY_STAFF, LEADERS, WARD_STAFF
from campaigns.cache import bump_generation, cached

from .. import factories as f


def make_user(django_user_model, name, group=None, wards=()):
    user = django_user_model.objects.create_user(
        name, password="x-password-1", is_staff=True
    )
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    if wards:
        scope = models.StaffScope.objects.create(user=user)
        scope.wards.set(wards)
    return user


def test_restrict_limits_ward_staff_to_their_wards(reference, django_user_model):
    ward_a, ward_b = f.WardFactory(), f.WardFactory()
    result_a = f.AnnualResultFactory(residential_area__ward=ward_a)
    result_b = f.AnnualResultFactory(residential_area__ward=ward_b)
    donation_city = f.DonationFactory(fund_level="city", ward=None)
    staff_a = make_user(django_user_model, "a", WARD_STAFF, [ward_a])
    city = make_user(django_user_model, "city", CITY_STAFF)
    leader = make_user(django_user_model, "leader", LEADERS)
    nobody = make_user(django_user_model, "nobody")

    assert list(models.AnnualResult.objects.restrict(staff_a)) == [result_a]
    assert set(models.AnnualResult.objects.restrict(city)) == {result_a, result_b}
    assert set(models.AnnualResult.objects.restrict(leader)) == {result_a, result_b}
    assert not models.AnnualResult.objects.restrict(nobody).exists()
    assert not models.AnnualResult.objects.restrict(AnonymousUser()).exists()
    assert list(models.Ward.objects.restrict(staff_a)) == [ward_a]
    assert donation_city not in models.Donation.objects.restrict(staff_a)
    assert donation_city in models.Donation.objects.restrict(city)


def test_generation_bump_retires_cached_values():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert cached("figure", 2024, compute=compute) == 1
    assert cached("figure", 2024, compute=compute) == 1
    bump_generation()
    assert cached("figure", 2024, compute=compute) == 2
