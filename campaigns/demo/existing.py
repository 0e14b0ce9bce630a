"""The demo rows already in the database: whether there are any, whether real rows
sit beside them, and removing them (with the wards invented for `--scale`).
"""

from django.core.files.storage import default_storage
from django.db import DatabaseError, connection, transaction
from django.db.models import Q

from campaigns.models import (
    AnnualResult,
    Commendation,
    CommunityWork,
    Donation,
    GoalResult,
    Household,
    Photo,
    ResidentialArea,
    StaffScope,
    Story,
    Support,
    Ward,
    WardSuccession,
)
from campaigns.models.summaries import (
    FundSummary,
    GoalSummary,
    ResultSummary,
    WorkSummary,
)
from campaigns.services.summaries import summaries_refresh

DEMO_MODELS = [
    GoalResult,
    Support,
    Household,
    CommunityWork,
    Commendation,
    Donation,
    Story,
]


def demo_data_exists() -> bool:
    return ResidentialArea.objects.filter(is_demo=True).exists()


def real_data_exists() -> bool:
    """True when any record was entered by people rather than by seed_demo."""
    models = [ResidentialArea, AnnualResult, *DEMO_MODELS[1:]]
    return any(model.objects.filter(is_demo=False).exists() for model in models)


@transaction.atomic
def demo_data_delete() -> None:
    """Remove every demo row, children first, and the wards invented for `--scale`.

    A raw delete skips the per-row history signals: demo rows were bulk-created
    without history, and collecting thousands of rows one by one takes seconds.
    """
    _demo_photo_files_delete()
    if not _truncate_demo_tables():
        goal_results = GoalResult.objects.filter(annual_result__is_demo=True)
        goal_results._raw_delete(goal_results.db)
        links = ResidentialArea.successors.through.objects.filter(
            from_residentialarea__is_demo=True
        )
        links._raw_delete(links.db)
        photos = Photo.objects.filter(
            Q(story__is_demo=True) | Q(annual_result__is_demo=True)
        )
        photos._raw_delete(photos.db)
        for model in (
            Story,
            Support,
            Household,
            CommunityWork,
            Commendation,
            Donation,
            AnnualResult,
            ResidentialArea,
        ):
            rows = model.objects.filter(is_demo=True)
            rows._raw_delete(rows.db)
    for summary in (ResultSummary, GoalSummary, FundSummary, WorkSummary):
        summary.objects.filter(ward__is_demo=True).delete()
    demo_wards = Ward.objects.filter(is_demo=True)
    StaffScope.wards.through.objects.filter(ward__is_demo=True).delete()
    WardSuccession.objects.filter(
        Q(predecessor__is_demo=True) | Q(successor__is_demo=True)
    ).delete()
    demo_wards._raw_delete(demo_wards.db)
    summaries_refresh()


TRUNCATED_MODELS = [
    Photo,
    Story,
    GoalResult,
    ResidentialArea.successors.through,
    Support,
    Household,
    CommunityWork,
    Commendation,
    Donation,
    AnnualResult,
    ResidentialArea,
]


def _demo_photo_files_delete() -> None:
    """Remove the files of demo photos (the rows go without signals)."""
    photos = Photo.objects.filter(
        Q(story__is_demo=True) | Q(annual_result__is_demo=True)
    ).only("image")
    for photo in photos.iterator():
        for name in photo.stored_names():
            default_storage.delete(name)


def _truncate_demo_tables() -> bool:
    """Empty the record tables at once when they hold demo rows only (PostgreSQL).

    Deleting millions of nation-scale rows takes minutes; TRUNCATE takes
    milliseconds. It refuses (and we fall back to deleting) when any other table
    points at these, so nothing outside them is touched.
    """
    if connection.vendor != "postgresql" or real_data_exists():
        return False
    quote = connection.ops.quote_name
    tables = ", ".join(quote(model._meta.db_table) for model in TRUNCATED_MODELS)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {tables} RESTRICT")
    except DatabaseError:
        return False
    return True
