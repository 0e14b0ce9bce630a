from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaign results")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from campaigns.selectors.search import register_sqlite_fold

        # Search folds Vietnamese diacritics in SQL; SQLite needs the function given.
        connection_created.connect(register_sqlite_fold, dispatch_uid="portal-fold")
        # Connects the lockout logger to django-axes' signal.
        from campaigns.access import login  # noqa: F401
        from campaigns.services import photos, publication, summary_tracking

        # Summary tables follow every save and delete of the records they count, and
        # cached public figures are retired when published data changes.
        summary_tracking.connect()
        publication.connect()
        photos.connect()
        from campaigns.admin import icons

        icons.install()
