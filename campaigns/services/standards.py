"""Poverty standards added or extended after results were entered for their years.

A year no standard covers never blocks entry: its results are saved with none. When a
standard covering that year is saved later (admin, `load_reference`), those results
take it, so their poverty rates appear; their history says why.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from campaigns.access.scope import has_model_action
from campaigns.models import AnnualResult, PovertyStandard
from campaigns.services.publication import figures_changed
from campaigns.services.records import record_save
from campaigns.services.summaries import summaries_refresh


@transaction.atomic
def poverty_standard_save(*, standard: PovertyStandard, by) -> int:
    """Save `standard` for `by` (city staff) and attach the standards to results that
    had none; returns how many results took one."""
    record_save(record=standard, by=by)
    return standards_attach(by=by)


@transaction.atomic
def standards_attach(*, by=None) -> int:
    """Give every yearly result saved without a poverty standard the standard now in
    force in its year, recount the summaries of those years and retire the cached
    figures; returns how many results took one.

    `by` is the staff member whose change of a standard caused it (they must be allowed
    to change standards); None for `load_reference`, run by the operator.
    """
    if by is not None and not has_model_action(by, "change", PovertyStandard):
        raise PermissionDenied(_("Only city staff may change poverty standards."))
    waiting = AnnualResult.objects.filter(poverty_standard__isnull=True)
    # A handful of years at most: one lookup each, not one per result.
    standards = {
        year: PovertyStandard.for_year(year)
        for year in waiting.order_by().values_list("year", flat=True).distinct()
    }
    standards = {year: s for year, s in standards.items() if s is not None}
    if not standards:
        return 0
    results = list(waiting.filter(year__in=list(standards)))
    for result in results:
        result.poverty_standard = standards[result.year]
    bulk_update_with_history(
        results,
        AnnualResult,
        ["poverty_standard"],
        batch_size=2000,
        default_user=by,
        default_change_reason=_(
            "Poverty standard set: a standard now covers the result's year."
        ),
    )
    summaries_refresh(years=sorted(standards))
    figures_changed()
    return len(results)
