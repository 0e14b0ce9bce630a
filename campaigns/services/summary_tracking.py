"""Keeping the summary tables fresh: signals note what each save or delete touched,
and the touched (ward, year) summaries are recomputed inside the writer's transaction.

Within `summaries_deferred()` (workflow batches, imports) the notes pile up and are
refreshed once, when the block ends.
"""

import threading
from collections import defaultdict
from contextlib import contextmanager

from django.db.models.signals import post_delete, post_init, post_save
from django.dispatch import receiver

from campaigns.services.summaries import (
    fund_summaries_refresh,
    summaries_refresh,
    work_summaries_refresh,
)

# --- keeping them fresh ------------------------------------------------------------
#
# Signals note what changed – (area, year) pairs, result ids, ward ids – and the touched
# (ward, year) summaries are recomputed right away, inside the writer's transaction, so
# they commit or roll back with the change. Within `summaries_deferred()` (imports,
# bulk work) the notes pile up and are refreshed once, when the block ends.

_local = threading.local()


def _pending() -> dict:
    pending = getattr(_local, "pending", None)
    if pending is None:
        pending = _local.pending = {
            "area_years": set(),
            "results": set(),
            "wards": set(),
            "fund": set(),
            "works": set(),
        }
    return pending


def _mark(kind: str, value) -> None:
    _pending()[kind].add(value)
    if not getattr(_local, "deferred", 0):
        _flush()


@contextmanager
def summaries_deferred():
    """Refresh the summaries once at the end of the block instead of once per saved row."""
    _local.deferred = getattr(_local, "deferred", 0) + 1
    try:
        yield
    finally:
        _local.deferred -= 1
    if not _local.deferred:
        _flush()


def _flush() -> None:
    from campaigns.models import AnnualResult, ResidentialArea

    pending = getattr(_local, "pending", None)
    _local.pending = None
    if not pending or not any(pending.values()):
        return
    for kind, refresh in (
        ("fund", fund_summaries_refresh),
        ("works", work_summaries_refresh),
    ):
        wards_of_year: dict[int, set] = defaultdict(set)
        for ward, year in pending[kind]:
            wards_of_year[year].add(ward)
        for year, wards in wards_of_year.items():
            refresh(ward_ids=wards, years={year})
    area_years = set(pending["area_years"])
    if pending["results"]:
        area_years |= set(
            AnnualResult.objects.filter(pk__in=pending["results"]).values_list(
                "residential_area_id", "year"
            )
        )
    ward_of = dict(
        ResidentialArea.objects.filter(
            pk__in={area for area, _ in area_years}
        ).values_list("pk", "ward_id")
    )
    every_year = set(pending["wards"])
    if every_year:
        summaries_refresh(ward_ids=every_year)
    by_years: dict[frozenset, set] = defaultdict(set)
    years_of: dict[int, set] = defaultdict(set)
    for area, year in area_years:
        ward = ward_of.get(area)
        if ward is not None and ward not in every_year:
            years_of[ward].add(year)
    for ward, years in years_of.items():
        by_years[frozenset(years)].add(ward)
    for years, wards in by_years.items():
        summaries_refresh(ward_ids=wards, years=years)


def _fund_key(instance) -> tuple[int | None, int] | None:
    # Through __dict__: a deferred field must not cost a query per loaded row.
    year = getattr(instance.__dict__.get("date"), "year", None)
    if year is None or "ward_id" not in instance.__dict__:
        return None
    return instance.ward_id, year


def _work_key(instance) -> tuple[int, int] | None:
    year, ward = instance.__dict__.get("year"), instance.__dict__.get("ward_id")
    return None if year is None or ward is None else (ward, year)


def _track(model, kind: str, key_of) -> None:
    """Note `key_of(record)` – its (ward, year) – before and after each save or delete."""

    @receiver(post_init, sender=model, weak=False)
    def loaded(sender, instance, **kwargs):
        instance._summary_key = key_of(instance)

    @receiver([post_save, post_delete], sender=model, weak=False)
    def changed(sender, instance, raw=False, **kwargs):
        if raw:
            return
        for key in {key_of(instance), getattr(instance, "_summary_key", None)}:
            if key is not None:
                _mark(kind, key)
        instance._summary_key = key_of(instance)


def connect() -> None:
    from campaigns.models import (
        AnnualResult,
        CommunityWork,
        Donation,
        GoalResult,
        ResidentialArea,
        Support,
    )

    _track(Donation, "fund", _fund_key)
    _track(Support, "fund", _fund_key)
    _track(CommunityWork, "works", _work_key)

    @receiver(post_init, sender=AnnualResult, weak=False)
    def result_loaded(sender, instance, **kwargs):
        instance._summary_key = (instance.residential_area_id, instance.year)

    @receiver([post_save, post_delete], sender=AnnualResult, weak=False)
    def result_changed(sender, instance, raw=False, **kwargs):
        if raw:
            return
        _mark("area_years", (instance.residential_area_id, instance.year))
        old = getattr(instance, "_summary_key", None)
        if (
            old
            and old[0] is not None
            and old
            != (
                instance.residential_area_id,
                instance.year,
            )
        ):
            _mark("area_years", old)

    @receiver([post_save, post_delete], sender=GoalResult, weak=False)
    def goal_changed(sender, instance, raw=False, **kwargs):
        if not raw:
            _mark("results", instance.annual_result_id)

    @receiver(post_init, sender=ResidentialArea, weak=False)
    def area_loaded(sender, instance, **kwargs):
        instance._summary_ward = instance.ward_id

    @receiver([post_save, post_delete], sender=ResidentialArea, weak=False)
    def area_changed(sender, instance, raw=False, **kwargs):
        if raw:
            return
        for ward in {instance.ward_id, getattr(instance, "_summary_ward", None)}:
            if ward is not None:
                _mark("wards", ward)
