"""django-axes' app under a Vietnamese name (INSTALLED_APPS names this config)."""

from axes.apps import AppConfig as AxesConfig
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def local_time(moment) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M") if moment else "—"


def attempt_label(attempt) -> str:
    return gettext("Failed logins of “%(user)s” from %(address)s, %(time)s") % {
        "user": attempt.username or "—",
        "address": attempt.ip_address or "—",
        "time": local_time(attempt.attempt_time),
    }


def log_label(entry) -> str:
    return gettext("Login of “%(user)s”, %(time)s") % {
        "user": entry.username or "—",
        "time": local_time(entry.attempt_time),
    }


def failure_label(failure) -> str:
    return gettext("Failed login, %(time)s") % {
        "time": local_time(failure.attempt_time)
    }


class LoginSecurityConfig(AxesConfig):
    verbose_name = _("Login security")

    def ready(self):
        super().ready()
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        # axes names its records in English ("Access Log for city @ 2026-12-01
        # 04:51:51.893711+00:00"); the admin shows these names in titles,
        # breadcrumbs, deletion pages and the recent-actions list.
        AccessAttempt.__str__ = attempt_label
        AccessLog.__str__ = log_label
        AccessFailureLog.__str__ = failure_label
