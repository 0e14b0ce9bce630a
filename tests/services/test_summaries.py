"""The yearly summary tables always equal the raw approved records they summarise."""

from collections import Counter, defaultdict

import pytest
from django.core.management import call_command

from campaigns.models import AnnualResult, GoalResult, ResidentialArea
from campaigns.models.choices import WorkflowStatusChoices
from campaigns.models.summaries import (
    RESULT_COLUMNS,
    RESULT_DATE_COLUMNS,
    GoalSummary,
    ResultSummary,
)
from campaigns.services.summary_tracking import summaries_deferred

APPROVED = WorkflowStatusChoices.APPROVED


def expected():
    """Sums computed row by row in Python from the raw records."""
    results, goals = defaultdict(Counter), defaultdict(Counter)
    counted = AnnualResult.objects.filter(
        status=APPROVED, residential_area__status=APPROVED
    ).select_related("residential_area")
    for r in counted:
        for ward in (r.residential_area.ward_id, None):
            row = results[ward, r.year, r.poverty_standard_id]
            row["areas"] += 1
            row["households"] += r.households
            row["cultural_families_recognised"] += r.cultural_families_recognised
            row["cultural_title_areas"] += r.cultural_title
            row["poor_households"] += r.poor_households
            row["near_poor_households"] += r.near_poor_households
            row["festival_areas"] += r.festival_held
            for name in (
                "cultural_families_registered",
                "cultural_families_three_years",
                "civilised_weddings",
                "civilised_funerals",
                "civilised_festivals",
            ):
                row[name] += getattr(r, name) or 0
            row["civilised_reporting"] += r.civilised_weddings is not None
            if r.festival_held:
                row["festival_participants"] += r.festival_participants or 0
                if r.festival_date:
                    dates = [
                        row["festival_first"],
                        row["festival_last"],
                        r.festival_date,
                    ]
                    row["festival_first"] = min(d for d in dates if d)
                    row["festival_last"] = max(d for d in dates if d)
    for g in GoalResult.objects.filter(annual_result__in=counted).select_related(
        "annual_result__residential_area"
    ):
        result = g.annual_result
        for ward in (result.residential_area.ward_id, None):
            goals[ward, result.year, g.goal_id]["reporting"] += 1
            goals[ward, result.year, g.goal_id]["achieved"] += g.achieved
    return results, goals


def stored():
    results = {
        (row.ward_id, row.year, row.poverty_standard_id): Counter(
            {
                name: getattr(row, name)
                for name in (*RESULT_COLUMNS, *RESULT_DATE_COLUMNS)
                if getattr(row, name) is not None
            }
        )
        for row in ResultSummary.objects.all()
    }
    goals = {
        (row.ward_id, row.year, row.goal_id): Counter(
            reporting=row.reporting, achieved=row.achieved
        )
        for row in GoalSummary.objects.all()
    }
    return results, goals


def assert_in_sync():
    want_results, want_goals = expected()
    got_results, got_goals = stored()
    # Zero counts dropped (a Counter's `+` cannot compare the festival's dates with 0).
    assert got_results == {
        k: Counter({name: x for name, x in v.items() if x})
        for k, v in want_results.items()
    }
    # Counter equality ignores zero counts, so compare the achieved numbers too.
    assert got_goals.keys() == want_goals.keys()
    for key, value in want_goals.items():
        assert got_goals[key]["reporting"] == value["reporting"], key
        assert got_goals[key]["achieved"] == value["achieved"], key


@pytest.fixture
def seeded(reference, seed_once):
    seed_once(call_command, "seed_demo", "--seed", "3", "--years", "2022-2025")


def test_seeding_fills_the_summaries(seeded):
    assert ResultSummary.objects.filter(ward__isnull=True).exists()
    assert GoalSummary.objects.filter(ward__isnull=False).exists()
    assert_in_sync()


def test_an_approval_and_a_return_refresh_the_summaries(seeded):
    pending = AnnualResult.objects.exclude(status=APPROVED).first()
    total = ResultSummary.objects.filter(ward=None, year=pending.year)
    before = sum(total.values_list("households", flat=True))
    pending.status = APPROVED
    pending.save()
    after = sum(total.values_list("households", flat=True))
    assert after == before + pending.households
    assert_in_sync()
    pending.status = WorkflowStatusChoices.RETURNED
    pending.save()
    assert sum(total.values_list("households", flat=True)) == before
    assert_in_sync()


def test_goal_results_deleted_results_and_areas_refresh_too(seeded):
    goal = GoalResult.objects.filter(
        annual_result__status=APPROVED, achieved=False
    ).first()
    goal.achieved = True
    goal.save()
    assert_in_sync()
    result = AnnualResult.objects.filter(status=APPROVED, year=2024).first()
    result.delete()
    assert_in_sync()
    area = ResidentialArea.objects.filter(annual_results__year=2025).first()
    area.status = WorkflowStatusChoices.RETURNED
    area.save()
    assert_in_sync()


def test_a_rolled_back_change_rolls_back_its_summaries(seeded):
    from django.db import transaction

    pending = AnnualResult.objects.exclude(status=APPROVED).first()
    snapshot = stored()
    with transaction.atomic():
        pending.status = APPROVED
        pending.save()
        transaction.set_rollback(True)
    assert stored() == snapshot
    assert_in_sync()


def test_deferred_refresh_runs_once_at_the_end(seeded):
    results = list(AnnualResult.objects.filter(year=2024, status=APPROVED)[:30])
    with summaries_deferred():
        for result in results:
            result.households += 1
            result.save()
        # Not yet refreshed inside the block.
        with pytest.raises(AssertionError):
            assert_in_sync()
    assert_in_sync()


def test_refresh_summaries_command_repairs_bulk_writes(seeded):
    AnnualResult.objects.filter(year=2023).update(households=1_000)  # no signals
    call_command("refresh_summaries", stdout=__import__("io").StringIO())
    assert_in_sync()


def test_bulk_approval_through_the_workflow_keeps_them_in_sync(seeded):
    from campaigns.services import workflow

    from ..accounts import World

    city = World().users["city"]
    pending = list(
        AnnualResult.objects.filter(
            status=WorkflowStatusChoices.SUBMITTED, residential_area__status=APPROVED
        )
    )
    assert len(pending) > 3
    workflow.records_approve(records=pending, by=city)
    assert_in_sync()


# --- the fund summaries -------------------------------------------------------------


def fund_expected():
    """Fund sums per (ward, year, is_total), row by row from the approved records."""
    from campaigns.models import Donation, Support

    sums = defaultdict(Counter)
    for d in Donation.objects.filter(status=APPROVED):
        for key in ((d.ward_id, d.date.year, False), (None, d.date.year, True)):
            sums[key]["raised"] += d.amount
            sums[key]["in_kind"] += d.in_kind_value
            sums[key]["donations"] += 1
    for s in Support.objects.filter(status=APPROVED):
        for key in ((s.ward_id, s.date.year, False), (None, s.date.year, True)):
            sums[key]["spent"] += s.amount
            sums[key]["supports"] += 1
            sums[key]["houses_built"] += s.houses_built
            sums[key]["houses_repaired"] += s.houses_repaired
    return {key: +value for key, value in sums.items()}


def assert_fund_in_sync():
    from campaigns.models.summaries import FUND_COLUMNS, FundSummary

    got = {
        (row.ward_id, row.year, row.is_total): +Counter(
            {name: getattr(row, name) for name in FUND_COLUMNS}
        )
        for row in FundSummary.objects.all()
    }
    assert got == fund_expected()


def test_seeding_fills_the_fund_summaries(seeded):
    from campaigns.models.summaries import FundSummary

    assert FundSummary.objects.filter(is_total=True).exists()
    # Donations to the city fund have no ward: their own row, ward NULL, not a total.
    assert FundSummary.objects.filter(ward__isnull=True, is_total=False).exists()
    assert_fund_in_sync()


def test_fund_summaries_follow_approvals_edits_and_deletions(seeded):
    import datetime

    from campaigns.models import Donation, Support, Ward
    from campaigns.services import workflow

    from ..accounts import World

    city = World().users["city"]
    donation = Donation.objects.filter(status=WorkflowStatusChoices.SUBMITTED).first()
    support = Support.objects.filter(status=WorkflowStatusChoices.SUBMITTED).first()
    assert donation is not None and support is not None
    workflow.records_approve(records=[donation, support], by=city)
    assert_fund_in_sync()

    # Moved to another year and another ward: both the old and new rows change.
    moved = Donation.objects.filter(status=APPROVED, ward__isnull=False).first()
    other = Ward.objects.exclude(pk=moved.ward_id).first()
    moved.date = datetime.date(moved.date.year - 1, 11, 18)
    moved.ward = other
    moved.amount += 1_000_000
    moved.save()
    assert_fund_in_sync()

    Support.objects.filter(status=APPROVED).first().delete()
    assert_fund_in_sync()


def test_a_rolled_back_donation_rolls_back_its_fund_summary(seeded):
    from django.db import transaction

    from campaigns.models import Donation

    donation = Donation.objects.filter(status=APPROVED).first()
    with pytest.raises(RuntimeError), transaction.atomic():
        donation.amount += 5_000_000
        donation.save()
        raise RuntimeError
    assert_fund_in_sync()


def test_refresh_summaries_command_repairs_fund_bulk_writes(seeded):
    from campaigns.models import Support

    Support.objects.filter(date__year=2024).update(amount=777_000)  # no signals
    call_command("refresh_summaries", stdout=__import__("io").StringIO())
    assert_fund_in_sync()


# --- the community-work summaries ---------------------------------------------------


def assert_works_in_sync():
    from campaigns.models import CommunityWork
    from campaigns.models.summaries import WORK_COLUMNS, WorkSummary

    want = defaultdict(Counter)
    for w in CommunityWork.objects.filter(status=APPROVED):
        for ward in (w.ward_id, None):
            row = want[ward, w.year, w.kind]
            row["works"] += 1
            for name in WORK_COLUMNS[1:]:
                row[name] += getattr(w, name) or 0
    got = {
        (row.ward_id, row.year, row.kind): +Counter(
            {name: getattr(row, name) for name in WORK_COLUMNS}
        )
        for row in WorkSummary.objects.all()
    }
    assert got == {key: +value for key, value in want.items()}


def test_work_summaries_follow_seeding_approvals_edits_and_deletions(seeded):
    from campaigns.models import CommunityWork, Ward
    from campaigns.services import workflow

    from ..accounts import World

    assert_works_in_sync()
    pending = CommunityWork.objects.filter(status=WorkflowStatusChoices.SUBMITTED)
    if pending.exists():
        workflow.records_approve(records=list(pending[:2]), by=World().users["city"])
        assert_works_in_sync()
    work = CommunityWork.objects.filter(status=APPROVED).first()
    work.year -= 1
    work.ward = Ward.objects.exclude(pk=work.ward_id).first()
    work.people_money += 3_000_000
    work.save()
    assert_works_in_sync()
    CommunityWork.objects.filter(status=APPROVED).last().delete()
    assert_works_in_sync()
    CommunityWork.objects.filter(status=APPROVED).update(labour_days=9)  # no signals
    call_command("refresh_summaries", stdout=__import__("io").StringIO())
    assert_works_in_sync()
