"""seed_demo: deterministic, realistic, and never mixed with real data."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Max, Min, Sum

from campaigns import models
from campaigns.models.choices import WorkflowStatusChoices

from .. import factories as f


def totals():
    return {
        "donated": models.Donation.objects.aggregate(s=Sum("amount"))["s"],
        "supported": models.Support.objects.aggregate(s=Sum("amount"))["s"],
        "households": models.AnnualResult.objects.aggregate(s=Sum("households"))["s"],
        "poor": models.AnnualResult.objects.aggregate(s=Sum("poor_households"))["s"],
        "areas": models.ResidentialArea.objects.count(),
        "results": models.AnnualResult.objects.count(),
        "works": models.CommunityWork.objects.count(),
    }


@pytest.fixture
def seeded(reference, seed_once):
    seed_once(call_command, "seed_demo", "--seed", "11", "--years", "2010-2025")


def test_same_seed_gives_same_totals_and_another_seed_different_ones(seeded):
    first = totals()
    call_command("seed_demo", "--seed", "11", "--years", "2010-2025")
    assert totals() == first
    call_command("seed_demo", "--seed", "12", "--years", "2010-2025")
    assert totals() != first


def test_demo_data_is_realistic_for_bac_kan(seeded):
    donated = models.Donation.objects.aggregate(s=Sum("amount"))["s"]
    assert 1_900_000_000 <= donated <= 2_300_000_000
    houses = models.Support.objects.aggregate(
        b=Sum("houses_built"), r=Sum("houses_repaired")
    )
    assert houses == {"b": 129, "r": 31}
    for ward in models.Ward.objects.filter(valid_to__isnull=False):
        assert 10 <= ward.residential_areas.count() <= 20
    years = models.AnnualResult.objects.aggregate(first=Min("year"), last=Max("year"))
    assert years == {"first": 2010, "last": 2025}
    # Every result has all ten goals.
    assert models.GoalResult.objects.count() == 10 * models.AnnualResult.objects.count()
    # 2025 is reported under the new units only.
    wards_2025 = set(
        models.AnnualResult.objects.filter(year=2025).values_list(
            "residential_area__ward__slug", flat=True
        )
    )
    assert wards_2025 == {"phuong-bac-kan", "phuong-duc-xuan", "xa-phong-quang"}
    assert models.CommunityWork.objects.filter(kind="road").exists()
    assert not models.ResidentialArea.objects.filter(is_demo=False).exists()


def test_cultural_family_rates_and_falling_poverty(seeded):
    def rate(year, field):
        row = models.AnnualResult.objects.filter(year=year).aggregate(
            n=Sum(field), h=Sum("households")
        )
        return row["n"] / row["h"]

    for year in range(2010, 2026):
        assert 0.80 <= rate(year, "cultural_families_recognised") <= 0.98
    # Within one poverty standard the rate falls.
    assert rate(2015, "poor_households") < rate(2011, "poor_households")
    assert rate(2021, "poor_households") < rate(2016, "poor_households")
    assert rate(2025, "poor_households") < rate(2022, "poor_households")


def test_most_records_are_approved_and_some_are_not(seeded):
    statuses = models.AnnualResult.objects.values_list("status", flat=True)
    approved = sum(1 for s in statuses if s == WorkflowStatusChoices.APPROVED)
    assert approved / len(statuses) > 0.9
    assert models.AnnualResult.objects.filter(
        status__in=[WorkflowStatusChoices.DRAFT, WorkflowStatusChoices.SUBMITTED]
    ).exists()


def test_refuses_to_run_beside_real_data_unless_forced(reference):
    real = f.DonationFactory(ward=models.Ward.objects.first())
    with pytest.raises(CommandError, match="non-demo|thật"):
        call_command("seed_demo", "--years", "2024-2025")
    assert not models.ResidentialArea.objects.filter(is_demo=True).exists()
    call_command("seed_demo", "--years", "2024-2025", "--force")
    assert models.ResidentialArea.objects.filter(is_demo=True).exists()
    real.refresh_from_db()
    assert real.is_demo is False


def test_if_empty_keeps_existing_demo_data(seeded):
    before = totals()
    call_command("seed_demo", "--seed", "99", "--if-empty")
    assert totals() == before


def test_bad_years_are_refused(reference):
    with pytest.raises(CommandError):
        call_command("seed_demo", "--years", "2025-2010")


def test_create_demo_user_saves_a_working_random_login(db, settings, tmp_path, client):
    settings.VAR_DIR = tmp_path
    call_command("create_demo_user")
    text = (tmp_path / "demo-login.txt").read_text(encoding="utf-8")
    login = dict(line.split(": ", 1) for line in text.splitlines())
    assert login["username"] == "demo"
    assert len(login["password"]) >= 12
    assert client.login(username="demo", password=login["password"])
    call_command("create_demo_user")
    assert (tmp_path / "demo-login.txt").read_text(encoding="utf-8") == text


def test_2026_is_being_collected_and_approvals_follow_each_festival(
    reference, seed_once
):
    from django.utils import timezone

    from campaigns.demo.seed import demo_data_seed

    seed_once(demo_data_seed, seed=5, years=range(2024, 2027))
    statuses = set(
        models.AnnualResult.objects.filter(year=2026).values_list("status", flat=True)
    )
    assert {"draft", "submitted", "approved"} <= statuses
    now = timezone.now()
    for year in (2024, 2025, 2026):
        moments = models.AnnualResult.objects.filter(
            year=year, status="approved"
        ).values_list("approved_at", flat=True)
        assert moments
        for moment in moments:
            day = timezone.localtime(moment).date()
            assert datetime.date(year, 11, 18) < day <= datetime.date(year, 12, 31)
            assert moment < now
    # Nothing is dated after the day of seeding.
    assert not models.Donation.objects.filter(date__gt=timezone.localdate()).exists()
