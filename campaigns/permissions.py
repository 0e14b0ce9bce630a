"""Roles and the scope gate.

Roles are Django groups. A ward-staff account's scope is the set of wards in its
`StaffScope`. `ward_scope(user)` is the one place that decides which wards a user may
see; the querysets' `visible_to(user)` build on it.
"""

from django.utils.translation import gettext_lazy as _

CITY_STAFF = "city_staff"
WARD_STAFF = "ward_staff"
LEADERS = "leaders"

ROLE_LABELS = {
    CITY_STAFF: _("City staff"),
    WARD_STAFF: _("Ward staff"),
    LEADERS: _("Leaders"),
}

ALL_WARDS = object()


def ward_scope(user):
    """`ALL_WARDS`, or the set of ward ids `user` may see (empty for no access)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    if user.is_superuser:
        return ALL_WARDS
    groups = {group.name for group in user.groups.all()}
    if CITY_STAFF in groups or LEADERS in groups:
        return ALL_WARDS
    if WARD_STAFF in groups and hasattr(user, "staff_scope"):
        return set(user.staff_scope.wards.values_list("pk", flat=True))
    return set()
