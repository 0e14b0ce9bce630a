"""Demo data at the size of a province or the whole country (`seed_demo --scale`).

On top of the Bắc Kạn city demo, invents provinces of wards (marked `is_demo`, GSO-like
codes 40000–49999 that no reference unit uses) with residential areas, fifteen years of
results, goal results, fund records and community works. Rows are generated ward by
ward from one `random.Random(seed)` and written in chunks: PostgreSQL COPY through
psycopg 3, `bulk_create` batches elsewhere. Ids are reserved up front so children can
point at parents without reading anything back.
"""

import datetime
import random
import sys
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from campaigns.demo.city import GIVEN, MIDDLE, SURNAMES, VILLAGE_NAMES
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
    Support,
    Ward,
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
    WardKindChoices,
    WorkflowStatusChoices,
)
from campaigns.text import vn_slugify

FIRST_CODE = 40_000  # generated wards take codes 40000–49999
MAX_WARDS = 10_000
PLACE_SYLLABLES = [
    "An",
    "Bình",
    "Hòa",
    "Phú",
    "Tân",
    "Thành",
    "Long",
    "Hưng",
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Sơn",
    "Thủy",
    "Lâm",
    "Minh",
    "Quang",
    "Trung",
    "Phong",
    "Thịnh",
    "Lộc",
    "Phước",
    "Vĩnh",
    "Xuân",
    "Hải",
    "Hà",
    "Yên",
    "Đức",
    "Nghĩa",
    "Thanh",
    "Mỹ",
    "Kim",
    "Hồng",
    "Cẩm",
    "Gia",
    "Hiệp",
    "Tiến",
    "Lợi",
    "Hợp",
    "Thái",
]
DECISION = "/QĐ-MTTQ"
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
    # 100,000 areas × 15 years = 1.5 M results, 15 M goal results; ~1 M fund records.
    "nation": Scale("nation", provinces=63, wards=10_000, areas=100_000),
}
SCALE_YEARS_TEXT = "2011-2025"  # fifteen years


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


# --- writing -------------------------------------------------------------------


class IdBlock:
    """Hands out primary keys for one table without a round trip per row.

    On PostgreSQL a block is reserved from the identity sequence (other writers keep
    working); elsewhere the writer is alone in the transaction, so max(id)+1 is safe.
    """

    BLOCK = 100_000

    def __init__(self, model):
        self.model = model
        # Empty block: the first take() reserves one (ids start at 1, never 0).
        self.next, self.last = 1, 0

    def take(self) -> int:
        if self.next > self.last:
            self._reserve()
        value = self.next
        self.next += 1
        return value

    def _reserve(self) -> None:
        table = self.model._meta.db_table
        column = self.model._meta.pk.column
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, %s),"
                    " nextval(pg_get_serial_sequence(%s, %s)) + %s - 1)",
                    [table, column, table, column, self.BLOCK],
                )
                last = cursor.fetchone()[0]
                self.next, self.last = last - self.BLOCK + 1, last
            else:
                quote = connection.ops.quote_name
                cursor.execute(f"SELECT MAX({quote(column)}) FROM {quote(table)}")
                start = max((cursor.fetchone()[0] or 0) + 1, self.last + 1)
                self.next, self.last = start, start + self.BLOCK - 1


class TableWriter:
    """Collects rows (tuples in `fields` order) and writes them in chunks."""

    def __init__(self, model, fields: list[str]):
        self.model = model
        self.fields = fields
        self.rows: list[tuple] = []
        self.count = 0
        self.ids = IdBlock(model)

    def add(self, row: tuple) -> None:
        self.rows.append(row)

    def flush(self) -> None:
        if not self.rows:
            return
        if connection.vendor == "postgresql":
            self._copy()
        else:
            self._bulk_create()
        self.count += len(self.rows)
        self.rows = []

    def _copy(self) -> None:
        meta = self.model._meta
        quote = connection.ops.quote_name
        columns = ", ".join(quote(meta.get_field(name).column) for name in self.fields)
        sql = f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN"
        with connection.cursor() as cursor:
            with cursor.cursor.copy(sql) as copy:
                for row in self.rows:
                    copy.write_row(row)

    def _bulk_create(self) -> None:
        attnames = [self.model._meta.get_field(name).attname for name in self.fields]
        objects = [
            self.model(**dict(zip(attnames, row, strict=True))) for row in self.rows
        ]
        self.model.objects.bulk_create(objects, batch_size=1000)


class Progress:
    """A one-line progress bar on stderr, redrawn at most a few times a second."""

    def __init__(self, total: int, label: str, stream=None):
        self.total = max(total, 1)
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.started = time.monotonic()
        self.shown = 0.0

    def update(self, done: int, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.shown < 0.5:
            return
        self.shown = now
        share = min(done / self.total, 1.0)
        bar = "#" * round(30 * share)
        self.stream.write(
            f"\r{self.label} [{bar:<30}] {100 * share:5.1f}% "
            f"{done:,}/{self.total:,} {now - self.started:6.1f} s"
        )
        self.stream.flush()

    def finish(self) -> None:
        self.update(self.total, force=True)
        self.stream.write("\n")
        self.stream.flush()


# --- generating ------------------------------------------------------------------


WORKFLOW = ["status", "status_reason", "status_changed_at", "approved_at", "is_demo"]
STAMPS = ["created_at", "updated_at"]


class ScaleGenerator:
    """Invents `scale.wards` wards and everything under them, deterministically."""

    def __init__(
        self,
        *,
        scale: Scale,
        seed: int,
        years: range,
        progress: Callable[[int], None] | None = None,
    ):
        if scale.wards > MAX_WARDS:
            raise ValueError(f"at most {MAX_WARDS} generated wards")
        self.scale = scale
        self.rng = random.Random(f"{seed}-{scale.name}")
        self.years = years
        self.progress = progress or (lambda done: None)
        self.now = timezone.now()
        self.standards = {year: PovertyStandard.for_year(year) for year in years}
        if None in self.standards.values():
            raise ValueError("reference data missing; run load_reference first")
        self.goal_ids = list(
            Goal.objects.order_by("number").values_list("pk", flat=True)
        )
        if len(self.goal_ids) != 10:
            raise ValueError("reference data missing; run load_reference first")
        self.summary = ScaleSummary()
        self.workflow = {
            status: self._workflow(status) for status in WorkflowStatusChoices.values
        }
        self.wards = TableWriter(
            Ward,
            [
                *STAMPS,
                "code",
                "name",
                "kind",
                "slug",
                "province_code",
                "province_name",
                "district_code",
                "district_name",
                "valid_from",
                "valid_to",
                "has_external_predecessor",
                "external_predecessor_note",
                "is_demo",
                "id",
            ],
        )
        self.areas = TableWriter(
            ResidentialArea,
            [
                *STAMPS,
                *WORKFLOW,
                "ward",
                "name",
                "kind",
                "slug",
                "valid_from",
                "valid_to",
                "id",
            ],
        )
        self.results = TableWriter(
            AnnualResult,
            [
                *STAMPS,
                *WORKFLOW,
                "residential_area",
                "year",
                "households",
                "cultural_families_registered",
                "cultural_families_recognised",
                "cultural_title",
                "cultural_title_year",
                "poor_households",
                "near_poor_households",
                "newly_poor_households",
                "poverty_standard",
                "festival_held",
                "festival_date",
                "festival_participants",
                "committee_score",
                "note",
                "id",
            ],
        )
        self.goal_results = TableWriter(
            GoalResult, [*STAMPS, "annual_result", "goal", "achieved", "value", "note"]
        )
        self.donations = TableWriter(
            Donation,
            [
                *STAMPS,
                *WORKFLOW,
                "date",
                "fund_level",
                "ward",
                "donor_name",
                "donor_kind",
                "amount",
                "in_kind_value",
                "in_kind_description",
                "receipt_number",
                "publish_donor_name",
                "note",
            ],
        )
        self.households = TableWriter(
            Household,
            [
                *STAMPS,
                *WORKFLOW,
                "ward",
                "residential_area",
                "head_name",
                "id_number",
                "phone",
                "address",
                "members",
                "household_status",
                "note",
                "id",
            ],
        )
        self.supports = TableWriter(
            Support,
            [
                *STAMPS,
                *WORKFLOW,
                "date",
                "fund_level",
                "ward",
                "residential_area",
                "household",
                "category",
                "amount",
                "houses_built",
                "houses_repaired",
                "decision_number",
                "handover_date",
                "note",
            ],
        )
        self.works = TableWriter(
            CommunityWork,
            [
                *STAMPS,
                *WORKFLOW,
                "ward",
                "residential_area",
                "name",
                "kind",
                "year",
                "length_m",
                "area_m2",
                "people_money",
                "labour_days",
                "land_donated_m2",
                "state_budget",
                "other_funding",
                "completion_date",
                "note",
            ],
        )
        self.commendations = TableWriter(
            Commendation,
            [
                *STAMPS,
                *WORKFLOW,
                "year",
                "level",
                "recipient_kind",
                "recipient_name",
                "ward",
                "residential_area",
                "form",
                "decision_number",
                "reason",
            ],
        )
        # Parents before children, so every chunk is consistent when it is written.
        self.writers = [
            self.wards,
            self.areas,
            self.results,
            self.goal_results,
            self.donations,
            self.households,
            self.supports,
            self.works,
            self.commendations,
        ]
        self.household_serial = 0

    def _workflow(self, status: str) -> tuple:
        return (
            self.now,
            self.now,
            status,
            RETURN_REASON if status == WorkflowStatusChoices.RETURNED else "",
            self.now,
            self.now if status == WorkflowStatusChoices.APPROVED else None,
            True,
        )

    def status(self, year: int, recent_share: float = 0.2) -> tuple:
        """Stamps and workflow columns: mostly approved, the latest year partly pending."""
        roll = self.rng.random()
        latest = self.years[-1]
        if year == latest and roll < recent_share:
            return self.workflow[
                WorkflowStatusChoices.SUBMITTED
                if roll < recent_share * 0.6
                else WorkflowStatusChoices.DRAFT
            ]
        if year == latest - 1 and roll < 0.02:
            return self.workflow[WorkflowStatusChoices.RETURNED]
        return self.workflow[WorkflowStatusChoices.APPROVED]

    def person_name(self) -> str:
        choice = self.rng.choice
        return f"{choice(SURNAMES)} {choice(MIDDLE)} {choice(GIVEN)}"

    def day_in(self, year: int) -> datetime.date:
        return datetime.date(year, 1, 1) + datetime.timedelta(
            days=self.rng.randrange(365)
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

    def run(self) -> ScaleSummary:
        scale = self.scale
        counts = self.area_counts()
        per_province = -(-scale.wards // scale.provinces)
        for start in range(0, scale.wards, scale.chunk_wards):
            for index in range(start, min(start + scale.chunk_wards, scale.wards)):
                province = index // per_province
                self.make_ward(
                    index, province, index - province * per_province, counts[index]
                )
            for writer in self.writers:
                writer.flush()
            self.progress(min(start + scale.chunk_wards, scale.wards))
        summary = self.summary
        summary.wards = self.wards.count
        summary.residential_areas = self.areas.count
        summary.annual_results = self.results.count
        summary.goal_results = self.goal_results.count
        summary.donations = self.donations.count
        summary.households = self.households.count
        summary.supports = self.supports.count
        summary.community_works = self.works.count
        summary.commendations = self.commendations.count
        return summary

    def make_ward(
        self, index: int, province: int, in_province: int, areas: int
    ) -> None:
        rng = self.rng
        code = f"{FIRST_CODE + index:05d}"
        is_commune = rng.random() < 0.75
        kind = WardKindChoices.COMMUNE if is_commune else WardKindChoices.WARD
        name = f"{'Xã' if is_commune else 'Phường'} {self.place_name(in_province)}"
        province_name = f"Tỉnh {self.place_name(province * 7 + 3)}"
        district = in_province // 15
        ward_id = self.wards.ids.take()
        self.wards.add(
            (
                self.now,
                self.now,
                code,
                name,
                kind,
                f"{vn_slugify(name)}-{code}",
                f"{province % 100:02d}",
                province_name,
                f"{district % 1000:03d}",
                f"Huyện {self.place_name(province * 31 + district + 5)}",
                None,
                None,
                False,
                "",
                True,
                ward_id,
            )
        )
        slug = f"{vn_slugify(name)}-{code}"
        states = []
        offset = rng.randrange(len(VILLAGE_NAMES))
        for number in range(1, areas + 1):
            if is_commune:
                area_name = (
                    VILLAGE_NAMES[(offset + number) % len(VILLAGE_NAMES)]
                    if number <= len(VILLAGE_NAMES)
                    else f"Thôn {number}"
                )
                area_kind = (
                    ResidentialAreaKindChoices.HAMLET
                    if area_name.startswith("Bản")
                    else ResidentialAreaKindChoices.VILLAGE
                )
                poor = rng.uniform(0.12, 0.3)
            else:
                area_name = f"Tổ {number}"
                area_kind = ResidentialAreaKindChoices.STREET_GROUP
                poor = rng.uniform(0.02, 0.09)
            area_id = self.areas.ids.take()
            self.areas.add(
                (
                    *self.workflow[WorkflowStatusChoices.APPROVED],
                    ward_id,
                    area_name,
                    area_kind,
                    f"{slug}-{vn_slugify(area_name)}",
                    None,
                    None,
                    area_id,
                )
            )
            # households, poor rate, near-poor ratio, cultural rate, title, title year
            states.append(
                [
                    area_id,
                    area_name,
                    rng.randint(60, 280),
                    poor,
                    rng.uniform(0.6, 1.1),
                    rng.uniform(0.78, 0.88),
                    rng.random() < 0.7,
                    None,
                ]
            )
        for year in self.years:
            self.make_results(states, year)
            self.make_fund(ward_id, name, states, year)
            self.make_works(ward_id, states, year)

    def make_results(self, states: list[list], year: int) -> None:
        rng = self.rng
        random_ = rng.random
        standard = self.standards[year]
        first = year == self.years[0]
        changed = not first and standard != self.standards[year - 1]
        add_result = self.results.add
        add_goal = self.goal_results.add
        take = self.results.ids.take
        goals = self.goal_ids
        now = self.now
        for state in states:
            (
                area_id,
                _,
                households,
                poor_rate,
                near_ratio,
                cultural,
                title,
                title_year,
            ) = state
            before = poor_rate
            if not first:
                households = round(households * rng.uniform(1.0, 1.025))
            if changed:
                poor_rate = min(poor_rate * rng.uniform(1.6, 2.2), 0.35)
            elif not first:
                poor_rate *= rng.uniform(0.78, 0.93)
            cultural = min(0.98, cultural + rng.uniform(0.0, 0.012))
            if not title and random_() < 0.25:
                title, title_year = True, year
            state[2:] = [households, poor_rate, near_ratio, cultural, title, title_year]
            poor = min(round(households * poor_rate), households)
            near_poor = min(
                round(households * poor_rate * near_ratio), households - poor
            )
            recognised = round(households * cultural)
            registered = min(
                households, recognised + rng.randint(0, households // 20 + 1)
            )
            festival = random_() < 0.97
            score = rng.randint(62, 98)
            result_id = take()
            add_result(
                (
                    *self.status(year),
                    area_id,
                    year,
                    households,
                    registered,
                    recognised,
                    title,
                    title_year if title else None,
                    poor,
                    near_poor,
                    min(poor, rng.choice((0, 0, 0, 0, 1, 2))),
                    standard.pk,
                    festival,
                    datetime.date(year, 11, 18)
                    - datetime.timedelta(days=rng.randrange(25))
                    if festival
                    else None,
                    round(households * rng.uniform(1.2, 2.5)) if festival else None,
                    score,
                    "",
                    result_id,
                )
            )
            poor_share = round(100 * poor / households, 2)
            insurance = round(rng.uniform(82, 99.5), 2)
            waste = round(rng.uniform(60, 99), 2)
            values = (
                (first or poor_rate <= before, poor_share),
                (random_() < 0.85, round(poor_share * near_ratio, 2)),
                (random_() < 0.8, rng.randint(0, 4)),
                (cultural >= 0.9, round(100 * cultural, 2)),
                (title, None),
                (insurance >= 90, insurance),
                (waste >= 80, waste),
                (random_() < 0.9, rng.randint(0, 6)),
                (random_() < 0.92, rng.randint(1, 4)),
                (score >= 80 and festival, score),
            )
            for goal_id, (achieved, value) in zip(goals, values, strict=True):
                add_goal((now, now, result_id, goal_id, achieved, value, ""))

    def make_fund(self, ward_id: int, ward_name: str, states: list, year: int) -> None:
        rng = self.rng
        scale = self.scale
        donations = rng.randint(
            scale.donations_per_ward_year // 2, scale.donations_per_ward_year * 3 // 2
        )
        for number in range(1, donations + 1):
            kind = rng.choice((DonorKindChoices.INDIVIDUAL, DonorKindChoices.HOUSEHOLD))
            donor = self.person_name()
            in_kind = rng.choice((0, 0, 0, 0, 500_000, 1_000_000))
            self.donations.add(
                (
                    *self.status(year, 0.1),
                    self.day_in(year),
                    FundLevelChoices.WARD,
                    ward_id,
                    donor
                    if kind == DonorKindChoices.INDIVIDUAL
                    else f"Hộ gia đình {donor}",
                    kind,
                    rng.randint(1, 40) * 100_000,
                    in_kind,
                    "Gạo, chăn màn" if in_kind else "",
                    f"PT{year}-{number:05d}",
                    rng.random() < 0.6,
                    "",
                )
            )
        supports = rng.randint(
            scale.supports_per_ward_year // 2, scale.supports_per_ward_year * 3 // 2
        )
        for _ in range(supports):
            state = rng.choice(states)
            category = rng.choices(
                (
                    SupportCategoryChoices.HOUSE_NEW,
                    SupportCategoryChoices.HOUSE_REPAIR,
                    SupportCategoryChoices.LIVELIHOOD,
                    SupportCategoryChoices.MEDICAL,
                    SupportCategoryChoices.EDUCATION,
                    SupportCategoryChoices.TET_GIFT,
                ),
                weights=(2, 1, 3, 2, 2, 3),
            )[0]
            self.support(ward_id, ward_name, state, year, category)

    def support(self, ward_id, ward_name, state, year, category) -> None:
        rng = self.rng
        self.household_serial += 1
        household_id = self.households.ids.take()
        self.households.add(
            (
                *self.workflow[WorkflowStatusChoices.APPROVED],
                ward_id,
                state[0],
                self.person_name(),
                f"9{self.household_serial:011d}",
                f"09{rng.randint(10**7, 10**8 - 1)}",
                f"{state[1]}, {ward_name}",
                rng.randint(1, 7),
                rng.choice(HouseholdStatusChoices.values),
                "",
                household_id,
            )
        )
        house = category in (
            SupportCategoryChoices.HOUSE_NEW,
            SupportCategoryChoices.HOUSE_REPAIR,
        )
        if category == SupportCategoryChoices.HOUSE_NEW:
            amount = rng.randint(8, 15) * 1_000_000
        elif category == SupportCategoryChoices.HOUSE_REPAIR:
            amount = rng.randint(3, 6) * 1_000_000
        else:
            amount = rng.randint(3, 50) * 100_000
        day = self.day_in(year)
        self.supports.add(
            (
                *self.status(year, 0.1),
                day,
                FundLevelChoices.WARD,
                ward_id,
                state[0],
                household_id,
                category,
                amount,
                1 if category == SupportCategoryChoices.HOUSE_NEW else 0,
                1 if category == SupportCategoryChoices.HOUSE_REPAIR else 0,
                f"{rng.randint(1, 300)}{DECISION}",
                min(
                    day + datetime.timedelta(days=rng.randint(30, 120)),
                    datetime.date(year, 12, 31),
                )
                if house
                else None,
                "",
            )
        )

    def make_works(self, ward_id: int, states: list, year: int) -> None:
        rng = self.rng
        for _ in range(rng.randint(0, 2 * self.scale.works_per_ward_year)):
            state = rng.choice(states)
            road = rng.random() < 0.7
            kind = (
                CommunityWorkKindChoices.ROAD
                if road
                else CommunityWorkKindChoices.CULTURAL_HOUSE
            )
            self.works.add(
                (
                    *self.status(year, 0.15),
                    ward_id,
                    state[0],
                    f"{'Đường bê tông' if road else 'Nhà văn hóa'} {state[1]}",
                    kind,
                    year,
                    rng.randint(8, 150) * 10 if road else None,
                    None if road else rng.randint(80, 250),
                    rng.randint(20, 400) * 1_000_000,
                    rng.randint(50, 900),
                    rng.choice((0, 0, 50, 120, 300)),
                    rng.randint(0, 800) * 1_000_000,
                    0,
                    datetime.date(year, 3, 1)
                    + datetime.timedelta(days=rng.randrange(280)),
                    "",
                )
            )
        if rng.random() < 0.5:
            state = rng.choice(states)
            self.commendations.add(
                (
                    *self.status(year, 0.1),
                    year,
                    CommendationLevelChoices.WARD,
                    RecipientKindChoices.COLLECTIVE,
                    f"Ban công tác Mặt trận {state[1]}",
                    ward_id,
                    state[0],
                    "Giấy khen",
                    f"{rng.randint(1, 500)}/QĐ-UBND",
                    "Có thành tích xuất sắc trong thực hiện Cuộc vận động",
                )
            )


def scale_data_seed(
    *,
    scale: Scale,
    seed: int,
    years: range,
    progress: Callable[[int], None] | None = None,
) -> ScaleSummary:
    """Add `scale`'s invented wards and their rows; call inside the seeding transaction."""
    generator = ScaleGenerator(scale=scale, seed=seed, years=years, progress=progress)
    if connection.vendor != "postgresql":
        return generator.run()
    with _foreign_keys_checked_at_the_end(SCALE_MODELS):
        summary = generator.run()
    # Fresh statistics, or the planner guesses from an empty table.
    with connection.cursor() as cursor:
        for model in SCALE_MODELS:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return summary


@contextmanager
def _foreign_keys_checked_at_the_end(models: Iterable):
    """Drop the tables' foreign keys while COPY runs and put them back afterwards.

    Checked row by row, 17 million foreign-key lookups take longer than the COPY
    itself; re-adding a constraint checks all rows in one join. The definitions are
    read from pg_constraint and restored verbatim, inside the seeding transaction,
    so a failure rolls everything back with the constraints in place.
    """
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        # Pending deferred checks (from the city demo) block ALTER TABLE; run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        dropped = []
        for model in models:
            table = model._meta.db_table
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                " WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
                [quote(table)],
            )
            for name, definition in cursor.fetchall():
                cursor.execute(
                    f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}"
                )
                dropped.append((table, name, definition))
    yield
    with connection.cursor() as cursor:
        for table, name, definition in dropped:
            cursor.execute(
                f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}"
            )


SCALE_MODELS: Iterable = (
    Ward,
    ResidentialArea,
    AnnualResult,
    GoalResult,
    Donation,
    Household,
    Support,
    CommunityWork,
    Commendation,
)
