"""django-axes' app under a Vietnamese name (INSTALLED_APPS names this config)."""

from axes.apps import AppConfig as AxesConfig
from django.utils.translation import gettext_lazy as _


class LoginSecurityConfig(AxesConfig):
    verbose_name = _("Login security")
