import re
import time

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from campaigns.demo.existing import demo_data_exists, real_data_exists
from campaigns.demo.progress import Progress
from campaigns.demo.scale import SCALE_YEARS_TEXT, SCALES
from campaigns.demo.seed import demo_data_seed
from campaigns.services.maintenance import tables_tidy


def parse_years(value: str) -> range:
    match = re.fullmatch(r"\s*(\d{4})\s*(?:-\s*(\d{4})\s*)?", value)
    if not match:
        raise CommandError(_("--years must look like 2010-2025."))
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if not 1995 <= first <= last <= 2100:
        raise CommandError(
            _("--years must be an increasing range between 1995 and 2100.")
        )
    return range(first, last + 1)


class Command(BaseCommand):
    help = (
        "Fill the database with deterministic demo data for Bắc Kạn city (marked as demo), "
        "optionally with invented wards at province or nation scale (--scale). "
        "Replaces earlier demo data; refuses to run beside real data unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2024)
        parser.add_argument(
            "--years",
            help="Years to fill, e.g. 2010-2025 (default: 2010-2026 for the city, "
            "2011-2026 – sixteen years – for --scale province|nation).",
        )
        parser.add_argument(
            "--scale",
            choices=["city", *SCALES],
            default="city",
            help="city: Bắc Kạn only; province: about 100 more wards and 1,500 areas; "
            "nation: about 10,000 wards, 100,000 areas, 1.6 million yearly results.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add demo data even though the database holds real (non-demo) records.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when demo data is already present (used by make run).",
        )

    def handle(self, *args, **options):
        scale = options["scale"]
        years = parse_years(
            options["years"] or ("2010-2026" if scale == "city" else SCALE_YEARS_TEXT)
        )
        if options["if_empty"] and demo_data_exists():
            self.stdout.write(_("Demo data already present; nothing to do."))
            return
        if real_data_exists() and not options["force"]:
            raise CommandError(
                _(
                    "The database holds real (non-demo) records; seed_demo will not mix demo "
                    "data with them. Use --force if you really mean it."
                )
            )
        started = time.monotonic()
        bar = None
        if scale != "city":
            bar = Progress(SCALES[scale].wards, _("Invented wards"), self.stderr)
        try:
            summary = demo_data_seed(
                seed=options["seed"],
                years=years,
                scale=scale,
                progress=(lambda done, total: bar.update(done)) if bar else None,
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if bar is not None:
            bar.finish()
        # Committed: now VACUUM may run, so the first visitor gets the plans a
        # long-lived database has (statistics and the visibility map).
        tables_tidy(apps.get_app_config("campaigns").get_models())
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Demo data (seed %(seed)s, %(first)s–%(last)s): %(areas)s residential areas, "
                    "%(results)s yearly results, %(donations)s donations totalling %(donated)s VND, "
                    "%(built)s houses built and %(repaired)s repaired, %(works)s community works. "
                    "Took %(seconds).1f s."
                )
                % {
                    "seed": options["seed"],
                    "first": years[0],
                    "last": years[-1],
                    "areas": summary.residential_areas,
                    "results": summary.annual_results,
                    "donations": summary.donations,
                    "donated": f"{summary.donated:,}".replace(",", "."),
                    "built": summary.houses_built,
                    "repaired": summary.houses_repaired,
                    "works": summary.community_works,
                    "seconds": elapsed,
                }
            )
        )
        if summary.scale is not None:
            extra = summary.scale
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "Scale %(scale)s: %(wards)s invented wards, %(areas)s residential "
                        "areas, %(results)s yearly results, %(goals)s goal results, "
                        "%(fund)s fund records (donations and supports). "
                        "Took %(seconds).1f s in all."
                    )
                    % {
                        "scale": scale,
                        "wards": f"{extra.wards:,}".replace(",", "."),
                        "areas": f"{extra.residential_areas:,}".replace(",", "."),
                        "results": f"{extra.annual_results:,}".replace(",", "."),
                        "goals": f"{extra.goal_results:,}".replace(",", "."),
                        "fund": f"{extra.fund_records:,}".replace(",", "."),
                        "seconds": elapsed,
                    }
                )
            )
