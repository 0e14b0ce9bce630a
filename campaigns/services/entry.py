"""Saving a ward's year from the data-entry screen: every changed row, or none.

Made of the same services as every other write (`record_save`, `rows_save`, the
workflow), so scope, the approved lock, history, summaries and the cache generation
follow as they do from the admin's forms.
"""

from django.db import transaction

from campaigns.models import AnnualResult
from campaigns.models.choices import WorkflowStatusChoices as Status
from campaigns.services.records import record_save, rows_save
from campaigns.services.workflow import records_submit, ward_year_submit


@transaction.atomic
def ward_year_entry_save(*, ward, year: int, rows, by, submit: bool = False) -> int:
    """Save `rows`, pairs of (yearly result, its changed goal results), for `by`; with
    `submit`, then submit the ward's whole year (its drafts, and its yearly results
    that came back returned). Returns the number of records submitted."""
    for result, goal_results in rows:
        record_save(record=result, by=by)
        for goal_result in goal_results:
            goal_result.annual_result = result
        rows_save(saved=goal_results, deleted=(), by=by)
    if not submit:
        return 0
    submitted = sum(ward_year_submit(ward=ward, year=year, by=by).values())
    returned = AnnualResult.objects.for_year(year).filter(
        residential_area__ward=ward, status=Status.RETURNED
    )
    return submitted + records_submit(records=returned.order_by("pk"), by=by)
