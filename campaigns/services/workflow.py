"""The approval workflow: draft → submitted → approved or returned; returned → submitted;
submitted → draft when the submitter's side withdraws it to correct it; approved →
draft again when city staff reopen it with a reason.

Keyword-only `record_<action>()` services for one record, `records_<action>()` for
many at once (all or nothing), and `ward_year_submit()` for a ward's whole year. Each
checks the user's permission and scope, records who did it and why in the change
history, and retires cached public figures when approved data changes.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.access.scope import can_approve, in_scope
from campaigns.models import (
    AnnualResult,
    Commendation,
    CommunityWork,
    Donation,
    FundBalanceEntry,
    Household,
    ResidentialArea,
    Story,
    Support,
)
from campaigns.models.choices import WorkflowStatusChoices as Status
from campaigns.models.validity import year_reference_date
from campaigns.selectors.organisation import approving_body
from campaigns.services.summary_tracking import summaries_deferred


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset
    target: str
    needs_approver: bool
    needs_reason: bool
    history_label: object
    wrong_status: object
    reason_missing: object = None


TRANSITIONS = {
    "submit": Transition(
        name="submit",
        sources=frozenset({Status.DRAFT, Status.RETURNED}),
        target=Status.SUBMITTED,
        needs_approver=False,
        needs_reason=False,
        history_label=gettext_lazy("Submitted for approval"),
        wrong_status=gettext_lazy(
            "Only draft or returned records can be submitted; “%(record)s” is %(status)s."
        ),
    ),
    # The submitter's side takes a submitted record back to correct it (it is
    # read-only under review); the history shows it, and it must be submitted again.
    "withdraw": Transition(
        name="withdraw",
        sources=frozenset({Status.SUBMITTED}),
        target=Status.DRAFT,
        needs_approver=False,
        needs_reason=False,
        history_label=gettext_lazy("Withdrawn to draft for correction"),
        wrong_status=gettext_lazy(
            "Only submitted records can be withdrawn; “%(record)s” is %(status)s."
        ),
    ),
    "approve": Transition(
        name="approve",
        sources=frozenset({Status.SUBMITTED}),
        target=Status.APPROVED,
        needs_approver=True,
        needs_reason=False,
        history_label=gettext_lazy("Approved"),
        wrong_status=gettext_lazy(
            "Only submitted records can be approved; “%(record)s” is %(status)s."
        ),
    ),
    "return": Transition(
        name="return",
        sources=frozenset({Status.SUBMITTED}),
        target=Status.RETURNED,
        needs_approver=True,
        needs_reason=True,
        history_label=gettext_lazy("Returned"),
        wrong_status=gettext_lazy(
            "Only submitted records can be returned; “%(record)s” is %(status)s."
        ),
        reason_missing=gettext_lazy("Give the reason for returning the records."),
    ),
    "reopen": Transition(
        name="reopen",
        sources=frozenset({Status.APPROVED}),
        target=Status.DRAFT,
        needs_approver=True,
        needs_reason=True,
        history_label=gettext_lazy("Reopened"),
        wrong_status=gettext_lazy(
            "Only approved records can be reopened; “%(record)s” is %(status)s."
        ),
        reason_missing=gettext_lazy("Give the reason for reopening the records."),
    ),
}

# Every kind of record that has a workflow, in the order a ward's year is submitted.
WORKFLOW_MODELS = (
    ResidentialArea,
    Household,
    AnnualResult,
    Donation,
    Support,
    FundBalanceEntry,
    CommunityWork,
    Commendation,
    Story,
)


def _check_allowed(transition: Transition, record, by) -> None:
    model = type(record)
    opts = model._meta
    if transition.needs_approver:
        allowed = can_approve(by, model)
    else:
        allowed = by.has_perm(f"{opts.app_label}.change_{opts.model_name}")
    if not allowed or not in_scope(by, record):
        raise PermissionDenied(
            _("You are not allowed to do this with “%(record)s”.") % {"record": record}
        )


def is_own_submission(record, by) -> bool:
    """Whether `by` submitted `record` (no one approves their own submission)."""
    return record.submitted_by_id is not None and record.submitted_by_id == by.pk


def own_submission_message(record) -> str:
    return _("You submitted “%(record)s” yourself; another person must approve it.") % {
        "record": record
    }


def _check_not_own_submission(transition: Transition, locked, by) -> None:
    """No one approves what they submitted themselves, city staff included."""
    if transition.name == "approve" and is_own_submission(locked, by):
        raise ValidationError(own_submission_message(locked))


def _check_publishable(transition: Transition, locked) -> None:
    """A record may refuse approval for reasons of its own (a story naming a private
    person without recorded consent): `approval_refusal()` gives the message."""
    if transition.target != Status.APPROVED:
        return
    refusal = getattr(locked, "approval_refusal", None)
    message = refusal() if refusal else None
    if message:
        raise ValidationError(f"“{locked}”: {message}")


def _approving_body_name(record) -> str:
    """The committee that approves the record's unit and year (reference data)."""
    found = ward_year_of(record)
    if found is None:
        if getattr(record, "ward_id", None) is None:
            return ""
        # Areas and households carry no year: the body approving them now.
        found = (record.ward_id, timezone.localdate().year)
    body = approving_body(ward=found[0], year=found[1])
    return body.name if body else ""


def _clean_reason(transition: Transition, reason: str) -> str:
    reason = (reason or "").strip()
    if transition.needs_reason and not reason:
        raise ValidationError(str(transition.reason_missing))
    return reason


STATUS_FIELDS = (
    "status",
    "status_reason",
    "status_changed_at",
    "approved_at",
    "submitted_by",
    "approved_by",
)


def _apply(transition: Transition, record, by, reason: str, now):
    """Move one record, locked against concurrent changes, to the transition's target."""
    _check_allowed(transition, record, by)
    locked = type(record)._default_manager.select_for_update().get(pk=record.pk)
    if locked.status not in transition.sources:
        raise ValidationError(
            str(transition.wrong_status)
            % {"record": locked, "status": locked.get_status_display().lower()}
        )
    _check_not_own_submission(transition, locked, by)
    _check_publishable(transition, locked)
    locked.status = transition.target
    locked.status_reason = reason
    locked.status_changed_at = now
    label = str(transition.history_label)
    if transition.name == "submit":
        locked.submitted_by = by
    if transition.target == Status.APPROVED:
        locked.approved_at = now
        locked.approved_by = by
        body = _approving_body_name(locked)
        if body:
            # The history keeps the body whose decision this approval records.
            label = f"{label} ({body})"
    elif transition.name == "reopen":
        locked.approved_at = None
        locked.approved_by = None
    locked._history_user = by
    locked._change_reason = f"{label}: {reason}" if reason else label
    locked.save(update_fields=[*STATUS_FIELDS, "updated_at"])
    for field in STATUS_FIELDS:
        setattr(record, field, getattr(locked, field))
    return record


def _run(name: str, records, by, reason: str = "") -> int:
    transition = TRANSITIONS[name]
    reason = _clean_reason(transition, reason)
    now = timezone.now()
    count = 0
    # The yearly summaries are refreshed once for the whole batch, not per record.
    with transaction.atomic(), summaries_deferred():
        for record in records:
            _apply(transition, record, by, reason, now)
            count += 1
    return count


def record_submit(*, record, by):
    """Submit a draft or returned record for approval (ward staff of its ward, city staff)."""
    _run("submit", [record], by)
    return record


def record_withdraw(*, record, by):
    """Take a submitted record back to draft to correct it (whoever may change records
    of its ward: the submitter's side); it must be submitted again to be approved."""
    _run("withdraw", [record], by)
    return record


def record_approve(*, record, by):
    """Approve a submitted record (city staff, or an approver of its unit; never the
    person who submitted it); it then counts on public pages."""
    _run("approve", [record], by)
    return record


def record_return(*, record, by, reason: str):
    """Return a submitted record to its ward with a reason (city staff)."""
    _run("return", [record], by, reason)
    return record


def record_reopen(*, record, by, reason: str):
    """Reopen an approved record for changes, with a reason (city staff)."""
    _run("reopen", [record], by, reason)
    return record


def records_submit(*, records, by) -> int:
    """Submit every record in `records`, or none of them; returns how many."""
    return _run("submit", list(records), by)


def records_withdraw(*, records, by) -> int:
    """Withdraw every record in `records` to draft, or none of them; returns how many."""
    return _run("withdraw", list(records), by)


def records_approve(*, records, by) -> int:
    """Approve every record in `records`, or none of them; returns how many."""
    return _run("approve", list(records), by)


def records_return(*, records, by, reason: str) -> int:
    """Return every record in `records` with one reason, or none of them."""
    return _run("return", list(records), by, reason)


def records_reopen(*, records, by, reason: str) -> int:
    """Reopen every record in `records` with one reason, or none of them."""
    return _run("reopen", list(records), by, reason)


def ward_year_drafts(*, ward, year: int) -> dict:
    """The draft records of `ward` that belong to `year`, by model.

    Yearly results, community works, commendations and stories of the year; donations and
    supports dated in the year; the ward's residential areas in force that year and
    its households (which carry no year).
    """
    day = year_reference_date(year)
    drafts = {
        ResidentialArea: ResidentialArea.objects.filter(ward=ward).valid_on(day),
        Household: Household.objects.filter(ward=ward),
        # With its area: the scope check reads the area's ward (a query per result).
        AnnualResult: AnnualResult.objects.for_year(year)
        .filter(residential_area__ward=ward)
        .select_related("residential_area"),
        Donation: Donation.objects.for_year(year).filter(ward=ward),
        Support: Support.objects.for_year(year).filter(ward=ward),
        FundBalanceEntry: FundBalanceEntry.objects.for_year(year).filter(ward=ward),
        CommunityWork: CommunityWork.objects.for_year(year).filter(ward=ward),
        Commendation: Commendation.objects.for_year(year).filter(ward=ward),
        Story: Story.objects.for_year(year).filter(ward=ward),
    }
    return {
        model: queryset.filter(status=Status.DRAFT).order_by("pk")
        for model, queryset in drafts.items()
    }


def ward_year_of(record) -> tuple[int, int] | None:
    """(ward id, year) a record is reported under, or None for records without a year."""
    if isinstance(record, AnnualResult):
        return record.residential_area.ward_id, record.year
    if isinstance(record, (Donation, Support, FundBalanceEntry)) and record.ward_id:
        return record.ward_id, record.date.year
    if isinstance(record, (CommunityWork, Commendation, Story)) and record.ward_id:
        return record.ward_id, record.year
    return None


def ward_year_submit(*, ward, year: int, by) -> dict:
    """Submit all drafts of `ward` for `year` at once, or none; returns counts by model."""
    if not in_scope(by, ward):
        raise PermissionDenied(
            _("You are not allowed to do this with “%(record)s”.") % {"record": ward}
        )
    counts = {}
    with transaction.atomic():
        for model, queryset in ward_year_drafts(ward=ward, year=year).items():
            counts[model] = records_submit(records=queryset, by=by)
    return counts
