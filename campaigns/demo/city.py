"""Deterministic demo data for Bắc Kạn city (used by `seed_demo`).

Every row made here has `is_demo=True`. Figures are shaped on the campaign's real
report: about 2 billion VND raised over 15 years, 129 new and 31 repaired houses,
poor-household rates falling, cultural-family rates of 80–98%.
"""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from campaigns.models import (
    AnnualResult,
    Commendation,
    CommunityWork,
    Donation,
    Goal,
    GoalResult,
    Household,
    PovertyStandard,
    ResidentialArea,
    StaffScope,
    Support,
    Ward,
    WardSuccession,
)
from campaigns.models.choices import (
    CommendationLevelChoices,
    CommunityWorkKindChoices,
    DonorKindChoices,
    FundLevelChoices,
    HouseholdStatusChoices,
    RecipientKindChoices,
    ResidentialAreaKindChoices,
    SupportCategoryChoices,
    WorkflowStatusChoices,
)
from campaigns.services import reference_data as reference
from campaigns.text import vn_slugify

DEMO_MODELS = [GoalResult, Support, Household, CommunityWork, Commendation, Donation]
NEW_HOUSES = 129
REPAIRED_HOUSES = 31

VILLAGE_NAMES = [
    "Nà Pài",
    "Nà Cà",
    "Bản Cạu",
    "Khuổi Pất",
    "Nà Rào",
    "Bản Đồn",
    "Nà Bản",
    "Phiêng My",
    "Khau Tổng",
    "Nà Nàng",
    "Pá Danh",
    "Tổng Nẻng",
    "Nà Chuông",
    "Cốc Po",
    "Bản Vẻn",
    "Nà Hoa",
    "Lâm Trường",
    "Nà Thái",
    "Khuổi Chang",
    "Nà Mèo",
    "Bản Pèn",
    "Nà Dăm",
    "Phặc Tràng",
    "Bản Quân",
]
OUTSIDE_VILLAGES = ["Nà Ỏi", "Bản Cuôn", "Khuổi Cuồng", "Nà Tu", "Bản Pá", "Nà Đon"]
SURNAMES = [
    "Hoàng",
    "Nông",
    "Triệu",
    "Lục",
    "Ma",
    "Hà",
    "Nguyễn",
    "Lương",
    "Đàm",
    "Bàn",
]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Ngọc", "Quang", "Hữu"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dung",
    "Hạnh",
    "Khánh",
    "Lâm",
    "Mai",
    "Nga",
    "Phúc",
    "Quý",
    "Sơn",
    "Thắm",
    "Tuấn",
    "Vinh",
    "Xuân",
    "Yến",
    "Hương",
]
BUSINESSES = [
    "Công ty CP Khoáng sản Bắc Kạn",
    "Ngân hàng Agribank chi nhánh Bắc Kạn",
    "Công ty TNHH Xây dựng Sông Cầu",
    "Hợp tác xã Dịch vụ Nông nghiệp Nông Thượng",
    "Công ty Điện lực Bắc Kạn",
    "Bưu điện tỉnh Bắc Kạn",
]
AGENCIES = [
    "Ủy ban MTTQ thành phố",
    "Thành ủy Bắc Kạn",
    "Hội Cựu chiến binh thành phố",
    "Trường THPT Bắc Kạn",
    "Trung tâm Y tế thành phố",
    "Công an thành phố",
]


def demo_data_exists() -> bool:
    return ResidentialArea.objects.filter(is_demo=True).exists()


def real_data_exists() -> bool:
    """True when any record was entered by people rather than by seed_demo."""
    models = [ResidentialArea, AnnualResult, *DEMO_MODELS[1:]]
    return any(model.objects.filter(is_demo=False).exists() for model in models)


@transaction.atomic
def demo_data_delete() -> None:
    """Remove every demo row, children first, and the wards invented for `--scale`.

    A raw delete skips the per-row history signals: demo rows were bulk-created
    without history, and collecting thousands of rows one by one takes seconds.
    """
    if not _truncate_demo_tables():
        goal_results = GoalResult.objects.filter(annual_result__is_demo=True)
        goal_results._raw_delete(goal_results.db)
        links = ResidentialArea.successors.through.objects.filter(
            from_residentialarea__is_demo=True
        )
        links._raw_delete(links.db)
        for model in (
            Support,
            Household,
            CommunityWork,
            Commendation,
            Donation,
            AnnualResult,
            ResidentialArea,
        ):
            rows = model.objects.filter(is_demo=True)
            rows._raw_delete(rows.db)
    from campaigns.models.summaries import (
        FundSummary,
        GoalSummary,
        ResultSummary,
        WorkSummary,
    )
    from campaigns.services.summaries import summaries_refresh

    for summary in (ResultSummary, GoalSummary, FundSummary, WorkSummary):
        summary.objects.filter(ward__is_demo=True).delete()
    demo_wards = Ward.objects.filter(is_demo=True)
    StaffScope.wards.through.objects.filter(ward__is_demo=True).delete()
    WardSuccession.objects.filter(
        Q(predecessor__is_demo=True) | Q(successor__is_demo=True)
    ).delete()
    demo_wards._raw_delete(demo_wards.db)
    summaries_refresh()


TRUNCATED_MODELS = [
    GoalResult,
    ResidentialArea.successors.through,
    Support,
    Household,
    CommunityWork,
    Commendation,
    Donation,
    AnnualResult,
    ResidentialArea,
]


def _truncate_demo_tables() -> bool:
    """Empty the record tables at once when they hold demo rows only (PostgreSQL).

    Deleting millions of nation-scale rows takes minutes; TRUNCATE takes
    milliseconds. It refuses (and we fall back to deleting) when any other table
    points at these, so nothing outside them is touched.
    """
    if connection.vendor != "postgresql" or real_data_exists():
        return False
    quote = connection.ops.quote_name
    tables = ", ".join(quote(model._meta.db_table) for model in TRUNCATED_MODELS)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {tables} RESTRICT")
    except DatabaseError:
        return False
    return True


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
    scale: object = None  # demo_scale.ScaleSummary for --scale province|nation


class DemoGenerator:
    """Builds the demo rows for `years` with one `random.Random(seed)`."""

    def __init__(self, *, seed: int, years: range):
        self.rng = random.Random(seed)
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

    # --- helpers ---------------------------------------------------------------

    def status(self, year: int, *, recent_share: float = 0.2) -> str:
        """Mostly approved; the latest year has some drafts and submissions, 2024 a return."""
        latest = self.years[-1]
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

    def workflow_fields(self, status: str) -> dict:
        fields = {"status": status, "is_demo": True, "status_changed_at": self.now}
        if status == WorkflowStatusChoices.APPROVED:
            fields["approved_at"] = self.now
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
        last = datetime.date(year, *end)
        return first + datetime.timedelta(
            days=self.rng.randrange((last - first).days + 1)
        )

    def wards_on(self, day: datetime.date) -> list[Ward]:
        if day >= reference.REORGANISATION_DATE:
            return self.new_wards
        return self.old_wards

    def area_in(self, ward: Ward) -> AreaState:
        return self.rng.choice(self.areas_by_ward[ward.pk])

    # --- residential areas -----------------------------------------------------

    def make_areas(self) -> None:
        villages = iter(self.rng.sample(VILLAGE_NAMES, len(VILLAGE_NAMES)))
        to_create = []
        for ward in self.old_wards:
            count = self.rng.randint(10, 20)
            is_commune = ward.kind == "xa"
            for number in range(1, count + 1):
                if is_commune:
                    name = next(villages, None) or f"Thôn {number}"
                    kind = (
                        ResidentialAreaKindChoices.HAMLET
                        if name.startswith("Bản")
                        else ResidentialAreaKindChoices.VILLAGE
                    )
                    base_poor = self.rng.uniform(0.14, 0.26)
                else:
                    name = f"Tổ {number}"
                    kind = ResidentialAreaKindChoices.STREET_GROUP
                    base_poor = self.rng.uniform(0.03, 0.09)
                area = ResidentialArea(
                    ward=ward,
                    name=name,
                    kind=kind,
                    slug=f"{ward.slug}-{vn_slugify(name)}",
                    valid_to=reference.LAST_DAY_BEFORE_REORGANISATION,
                    **self.workflow_fields(WorkflowStatusChoices.APPROVED),
                )
                to_create.append(area)
                self.areas_by_ward[ward.pk].append(
                    AreaState(
                        area=area,
                        households=self.rng.randint(70, 260),
                        poor_rate=base_poor,
                        near_poor_ratio=self.rng.uniform(0.6, 1.1),
                        cultural_rate=self.rng.uniform(0.80, 0.88),
                        title=self.rng.random() < 0.75,
                        title_year=2008 if self.rng.random() < 0.5 else None,
                    )
                )
        ResidentialArea.objects.bulk_create(to_create)
        if self.years[-1] >= reference.REORGANISATION_DATE.year:
            self.make_successor_areas()
        self.summary.residential_areas = ResidentialArea.objects.filter(
            is_demo=True
        ).count()

    def make_successor_areas(self) -> None:
        """The 2025 units get their own areas; some old areas merge two into one."""
        successor_of = {}
        for old in self.old_wards:
            successor_of[old.pk] = Ward.objects.get(predecessor_links__predecessor=old)
        groups: dict[int, list[list[AreaState]]] = defaultdict(list)
        for old in self.old_wards:
            states = self.areas_by_ward[old.pk]
            index = 0
            while index < len(states):
                size = 2 if self.rng.random() < 0.3 and index + 1 < len(states) else 1
                groups[successor_of[old.pk].pk].append(states[index : index + size])
                index += size
        new_states = []
        for new in self.new_wards:
            number = 0
            outside = OUTSIDE_VILLAGES if new.has_external_predecessor else []
            for group in groups[new.pk] + [[] for _ in outside]:
                number += 1
                if new.kind == "xa":
                    name = (
                        group[0].area.name
                        if group
                        else outside[number - len(groups[new.pk]) - 1]
                    )
                    kind = (
                        group[0].area.kind
                        if group
                        else ResidentialAreaKindChoices.VILLAGE
                    )
                else:
                    name = f"Tổ {number}"
                    kind = ResidentialAreaKindChoices.STREET_GROUP
                area = ResidentialArea(
                    ward=new,
                    name=name,
                    kind=kind,
                    slug=f"{new.slug}-{vn_slugify(name)}",
                    valid_from=reference.REORGANISATION_DATE,
                    **self.workflow_fields(WorkflowStatusChoices.APPROVED),
                )
                state = AreaState(
                    area=area,
                    households=sum(s.households for s in group)
                    or self.rng.randint(60, 150),
                    poor_rate=(
                        sum(s.poor_rate for s in group) / len(group)
                        if group
                        else self.rng.uniform(0.05, 0.09)
                    ),
                    near_poor_ratio=self.rng.uniform(0.6, 1.1),
                    cultural_rate=(
                        sum(s.cultural_rate for s in group) / len(group)
                        if group
                        else self.rng.uniform(0.82, 0.9)
                    ),
                    title=all(s.title for s in group) if group else False,
                    predecessors=group,
                )
                new_states.append(state)
                self.areas_by_ward[new.pk].append(state)
        ResidentialArea.objects.bulk_create([state.area for state in new_states])
        links = [
            ResidentialArea.successors.through(
                from_residentialarea_id=old.area.pk, to_residentialarea_id=state.area.pk
            )
            for state in new_states
            for old in state.predecessors
        ]
        ResidentialArea.successors.through.objects.bulk_create(links)

    # --- yearly results ----------------------------------------------------------

    def make_results(self) -> None:
        results, goal_rows = [], []
        previous_rate: dict[int, float] = {}
        for year in self.years:
            standard = self.standards[year]
            standard_changed = (
                year > self.years[0] and standard != self.standards[year - 1]
            )
            for ward in self.wards_on(datetime.date(year, 12, 31)):
                for state in self.areas_by_ward[ward.pk]:
                    if not state.started:
                        state.start_from_predecessors(self.rng)
                    elif year > self.years[0]:
                        state.households = round(
                            state.households * self.rng.uniform(1.0, 1.025)
                        )
                    # A stricter standard counts more households as poor in its first year.
                    if standard_changed:
                        state.poor_rate = min(
                            state.poor_rate * self.rng.uniform(1.6, 2.2), 0.35
                        )
                    else:
                        state.poor_rate *= self.rng.uniform(0.78, 0.93)
                    state.cultural_rate = min(
                        0.98, state.cultural_rate + self.rng.uniform(0.0, 0.012)
                    )
                    if not state.title and self.rng.random() < 0.25:
                        state.title, state.title_year = True, year
                    results.append(self.annual_result(state, year, standard))
                    goal_rows.append(self.goal_results(state, year, previous_rate))
                    previous_rate[state.area.pk] = state.poor_rate
        AnnualResult.objects.bulk_create(results, batch_size=1000)
        rows = []
        for result, goals in zip(results, goal_rows, strict=True):
            for goal, (achieved, value) in zip(self.goals, goals, strict=True):
                rows.append(
                    GoalResult(
                        annual_result=result, goal=goal, achieved=achieved, value=value
                    )
                )
        GoalResult.objects.bulk_create(rows, batch_size=2000)
        self.summary.annual_results = len(results)
        self.summary.goal_results = len(rows)

    def annual_result(self, state: AreaState, year: int, standard) -> AnnualResult:
        rng = self.rng
        households = state.households
        poor = min(round(households * state.poor_rate), households)
        near_poor = min(
            round(households * state.poor_rate * state.near_poor_ratio),
            households - poor,
        )
        recognised = round(households * state.cultural_rate)
        registered = min(
            households, recognised + rng.randint(0, max(1, households // 20))
        )
        festival = rng.random() < 0.97
        state.last_score = rng.randint(62, 98)
        state.last_festival = festival
        state.last_poor, state.last_households = poor, households
        return AnnualResult(
            residential_area=state.area,
            year=year,
            households=households,
            cultural_families_registered=registered,
            cultural_families_recognised=recognised,
            cultural_title=state.title,
            cultural_title_year=state.title_year if state.title else None,
            poor_households=poor,
            near_poor_households=near_poor,
            newly_poor_households=min(poor, rng.choice([0, 0, 0, 0, 1, 2])),
            poverty_standard=standard,
            festival_held=festival,
            festival_date=self.day_in(year, (10, 25), (11, 18)) if festival else None,
            festival_participants=round(households * rng.uniform(1.2, 2.5))
            if festival
            else None,
            committee_score=state.last_score,
            **self.workflow_fields(self.status(year)),
        )

    def goal_results(
        self, state: AreaState, year: int, previous_rate: dict
    ) -> list[tuple]:
        rng = self.rng
        households = max(state.last_households, 1)
        poor_rate = 100 * state.last_poor / households
        before = previous_rate.get(state.area.pk)
        cultural = 100 * state.cultural_rate
        insurance = rng.uniform(82, 99.5)
        waste = rng.uniform(60, 99)
        return [
            (before is None or state.poor_rate <= before, round(poor_rate, 2)),
            (rng.random() < 0.85, round(poor_rate * state.near_poor_ratio, 2)),
            (rng.random() < 0.8, rng.randint(0, 4)),
            (cultural >= 90, round(cultural, 2)),
            (state.title, None),
            (insurance >= 90, round(insurance, 2)),
            (waste >= 80, round(waste, 2)),
            (rng.random() < 0.9, rng.randint(0, 6)),
            (rng.random() < 0.92, rng.randint(1, 4)),
            (state.last_score >= 80 and state.last_festival, state.last_score),
        ]

    # --- poverty fund ------------------------------------------------------------

    def make_fund(self) -> None:
        donations, households, supports = [], [], []
        span = max(1, self.years[-1] - self.years[0])
        # About 2.1 billion over the period, rising year by year.
        weights = [1 + 1.2 * (year - self.years[0]) / span for year in self.years]
        per_weight = 2_100_000_000 / sum(weights)
        house_years = self.rng.choices(
            list(self.years),
            weights=[span + 2 - i for i in range(len(self.years))],
            k=NEW_HOUSES,
        )
        repair_years = self.rng.choices(list(self.years), k=REPAIRED_HOUSES)
        receipt = 0
        for year, weight in zip(self.years, weights, strict=True):
            target = per_weight * weight * self.rng.uniform(0.9, 1.1)
            raised = 0
            while target - raised >= 100_000:
                receipt += 1
                day = (
                    self.day_in(year, (10, 17), (11, 18))
                    if self.rng.random() < 0.7
                    else self.day_in(year)
                )
                kind = self.rng.choice(list(DonorKindChoices))
                if kind in (DonorKindChoices.BUSINESS, DonorKindChoices.AGENCY):
                    level, ward = FundLevelChoices.CITY, None
                    donor = self.rng.choice(
                        BUSINESSES if kind == DonorKindChoices.BUSINESS else AGENCIES
                    )
                    amount = self.rng.randint(5, 60) * 1_000_000
                else:
                    level, ward = (
                        FundLevelChoices.WARD,
                        self.rng.choice(self.wards_on(day)),
                    )
                    donor = (
                        self.person_name()
                        if kind == DonorKindChoices.INDIVIDUAL
                        else f"Hộ gia đình {self.person_name()}"
                    )
                    amount = self.rng.randint(1, 40) * 100_000
                # The last receipt of a year tops the fund up to its target instead of overshooting.
                amount = max(
                    100_000, min(amount, round((target - raised) / 100_000) * 100_000)
                )
                in_kind = self.rng.choice([0, 0, 0, 0, 500_000, 1_000_000])
                donations.append(
                    Donation(
                        date=day,
                        fund_level=level,
                        ward=ward,
                        donor_name=donor,
                        donor_kind=kind,
                        amount=amount,
                        in_kind_value=in_kind,
                        in_kind_description="Gạo, chăn màn" if in_kind else "",
                        receipt_number=f"PT{year}-{receipt:05d}",
                        publish_donor_name=self.rng.random() < 0.6,
                        **self.workflow_fields(self.status(year, recent_share=0.1)),
                    )
                )
                raised += amount
            budget = raised * self.rng.uniform(0.85, 0.97)
            plan = [SupportCategoryChoices.HOUSE_NEW] * house_years.count(year) + [
                SupportCategoryChoices.HOUSE_REPAIR
            ] * repair_years.count(year)
            spent = 0
            for category in plan:
                amount = self.support_amount(category, year)
                supports.append(self.support(category, year, amount, households))
                spent += amount
            while spent < budget:
                category = self.rng.choice(
                    [
                        SupportCategoryChoices.LIVELIHOOD,
                        SupportCategoryChoices.MEDICAL,
                        SupportCategoryChoices.EDUCATION,
                        SupportCategoryChoices.TET_GIFT,
                        SupportCategoryChoices.EMERGENCY,
                    ]
                )
                amount = self.support_amount(category, year)
                supports.append(self.support(category, year, amount, households))
                spent += amount
        Donation.objects.bulk_create(donations, batch_size=1000)
        Household.objects.bulk_create(households, batch_size=1000)
        for support in supports:
            support.household_id = support.household.pk
        Support.objects.bulk_create(supports, batch_size=1000)
        self.summary.donations = len(donations)
        self.summary.donated = sum(d.amount for d in donations)
        self.summary.supports = len(supports)
        self.summary.houses_built = sum(s.houses_built for s in supports)
        self.summary.houses_repaired = sum(s.houses_repaired for s in supports)

    def support_amount(self, category: str, year: int) -> int:
        growth = year - self.years[0]
        if category == SupportCategoryChoices.HOUSE_NEW:
            return (8 + growth // 2 + self.rng.randint(0, 3)) * 1_000_000
        if category == SupportCategoryChoices.HOUSE_REPAIR:
            return self.rng.randint(3, 6) * 1_000_000
        if category == SupportCategoryChoices.TET_GIFT:
            return self.rng.randint(3, 10) * 100_000
        return self.rng.randint(5, 50) * 100_000

    def support(self, category, year, amount, households) -> Support:
        day = self.day_in(year, (1, 5), (12, 20))
        ward = self.rng.choice(self.wards_on(day))
        state = self.area_in(ward)
        household = Household(
            ward=ward,
            residential_area=state.area,
            head_name=self.person_name(),
            id_number=f"0{self.rng.randint(10**10, 10**11 - 1)}",
            phone=f"09{self.rng.randint(10**7, 10**8 - 1)}",
            address=f"{state.area.name}, {ward.name}",
            members=self.rng.randint(1, 7),
            household_status=self.rng.choice(list(HouseholdStatusChoices)),
            **self.workflow_fields(WorkflowStatusChoices.APPROVED),
        )
        households.append(household)
        return Support(
            date=day,
            fund_level=self.rng.choice(list(FundLevelChoices)),
            ward=ward,
            residential_area=state.area,
            household=household,
            category=category,
            amount=amount,
            houses_built=1 if category == SupportCategoryChoices.HOUSE_NEW else 0,
            houses_repaired=1 if category == SupportCategoryChoices.HOUSE_REPAIR else 0,
            decision_number=f"{self.rng.randint(1, 300)}/QĐ-MTTQ",
            handover_date=(
                min(
                    day + datetime.timedelta(days=self.rng.randint(30, 120)),
                    datetime.date(year, 12, 31),
                )
                if category
                in (
                    SupportCategoryChoices.HOUSE_NEW,
                    SupportCategoryChoices.HOUSE_REPAIR,
                )
                else None
            ),
            **self.workflow_fields(self.status(year, recent_share=0.1)),
        )

    # --- community works and commendations ----------------------------------------

    def make_works(self) -> None:
        works, commendations = [], []
        for year in self.years:
            wards = self.wards_on(datetime.date(year, 12, 31))
            for _ in range(self.rng.randint(4, 9)):
                ward = self.rng.choice(wards)
                state = self.area_in(ward)
                kind = self.rng.choices(
                    [
                        CommunityWorkKindChoices.ROAD,
                        CommunityWorkKindChoices.CULTURAL_HOUSE,
                        CommunityWorkKindChoices.CANAL,
                        CommunityWorkKindChoices.LIGHTING,
                    ],
                    weights=[6, 1, 2, 1],
                )[0]
                length = (
                    self.rng.randint(8, 150) * 10
                    if kind
                    in (
                        CommunityWorkKindChoices.ROAD,
                        CommunityWorkKindChoices.CANAL,
                        CommunityWorkKindChoices.LIGHTING,
                    )
                    else None
                )
                label = {
                    CommunityWorkKindChoices.ROAD: "Đường bê tông",
                    CommunityWorkKindChoices.CULTURAL_HOUSE: "Nhà văn hóa",
                    CommunityWorkKindChoices.CANAL: "Kênh mương",
                    CommunityWorkKindChoices.LIGHTING: "Đường điện chiếu sáng",
                }[kind]
                works.append(
                    CommunityWork(
                        ward=ward,
                        residential_area=state.area,
                        name=f"{label} {state.area.name}",
                        kind=kind,
                        year=year,
                        length_m=length,
                        area_m2=self.rng.randint(80, 250)
                        if kind == CommunityWorkKindChoices.CULTURAL_HOUSE
                        else None,
                        people_money=self.rng.randint(20, 400) * 1_000_000,
                        labour_days=self.rng.randint(50, 900),
                        land_donated_m2=self.rng.choice([0, 0, 50, 120, 300, 800]),
                        state_budget=self.rng.randint(0, 800) * 1_000_000,
                        completion_date=self.day_in(year, (3, 1), (12, 15)),
                        **self.workflow_fields(self.status(year, recent_share=0.15)),
                    )
                )
            for _ in range(self.rng.randint(2, 5)):
                ward = self.rng.choice(wards)
                collective = self.rng.random() < 0.6
                state = self.area_in(ward)
                commendations.append(
                    Commendation(
                        year=year,
                        level=self.rng.choice(list(CommendationLevelChoices)[:3]),
                        recipient_kind=(
                            RecipientKindChoices.COLLECTIVE
                            if collective
                            else RecipientKindChoices.INDIVIDUAL
                        ),
                        recipient_name=(
                            f"Ban công tác Mặt trận {state.area.name}"
                            if collective
                            else self.person_name()
                        ),
                        ward=ward,
                        residential_area=state.area,
                        form=self.rng.choice(["Giấy khen", "Bằng khen"]),
                        decision_number=f"{self.rng.randint(1, 500)}/QĐ-UBND",
                        reason="Có thành tích xuất sắc trong thực hiện Cuộc vận động",
                        **self.workflow_fields(self.status(year, recent_share=0.1)),
                    )
                )
        CommunityWork.objects.bulk_create(works)
        Commendation.objects.bulk_create(commendations)
        self.summary.community_works = len(works)
        self.summary.commendations = len(commendations)

    def run(self) -> DemoSummary:
        self.make_areas()
        self.make_results()
        self.make_fund()
        self.make_works()
        return self.summary


@transaction.atomic
def demo_data_seed(
    *,
    seed: int = 2024,
    years: range = range(2010, 2026),
    scale: str = "city",
    progress=None,
) -> DemoSummary:
    """Replace the demo rows with a fresh, deterministic set for `years`.

    `scale` "city" is Bắc Kạn alone; "province" and "nation" add invented wards
    (see `demo_scale`), reported in `summary.scale`. `progress(done, total)` is
    called as the invented wards are written.
    """
    from campaigns.demo import scale as demo_scale
    from campaigns.services.summaries import summaries_rebuild

    demo_data_delete()
    summary = DemoGenerator(seed=seed, years=years).run()
    if scale != "city":
        spec = demo_scale.SCALES[scale]
        summary.scale = demo_scale.scale_data_seed(
            scale=spec,
            seed=seed,
            years=years,
            progress=(lambda done: progress(done, spec.wards)) if progress else None,
        )
    # Rows were bulk-written without signals: rebuild the yearly aggregates once.
    summaries_rebuild()
    return summary
