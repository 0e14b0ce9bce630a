from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from campaigns.access.roles import roles_sync
from campaigns.services.reference import reference_data_load


class Command(BaseCommand):
    help = "Load the Bắc Kạn reference data (units, contents, goals, standards, rating scale)."

    def handle(self, *args, **options):
        counts = reference_data_load()
        # The role groups' permissions are refreshed with the reference data.
        counts.update({f"group {role}": count for role, count in roles_sync().items()})
        summary = ", ".join(f"{name}={count}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(_("Reference data loaded: %s") % summary))
