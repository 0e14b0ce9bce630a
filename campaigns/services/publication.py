"""The one place where a change to published data retires the cached public figures.

Every cached figure and page is stored under the cache generation (campaigns/cache.py);
`figures_changed()` bumps it once the writing transaction commits, so a reader never
caches figures of a transaction that may still roll back, and a rolled-back change
bumps nothing. It is called from:
- the model signals connected by `connect()`, for every row saved or deleted one by
  one (admin forms, inlines, actions, workflow transitions, reference data, commands);
- bulk writers, which write without signals: `services.summaries.summaries_rebuild`
  (seed_demo, refresh_summaries) and an import that would write published rows.

Drafts being typed in do not retire anything: a row counts when it is published
(approved) before or after the change, or when it is reference data every page reads.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_init, post_save

from campaigns.cache import bump_generation
from campaigns.models import (
    AnnualResult,
    ApprovingBody,
    CampaignPhase,
    Commendation,
    CommunityWork,
    Content,
    Donation,
    FundBalanceEntry,
    Goal,
    GoalResult,
    GoalSet,
    Household,
    Photo,
    PovertyStandard,
    RatingGrade,
    ResidentialArea,
    Story,
    Support,
    TitleDefinition,
    Ward,
    WardSuccession,
)
from campaigns.models.choices import WorkflowStatusChoices

APPROVED = WorkflowStatusChoices.APPROVED

# Read by every public page whatever their status (they have none).
CATALOGUE_MODELS = (
    Ward,
    WardSuccession,
    Content,
    Goal,
    PovertyStandard,
    RatingGrade,
    CampaignPhase,
    GoalSet,
    TitleDefinition,
    ApprovingBody,
)
# Published once approved: a change matters when the row was or is approved.
WORKFLOW_MODELS = (
    ResidentialArea,
    AnnualResult,
    Donation,
    Household,
    Support,
    FundBalanceEntry,
    CommunityWork,
    Commendation,
    Story,
)
# Published with their yearly result (goal results), story or festival (photos).
DEPENDENT_MODELS = (GoalResult, Photo)
PUBLIC_MODELS = CATALOGUE_MODELS + WORKFLOW_MODELS + DEPENDENT_MODELS


def figures_changed() -> None:
    """Retire every cached public figure and page when the current transaction commits."""
    # A bump is one cache increment; a transaction of many rows may do several, which
    # costs less than tracking which transaction already asked for one. The bump never
    # raises (a failed one is repeated when the cache is back, campaigns/cache.py);
    # robust=True keeps it so: the write has committed and must be answered as done.
    transaction.on_commit(bump_generation, robust=True)


def _was_published(instance) -> bool:
    return getattr(instance, "_published_status", None) == APPROVED


def was_or_is_published(instance) -> bool:
    """Whether a workflow row written without signals (bulk writers) was approved when
    loaded or is approved now: then its change must call `figures_changed()`."""
    return instance.__dict__.get("status") == APPROVED or _was_published(instance)


def _status_loaded(sender, instance, **kwargs):
    # Through __dict__: a deferred status must not cost a query per loaded row.
    instance._published_status = instance.__dict__.get("status")


def _workflow_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if was_or_is_published(instance):
        figures_changed()
    instance._published_status = instance.__dict__.get("status")


def _catalogue_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        figures_changed()


# The parent field of each dependent model; a photo's is its story or its result.
PARENTS = {GoalResult: ("annual_result",), Photo: ("story", "annual_result")}


def _dependent_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    for name in PARENTS[sender]:
        parent_id = getattr(instance, f"{name}_id")
        if parent_id is None:
            continue
        # An inline row carries its parent: no query per row of the form.
        parent = instance._state.fields_cache.get(name)
        if parent is not None:
            published = parent.status == APPROVED or _was_published(parent)
        else:
            model = sender._meta.get_field(name).related_model
            published = model.objects.filter(pk=parent_id, status=APPROVED).exists()
        if published:
            figures_changed()
        return


def connect() -> None:
    """Connect the receivers (once, from the app's `ready()`)."""
    for model in CATALOGUE_MODELS:
        for signal in (post_save, post_delete):
            signal.connect(
                _catalogue_changed, sender=model, dispatch_uid=f"publish-{model}"
            )
    for model in WORKFLOW_MODELS:
        post_init.connect(_status_loaded, sender=model, dispatch_uid=f"status-{model}")
        for signal in (post_save, post_delete):
            signal.connect(
                _workflow_changed, sender=model, dispatch_uid=f"publish-{model}"
            )
    for model in DEPENDENT_MODELS:
        for signal in (post_save, post_delete):
            signal.connect(
                _dependent_changed, sender=model, dispatch_uid=f"publish-{model}"
            )
