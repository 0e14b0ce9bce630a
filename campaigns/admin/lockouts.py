"""Login lockouts in the admin: city staff see failed logins and unlock them.

Replaces django-axes' own admins, whose labels are English and whose "locked"
column knows only one limit. Who may open them is the model permissions of the
roles (`access.roles`: city staff view and delete attempts, view the login log).
"""

import logging

import axes.admin  # noqa: F401  (registers axes' admins first, replaced below)
from axes.helpers import get_cool_off
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import OuterRef, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from campaigns.access.login import retry_time

logger = logging.getLogger("campaigns.security")

for model in (AccessAttempt, AccessLog, AccessFailureLog):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written by the login itself: nobody adds or edits them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AccessAttempt)
class LoginAttemptAdmin(ReadOnlyAdmin):
    list_display = (
        "username",
        "ip_address",
        "failures_since_start",
        "attempt_time",
        "lock_status",
    )
    list_display_links = None
    search_fields = ("username", "ip_address")
    date_hierarchy = "attempt_time"
    fields = (
        "username",
        "ip_address",
        "failures_since_start",
        "attempt_time",
        "user_agent",
        "path_info",
    )
    actions = ("unlock",)

    def get_queryset(self, request):
        since = timezone.now() - get_cool_off(request)
        address_failures = (
            AccessAttempt.objects.filter(
                ip_address=OuterRef("ip_address"), attempt_time__gte=since
            )
            .order_by()
            .values("ip_address")
            .annotate(n=Sum("failures_since_start"))
            .values("n")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(address_failures=Subquery(address_failures))
        )

    def get_actions(self, request):
        # "Unlock" is the one way to remove attempts; a second, generic delete
        # action would only confuse.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description=_("lockout"))
    def lock_status(self, obj):
        cool_off = get_cool_off()
        until = obj.attempt_time + cool_off
        if until <= timezone.now():
            return _("Expired")
        if obj.failures_since_start >= settings.AXES_FAILURE_LIMIT:
            return _("Locked until %(time)s") % {"time": retry_time(until)}
        if (obj.address_failures or 0) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            return _("Address locked")
        left = settings.AXES_FAILURE_LIMIT - obj.failures_since_start
        return ngettext("%(n)s attempt left", "%(n)s attempts left", left) % {"n": left}

    @admin.action(description=_("Unlock"), permissions=("delete",))
    def unlock(self, request, queryset):
        """Forget the selected failures: their account-and-address pairs may log in
        again at once; an address is unlocked once all its rows are removed."""
        attempts = list(queryset)
        self.log_deletions(request, attempts)
        for attempt in attempts:
            logger.warning(
                "Login lockout cleared by %s: username=%r address=%s",
                request.user.get_username(),
                attempt.username,
                attempt.ip_address,
            )
        count, _ = AccessAttempt.objects.filter(
            pk__in=[attempt.pk for attempt in attempts]
        ).delete()
        self.message_user(
            request,
            ngettext(
                "Unlocked %(n)s failed-login record.",
                "Unlocked %(n)s failed-login records.",
                count,
            )
            % {"n": count},
            messages.SUCCESS,
        )


@admin.register(AccessLog)
class LoginLogAdmin(ReadOnlyAdmin):
    list_display = ("username", "ip_address", "attempt_time", "logout_time")
    list_display_links = None
    search_fields = ("username", "ip_address")
    date_hierarchy = "attempt_time"
    fields = (
        "username",
        "ip_address",
        "attempt_time",
        "logout_time",
        "user_agent",
        "path_info",
    )

    def has_delete_permission(self, request, obj=None):
        return False
