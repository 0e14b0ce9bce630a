import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from campaigns.services.summaries import summaries_rebuild


class Command(BaseCommand):
    help = (
        "Recompute the yearly summary tables from the approved records (after writes "
        "made with raw SQL or bulk operations that bypass the signals)."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        summaries_rebuild()
        self.stdout.write(
            _("Yearly summaries recomputed in %(seconds).1f s.")
            % {"seconds": time.monotonic() - started}
        )
