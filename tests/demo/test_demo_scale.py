"""seed_demo --scale: invented wards at a tiny size, on SQLite and PostgreSQL alike."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Max, Min, Sum
from django.utils import timezone

from campaigns import models
from campaigns.demo import scale as demo_scale
from campaigns.models.choices import WorkflowStatusChoices
from campaigns.services import reference_data

TINY = demo_scale.Scale("province", provinces=2, wards=6, areas=40, chunk_wards=4)


@pytest.fixture
def tiny(monkeypatch):
    monkeypatch.setitem(demo_scale.SCALES, "province", TINY)
    return TINY


def seed(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("seed_demo", "--scale", "province", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def invented_totals():
    results = models.AnnualResult.objects.filter(residential_area__ward__is_demo=True)
    return {
        "wards": list(
            models.Ward.objects.filter(is_demo=True).values_list("slug", flat=True)
        ),
        "results": results.count(),
        "households": results.aggregate(s=Sum("households"))["s"],
        "poor": results.aggregate(s=Sum("poor_households"))["s"],
        "achieved": models.GoalResult.objects.filter(
            annual_result__in=results, achieved=True
        ).count(),
        "donated": models.Donation.objects.filter(ward__is_demo=True).aggregate(
            s=Sum("amount")
        )["s"],
        "supports": models.Support.objects.filter(ward__is_demo=True).count(),
    }


def test_invents_the_requested_volumes_over_sixteen_years(reference, tiny):
    out, err = seed()
    wards = models.Ward.objects.filter(is_demo=True)
    assert wards.count() == tiny.wards
    areas = models.ResidentialArea.objects.filter(ward__is_demo=True)
    assert areas.count() == tiny.areas
    results = models.AnnualResult.objects.filter(residential_area__ward__is_demo=True)
    assert results.aggregate(first=Min("year"), last=Max("year")) == {
        "first": 2011,
        "last": 2026,
    }
    assert results.count() == tiny.areas * 16
    assert (
        models.GoalResult.objects.filter(annual_result__in=results).count()
        == 10 * results.count()
    )
    assert models.Donation.objects.filter(ward__is_demo=True).exists()
    assert models.Support.objects.filter(ward__is_demo=True).exists()
    # Every generated ward has areas, every area a result for every year.
    per_area = results.values("residential_area").annotate(n=Count("id"))
    assert {row["n"] for row in per_area} == {16}
    assert set(areas.values_list("ward", flat=True).distinct()) == set(
        wards.values_list("pk", flat=True)
    )
    # The Bắc Kạn city demo is there as well, and the command reports both and the time.
    assert models.ResidentialArea.objects.filter(ward__is_demo=False).exists()
    assert "6" in out and "s" in out
    assert "100.0%" in err


def test_everything_invented_is_marked_demo_and_passes_validation(reference, tiny):
    seed("--years", "2024-2025")
    for model in (
        models.ResidentialArea,
        models.AnnualResult,
        models.Donation,
        models.Household,
        models.Support,
        models.CommunityWork,
        models.Commendation,
    ):
        rows = model.objects.all()
        assert rows.exists(), model
        assert not rows.filter(is_demo=False).exists(), model
        # COPY bypasses full_clean(): the invented rows must still be valid entries.
        ward_path = (
            "ward" if model is not models.AnnualResult else "residential_area__ward"
        )
        sample = rows.filter(**{f"{ward_path}__is_demo": True}).order_by("pk")[:20]
        assert len(sample) > 0, model
        for row in sample:
            row.full_clean()
    statuses = set(
        models.AnnualResult.objects.filter(year=2025).values_list("status", flat=True)
    )
    assert WorkflowStatusChoices.APPROVED in statuses
    assert len(statuses) > 1


def test_invented_wards_never_collide_with_reference_units(reference, tiny):
    seed()
    invented = models.Ward.objects.filter(is_demo=True)
    codes = list(invented.values_list("code", flat=True))
    assert len(set(codes)) == len(codes)
    reference_codes = {
        code for code, *_ in reference_data.OLD_WARDS + reference_data.NEW_WARDS
    }
    assert not reference_codes & set(codes)
    assert all(40_000 <= int(code) < 50_000 for code in codes)
    assert models.Ward.objects.filter(is_demo=False).count() == 11
    slugs = list(models.ResidentialArea.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == len(slugs)


def test_same_seed_same_data_and_reseeding_replaces_it(reference, tiny):
    # A closed year and the year being collected (its own share of pending records),
    # not all sixteen: four seedings of sixteen years were the module's slowest test.
    year = timezone.localdate().year
    years = ("--years", f"{year - 1}-{year}")
    seed("--seed", "5", *years)
    first = invented_totals()
    assert first["results"] == TINY.areas * 2
    seed("--seed", "5", *years)
    assert invented_totals() == first
    seed("--seed", "6", *years)
    assert invented_totals() != first
    # Back to the city alone: the invented wards and all their rows go away.
    call_command("seed_demo", stdout=io.StringIO())
    assert not models.Ward.objects.filter(is_demo=True).exists()
    assert models.Ward.objects.count() == 11
    assert models.ResidentialArea.objects.exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="COPY path exists only on PostgreSQL"
)
def test_foreign_keys_are_back_after_copy(reference, tiny):
    def foreign_keys():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)"
                " FROM pg_constraint WHERE contype = 'f'"
                " AND conrelid::regclass::text LIKE 'campaigns_%%' ORDER BY 1, 2"
            )
            return cursor.fetchall()

    before = foreign_keys()
    seed("--years", "2024-2025")
    assert foreign_keys() == before
    assert models.GoalResult.objects.exists()


def test_area_counts_add_up_and_place_names_are_unique():
    generator = demo_scale.ScaleGenerator.__new__(demo_scale.ScaleGenerator)
    generator.rng = __import__("random").Random(1)
    generator.scale = demo_scale.Scale("x", provinces=1, wards=101, areas=1_517)
    counts = generator.area_counts()
    assert sum(counts) == 1_517 and min(counts) >= 1 and len(counts) == 101
    assert len(set(counts)) > 1
    names = {demo_scale.ScaleGenerator.place_name(i) for i in range(1_560)}
    assert len(names) == 1_560


def test_invented_rows_get_ordinary_positive_ids(reference, tiny):
    seed("--years", "2025-2025")
    for model in (models.Ward, models.ResidentialArea, models.AnnualResult):
        assert model.objects.filter(pk__lte=0).count() == 0, model
    first_ward = models.Ward.objects.filter(is_demo=True).order_by("pk").first()
    assert (
        first_ward.pk
        > models.Ward.objects.filter(is_demo=False).order_by("-pk").first().pk
    )


def test_the_year_being_collected_has_more_pending_and_nothing_after_today(
    reference, tiny
):
    now = timezone.now()
    today = timezone.localdate(now)
    year = today.year
    seed("--years", f"{year - 1}-{year}")
    invented = models.AnnualResult.objects.filter(residential_area__ward__is_demo=True)

    def pending_share(y):
        rows = invented.filter(year=y)
        pending = rows.exclude(status=WorkflowStatusChoices.APPROVED).count()
        return pending / rows.count()

    # Late in the year being collected: more drafts and submissions than a closed year.
    assert pending_share(year) > 0.2, pending_share(year)
    assert pending_share(year) > pending_share(year - 1)
    assert invented.filter(year=year, approved_at__gt=now).count() == 0
    for model, field in (
        (models.Donation, "date"),
        (models.Support, "date"),
        (models.Support, "handover_date"),
        (models.CommunityWork, "completion_date"),
    ):
        late = model.objects.filter(ward__is_demo=True, **{f"{field}__gt": today})
        assert not late.exists(), (model, field)
    late_festivals = invented.filter(festival_date__gt=today)
    assert not late_festivals.exists()
