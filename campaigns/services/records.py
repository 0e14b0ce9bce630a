"""Saving and deleting one record as staff do in the admin: the write path of its forms.

The admin's `save_model`, `delete_model` and `delete_queryset` call these, so the rules
on who may write what (scope, the approved lock) hold for every write, and summaries
and the cache generation follow through the model signals (services/publication.py).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from campaigns.access.scope import can_modify, can_remove, lock_reason


@transaction.atomic
def record_save(*, record, by) -> None:
    """Save `record` for `by`, who must be allowed to change it."""
    if not can_modify(by, record):
        reason = lock_reason(by, record)
        raise PermissionDenied(
            str(reason) if reason else _("You are not allowed to change this record.")
        )
    # django-simple-history records who made the change.
    record._history_user = by
    record.save()


@transaction.atomic
def record_delete(*, record, by) -> None:
    """Delete `record` for `by`, who must be allowed to delete it."""
    if not can_remove(by, record):
        raise PermissionDenied(_("You are not allowed to delete this record."))
    record.delete()


@transaction.atomic
def rows_save(*, saved, deleted, by) -> None:
    """Save and delete the rows of a record's inline table (all or none) for `by`."""
    for row in deleted:
        record_delete(record=row, by=by)
    for row in saved:
        record_save(record=row, by=by)


@transaction.atomic
def records_delete(*, records, by) -> int:
    """Delete every record of `records` (all or none) for `by`; returns how many."""
    count = 0
    for record in records:
        record_delete(record=record, by=by)
        count += 1
    return count
