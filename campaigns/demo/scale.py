"""Demo data at the size of a province or the whole country (`seed_demo --scale`): how
much to invent, and the generator the scale stages share.

On top of the Bắc Kạn city demo, invents provinces of wards (marked `is_demo`, GSO-like
codes 40000–49999 that no reference unit uses) with residential areas, sixteen years
of results (2011–2026, the last one still being collected, as in the city demo), goal
results, fund records and community works. Rows are generated ward by ward from one
`random.Random(seed)` (`scale_units`, `scale_results`, `scale_fund`,
`scale_works`, run in order by `scale_seed`) and written in chunks through
`scale_tables`. Ids are reserved up front so children can point at parents without
reading anything back.
"""

import datetime
import random
from dataclasses import dataclass

from django.utils import timezone

from campaigns.demo.moments import approval_moment, is_being_collected
from campaigns.demo.names import GIVEN, MIDDLE, PLACE_SYLLABLES, SURNAMES
from campaigns.demo.scale_tables import ScaleTables
from campaigns.models import Goal, PovertyStandard
from campaigns.models.choices import WorkflowStatusChoices

MAX_WARDS = 10_000
RETURN_REASON = "Số hộ nghèo chưa khớp với danh sách rà soát, đề nghị kiểm tra lại."


@dataclass(frozen=True)
class Scale:
    """How much to invent; per-ward-year counts are averages."""

    name: str
    provinces: int
    wards: int
    areas: int
    donations_per_ward_year: int = 4
    supports_per_ward_year: int = 3
    works_per_ward_year: int = 1
    chunk_wards: int = 250


SCALES = {
    "province": Scale("province", provinces=1, wards=100, areas=1_500),
    # 100,000 areas × 16 years = 1.6 M results, 16 M goal results; ~1 M fund records.
    "nation": Scale("nation", provinces=63, wards=10_000, areas=100_000),
}
SCALE_YEARS_TEXT = "2011-2026"  # sixteen years, as the city demo up to 2026


@dataclass
class ScaleSummary:
    wards: int = 0
    residential_areas: int = 0
    annual_results: int = 0
    goal_results: int = 0
    donations: int = 0
    households: int = 0
    supports: int = 0
    community_works: int = 0
    commendations: int = 0

    @property
    def fund_records(self) -> int:
        return self.donations + self.supports


class ScaleGenerator:
    """One `random.Random` for `scale`, the table writers, and helpers the stages share."""

    def __init__(self, *, scale: Scale, seed: int, years: range):
        if scale.wards > MAX_WARDS:
            raise ValueError(f"at most {MAX_WARDS} generated wards")
        self.scale = scale
        self.rng = random.Random(f"{seed}-{scale.name}")
        self.years = years
        self.now = timezone.now()
        self.standards = {year: PovertyStandard.for_year(year) for year in years}
        if None in self.standards.values():
            raise ValueError("reference data missing; run load_reference first")
        self.today = timezone.localdate(self.now)
        # The ten goals of the set in force each year (a set may be replaced).
        self.goal_ids = {
            year: list(Goal.for_year(year).values_list("pk", flat=True))
            for year in years
        }
        if any(len(ids) != 10 for ids in self.goal_ids.values()):
            raise ValueError("reference data missing; run load_reference first")
        self.summary = ScaleSummary()
        # Status columns per (status, year), stamped at the year's approval moment;
        # `workflow` (records without a year: areas, households) at the first year's.
        self.workflow_by_year = {
            (status, year): self._workflow(status, year)
            for status in WorkflowStatusChoices.values
            for year in years
        }
        self.workflow = {
            status: self.workflow_by_year[(status, years[0])]
            for status in WorkflowStatusChoices.values
        }
        self.tables = ScaleTables()
        self.household_serial = 0

    def _workflow(self, status: str, year: int) -> tuple:
        moment = approval_moment(year, self.now)
        return (
            self.now,
            self.now,
            status,
            RETURN_REASON if status == WorkflowStatusChoices.RETURNED else "",
            moment,
            moment if status == WorkflowStatusChoices.APPROVED else None,
            True,
        )

    def status(self, year: int, recent_share: float = 0.2) -> tuple:
        """Stamps and workflow columns: mostly approved, the latest year partly pending
        (twice as much when it is still being collected, late in the current year)."""
        roll = self.rng.random()
        latest = self.years[-1]
        if year == latest and is_being_collected(year, self.now):
            recent_share = min(2 * recent_share, 0.6)
        if year == latest and roll < recent_share:
            status = (
                WorkflowStatusChoices.SUBMITTED
                if roll < recent_share * 0.6
                else WorkflowStatusChoices.DRAFT
            )
        elif year == latest - 1 and roll < 0.02:
            status = WorkflowStatusChoices.RETURNED
        else:
            status = WorkflowStatusChoices.APPROVED
        return self.workflow_by_year[(status, year)]

    def person_name(self) -> str:
        choice = self.rng.choice
        return f"{choice(SURNAMES)} {choice(MIDDLE)} {choice(GIVEN)}"

    def by_today(self, day: datetime.date) -> datetime.date:
        """`day`, or the day of seeding if later (yet never before 1/1 of its year)."""
        return max(min(day, self.today), datetime.date(day.year, 1, 1))

    def day_in(self, year: int) -> datetime.date:
        # Nothing is dated after the day of seeding (the year being collected).
        days = min(365, (self.today - datetime.date(year, 1, 1)).days + 1)
        return datetime.date(year, 1, 1) + datetime.timedelta(
            days=self.rng.randrange(max(days, 1))
        )

    # --- the plan of units ------------------------------------------------------

    @staticmethod
    def place_name(index: int) -> str:
        """Two distinct syllables; unique for the first 1,560 indexes."""
        count = len(PLACE_SYLLABLES)
        first, second = divmod(index % (count * (count - 1)), count - 1)
        if second >= first:
            second += 1
        return f"{PLACE_SYLLABLES[first]} {PLACE_SYLLABLES[second]}"

    def area_counts(self) -> list[int]:
        """Areas per ward: exactly `scale.areas` in all, varying around the mean."""
        wards = self.scale.wards
        base, extra = divmod(self.scale.areas, wards)
        counts = [base + (1 if i < extra else 0) for i in range(wards)]
        spread = max(1, base // 3)
        for i in range(0, wards - 1, 2):
            shift = self.rng.randint(-spread, spread)
            shift = max(min(shift, counts[i] - 1), 1 - counts[i + 1])
            counts[i] -= shift
            counts[i + 1] += shift
        return counts
