from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaign results")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connects the lockout logger to django-axes' signal.
        from . import security  # noqa: F401
