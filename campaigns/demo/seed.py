"""`seed_demo`'s entry point: replace the demo rows with the Bắc Kạn city demo, and
with invented wards on top of it for `--scale province|nation`.
"""

from django.db import transaction

from campaigns.demo.city import DemoGenerator, DemoSummary
from campaigns.demo.existing import demo_data_delete
from campaigns.demo.fund import fund_make
from campaigns.demo.results import results_make
from campaigns.demo.scale import SCALES
from campaigns.demo.scale_seed import scale_data_seed
from campaigns.demo.stories import stories_make
from campaigns.demo.units import areas_make
from campaigns.demo.works import works_make
from campaigns.services.summaries import summaries_rebuild


def city_data_seed(*, seed: int, years: range) -> DemoSummary:
    """Add the Bắc Kạn city demo rows for `years`; same seed, same rows."""
    generator = DemoGenerator(seed=seed, years=years)
    # One random stream runs through the stages: their order is part of the data.
    areas_make(generator)
    results_make(generator)
    fund_make(generator)
    works_make(generator)
    stories_make(generator)
    return generator.summary


@transaction.atomic
def demo_data_seed(
    *,
    seed: int = 2024,
    years: range = range(2010, 2027),
    scale: str = "city",
    progress=None,
) -> DemoSummary:
    """Replace the demo rows with a fresh, deterministic set for `years`.

    `scale` "city" is Bắc Kạn alone; "province" and "nation" add invented wards
    (see `campaigns.demo.scale`), reported in `summary.scale`. `progress(done, total)`
    is called as the invented wards are written.
    """
    demo_data_delete()
    summary = city_data_seed(seed=seed, years=years)
    if scale != "city":
        spec = SCALES[scale]
        summary.scale = scale_data_seed(
            scale=spec,
            seed=seed,
            years=years,
            progress=(lambda done: progress(done, spec.wards)) if progress else None,
        )
    # Rows were bulk-written without signals: rebuild the yearly aggregates once.
    summaries_rebuild()
    return summary
