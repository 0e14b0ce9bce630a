"""Login throttling: the django-axes backend and the log line of every lockout."""

import logging

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off, get_failure_limit
from axes.signals import user_locked_out
from django.dispatch import receiver
from django.shortcuts import render

logger = logging.getLogger("campaigns.security")


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


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out login gets (HTTP 429), in Vietnamese."""
    cool_off = get_cool_off(request)
    return render(
        request,
        "campaigns/login_locked_out.html",
        {
            "failure_limit": get_failure_limit(request, credentials),
            "minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
        },
        status=429,
    )
