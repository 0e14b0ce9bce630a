"""Roles and the scope gate.

Roles are Django groups. A ward-staff account's scope is the set of wards in its
`StaffScope`. `ward_scope(user)` decides which wards a user may reach and
`has_model_action(user, action, model)` whether the user may act on a model at all;
the one gate, every queryset's `restrict(user, action)` (models/querysets.py), builds
on both and so fails closed: no user, no rows.
"""

from django.utils.translation import gettext_lazy as _

CITY_STAFF = "city_staff"
WARD_STAFF = "ward_staff"
LEADERS = "leaders"
# From the 2025 reorganisation each ward/commune Front committee approves its own
# areas' figures, and the province committee reads everything.
WARD_APPROVERS = "ward_approvers"
PROVINCE_READERS = "province_readers"

ROLE_LABELS = {
    CITY_STAFF: _("City staff"),
    WARD_STAFF: _("Ward staff"),
    LEADERS: _("Leaders"),
    WARD_APPROVERS: _("Ward/commune Front leaders (approve)"),
    PROVINCE_READERS: _("Province Front (read only)"),
}
# Roles whose scope is the wards of their StaffScope; the others reach every ward.
SCOPED_ROLES = (WARD_STAFF, WARD_APPROVERS)
ALL_WARD_ROLES = (CITY_STAFF, LEADERS, PROVINCE_READERS)

ALL_WARDS = object()

ACTIONS = ("view", "add", "change", "delete", "import", "export", "approve")


def manageable_users(user, queryset=None):
    """The accounts `user` may see and manage: all for superusers, none signed out,
    otherwise none of superusers, city staff or leaders."""
    from django.contrib.auth import get_user_model

    queryset = get_user_model().objects.all() if queryset is None else queryset
    if user is None or not getattr(user, "is_authenticated", False):
        return queryset.none()
    if user.is_superuser:
        return queryset
    # Accounts that read every ward or approve are given by superusers only.
    return queryset.filter(is_superuser=False).exclude(
        groups__name__in=[CITY_STAFF, LEADERS, PROVINCE_READERS, WARD_APPROVERS]
    )


def has_model_action(user, action: str, model) -> bool:
    """Whether an active, signed-in `user` holds the permission to `action` `model`."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown action {action!r}; one of {ACTIONS}.")
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if not user.is_active:
        return False
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")


def ward_scope(user):
    """`ALL_WARDS`, or the set of ward ids `user` may see (empty for no access).

    Kept on the user object once computed, as Django keeps permissions: one admin
    page asks many times, and a new request loads a new user object.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_ward_scope_cache", None)
    if cached is None:
        cached = user._ward_scope_cache = _compute_ward_scope(user)
    return cached


def _compute_ward_scope(user):
    if user.is_superuser:
        return ALL_WARDS
    groups = {group.name for group in user.groups.all()}
    if groups & set(ALL_WARD_ROLES):
        return ALL_WARDS
    if groups & set(SCOPED_ROLES) and hasattr(user, "staff_scope"):
        return frozenset(user.staff_scope.wards.values_list("pk", flat=True))
    return frozenset()


# --- One row: scope and workflow lock ---------------------------------------------
# The querysets' `restrict` filters many rows at once; these functions answer the
# same question for one row in memory (forms, imports, services), from the same
# `ward_path` the querysets use.

# Rows without a status of their own are locked by the record they belong to.
LOCKED_BY = {
    "goalresult": ("annual_result",),
    # A photo is part of its story, or of the yearly result whose festival it shows.
    "photo": ("story", "annual_result"),
}


def scope_path(model) -> str | None:
    """The lookup from `model` to its ward (`restrict` filters on it), or None."""
    return getattr(model._default_manager._queryset_class, "ward_path", None)


def record_ward_id(obj):
    """The id of the ward `obj` belongs to (None when it has none yet)."""
    path = scope_path(type(obj))
    if path == "pk":
        return obj.pk
    *parents, last = path.split("__")
    for name in parents:
        if getattr(obj, f"{name}_id", None) is None:
            return None
        obj = getattr(obj, name)
    return getattr(obj, f"{last}_id")


def in_scope(user, obj) -> bool:
    """Whether `obj` lies in `user`'s wards (rows without a ward are in everyone's)."""
    scope = ward_scope(user)
    if scope is ALL_WARDS:
        return True
    if scope_path(type(obj)) is None:
        return bool(getattr(user, "is_authenticated", False))
    return record_ward_id(obj) in scope


def lock_holder(obj):
    """The record whose workflow status governs `obj`: itself or its parent record."""
    if hasattr(obj, "status"):
        return obj
    for parent in LOCKED_BY.get(obj._meta.model_name, ()):
        if getattr(obj, f"{parent}_id", None) is not None:
            return getattr(obj, parent)
        # An inline row's parent may be set but not saved yet.
        if obj._state.fields_cache.get(parent) is not None:
            return obj._state.fields_cache[parent]
    return None


def can_approve(user, model) -> bool:
    """Whether `user` may approve, return and reopen records of `model`."""
    opts = model._meta
    return "status" in {f.name for f in opts.fields} and user.has_perm(
        f"{opts.app_label}.approve_{opts.model_name}"
    )


def is_approver_for(user, obj) -> bool:
    holder = lock_holder(obj)
    return holder is not None and can_approve(user, type(holder))


def can_modify(user, obj) -> bool:
    """Whether `user` may change `obj` beyond its model permission: in scope and not
    locked by its workflow status (see `lock_reason`)."""
    return in_scope(user, obj) and lock_reason(user, obj) is None


def lock_reason(user, obj):
    """Why `obj`'s workflow status keeps `user` from changing it, or None.

    A submitted record is under review: read-only for everyone, approvers too (they
    return or approve it, they do not edit it), so an approval approves exactly what
    was submitted; the submitter's side withdraws it to draft to correct it. An
    approved record is published: read-only for anyone who cannot approve.
    """
    holder = lock_holder(obj)
    if holder is None or holder.pk is None:
        return None
    from campaigns.models.choices import WorkflowStatusChoices

    if holder.status == WorkflowStatusChoices.SUBMITTED:
        return SUBMITTED_LOCKED
    if holder.status == WorkflowStatusChoices.APPROVED and not is_approver_for(
        user, obj
    ):
        return APPROVED_LOCKED
    return None


SUBMITTED_LOCKED = _(
    "This record is submitted for approval and locked until it is returned; "
    "withdraw it to draft to change it."
)
APPROVED_LOCKED = _("Approved records can no longer be changed.")


def can_remove(user, obj) -> bool:
    """Whether `user` may delete `obj` beyond its model permission.

    Approvers may delete any record of their scope they may change (not a submitted
    one: it is under review); others only their own drafts (and rows of a record
    they may still change), since an approved record is published.
    """
    if not can_modify(user, obj):
        return False
    holder = lock_holder(obj)
    if holder is None or is_approver_for(user, obj):
        return True
    from campaigns.models.choices import WorkflowStatusChoices

    if holder is obj:
        return obj.status == WorkflowStatusChoices.DRAFT
    return True
