"""Login throttling: the client's address, the two locks and the lockout page.

Failed logins are counted per account *and* address, and per address alone
(`AXES_LOCKOUT_PARAMETERS`), never per account alone: a stranger who types someone
else's user name locks only the addresses they type from. The address lock has its
own, higher limit (`LOGIN_ADDRESS_FAILURE_LIMIT`) so an office behind one NAT is not
locked by its staff's typos; django-axes knows one limit, so the handler scales each
lock's count onto it.
"""

import datetime
import ipaddress
import logging

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import (
    get_client_username,
    get_cool_off,
    get_failure_limit,
    get_lockout_parameters,
)
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Sum
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone

logger = logging.getLogger("campaigns.security")

ADDRESS = "ip_address"


def client_address(request) -> str | None:
    """The address a login is counted under (`AXES_CLIENT_IP_CALLABLE`).

    Without proxies (`LOGIN_PROXY_COUNT` 0) it is REMOTE_ADDR and X-Forwarded-For is
    ignored: any client can send one. Behind N trusted proxies each appends the
    address it received the request from (nginx: `$proxy_add_x_forwarded_for`), so
    the N-th entry from the right was written by our outermost proxy and everything
    left of it is the client's to forge. A header shorter than that, or an entry that
    is not an address, did not come through the proxies: REMOTE_ADDR is used, which
    throttles such requests together rather than trusting them.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    count = int(getattr(settings, "LOGIN_PROXY_COUNT", 0) or 0)
    if count <= 0:
        return remote
    # Empty entries can only come from the client (our proxies always write one),
    # so dropping them never moves a trusted entry.
    entries = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(entries) < count:
        return remote
    try:
        return str(ipaddress.ip_address(entries[-count]))
    except ValueError:
        return remote


def lock_limit(parameter, request=None, credentials=None) -> int:
    """Failures that lock `parameter` (one entry of AXES_LOCKOUT_PARAMETERS)."""
    if parameter == ADDRESS:
        return settings.LOGIN_ADDRESS_FAILURE_LIMIT
    return get_failure_limit(request, credentials)


class LoginThrottleHandler(AxesDatabaseHandler):
    """django-axes' database handler with a limit per lock (`AXES_HANDLER`)."""

    def locks(self, request, credentials=None):
        """(parameter, recent attempts, limit) of each lock of this login."""
        parameters = get_lockout_parameters(request, credentials)
        attempts = self.get_user_attempts(request, credentials)
        return [
            (parameter, queryset, lock_limit(parameter, request, credentials))
            for parameter, queryset in zip(parameters, attempts, strict=True)
        ]

    def get_failures(self, request, credentials=None) -> int:
        # Axes locks when this number reaches AXES_FAILURE_LIMIT; each lock's count
        # is scaled so it reaches that exactly when it reaches its own limit.
        base = get_failure_limit(request, credentials)
        return max(
            (queryset.aggregate(n=Sum("failures_since_start"))["n"] or 0)
            * base
            // limit
            for _, queryset, limit in self.locks(request, credentials)
        )

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful login clears its own account-and-address count only.

        Axes would clear every lock of the login, the address's too: anyone with an
        account could then log in between guesses at others' passwords and never be
        locked.
        """
        deleted, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        ).delete()
        return deleted

    def locked_until(self, request, credentials=None):
        """(when the last lock on this login ends, that lock's parameter), or None."""
        cool_off = get_cool_off(request)
        if cool_off is None:
            return None
        found = None
        for parameter, queryset, limit in self.locks(request, credentials):
            total = 0
            # Older failures leave the count first: the lock ends when the newest
            # failures alone no longer reach the limit.
            for failures, attempt_time in queryset.order_by(
                "-attempt_time"
            ).values_list("failures_since_start", "attempt_time"):
                total += failures
                if total >= limit:
                    until = attempt_time + cool_off
                    if found is None or until > found[0]:
                        found = (until, parameter)
                    break
        return found


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuses logins of locked-out accounts and addresses (django-axes).

    Every login over the web passes the request. Calls without one (the test
    client's `login()`, scripts) come from inside the server, have no address to
    throttle and are left to the next backend instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


@receiver(user_locked_out, dispatch_uid="campaigns-log-lockout")
def log_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    logger.warning(
        "Login locked out after repeated failures: username=%r address=%s path=%s",
        username,
        ip_address,
        getattr(request, "path", ""),
    )


def retry_time(until: datetime.datetime) -> str:
    """`until` as staff read it: the next whole minute in the portal's time zone,
    with the date when it is not today."""
    local = timezone.localtime(until)
    if local.second or local.microsecond:
        local = local.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
    if local.date() == timezone.localdate():
        return local.strftime("%H:%M")
    return local.strftime("%H:%M %d/%m/%Y")


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out login gets (HTTP 429), in Vietnamese, with the time
    from which the login may be tried again."""
    found = LoginThrottleHandler().locked_until(request, credentials)
    parameter = found[1] if found else None
    return render(
        request,
        "campaigns/login_locked_out.html",
        {
            "address_lock": parameter == ADDRESS,
            "failure_limit": lock_limit(parameter, request, credentials),
            "retry_at": retry_time(found[0]) if found else None,
        },
        status=429,
    )
