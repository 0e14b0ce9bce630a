"""The Bắc Kạn city demo's generator: one `random.Random(seed)`, the reference units
it fills, the residential areas' running state, and helpers the stages share.

The stages (`units`, `results`, `fund`, `works`) each take the generator and add their
rows; `seed.city_data_seed` runs them in order. Every row made has `is_demo=True`.
Figures are shaped on the campaign's real report: about 2 billion VND raised over 15
years, 129 new and 31 repaired houses, poor-household rates falling, cultural-family
rates of 80–98%.
"""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from campaigns.demo.moments import approval_moment, is_being_collected
from campaigns.demo.names import GIVEN, MIDDLE, SURNAMES
from campaigns.models import Goal, Household, PovertyStandard, ResidentialArea, Ward
from campaigns.models.choices import WorkflowStatusChoices
from campaigns.services import reference_data as reference


@dataclass
class AreaState:
    area: ResidentialArea
    households: int
    poor_rate: float
    near_poor_ratio: float
    cultural_rate: float
    title: bool = True
    title_year: int | None = None
    predecessors: list["AreaState"] = field(default_factory=list)
    started: bool = False
    last_score: int = 0
    last_festival: bool = False
    last_poor: int = 0
    last_households: int = 0

    def start_from_predecessors(self, rng: random.Random) -> None:
        """A merged area begins with the households and rates its predecessors ended with."""
        self.started = True
        if not self.predecessors:
            return
        total = sum(p.households for p in self.predecessors)
        self.households = round(total * rng.uniform(1.0, 1.02))
        self.poor_rate = (
            sum(p.poor_rate * p.households for p in self.predecessors) / total
        )
        self.cultural_rate = (
            sum(p.cultural_rate * p.households for p in self.predecessors) / total
        )


@dataclass
class DemoSummary:
    residential_areas: int = 0
    annual_results: int = 0
    goal_results: int = 0
    donations: int = 0
    donated: int = 0
    supports: int = 0
    houses_built: int = 0
    houses_repaired: int = 0
    community_works: int = 0
    commendations: int = 0
    stories: int = 0
    scale: object = None  # scale.ScaleSummary, for --scale province|nation


class DemoGenerator:
    """State the city stages share for `years`: one `random.Random(seed)`, the units,
    the areas per ward, and the summary they fill in.
    """

    def __init__(self, *, seed: int, years: range):
        self.rng = random.Random(seed)
        # Festival highlights and civilised-lifestyle figures (issue 14) draw from their
        # own stream, so adding them left every other demo figure of a seed unchanged.
        self.celebration_rng = random.Random(f"celebrations-{seed}")
        self.years = years
        self.now = timezone.now()
        self.summary = DemoSummary()
        self.standards = {year: PovertyStandard.for_year(year) for year in years}
        missing = [
            year for year, standard in self.standards.items() if standard is None
        ]
        if missing:
            raise ValueError(
                f"no poverty standard for {missing}; run load_reference first"
            )
        self.goals = list(Goal.objects.order_by("number"))
        self.old_wards = list(
            Ward.objects.filter(
                valid_to=reference.LAST_DAY_BEFORE_REORGANISATION
            ).order_by("code")
        )
        self.new_wards = list(
            Ward.objects.filter(valid_from=reference.REORGANISATION_DATE).order_by(
                "code"
            )
        )
        if (
            len(self.old_wards) != 8
            or len(self.new_wards) != 3
            or len(self.goals) != 10
        ):
            raise ValueError("reference data missing; run load_reference first")
        self.areas_by_ward: dict[int, list[AreaState]] = defaultdict(list)
        self.households_by_ward: dict[int, list[Household]] = defaultdict(list)

    def status(self, year: int, *, recent_share: float = 0.2) -> str:
        """Mostly approved; the latest year has some drafts and submissions, 2024 a return.

        A latest year still being collected (late November of the current year) has
        twice as many records not yet approved.
        """
        latest = self.years[-1]
        if year == latest and is_being_collected(year, self.now):
            recent_share = min(2 * recent_share, 0.6)
        roll = self.rng.random()
        if year == latest and roll < recent_share:
            return (
                WorkflowStatusChoices.SUBMITTED
                if roll < recent_share * 0.6
                else WorkflowStatusChoices.DRAFT
            )
        if year == latest - 1 and roll < 0.02:
            return WorkflowStatusChoices.RETURNED
        return WorkflowStatusChoices.APPROVED

    def workflow_fields(self, status: str, year: int | None = None) -> dict:
        """Status columns of a record of `year` (None: the first year), stamped at
        that year's approval moment, not at the time of seeding."""
        moment = approval_moment(self.years[0] if year is None else year, self.now)
        fields = {"status": status, "is_demo": True, "status_changed_at": moment}
        if status == WorkflowStatusChoices.APPROVED:
            fields["approved_at"] = moment
        if status == WorkflowStatusChoices.RETURNED:
            fields["status_reason"] = (
                "Số hộ nghèo chưa khớp với danh sách rà soát, đề nghị kiểm tra lại."
            )
        return fields

    def person_name(self) -> str:
        rng = self.rng
        return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"

    def day_in(self, year: int, start=(1, 1), end=(12, 31)) -> datetime.date:
        first = datetime.date(year, *start)
        # Nothing is dated after the day of seeding (the year being collected).
        last = min(datetime.date(year, *end), timezone.localdate(self.now))
        first = min(first, last)
        return first + datetime.timedelta(
            days=self.rng.randrange((last - first).days + 1)
        )

    def wards_on(self, day: datetime.date) -> list[Ward]:
        if day >= reference.REORGANISATION_DATE:
            return self.new_wards
        return self.old_wards

    def area_in(self, ward: Ward) -> AreaState:
        return self.rng.choice(self.areas_by_ward[ward.pk])
