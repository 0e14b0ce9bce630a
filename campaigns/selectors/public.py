"""Reads for public pages, charts, downloads and reports: the one source of every public figure.

Every selector takes keyword-only arguments, counts APPROVED records only, aggregates in
the database with a fixed number of queries whatever the data size, caches its result
under the generation key (`campaigns.cache`) and returns frozen dataclasses.

`ward=None` means the whole city; a ward means that unit, rolled up from the units it
succeeded (see `_territory_ids`).

Selectors with one row per unit take `page=`: `None` gives every unit (downloads,
reports), a number gives that page of `PAGE_SIZE` units only, so a page of a
10,000-unit portal reads and renders 50 units, not 10,000.

Years and status
    available_years()                          years with approved data, ascending
    latest_year()                              the default year of every page (or None)
    demo_data_present()                        whether approved public data includes demo rows
    last_approved_at()                         when public data last changed by an approval
    poverty_standards()                        the poverty standards and their years

Units and residential areas
    units_page(year=, number=)                 one page of the units in force (per-unit tables)
    directory_page(number=)                    one page of `ward_directory()`
    ward_directory(page=None)                  every unit, with what it became / came from
    ward_detail(slug=)                         one unit with its predecessors and successors
    area_detail(slug=)                         one approved residential area and its links
    search_places(query=)                      units and areas, ignoring diacritics and case

Yearly results (AnnualResult)
    city_overview(year=, ward=None)            the headline figures of a year and since the start
    ward_summaries(year=, page=None)           one row per unit in force: results, fund, roads
    area_summaries(year=, ward=None)           one row per residential area
    results_by_year(ward=None)                 totals per year (households, rates, titles…)
    area_results_by_year(area=)                one residential area's results per year
    poverty_rate_trend(ward=None, area=None)   poor/near-poor rates per year with standard breaks

Goals (GoalResult)
    goal_catalogue()                                the 10 goals with their contents
    goal_achievement_by_content(year=, ward=None)   share of areas achieving each goal
    goal_achievement_by_ward(year=, page=None)      … per goal per unit in force
    goal_achievement_by_year(ward=None)             … per goal per year
    area_goals_by_year(area=)                       one area's goal results per year

Poverty fund (Donation, Support)
    fund_by_year(ward=None)                    raised, spent and houses per year
    fund_spending_by_category(year=, ward=None)
    fund_spending_by_ward(year=, page=None)    raised and spent per unit in force
    houses_by_year(ward=None)                  great-solidarity houses built and repaired
    named_donors(year=, ward=None, page=None)  donors who agreed to be named (never others)

Community works (CommunityWork)
    community_works_summary(year=, ward=None)  per kind of work, with a total
    community_works_by_ward(year=, page=None)
    community_works_by_year(ward=None)
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection, models
from django.db.models import Count, F, Max, Min, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from campaigns.cache import cached
from campaigns.models import (
    AnnualResult,
    CommunityWork,
    Donation,
    Goal,
    GoalResult,
    PovertyStandard,
    RatingGrade,
    ResidentialArea,
    Support,
    Ward,
    WardSuccession,
)
from campaigns.models.choices import (
    CommunityWorkKindChoices,
    DonorKindChoices,
    SupportCategoryChoices,
    WardKindChoices,
    WorkflowStatusChoices,
)
from campaigns.models.querysets import year_reference_date
from campaigns.models.summaries import (
    FUND_COLUMNS,
    WORK_COLUMNS,
    FundSummary,
    GoalSummary,
    ResultSummary,
    WorkSummary,
)
from campaigns.text import fold

APPROVED = WorkflowStatusChoices.APPROVED
ZERO = Decimal("0")


# --- Helpers ----------------------------------------------------------------------


def share(part: int | None, whole: int | None) -> Decimal | None:
    """`part` as a percentage of `whole`, one decimal, half up; None when `whole` is 0."""
    if not whole:
        return None
    value = Decimal(int(part or 0) * 100) / Decimal(int(whole))
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def metres_to_km(metres: int | None) -> Decimal:
    return (Decimal(int(metres or 0)) / 1000).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def _sum(expression, **kwargs):
    return Coalesce(Sum(expression, **kwargs), 0)


AGG = "agg_"  # aliases of aggregates, so they never clash with a field's name


def _aggregate(rows, **aggregates) -> dict:
    """`rows.aggregate(**aggregates)`, computed in the database."""
    result = rows.aggregate(**{AGG + name: value for name, value in aggregates.items()})
    return {name.removeprefix(AGG): value for name, value in result.items()}


def _grouped(rows, *group, order=(), **aggregates) -> list[dict]:
    """`aggregates` per distinct value of the `group` fields (GROUP BY in the database)."""
    return _renamed(_grouped_query(rows, *group, order=order, **aggregates))


def _renamed(rows) -> list[dict]:
    return [
        {name.removeprefix(AGG): value for name, value in row.items()} for row in rows
    ]


def _grouped_query(rows, *group, order=(), **aggregates):
    """`_grouped()` as a query not yet run, to count or slice it in the database."""
    ordering = [
        f"-{AGG}{name[1:]}"
        if name[1:] in aggregates
        else AGG + name
        if name in aggregates
        else name
        for name in order
    ]
    return (
        rows.values(*group)
        .annotate(**{AGG + name: value for name, value in aggregates.items()})
        .order_by(*ordering)
    )


def _key(ward) -> str:
    return "city" if ward is None else str(ward.pk)


def _year_range(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _territory_ids(ward: Ward) -> tuple[int, ...]:
    """The unit and every unit it succeeded, through any number of reorganisations.

    A record belongs to the unit in force on its date, so records of this territory in
    any year are exactly the records of these units (as `Ward.units_for_year` walks it);
    fund records of 1/1–30/6/2025 of the old units thus count for the new unit in 2025.
    """

    def compute():
        ids, frontier = {ward.pk}, {ward.pk}
        while frontier:
            parents = set(
                WardSuccession.objects.filter(successor_id__in=frontier).values_list(
                    "predecessor_id", flat=True
                )
            )
            frontier = parents - ids
            ids |= frontier
        return tuple(sorted(ids))

    return cached("territory", ward.pk, compute=compute)


def _unit_of_ward(year: int) -> dict[int, int]:
    """Map each unit in force in `year`, and every unit it succeeded, to the unit in force."""

    def compute():
        return _units_with_predecessors(
            Ward.objects.in_force_for_year(year).values_list("pk", flat=True)
        )

    return cached("unit-of-ward", year, compute=compute)


def _units_with_predecessors(unit_ids) -> dict[int, int]:
    """Map each of `unit_ids`, and every unit it succeeded, to that unit.

    One query for any depth of reorganisations, so query counts do not depend on how
    many times the units on a page were merged.
    """
    mapping = {pk: pk for pk in unit_ids}
    predecessors = defaultdict(list)
    for predecessor, successor in WardSuccession.objects.values_list(
        "predecessor_id", "successor_id"
    ):
        predecessors[successor].append(predecessor)
    frontier = list(mapping)
    while frontier:
        successor = frontier.pop()
        for predecessor in predecessors[successor]:
            if predecessor not in mapping:
                mapping[predecessor] = mapping[successor]
                frontier.append(predecessor)
    return mapping


def _units_and_map(year: int, page: int | None) -> tuple[list[WardRef], dict[int, int]]:
    """The units of a per-unit table (all, or one page) and the map of their wards.

    For a page the map covers only that page's units, so the queries that use it can
    filter `ward__in=` a few dozen ids instead of grouping the whole country.
    """
    if page is None:
        return _units_in_force(year), _unit_of_ward(year)

    def compute():
        units = list(units_page(year=year, number=page).items)
        return units, _units_with_predecessors(ref.pk for ref in units)

    return cached("units-and-map", year, page, compute=compute)


def _in_map(rows, mapping: dict[int, int], page: int | None, path: str = "ward"):
    """`rows` limited to the wards of `mapping` when a page is asked for."""
    return rows if page is None else rows.filter(**{f"{path}__in": list(mapping)})


def _results(*, year: int | None = None, ward: Ward | None = None):
    """Approved yearly results of approved residential areas."""
    rows = AnnualResult.objects.approved().filter(residential_area__status=APPROVED)
    if year is not None:
        rows = rows.for_year(year)
    if ward is not None:
        rows = rows.filter(residential_area__ward__in=_territory_ids(ward))
    return rows


def _goal_results(*, year: int | None = None, ward: Ward | None = None):
    rows = GoalResult.objects.filter(
        annual_result__status=APPROVED,
        annual_result__residential_area__status=APPROVED,
    )
    if year is not None:
        rows = rows.filter(annual_result__year=year)
    if ward is not None:
        rows = rows.filter(
            annual_result__residential_area__ward__in=_territory_ids(ward)
        )
    return rows


def _donations(*, year: int | None = None, ward: Ward | None = None):
    """Approved donations; for a unit only its own ward fund (the city fund has no ward)."""
    rows = Donation.objects.approved()
    if year is not None:
        rows = rows.for_year(year)
    if ward is not None:
        rows = rows.filter(ward__in=_territory_ids(ward))
    return rows


def _supports(*, year: int | None = None, ward: Ward | None = None):
    rows = Support.objects.approved()
    if year is not None:
        rows = rows.for_year(year)
    if ward is not None:
        rows = rows.filter(ward__in=_territory_ids(ward))
    return rows


def _works(*, year: int | None = None, ward: Ward | None = None):
    rows = CommunityWork.objects.approved()
    if year is not None:
        rows = rows.for_year(year)
    if ward is not None:
        rows = rows.filter(ward__in=_territory_ids(ward))
    return rows


def _summary_rows(model, *, year: int | None, ward: Ward | None):
    """Rows of a summary table (see `campaigns.summaries`) for the city or one unit.

    `ward=None` reads the whole-portal rows (ward NULL), so a year costs a few rows
    instead of a scan over every record of the year; a unit reads its territory's rows.
    """
    rows = model.objects.all()
    if ward is None:
        rows = rows.filter(ward__isnull=True)
    else:
        rows = rows.filter(ward__in=_territory_ids(ward))
    if year is not None:
        rows = rows.filter(year=year)
    return rows


def _result_summary(*, year: int | None = None, ward: Ward | None = None):
    """Precomputed sums of `_results()` per ward, year and poverty standard."""
    return _summary_rows(ResultSummary, year=year, ward=ward)


def _goal_summary(*, year: int | None = None, ward: Ward | None = None):
    """Precomputed counts of `_goal_results()` per ward, year and goal."""
    return _summary_rows(GoalSummary, year=year, ward=ward)


def _work_summary(*, year: int | None = None, ward: Ward | None = None):
    """Precomputed sums of `_works()` per ward, year and kind."""
    return _summary_rows(WorkSummary, year=year, ward=ward)


def _fund_summary(*, ward: Ward | None = None):
    """Precomputed sums of approved donations and supports per ward and year.

    `ward=None` reads the whole-portal rows (city fund and ward funds); a unit reads its
    own ward fund and the supports paid in it, as `_donations()`/`_supports()` count them.
    The city fund's own rows (ward NULL, not a total) make the whole-portal row differ
    from the other summaries', hence no `_summary_rows()`.
    """
    rows = FundSummary.objects.all()
    if ward is None:
        return rows.filter(is_total=True)
    return rows.filter(is_total=False, ward__in=_territory_ids(ward))


FUND_SUMMED = {name: _sum(name) for name in FUND_COLUMNS}


GOAL_SUMMED = {"reporting": _sum("reporting"), "achieved": _sum("achieved")}

GOAL_COUNTS = {
    "reporting": Count("pk"),
    "achieved": Count("pk", filter=Q(achieved=True)),
}

RESULT_AGGREGATES = {
    "areas": Count("pk"),
    "households": _sum("households"),
    "cultural_families_recognised": _sum("cultural_families_recognised"),
    "cultural_title_areas": Count("pk", filter=Q(cultural_title=True)),
    "poor_households": _sum("poor_households"),
    "near_poor_households": _sum("near_poor_households"),
    "festival_areas": Count("pk", filter=Q(festival_held=True)),
}

# The same figures summed from the summary tables.
RESULT_SUMMED = {name: _sum(name) for name in RESULT_AGGREGATES}


# --- Dataclasses --------------------------------------------------------------------


@dataclass(frozen=True)
class WardRef:
    """A unit as public pages name and link it."""

    pk: int
    slug: str
    name: str
    code: str
    kind: str
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None

    @property
    def kind_label(self) -> str:
        return str(WardKindChoices(self.kind).label)

    @property
    def is_current(self) -> bool:
        return self.valid_to is None or self.valid_to >= datetime.date.today()

    def in_force_for_year(self, year: int) -> bool:
        day = year_reference_date(year)
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )


WARD_REF_FIELDS = ("pk", "slug", "name", "code", "kind", "valid_from", "valid_to")


def _ward_ref(row: dict, prefix: str = "") -> WardRef:
    return WardRef(**{name: row[prefix + name] for name in WARD_REF_FIELDS})


PAGE_SIZE = 50


@dataclass(frozen=True)
class Page:
    """One page of a long list: its items and where it sits among the pages."""

    number: int
    count: int
    items: tuple = ()
    size: int = PAGE_SIZE

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // self.size))

    @property
    def has_other_pages(self) -> bool:
        return self.num_pages > 1

    @property
    def previous_number(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next_number(self) -> int | None:
        return self.number + 1 if self.number < self.num_pages else None

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.size + 1 if self.count else 0

    @property
    def end_index(self) -> int:
        return min(self.number * self.size, self.count)

    def numbers(self) -> list[int | None]:
        """Page numbers to link: first, last and two around this one; None is a gap."""
        wanted = {1, self.num_pages, *range(self.number - 2, self.number + 3)}
        shown, previous = [], 0
        for n in sorted(n for n in wanted if 1 <= n <= self.num_pages):
            if n > previous + 1:
                shown.append(None)
            shown.append(n)
            previous = n
        return shown


class PageNotFound(LookupError):
    """A page number past the last page."""


def _page_bounds(number: int, count: int) -> tuple[int, int]:
    """Slice bounds of page `number`; PageNotFound past the last (page 1 always exists)."""
    if number < 1 or (number - 1) * PAGE_SIZE >= max(count, 1):
        raise PageNotFound(number)
    return (number - 1) * PAGE_SIZE, number * PAGE_SIZE


def units_page(*, year: int, number: int) -> Page:
    """Page `number` of the units in force in `year`, in the order of `_units_in_force`.

    Raises PageNotFound past the last page.
    """

    def compute():
        units = Ward.objects.in_force_for_year(year).order_by("code", "name")
        count = units.count()
        start, end = _page_bounds(number, count)
        items = tuple(
            _ward_ref(row) for row in units.values(*WARD_REF_FIELDS)[start:end]
        )
        return Page(number=number, count=count, items=items, size=PAGE_SIZE)

    return cached("units-page", year, number, compute=compute)


class HouseholdRates:
    """Shares of households, as percentages with one decimal, for rows that carry the counts."""

    households: int
    cultural_families_recognised: int
    poor_households: int
    near_poor_households: int

    @property
    def cultural_family_rate(self) -> Decimal | None:
        return share(self.cultural_families_recognised, self.households)

    @property
    def poor_rate(self) -> Decimal | None:
        return share(self.poor_households, self.households)

    @property
    def near_poor_rate(self) -> Decimal | None:
        return share(self.near_poor_households, self.households)


@dataclass(frozen=True)
class ResultTotals(HouseholdRates):
    """Sums over approved yearly results; shares are percentages with one decimal."""

    areas: int = 0
    households: int = 0
    cultural_families_recognised: int = 0
    cultural_title_areas: int = 0
    poor_households: int = 0
    near_poor_households: int = 0
    festival_areas: int = 0

    @property
    def has_data(self) -> bool:
        return self.areas > 0

    @property
    def cultural_title_share(self) -> Decimal | None:
        return share(self.cultural_title_areas, self.areas)

    @property
    def festival_share(self) -> Decimal | None:
        return share(self.festival_areas, self.areas)


def _result_totals(row: dict | None) -> ResultTotals:
    if not row:
        return ResultTotals()
    return ResultTotals(**{name: row[name] or 0 for name in RESULT_AGGREGATES})


@dataclass(frozen=True)
class FundTotals:
    """Money raised (cash and in kind) and spent by the poverty fund, and houses."""

    raised: int = 0
    in_kind: int = 0
    donations: int = 0
    spent: int = 0
    supports: int = 0
    houses_built: int = 0
    houses_repaired: int = 0

    @property
    def has_data(self) -> bool:
        return bool(self.donations or self.supports)


@dataclass(frozen=True)
class StandardRef:
    code: str
    name: str
    valid_from_year: int
    valid_to_year: int | None


@dataclass(frozen=True)
class CityOverview:
    """Headline figures of `year` and cumulated from `first_year` to `year`."""

    year: int
    first_year: int | None
    results: ResultTotals
    standards: tuple[StandardRef, ...]
    fund_year: FundTotals
    fund_cumulative: FundTotals
    roads_m_year: int
    roads_m_cumulative: int

    @property
    def has_data(self) -> bool:
        return self.results.has_data or self.fund_year.has_data or self.roads_m_year > 0

    @property
    def roads_km_year(self) -> Decimal:
        return metres_to_km(self.roads_m_year)

    @property
    def roads_km_cumulative(self) -> Decimal:
        return metres_to_km(self.roads_m_cumulative)


@dataclass(frozen=True)
class WardSummary:
    ward: WardRef
    results: ResultTotals
    fund: FundTotals
    roads_m: int

    @property
    def roads_km(self) -> Decimal:
        return metres_to_km(self.roads_m)


@dataclass(frozen=True)
class AreaSummary(HouseholdRates):
    """One residential area's approved result of a year."""

    slug: str
    name: str
    ward_name: str
    ward_slug: str
    households: int
    cultural_families_recognised: int
    cultural_title: bool
    poor_households: int
    near_poor_households: int
    festival_held: bool
    committee_score: int | None
    committee_grade: str


@dataclass(frozen=True)
class YearResults:
    """Totals of one year; `standard_codes` are the poverty standards the year was counted under."""

    year: int
    standard_codes: tuple[str, ...]
    totals: ResultTotals


@dataclass(frozen=True)
class AreaYear(HouseholdRates):
    year: int
    standard_code: str
    households: int
    cultural_families_registered: int
    cultural_families_recognised: int
    cultural_title: bool
    poor_households: int
    near_poor_households: int
    festival_held: bool
    committee_score: int | None
    committee_grade: str


@dataclass(frozen=True)
class TrendPoint:
    """One year of the poverty trend; `breaks` is True where the standard changed."""

    year: int
    standard_code: str
    poor_rate: Decimal | None
    near_poor_rate: Decimal | None
    breaks: bool
    previous_standard_code: str = ""


@dataclass(frozen=True)
class GoalStat:
    number: int
    name: str
    target: str
    reporting: int
    achieved: int

    @property
    def share(self) -> Decimal | None:
        return share(self.achieved, self.reporting)


@dataclass(frozen=True)
class ContentGoals:
    number: int
    short_name: str
    name: str
    goals: tuple[GoalStat, ...]


@dataclass(frozen=True)
class GoalWardStat:
    ward: WardRef
    goal_number: int
    reporting: int
    achieved: int

    @property
    def share(self) -> Decimal | None:
        return share(self.achieved, self.reporting)


@dataclass(frozen=True)
class GoalYearStat:
    year: int
    goal_number: int
    reporting: int
    achieved: int

    @property
    def share(self) -> Decimal | None:
        return share(self.achieved, self.reporting)


@dataclass(frozen=True)
class AreaGoal:
    year: int
    goal_number: int
    achieved: bool
    value: Decimal | None


@dataclass(frozen=True)
class FundYear:
    year: int
    totals: FundTotals


@dataclass(frozen=True)
class CategorySpending:
    category: str
    supports: int
    amount: int
    houses_built: int
    houses_repaired: int

    @property
    def label(self) -> str:
        return str(SupportCategoryChoices(self.category).label)


@dataclass(frozen=True)
class WardFund:
    ward: WardRef
    totals: FundTotals


@dataclass(frozen=True)
class HousesYear:
    year: int
    built: int
    repaired: int

    @property
    def total(self) -> int:
        return self.built + self.repaired


@dataclass(frozen=True)
class NamedDonor:
    """A donor who agreed to be named, with the total of those consented donations."""

    name: str
    kind: str
    donations: int
    amount: int
    in_kind: int

    @property
    def kind_label(self) -> str:
        return str(DonorKindChoices(self.kind).label)


@dataclass(frozen=True)
class WorkTotals:
    works: int = 0
    length_m: int = 0
    area_m2: int = 0
    people_money: int = 0
    labour_days: int = 0
    land_donated_m2: int = 0
    state_budget: int = 0
    other_funding: int = 0

    @property
    def length_km(self) -> Decimal:
        return metres_to_km(self.length_m)


# Community works summed from `WorkSummary` (per ward, year and kind).
WORK_AGGREGATES = {name: _sum(name) for name in WORK_COLUMNS}


def _work_totals(row: dict | None) -> WorkTotals:
    if not row:
        return WorkTotals()
    return WorkTotals(**{name: row[name] or 0 for name in WORK_AGGREGATES})


@dataclass(frozen=True)
class WorkKind:
    kind: str
    totals: WorkTotals

    @property
    def label(self) -> str:
        return str(CommunityWorkKindChoices(self.kind).label)


@dataclass(frozen=True)
class WorksSummary:
    """Community works of a year by kind; `total` adds them up."""

    year: int
    kinds: tuple[WorkKind, ...]
    total: WorkTotals
    roads_m: int
    cultural_houses: int

    @property
    def roads_km(self) -> Decimal:
        return metres_to_km(self.roads_m)


@dataclass(frozen=True)
class WardWorks:
    ward: WardRef
    totals: WorkTotals
    roads_m: int
    cultural_houses: int

    @property
    def roads_km(self) -> Decimal:
        return metres_to_km(self.roads_m)


@dataclass(frozen=True)
class WorksYear:
    year: int
    totals: WorkTotals
    roads_m: int
    cultural_houses: int

    @property
    def roads_km(self) -> Decimal:
        return metres_to_km(self.roads_m)


@dataclass(frozen=True)
class WardEntry:
    """A unit in the directory, with the units it became and came from."""

    ward: WardRef
    successors: tuple[WardRef, ...] = ()
    predecessors: tuple[WardRef, ...] = ()
    has_external_predecessor: bool = False
    external_predecessor_note: str = ""
    legal_basis: str = ""

    @property
    def history_is_partial(self) -> bool:
        return self.has_external_predecessor


@dataclass(frozen=True)
class AreaRef:
    slug: str
    name: str
    ward_name: str


@dataclass(frozen=True)
class AreaDetail:
    pk: int
    slug: str
    name: str
    kind: str
    ward: WardRef
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    predecessors: tuple[AreaRef, ...] = ()
    successors: tuple[AreaRef, ...] = ()


@dataclass(frozen=True)
class SearchResults:
    query: str
    wards: tuple[WardRef, ...] = ()
    areas: tuple[AreaRef, ...] = field(default_factory=tuple)

    @property
    def count(self) -> int:
        return len(self.wards) + len(self.areas)


# --- Years and status ---------------------------------------------------------------


def available_years() -> tuple[int, ...]:
    """Years (ascending) with at least one approved yearly result, fund record or work."""

    def compute():
        years = set(
            _result_summary().order_by().values_list("year", flat=True).distinct()
        )
        return tuple(sorted(years | _years_with_records()))

    return cached("available-years", compute=compute)


def _years_with_records() -> set[int]:
    """Years with an approved donation, support or community work: two indexed queries.

    DISTINCT over a million fund rows scans them all; instead the date bounds come
    from the (date, status) and (year, status) indexes, and one EXISTS per candidate
    year probes the same indexes.
    """
    quote = connection.ops.quote_name
    donation, support, work = (
        quote(model._meta.db_table) for model in (Donation, Support, CommunityWork)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT MIN(date) FROM {donation} WHERE status = %s),"
            f" (SELECT MAX(date) FROM {donation} WHERE status = %s),"
            f" (SELECT MIN(date) FROM {support} WHERE status = %s),"
            f" (SELECT MAX(date) FROM {support} WHERE status = %s),"
            f" (SELECT MIN(year) FROM {work} WHERE status = %s),"
            f" (SELECT MAX(year) FROM {work} WHERE status = %s)",
            [APPROVED] * 6,
        )
        bounds = cursor.fetchone()
        candidates = set()
        for first, last in zip(bounds[0::2], bounds[1::2], strict=True):
            if first is not None:
                first = getattr(first, "year", first)
                last = getattr(last, "year", last)
                if isinstance(first, str):  # SQLite hands dates back as text
                    first, last = int(first[:4]), int(last[:4])
                candidates.update(range(first, last + 1))
        if not candidates:
            return set()
        rows, params = [], []
        for year in sorted(candidates):
            rows.append("SELECT %s AS y, %s AS f, %s AS l")
            params += [year, *_year_range(year)]
        cursor.execute(
            f"SELECT v.y FROM ({' UNION ALL '.join(rows)}) v WHERE"
            f" EXISTS (SELECT 1 FROM {donation} d WHERE d.status = %s"
            " AND d.date >= v.f AND d.date <= v.l)"
            f" OR EXISTS (SELECT 1 FROM {support} s WHERE s.status = %s"
            " AND s.date >= v.f AND s.date <= v.l)"
            f" OR EXISTS (SELECT 1 FROM {work} w WHERE w.status = %s AND w.year = v.y)",
            [*params, APPROVED, APPROVED, APPROVED],
        )
        return {row[0] for row in cursor.fetchall()}


def latest_year() -> int | None:
    """The latest year with approved data: the default year of every public page."""
    years = available_years()
    return years[-1] if years else None


def demo_data_present() -> bool:
    """True when approved public data includes rows made by `seed_demo`."""

    def compute():
        return any(
            rows.filter(is_demo=True).exists()
            for rows in (_results(), _donations(), _supports(), _works())
        )

    # A tuple, because the cache cannot tell a stored False from a miss.
    return cached("demo-present", compute=lambda: (compute(),))[0]


def last_approved_at() -> datetime.datetime | None:
    """When the latest approved public record was approved (None without any)."""

    def compute():
        moments = [
            rows.aggregate(last=Max("approved_at"))["last"]
            for rows in (_donations(), _supports(), _works())
        ]
        moments.append(
            _result_summary().aggregate(last=Max("last_approved_at"))["last"]
        )
        return (max((m for m in moments if m), default=None),)

    return cached("last-approved", compute=compute)[0]


def poverty_standards() -> tuple[StandardRef, ...]:
    """Every poverty standard with its years, oldest first."""

    def compute():
        return tuple(
            StandardRef(**row)
            for row in PovertyStandard.objects.order_by("valid_from_year").values(
                "code", "name", "valid_from_year", "valid_to_year"
            )
        )

    return cached("standards", compute=compute)


# --- Units and areas ----------------------------------------------------------------


def ward_directory() -> tuple[WardEntry, ...]:
    """Every unit, current ones first, each with its successors and predecessors."""

    def compute():
        extra = {
            row["pk"]: row
            for row in Ward.objects.order_by(
                F("valid_to").desc(nulls_first=True), "code"
            ).values(
                *WARD_REF_FIELDS,
                "has_external_predecessor",
                "external_predecessor_note",
            )
        }
        wards = {pk: _ward_ref(row) for pk, row in extra.items()}
        successors, predecessors = defaultdict(list), defaultdict(list)
        basis = {}
        for link in WardSuccession.objects.order_by("successor__code").values(
            "predecessor_id", "successor_id", "legal_basis"
        ):
            successors[link["predecessor_id"]].append(wards[link["successor_id"]])
            predecessors[link["successor_id"]].append(wards[link["predecessor_id"]])
            basis[link["predecessor_id"]] = link["legal_basis"]
            basis[link["successor_id"]] = link["legal_basis"]
        return tuple(
            WardEntry(
                ward=ref,
                successors=tuple(successors[pk]),
                predecessors=tuple(sorted(predecessors[pk], key=lambda w: w.code)),
                has_external_predecessor=extra[pk]["has_external_predecessor"],
                external_predecessor_note=extra[pk]["external_predecessor_note"],
                legal_basis=basis.get(pk, ""),
            )
            for pk, ref in wards.items()
        )

    return cached("ward-directory", compute=compute)


def directory_page(*, number: int) -> Page:
    """Page `number` of `ward_directory()`, in its order; PageNotFound past the end."""

    def compute():
        wards = Ward.objects.order_by(F("valid_to").desc(nulls_first=True), "code")
        count = wards.count()
        start, end = _page_bounds(number, count)
        return Page(
            number=number,
            count=count,
            items=tuple(_ward_entries(list(wards[start:end]))),
            size=PAGE_SIZE,
        )

    return cached("directory-page", number, compute=compute)


def ward_detail(*, slug: str) -> tuple[Ward, WardEntry] | None:
    """The unit with `slug` and its directory entry, or None when there is none."""
    ward = Ward.objects.filter(slug=slug).first()
    if ward is None:
        return None
    return ward, cached("ward-entry", ward.pk, compute=lambda: _ward_entries([ward])[0])


def territory_directory(*, ward: Ward) -> tuple[WardEntry, ...]:
    """The directory entries of `ward` and every unit it succeeded (its territory).

    Equal to the matching entries of `ward_directory()`, for pages that need a few
    units and not all of them (10,000 at nation scale).
    """

    def compute():
        units = list(Ward.objects.filter(pk__in=_territory_ids(ward)).order_by("pk"))
        return tuple(_ward_entries(units))

    return cached("territory-directory", ward.pk, compute=compute)


def _ward_entries(wards: list[Ward]) -> list[WardEntry]:
    """`ward_directory()`'s entries of `wards`, read from their own links (one query)."""
    pks = [ward.pk for ward in wards]
    successors, predecessors = defaultdict(list), defaultdict(list)
    basis = {}
    fields = [
        f"{side}__{name}"
        for side in ("predecessor", "successor")
        for name in WARD_REF_FIELDS
    ]
    for link in (
        WardSuccession.objects.filter(Q(predecessor__in=pks) | Q(successor__in=pks))
        .order_by("successor__code")
        .values("predecessor_id", "successor_id", "legal_basis", *fields)
    ):
        successors[link["predecessor_id"]].append(_ward_ref(link, "successor__"))
        predecessors[link["successor_id"]].append(_ward_ref(link, "predecessor__"))
        basis[link["predecessor_id"]] = link["legal_basis"]
        basis[link["successor_id"]] = link["legal_basis"]
    return [
        WardEntry(
            ward=WardRef(*(getattr(ward, name) for name in WARD_REF_FIELDS)),
            successors=tuple(successors[ward.pk]),
            predecessors=tuple(sorted(predecessors[ward.pk], key=lambda w: w.code)),
            has_external_predecessor=ward.has_external_predecessor,
            external_predecessor_note=ward.external_predecessor_note,
            legal_basis=basis.get(ward.pk, ""),
        )
        for ward in wards
    ]


def area_detail(*, slug: str) -> AreaDetail | None:
    """An approved residential area with its predecessor and successor areas, or None."""

    def compute():
        area = (
            ResidentialArea.objects.approved()
            .filter(slug=slug)
            .select_related("ward")
            .first()
        )
        if area is None:
            return (None,)
        # The links first, then the linked areas by primary key: an OR of two
        # subqueries made PostgreSQL scan every area (100,000 at nation scale).
        links = list(
            ResidentialArea.successors.through.objects.filter(
                Q(from_residentialarea=area) | Q(to_residentialarea=area)
            ).values_list("from_residentialarea", "to_residentialarea")
        )
        linked = ResidentialArea.objects.approved().filter(
            pk__in={pk for link in links for pk in link}
        )
        successor_ids = {to for source, to in links if source == area.pk}
        predecessors, successors = [], []
        for other in linked.exclude(pk=area.pk).values(
            "pk", "slug", "name", "ward__name"
        ):
            ref = AreaRef(other["slug"], other["name"], other["ward__name"])
            (successors if other["pk"] in successor_ids else predecessors).append(ref)
        ward = area.ward
        return (
            AreaDetail(
                pk=area.pk,
                slug=area.slug,
                name=area.name,
                kind=area.kind,
                ward=WardRef(
                    ward.pk,
                    ward.slug,
                    ward.name,
                    ward.code,
                    ward.kind,
                    ward.valid_from,
                    ward.valid_to,
                ),
                valid_from=area.valid_from,
                valid_to=area.valid_to,
                predecessors=tuple(predecessors),
                successors=tuple(successors),
            ),
        )

    return cached("area-detail", slug, compute=compute)[0]


class Fold(models.Func):
    """Lower case without Vietnamese diacritics, as `campaigns.text.fold` does in Python.

    SQLite calls `fold` itself (registered on each connection in `apps.py`); PostgreSQL
    uses `translate()` with a table built from `fold`, so both give the same text.
    """

    output_field = models.CharField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="PORTAL_FOLD", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        source, target = fold_translation_table()
        return f"translate({sql}, %s, %s)", (*params, source, target)


class InSubquery(models.Func):
    """`column IN (subquery)`; on PostgreSQL `column = ANY(ARRAY(subquery))`.

    PostgreSQL runs an ARRAY() subquery once, before the scan, so `OR`ed with an indexed
    condition both sides read an index (a BitmapOr); a plain IN (subquery) there is a
    filter checked on every row of a sequential scan.
    """

    output_field = models.BooleanField()
    conditional = True

    def as_sql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        subquery, subquery_params = compiler.compile(self.source_expressions[1])
        if connection.vendor == "postgresql":
            return f"{column} = ANY(ARRAY{subquery})", (*params, *subquery_params)
        return f"{column} IN {subquery}", (*params, *subquery_params)


_FOLD_TABLE: tuple[str, str] | None = None


def fold_translation_table() -> tuple[str, str]:
    """Characters (Latin letters with diacritics, and A–Z) and their folded letters."""
    global _FOLD_TABLE
    if _FOLD_TABLE is None:
        source, target = [], []
        for code in [*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
            char = chr(code)
            folded = fold(char)
            if len(folded) == 1 and folded.isascii() and folded != char:
                source.append(char)
                target.append(folded)
        _FOLD_TABLE = ("".join(source), "".join(target))
    return _FOLD_TABLE


SEARCH_LIMIT = 50
TRIGRAM = 3  # shorter words have no trigram for an index to look up


def search_places(*, query: str) -> SearchResults:
    """Units and approved residential areas whose name holds every word of `query`.

    Diacritics and case are ignored on SQLite and PostgreSQL alike. Not cached: the
    queries are few and each one is different.
    """
    words = fold(query).split()
    if not words:
        return SearchResults(query=query)
    ward_filter = Q()
    area_filter = Q()
    for word in words[:8]:
        ward_filter &= Q(folded__contains=word)
        if len(word) < TRIGRAM:
            # No trigram index can find it: test the unit's name on the rows the
            # other words found, through the join.
            area_filter &= Q(folded__contains=word) | Q(ward_folded__contains=word)
            continue
        # The unit's name through a subquery, not a join, so that on PostgreSQL both
        # sides use the trigram indexes on the folded names (migration 0007).
        in_named_ward = (
            Ward.objects.annotate(folded=Fold("name"))
            .filter(folded__contains=word)
            .order_by()
        )
        area_filter &= Q(folded__contains=word) | Q(
            InSubquery(F("ward_id"), Subquery(in_named_ward.values("pk")))
        )
    wards = (
        Ward.objects.annotate(folded=Fold("name"))
        .filter(ward_filter)
        .order_by(F("valid_to").desc(nulls_first=True), "name")
        .values(*WARD_REF_FIELDS)[:SEARCH_LIMIT]
    )
    areas = (
        ResidentialArea.objects.approved()
        .annotate(folded=Fold("name"), ward_folded=Fold("ward__name"))
        .filter(area_filter)
        .order_by(F("valid_to").desc(nulls_first=True), "ward__name", "name")
        .values("slug", "name", "ward__name")[:SEARCH_LIMIT]
    )
    return SearchResults(
        query=query,
        wards=tuple(_ward_ref(row) for row in wards),
        areas=tuple(AreaRef(r["slug"], r["name"], r["ward__name"]) for r in areas),
    )


def register_sqlite_fold(sender, connection, **kwargs):
    """`connection_created` receiver: give SQLite the `PORTAL_FOLD()` SQL function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "PORTAL_FOLD", 1, fold, deterministic=True
        )


# --- Yearly results -----------------------------------------------------------------


def city_overview(*, year: int, ward: Ward | None = None) -> CityOverview:
    """Headline figures of `year` for the city (or one unit), and fund/houses/roads since the start."""

    def compute():
        results = _result_totals(
            _aggregate(_result_summary(year=year, ward=ward), **RESULT_SUMMED)
        )
        standard_rows = (
            _result_summary(year=year, ward=ward)
            .values(
                "poverty_standard__code",
                "poverty_standard__name",
                "poverty_standard__valid_from_year",
                "poverty_standard__valid_to_year",
            )
            .distinct()
            .order_by("poverty_standard__valid_from_year")
        )
        standards = tuple(
            StandardRef(
                row["poverty_standard__code"],
                row["poverty_standard__name"],
                row["poverty_standard__valid_from_year"],
                row["poverty_standard__valid_to_year"],
            )
            for row in standard_rows
        )
        in_year = Q(year=year)
        fund = _aggregate(
            _fund_summary(ward=ward).filter(year__lte=year),
            first=Min("year"),
            **{f"{name}_year": _sum(name, filter=in_year) for name in FUND_COLUMNS},
            **FUND_SUMMED,
        )
        roads = _aggregate(
            _work_summary(ward=ward).filter(
                year__lte=year, kind=CommunityWorkKindChoices.ROAD
            ),
            year=_sum("length_m", filter=Q(year=year)),
            all=_sum("length_m"),
        )
        first_year = (
            _result_summary(ward=ward)
            .filter(year__lte=year)
            .aggregate(first=Min("year"))
        )["first"]
        firsts = [y for y in (first_year, fund["first"]) if y is not None]
        return CityOverview(
            year=year,
            first_year=min(firsts) if firsts else None,
            results=results,
            standards=standards,
            fund_year=FundTotals(
                **{name: fund[f"{name}_year"] for name in FUND_COLUMNS}
            ),
            fund_cumulative=FundTotals(**{name: fund[name] for name in FUND_COLUMNS}),
            roads_m_year=roads["year"],
            roads_m_cumulative=roads["all"],
        )

    return cached("city-overview", year, _key(ward), compute=compute)


def _units_in_force(year: int) -> list[WardRef]:
    return [
        _ward_ref(row)
        for row in Ward.objects.in_force_for_year(year)
        .order_by("code", "name")
        .values(*WARD_REF_FIELDS)
    ]


def _fund_by_unit(year: int, page: int | None = None) -> dict[int, FundTotals]:
    """Fund totals of `year` per unit in force (ward funds only; the city fund has no unit)."""

    def compute():
        _units, unit_of = _units_and_map(year, page)
        totals = defaultdict(lambda: defaultdict(int))
        rows = FundSummary.objects.filter(year=year, is_total=False, ward__isnull=False)
        for row in _grouped(_in_map(rows, unit_of, page), "ward", **FUND_SUMMED):
            unit = unit_of.get(row["ward"])
            if unit is not None:
                for name in FUND_COLUMNS:
                    totals[unit][name] += row[name]
        return {unit: FundTotals(**values) for unit, values in totals.items()}

    return cached("fund-by-unit", year, page, compute=compute)


def ward_summaries(*, year: int, page: int | None = None) -> tuple[WardSummary, ...]:
    """One row per unit in force in `year`: results, ward-fund totals and roads built."""

    def compute():
        units, unit_of = _units_and_map(year, page)
        results = defaultdict(lambda: defaultdict(int))
        for row in _grouped(
            _in_map(
                ResultSummary.objects.filter(year=year, ward__isnull=False),
                unit_of,
                page,
            ),
            "ward",
            **RESULT_SUMMED,
        ):
            unit = unit_of.get(row["ward"])
            if unit is not None:
                for name in RESULT_AGGREGATES:
                    results[unit][name] += row[name]
        roads = defaultdict(int)
        for row in _grouped(
            _in_map(
                WorkSummary.objects.filter(
                    year=year, ward__isnull=False, kind=CommunityWorkKindChoices.ROAD
                ),
                unit_of,
                page,
            ),
            "ward",
            length=_sum("length_m"),
        ):
            unit = unit_of.get(row["ward"])
            if unit is not None:
                roads[unit] += row["length"]
        fund = _fund_by_unit(year, page)
        return tuple(
            WardSummary(
                ward=ref,
                results=_result_totals(results.get(ref.pk)),
                fund=fund.get(ref.pk, FundTotals()),
                roads_m=roads[ref.pk],
            )
            for ref in units
        )

    return cached("ward-summaries", year, page, compute=compute)


def _grade_subquery(score_path: str):
    return Subquery(
        RatingGrade.objects.filter(
            min_score__lte=OuterRef(score_path), max_score__gte=OuterRef(score_path)
        )
        .order_by("-min_score")
        .values("name")[:1]
    )


# The columns of one residential area's yearly result that its rows show.
AREA_RESULT_FIELDS = (
    "households",
    "cultural_families_recognised",
    "cultural_title",
    "poor_households",
    "near_poor_households",
    "festival_held",
    "committee_score",
)


def _area_result_values(queryset, *extra: str):
    return queryset.annotate(grade=_grade_subquery("committee_score")).values(
        *extra, *AREA_RESULT_FIELDS, "grade"
    )


def _area_result_kwargs(row: dict) -> dict:
    return {
        **{name: row[name] for name in AREA_RESULT_FIELDS},
        "committee_grade": row["grade"] or "",
    }


def area_summaries(*, year: int, ward: Ward | None = None) -> tuple[AreaSummary, ...]:
    """One row per approved residential-area result of `year` (of the city or one unit)."""

    def compute():
        rows = _area_result_values(
            _results(year=year, ward=ward).order_by(
                "residential_area__ward__code", "residential_area__name"
            ),
            "residential_area__slug",
            "residential_area__name",
            "residential_area__ward__name",
            "residential_area__ward__slug",
        )
        return tuple(
            AreaSummary(
                slug=row["residential_area__slug"],
                name=row["residential_area__name"],
                ward_name=row["residential_area__ward__name"],
                ward_slug=row["residential_area__ward__slug"],
                **_area_result_kwargs(row),
            )
            for row in rows
        )

    return cached("area-summaries", year, _key(ward), compute=compute)


def results_by_year(*, ward: Ward | None = None) -> tuple[YearResults, ...]:
    """Totals of approved yearly results per year (city or one unit, rolled up), ascending."""

    def compute():
        rows = _grouped(
            _result_summary(ward=ward),
            "year",
            order=("year",),
            **RESULT_SUMMED,
            first_standard=Min("poverty_standard__valid_from_year"),
            last_standard=Max("poverty_standard__valid_from_year"),
        )
        code_from = {ref.valid_from_year: ref.code for ref in poverty_standards()}
        return tuple(
            YearResults(
                year=row["year"],
                standard_codes=tuple(
                    code_from[start]
                    for start in dict.fromkeys(
                        [row["first_standard"], row["last_standard"]]
                    )
                ),
                totals=_result_totals(row),
            )
            for row in rows
        )

    return cached("results-by-year", _key(ward), compute=compute)


def area_results_by_year(*, area: AreaDetail) -> tuple[AreaYear, ...]:
    """One approved residential area's yearly results, ascending."""

    def compute():
        rows = _area_result_values(
            AnnualResult.objects.approved()
            .filter(residential_area_id=area.pk)
            .order_by("year"),
            "year",
            "poverty_standard__code",
            "cultural_families_registered",
        )
        return tuple(
            AreaYear(
                year=row["year"],
                standard_code=row["poverty_standard__code"],
                cultural_families_registered=row["cultural_families_registered"],
                **_area_result_kwargs(row),
            )
            for row in rows
        )

    return cached("area-results", area.pk, compute=compute)


def poverty_rate_trend(
    *, ward: Ward | None = None, area: AreaDetail | None = None
) -> tuple[TrendPoint, ...]:
    """Poor and near-poor rates per year; `breaks` marks a year counted under a new standard.

    Rates under different standards are not comparable, so charts start a new line there.
    A year counted under two standards at once (mixed data) is shown under the later one.
    """
    if area is not None:
        series = [
            (row.year, row.standard_code, row.poor_rate, row.near_poor_rate)
            for row in area_results_by_year(area=area)
        ]
    else:
        series = [
            (
                row.year,
                row.standard_codes[-1],
                row.totals.poor_rate,
                row.totals.near_poor_rate,
            )
            for row in results_by_year(ward=ward)
        ]
    points, previous = [], ""
    for year, code, poor, near_poor in series:
        breaks = bool(previous) and code != previous
        points.append(
            TrendPoint(
                year=year,
                standard_code=code,
                poor_rate=poor,
                near_poor_rate=near_poor,
                breaks=breaks,
                previous_standard_code=previous if breaks else "",
            )
        )
        previous = code
    return tuple(points)


# --- Goals --------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalRef:
    number: int
    name: str
    measure: str
    target: str
    content_number: int
    content_short_name: str


def goal_catalogue() -> tuple[GoalRef, ...]:
    """The goals in order, each with its content (reference data staff may edit)."""

    def compute():
        return tuple(
            GoalRef(
                number=goal.number,
                name=goal.name,
                measure=goal.measure,
                target=goal.target,
                content_number=goal.content.number,
                content_short_name=goal.content.short_name,
            )
            for goal in Goal.objects.select_related("content").order_by("number")
        )

    return cached("goal-catalogue", compute=compute)


def goal_achievement_by_content(
    *, year: int, ward: Ward | None = None
) -> tuple[ContentGoals, ...]:
    """The 5 contents, each with its goals and how many areas reported and achieved them."""

    def compute():
        counts = {
            row["goal"]: row
            for row in _grouped(
                _goal_summary(year=year, ward=ward), "goal", **GOAL_SUMMED
            )
        }
        contents: dict[int, dict] = {}
        for goal in Goal.objects.select_related("content").order_by(
            "content__number", "number"
        ):
            content = contents.setdefault(
                goal.content.number,
                {
                    "number": goal.content.number,
                    "short_name": goal.content.short_name,
                    "name": goal.content.name,
                    "goals": [],
                },
            )
            row = counts.get(goal.pk, {})
            content["goals"].append(
                GoalStat(
                    number=goal.number,
                    name=goal.name,
                    target=goal.target,
                    reporting=row.get("reporting", 0),
                    achieved=row.get("achieved", 0),
                )
            )
        return tuple(
            ContentGoals(**{**content, "goals": tuple(content["goals"])})
            for content in contents.values()
        )

    return cached("goals-by-content", year, _key(ward), compute=compute)


def goal_achievement_by_ward(
    *, year: int, page: int | None = None
) -> tuple[GoalWardStat, ...]:
    """For each unit in force in `year` and each goal: areas reporting and achieving it."""

    def compute():
        units, unit_of = _units_and_map(year, page)
        counts = defaultdict(lambda: [0, 0])
        for row in _grouped(
            _in_map(
                GoalSummary.objects.filter(year=year, ward__isnull=False),
                unit_of,
                page,
            ),
            "ward",
            "goal__number",
            **GOAL_SUMMED,
        ):
            unit = unit_of.get(row["ward"])
            if unit is not None:
                counts[unit, row["goal__number"]][0] += row["reporting"]
                counts[unit, row["goal__number"]][1] += row["achieved"]
        numbers = list(Goal.objects.order_by("number").values_list("number", flat=True))
        return tuple(
            GoalWardStat(
                ward=ref,
                goal_number=number,
                reporting=counts[ref.pk, number][0],
                achieved=counts[ref.pk, number][1],
            )
            for number in numbers
            for ref in units
        )

    return cached("goals-by-ward", year, page, compute=compute)


def goal_achievement_by_year(*, ward: Ward | None = None) -> tuple[GoalYearStat, ...]:
    """For each year with results and each goal: areas reporting and achieving it."""

    def compute():
        return tuple(
            GoalYearStat(
                year=row["year"],
                goal_number=row["goal__number"],
                reporting=row["reporting"],
                achieved=row["achieved"],
            )
            for row in _grouped(
                _goal_summary(ward=ward),
                "year",
                "goal__number",
                order=("goal__number", "year"),
                **GOAL_SUMMED,
            )
        )

    return cached("goals-by-year", _key(ward), compute=compute)


def area_goals_by_year(*, area: AreaDetail) -> tuple[AreaGoal, ...]:
    """One residential area's goal results (achieved, measured value) per year and goal."""

    def compute():
        return tuple(
            AreaGoal(
                year=row["annual_result__year"],
                goal_number=row["goal__number"],
                achieved=row["achieved"],
                value=row["value"],
            )
            for row in GoalResult.objects.filter(
                annual_result__status=APPROVED,
                annual_result__residential_area_id=area.pk,
            )
            .order_by("annual_result__year", "goal__number")
            .values("annual_result__year", "goal__number", "achieved", "value")
        )

    return cached("area-goals", area.pk, compute=compute)


# --- Poverty fund -------------------------------------------------------------------


def fund_by_year(*, ward: Ward | None = None) -> tuple[FundYear, ...]:
    """Money raised (cash, in kind) and spent, supports and houses per year, ascending."""

    def compute():
        return tuple(
            FundYear(year=row.pop("year"), totals=FundTotals(**row))
            for row in _grouped(
                _fund_summary(ward=ward), "year", order=("year",), **FUND_SUMMED
            )
        )

    return cached("fund-by-year", _key(ward), compute=compute)


def fund_spending_by_category(
    *, year: int, ward: Ward | None = None
) -> tuple[CategorySpending, ...]:
    """Approved supports of `year` per category, in the order of the category list."""

    def compute():
        rows = {
            row["category"]: row
            for row in _grouped(
                _supports(year=year, ward=ward),
                "category",
                # COUNT(*): the covering index of approved supports has no id.
                supports=Count("*"),
                amount=_sum("amount"),
                houses_built=_sum("houses_built"),
                houses_repaired=_sum("houses_repaired"),
            )
        }
        return tuple(
            CategorySpending(
                category=str(category),
                supports=rows[category]["supports"],
                amount=rows[category]["amount"],
                houses_built=rows[category]["houses_built"],
                houses_repaired=rows[category]["houses_repaired"],
            )
            for category in SupportCategoryChoices.values
            if category in rows
        )

    return cached("spending-by-category", year, _key(ward), compute=compute)


def fund_spending_by_ward(
    *, year: int, page: int | None = None
) -> tuple[WardFund, ...]:
    """Ward-fund money raised and all money spent in `year`, per unit in force."""

    def compute():
        units, _unit_of = _units_and_map(year, page)
        fund = _fund_by_unit(year, page)
        return tuple(
            WardFund(ward=ref, totals=fund.get(ref.pk, FundTotals())) for ref in units
        )

    return cached("spending-by-ward", year, page, compute=compute)


def houses_by_year(*, ward: Ward | None = None) -> tuple[HousesYear, ...]:
    """Great-solidarity houses built and repaired per year (the figures of `fund_by_year`)."""
    return tuple(
        HousesYear(row.year, row.totals.houses_built, row.totals.houses_repaired)
        for row in fund_by_year(ward=ward)
        if row.totals.supports
    )


def named_donors(
    *, year: int, ward: Ward | None = None, page: int | None = None
) -> tuple[NamedDonor, ...]:
    """Donors of `year` who agreed to be named, largest first; other donors never appear."""

    def compute():
        rows = _named_donor_rows(year, ward)
        if page is not None:
            start, end = _page_bounds(page, named_donors_count(year=year, ward=ward))
            rows = rows[start:end]
        return tuple(
            NamedDonor(
                name=row["donor_name"],
                kind=row["donor_kind"],
                donations=row["donations"],
                amount=row["amount"],
                in_kind=row["in_kind"],
            )
            for row in _renamed(rows)
        )

    return cached("named-donors", year, _key(ward), page, compute=compute)


def named_donors_count(*, year: int, ward: Ward | None = None) -> int:
    """How many rows `named_donors()` has, for paging."""
    return cached(
        "named-donors-count",
        year,
        _key(ward),
        compute=lambda: _named_donor_rows(year, ward).count(),
    )


def _named_donor_rows(year: int, ward: Ward | None):
    return _grouped_query(
        _donations(year=year, ward=ward).filter(publish_donor_name=True),
        "donor_name",
        "donor_kind",
        order=("-amount", "donor_name", "donor_kind"),
        # COUNT(*), not COUNT(id): the id is not in the covering index of named donors.
        donations=Count("*"),
        amount=_sum("amount"),
        in_kind=_sum("in_kind_value"),
    )


# --- Community works ----------------------------------------------------------------


def community_works_summary(*, year: int, ward: Ward | None = None) -> WorksSummary:
    """Approved community works of `year` per kind, with totals, roads and cultural houses."""

    def compute():
        rows = {
            row["kind"]: row
            for row in _grouped(
                _work_summary(year=year, ward=ward), "kind", **WORK_AGGREGATES
            )
        }
        total = _aggregate(_work_summary(year=year, ward=ward), **WORK_AGGREGATES)
        road = rows.get(CommunityWorkKindChoices.ROAD, {})
        house = rows.get(CommunityWorkKindChoices.CULTURAL_HOUSE, {})
        return WorksSummary(
            year=year,
            kinds=tuple(
                WorkKind(kind=str(kind), totals=_work_totals(rows[kind]))
                for kind in CommunityWorkKindChoices.values
                if kind in rows
            ),
            total=_work_totals(total),
            roads_m=road.get("length_m", 0),
            cultural_houses=house.get("works", 0),
        )

    return cached("works-summary", year, _key(ward), compute=compute)


def _works_grouped(rows, group: str) -> dict:
    road_filter = Q(kind=CommunityWorkKindChoices.ROAD)
    return {
        row[group]: row
        for row in _grouped(
            rows,
            group,
            **WORK_AGGREGATES,
            roads_m=_sum("length_m", filter=road_filter),
            cultural_houses=_sum(
                "works", filter=Q(kind=CommunityWorkKindChoices.CULTURAL_HOUSE)
            ),
        )
    }


def community_works_by_ward(
    *, year: int, page: int | None = None
) -> tuple[WardWorks, ...]:
    """Community works of `year` per unit in force: roads, cultural houses, contributions."""

    def compute():
        units, unit_of = _units_and_map(year, page)
        sums = defaultdict(lambda: defaultdict(int))
        rows = _in_map(
            WorkSummary.objects.filter(year=year, ward__isnull=False), unit_of, page
        )
        for ward_id, row in _works_grouped(rows, "ward").items():
            unit = unit_of.get(ward_id)
            if unit is not None:
                for name in (*WORK_AGGREGATES, "roads_m", "cultural_houses"):
                    sums[unit][name] += row[name]
        result = []
        for ref in units:
            row = sums.get(ref.pk, {})
            result.append(
                WardWorks(
                    ward=ref,
                    totals=_work_totals(row),
                    roads_m=row.get("roads_m", 0),
                    cultural_houses=row.get("cultural_houses", 0),
                )
            )
        return tuple(result)

    return cached("works-by-ward", year, page, compute=compute)


def community_works_by_year(*, ward: Ward | None = None) -> tuple[WorksYear, ...]:
    """Community works per year (city or one unit, rolled up), ascending."""

    def compute():
        rows = _works_grouped(_work_summary(ward=ward), "year")
        return tuple(
            WorksYear(
                year=year,
                totals=_work_totals(row),
                roads_m=row["roads_m"],
                cultural_houses=row["cultural_houses"],
            )
            for year, row in sorted(rows.items())
        )

    return cached("works-by-year", _key(ward), compute=compute)


__all__ = [
    "available_years",
    "latest_year",
    "demo_data_present",
    "last_approved_at",
    "poverty_standards",
    "ward_directory",
    "ward_detail",
    "area_detail",
    "search_places",
    "city_overview",
    "ward_summaries",
    "area_summaries",
    "results_by_year",
    "area_results_by_year",
    "poverty_rate_trend",
    "goal_catalogue",
    "goal_achievement_by_content",
    "goal_achievement_by_ward",
    "goal_achievement_by_year",
    "area_goals_by_year",
    "fund_by_year",
    "fund_spending_by_category",
    "fund_spending_by_ward",
    "houses_by_year",
    "named_donors",
    "community_works_summary",
    "community_works_by_ward",
    "community_works_by_year",
]


# --- Yearly report workbook (issue 4) -----------------------------------------------
# Reads the report needs that no public page has. Kept in one block at the end so the
# branches merge simply; the report's public figures come from the selectors above.


@dataclass(frozen=True)
class StatusCount:
    """How many records of one kind, for the year and scope, are in each status."""

    label: str
    draft: int = 0
    submitted: int = 0
    approved: int = 0
    returned: int = 0

    @property
    def total(self) -> int:
        return self.draft + self.submitted + self.approved + self.returned


@dataclass(frozen=True)
class SupportBeneficiary:
    """One approved support of the year with its household. Staff only: personal data."""

    date: datetime.date
    ward_code: str
    ward_name: str
    area_name: str
    head_name: str
    id_number: str
    address: str
    household_status: str
    category: str
    amount: int
    houses_built: int
    houses_repaired: int
    decision_number: str


def report_approval_state(
    *, year: int, ward: Ward | None = None
) -> tuple[StatusCount, ...]:
    """Records of `year` (all statuses) per kind and status, for the report's cover."""
    from django.utils.translation import gettext as _

    def counts(rows, path):
        if ward is not None:
            rows = rows.filter(**{f"{path}__in": _territory_ids(ward)})
        return {
            row["status"]: row["n"]
            for row in rows.values("status").annotate(n=Count("pk")).order_by()
        }

    kinds = (
        (
            _("Yearly results"),
            AnnualResult.objects.for_year(year),
            "residential_area__ward",
        ),
        (_("Donations"), Donation.objects.for_year(year), "ward"),
        (_("Supports"), Support.objects.for_year(year), "ward"),
        (_("Community works"), CommunityWork.objects.for_year(year), "ward"),
    )
    return tuple(
        StatusCount(label=str(label), **counts(rows, path))
        for label, rows, path in kinds
    )


def support_beneficiaries(
    *, year: int, ward: Ward | None = None
) -> tuple[SupportBeneficiary, ...]:
    """Approved supports of `year` (the ones `city_overview` sums) with their households."""
    rows = (
        _supports(year=year, ward=ward)
        .order_by("ward__code", "date", "pk")
        .values_list(
            "date",
            "ward__code",
            "ward__name",
            "residential_area__name",
            "household__head_name",
            "household__id_number",
            "household__address",
            "household__household_status",
            "category",
            "amount",
            "houses_built",
            "houses_repaired",
            "decision_number",
        )
    )
    return tuple(
        SupportBeneficiary(*(value if value is not None else "" for value in row))
        for row in rows
    )
