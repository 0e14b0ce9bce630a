"""Public tables: each turns one selector's result into columns and rows.

The same `Table` is drawn as a chart, shown as an accessible HTML table, and written
as CSV/XLSX, so the three can never disagree. Tables with one row per unit (or per
named donor) take `page=`: a page shows `selectors.PAGE_SIZE` rows and links to the
others, while its downloads hold every row. `DATASETS` is the open-data catalogue;
its columns are the data dictionary (`/du-lieu/` and docs/data-dictionary.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns import selectors

YEAR, WARD, AREA, GOAL = "year", "ward", "area", "goal"


@dataclass(frozen=True)
class Column:
    """A column: `kind` is int, money (VND), percent, decimal, number, text, bool or year."""

    key: str
    label: str
    kind: str = "int"
    description: str = ""

    @property
    def unit(self) -> str:
        return {
            "money": _("VND"),
            "percent": "%",
        }.get(self.kind, "")

    @property
    def heading(self) -> str:
        """The label with its unit, as in the CSV/XLSX header: "Số tiền (đồng)"."""
        return f"{self.label} ({self.unit})" if self.unit else str(self.label)

    @property
    def numeric(self) -> bool:
        return self.kind in {"int", "money", "percent", "decimal", "number", "year"}


@dataclass
class Table:
    """Rows of one dataset for one set of parameters (year, unit, area, goal)."""

    dataset: Dataset
    title: str
    columns: tuple[Column, ...]
    rows: list[tuple]
    params: dict = field(default_factory=dict)
    links: list[str | None] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Set when the page shows one page of a long table; downloads always hold every row.
    page: selectors.Page | None = None
    page_param: str = "trang"

    def column(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def values(self, key: str) -> list:
        index = self.column(key)
        return [row[index] for row in self.rows]

    def download_url(self, fmt: str) -> str:
        return download_url(self.dataset.slug, fmt, self.params)

    @property
    def csv_url(self) -> str:
        return self.download_url("csv")

    @property
    def xlsx_url(self) -> str:
        return self.download_url("xlsx")

    @property
    def display_rows(self) -> list[tuple[str | None, list[tuple]]]:
        """(link of the first cell, [(value, column), …]) per row, for templates."""
        links = self.links or [None] * len(self.rows)
        return [
            (link, list(zip(row, self.columns, strict=True)))
            for row, link in zip(self.rows, links, strict=True)
        ]

    @property
    def filename(self) -> str:
        parts = [self.dataset.slug, *(str(v) for v in self.params.values())]
        return "-".join(parts)


@dataclass(frozen=True)
class Dataset:
    """An open-data table: its parameters, columns (the data dictionary) and builder."""

    slug: str
    title: str
    description: str
    params: frozenset
    columns: tuple[Column, ...]
    build: Callable[..., Table]
    required: frozenset = frozenset()


def download_url(slug: str, fmt: str, params: dict) -> str:
    """Where dataset `slug` downloads as `fmt` (csv, xlsx) for query `params`."""
    url = reverse("campaigns:dataset-download", kwargs={"dataset": slug, "fmt": fmt})
    return f"{url}?{urlencode(params)}" if params else url


def _ward_url(slug: str, year: int | None = None) -> str:
    url = reverse("campaigns:ward-detail", args=[slug])
    return f"{url}?nam={year}" if year else url


def _area_url(slug: str, year: int | None = None) -> str:
    return reverse("campaigns:area-detail", args=[slug])


def _params(*, year=None, ward=None, area=None, goal=None) -> dict:
    params = {}
    if year is not None:
        params["nam"] = year
    if ward is not None:
        params["don-vi"] = ward.slug
    if area is not None:
        params["khu-dan-cu"] = area.slug
    if goal is not None:
        params["muc-tieu"] = goal
    return params


def _units_page(year, page) -> selectors.Page | None:
    return None if page is None else selectors.units_page(year=year, number=page)


def _place(ward) -> str:
    return ward.name if ward is not None else _("Bắc Kạn city")


# --- Columns ------------------------------------------------------------------------

C_YEAR = Column("year", gettext_lazy("Year"), "year")
C_UNIT = Column("unit", gettext_lazy("Ward or commune"), "text")
C_AREA = Column("area", gettext_lazy("Residential area"), "text")
C_STANDARD = Column(
    "standard",
    gettext_lazy("Poverty standard"),
    "text",
    gettext_lazy(
        "The legal document whose poverty line the households were counted under."
    ),
)
C_AREAS = Column(
    "areas",
    gettext_lazy("Residential areas reporting"),
    "int",
    gettext_lazy("Approved yearly results."),
)
C_HOUSEHOLDS = Column("households", gettext_lazy("Households"))
C_CULTURAL_RATE = Column(
    "cultural_family_rate",
    gettext_lazy("Cultural families"),
    "percent",
    gettext_lazy('Families recognised as "Gia đình văn hóa" ÷ households.'),
)
C_TITLE_SHARE = Column(
    "cultural_title_share",
    gettext_lazy("Areas with the cultural title"),
    "percent",
    gettext_lazy(
        "Residential areas holding the cultural residential area title ÷ areas."
    ),
)
C_POOR_RATE = Column(
    "poor_rate",
    gettext_lazy("Poor households"),
    "percent",
    gettext_lazy("Poor households ÷ households."),
)
C_NEAR_POOR_RATE = Column(
    "near_poor_rate",
    gettext_lazy("Near-poor households"),
    "percent",
    gettext_lazy("Near-poor households ÷ households."),
)
C_FESTIVAL_SHARE = Column(
    "festival_share",
    gettext_lazy("Areas that held the festival"),
    "percent",
    gettext_lazy("Residential areas that held the Great Solidarity Festival ÷ areas."),
)
C_RAISED = Column(
    "raised",
    gettext_lazy("Money raised"),
    "money",
    gettext_lazy('Approved cash donations to the "Vì người nghèo" fund.'),
)
C_IN_KIND = Column(
    "in_kind",
    gettext_lazy("Donations in kind"),
    "money",
    gettext_lazy("Value of goods donated."),
)
C_DONATIONS = Column(
    "donations", gettext_lazy("Donations"), "int", gettext_lazy("Number of receipts.")
)
C_SPENT = Column(
    "spent",
    gettext_lazy("Money spent"),
    "money",
    gettext_lazy("Approved supports paid from the fund."),
)
C_SUPPORTS = Column(
    "supports", gettext_lazy("Supports"), "int", gettext_lazy("Number of supports.")
)
C_BUILT = Column(
    "houses_built",
    gettext_lazy("Houses built"),
    "int",
    gettext_lazy("New great-solidarity houses."),
)
C_REPAIRED = Column("houses_repaired", gettext_lazy("Houses repaired"), "int")
C_ROADS = Column(
    "roads_km",
    gettext_lazy("Concrete roads (km)"),
    "decimal",
    gettext_lazy("Length of roads completed."),
)
C_REPORTING = Column(
    "reporting",
    gettext_lazy("Areas reporting"),
    "int",
    gettext_lazy("Areas with an approved result."),
)
C_ACHIEVED = Column("achieved", gettext_lazy("Areas achieving"), "int")
C_SHARE = Column(
    "share",
    gettext_lazy("Share achieving"),
    "percent",
    gettext_lazy("Areas achieving the goal ÷ areas reporting."),
)
C_GOAL = Column(
    "goal", gettext_lazy("Goal"), "int", gettext_lazy("Number of the goal (1–10).")
)
C_GOAL_NAME = Column("goal_name", gettext_lazy("Goal wording"), "text")


# --- Builders -----------------------------------------------------------------------


def build_overview(*, dataset, year, ward=None) -> Table:
    data = selectors.city_overview(year=year, ward=ward)
    period = (
        f"{data.first_year}–{year}"
        if data.first_year and data.first_year < year
        else str(year)
    )
    r, fy, fc = data.results, data.fund_year, data.fund_cumulative
    standards = ", ".join(s.code for s in data.standards)
    rows = [
        (_("Money raised for the poverty fund"), fy.raised, _("VND"), str(year)),
        (_("Money raised for the poverty fund"), fc.raised, _("VND"), period),
        (_("Money spent by the poverty fund"), fy.spent, _("VND"), str(year)),
        (_("Great-solidarity houses built"), fy.houses_built, _("houses"), str(year)),
        (_("Great-solidarity houses built"), fc.houses_built, _("houses"), period),
        (_("Houses repaired"), fy.houses_repaired, _("houses"), str(year)),
        (_("Houses repaired"), fc.houses_repaired, _("houses"), period),
        (_("Residential areas reporting"), r.areas, _("areas"), str(year)),
        (_("Households"), r.households, _("households"), str(year)),
        (_("Cultural families"), r.cultural_family_rate, "%", str(year)),
        (_("Areas with the cultural title"), r.cultural_title_share, "%", str(year)),
        (
            _("Poor households (%(standard)s)") % {"standard": standards},
            r.poor_rate,
            "%",
            str(year),
        ),
        (
            _("Near-poor households (%(standard)s)") % {"standard": standards},
            r.near_poor_rate,
            "%",
            str(year),
        ),
        (_("Areas that held the festival"), r.festival_share, "%", str(year)),
        (_("Concrete roads built"), data.roads_km_year, "km", str(year)),
        (_("Concrete roads built"), data.roads_km_cumulative, "km", period),
    ]
    return Table(
        dataset,
        _("Headline figures, %(place)s, %(year)s")
        % {"place": _place(ward), "year": year},
        dataset.columns,
        rows,
        _params(year=year, ward=ward),
    )


def build_ward_summaries(*, dataset, year, page=None) -> Table:
    rows, links = [], []
    for item in selectors.ward_summaries(year=year, page=page):
        r, f = item.results, item.fund
        rows.append(
            (
                item.ward.name,
                item.ward.code,
                r.areas,
                r.households,
                r.cultural_family_rate,
                r.cultural_title_share,
                r.poor_rate,
                r.near_poor_rate,
                r.festival_share,
                f.raised,
                f.spent,
                f.houses_built,
                f.houses_repaired,
                item.roads_km,
            )
        )
        links.append(_ward_url(item.ward.slug, year))
    return Table(
        dataset,
        _("Wards and communes, %(year)s") % {"year": year},
        dataset.columns,
        rows,
        _params(year=year),
        links,
        page=_units_page(year, page),
    )


def build_area_summaries(*, dataset, year, ward=None) -> Table:
    rows, links = [], []
    for a in selectors.area_summaries(year=year, ward=ward):
        rows.append(
            (
                a.name,
                a.ward_name,
                a.households,
                a.cultural_family_rate,
                a.cultural_title,
                a.poor_households,
                a.poor_rate,
                a.near_poor_households,
                a.near_poor_rate,
                a.festival_held,
                a.committee_score,
                a.committee_grade,
            )
        )
        links.append(_area_url(a.slug))
    return Table(
        dataset,
        _("Residential areas, %(place)s, %(year)s")
        % {"place": _place(ward), "year": year},
        dataset.columns,
        rows,
        _params(year=year, ward=ward),
        links,
    )


def build_results_by_year(*, dataset, ward=None) -> Table:
    rows = [
        (
            item.year,
            " / ".join(item.standard_codes),
            item.totals.areas,
            item.totals.households,
            item.totals.cultural_family_rate,
            item.totals.cultural_title_share,
            item.totals.poor_rate,
            item.totals.near_poor_rate,
            item.totals.festival_share,
        )
        for item in selectors.results_by_year(ward=ward)
    ]
    return Table(
        dataset,
        _("Results by year, %(place)s") % {"place": _place(ward)},
        dataset.columns,
        rows,
        _params(ward=ward),
    )


def break_note(point) -> str:
    return _(
        "From %(year)s households are counted under %(new)s instead of %(old)s; "
        "rates before and after are not comparable."
    ) % {
        "year": point.year,
        "new": point.standard_code,
        "old": point.previous_standard_code,
    }


def build_poverty_trend(*, dataset, ward=None, area=None) -> Table:
    points = selectors.poverty_rate_trend(ward=ward, area=area)
    rows = [
        (
            p.year,
            p.standard_code,
            p.poor_rate,
            p.near_poor_rate,
            break_note(p) if p.breaks else "",
        )
        for p in points
    ]
    place = area.name + " – " + area.ward.name if area is not None else _place(ward)
    return Table(
        dataset,
        _("Poor- and near-poor-household rates, %(place)s") % {"place": place},
        dataset.columns,
        rows,
        _params(ward=ward, area=area),
        notes=[break_note(p) for p in points if p.breaks],
    )


def build_area_results(*, dataset, area) -> Table:
    rows = [
        (
            r.year,
            r.standard_code,
            r.households,
            r.cultural_families_registered,
            r.cultural_families_recognised,
            r.cultural_family_rate,
            r.cultural_title,
            r.poor_households,
            r.poor_rate,
            r.near_poor_households,
            r.near_poor_rate,
            r.festival_held,
            r.committee_score,
            r.committee_grade,
        )
        for r in selectors.area_results_by_year(area=area)
    ]
    return Table(
        dataset,
        _("Yearly results, %(area)s – %(ward)s")
        % {"area": area.name, "ward": area.ward.name},
        dataset.columns,
        rows,
        _params(area=area),
    )


def build_area_goals(*, dataset, area) -> Table:
    names = _goal_names()
    rows = [
        (g.year, g.goal_number, names.get(g.goal_number, ""), g.achieved, g.value)
        for g in selectors.area_goals_by_year(area=area)
    ]
    return Table(
        dataset,
        _("Goal results, %(area)s – %(ward)s")
        % {"area": area.name, "ward": area.ward.name},
        dataset.columns,
        rows,
        _params(area=area),
    )


def _goal_names() -> dict[int, str]:
    return {goal.number: goal.name for goal in selectors.goal_catalogue()}


def build_goals(*, dataset, year, ward=None) -> Table:
    rows, links = [], []
    for content in selectors.goal_achievement_by_content(year=year, ward=ward):
        for goal in content.goals:
            rows.append(
                (
                    content.number,
                    content.short_name,
                    goal.number,
                    goal.name,
                    goal.reporting,
                    goal.achieved,
                    goal.share,
                )
            )
            links.append(None)
    return Table(
        dataset,
        _("Goals achieved, %(place)s, %(year)s")
        % {"place": _place(ward), "year": year},
        dataset.columns,
        rows,
        _params(year=year, ward=ward),
    )


def build_goals_by_ward(*, dataset, year, goal=None, page=None) -> Table:
    rows, links = [], []
    for item in selectors.goal_achievement_by_ward(year=year, page=page):
        if goal is not None and item.goal_number != goal:
            continue
        rows.append(
            (
                item.goal_number,
                item.ward.name,
                item.reporting,
                item.achieved,
                item.share,
            )
        )
        links.append(None)
    title = (
        _("Goal %(goal)s by ward or commune, %(year)s") % {"goal": goal, "year": year}
        if goal
        else _("Goals by ward or commune, %(year)s") % {"year": year}
    )
    return Table(
        dataset,
        title,
        dataset.columns,
        rows,
        _params(year=year, goal=goal),
        links,
        page=_units_page(year, page),
    )


def build_goals_by_year(*, dataset, ward=None, goal=None) -> Table:
    rows = [
        (item.goal_number, item.year, item.reporting, item.achieved, item.share)
        for item in selectors.goal_achievement_by_year(ward=ward)
        if goal is None or item.goal_number == goal
    ]
    title = (
        _("Goal %(goal)s by year, %(place)s") % {"goal": goal, "place": _place(ward)}
        if goal
        else _("Goals by year, %(place)s") % {"place": _place(ward)}
    )
    return Table(dataset, title, dataset.columns, rows, _params(ward=ward, goal=goal))


def build_fund_by_year(*, dataset, ward=None) -> Table:
    rows = [
        (
            item.year,
            item.totals.raised,
            item.totals.in_kind,
            item.totals.donations,
            item.totals.spent,
            item.totals.supports,
            item.totals.houses_built,
            item.totals.houses_repaired,
        )
        for item in selectors.fund_by_year(ward=ward)
    ]
    notes = []
    if ward is not None:
        notes.append(
            _(
                "For a ward or commune: its own ward fund; the city fund is not included."
            )
        )
    return Table(
        dataset,
        _('"Vì người nghèo" fund by year, %(place)s') % {"place": _place(ward)},
        dataset.columns,
        rows,
        _params(ward=ward),
        notes=notes,
    )


def build_spending_by_category(*, dataset, year, ward=None) -> Table:
    rows = [
        (
            item.label,
            item.supports,
            item.amount,
            item.houses_built,
            item.houses_repaired,
        )
        for item in selectors.fund_spending_by_category(year=year, ward=ward)
    ]
    return Table(
        dataset,
        _("Fund spending by category, %(place)s, %(year)s")
        % {"place": _place(ward), "year": year},
        dataset.columns,
        rows,
        _params(year=year, ward=ward),
    )


def build_fund_by_ward(*, dataset, year, page=None) -> Table:
    rows, links = [], []
    for item in selectors.fund_spending_by_ward(year=year, page=page):
        t = item.totals
        rows.append(
            (
                item.ward.name,
                t.raised,
                t.in_kind,
                t.donations,
                t.spent,
                t.supports,
                t.houses_built,
                t.houses_repaired,
            )
        )
        links.append(_ward_url(item.ward.slug, year))
    return Table(
        dataset,
        _("Fund by ward or commune, %(year)s") % {"year": year},
        dataset.columns,
        rows,
        _params(year=year),
        links,
        notes=[
            _(
                "Money raised counts each ward's own fund; donations to the city fund "
                "belong to no ward. Money spent counts supports in the ward from either fund."
            )
        ],
        page=_units_page(year, page),
    )


def build_houses(*, dataset, ward=None) -> Table:
    rows = [
        (item.year, item.built, item.repaired, item.total)
        for item in selectors.houses_by_year(ward=ward)
    ]
    return Table(
        dataset,
        _("Great-solidarity houses by year, %(place)s") % {"place": _place(ward)},
        dataset.columns,
        rows,
        _params(ward=ward),
    )


def build_donors(*, dataset, year, ward=None, page=None) -> Table:
    rows = [
        (d.name, d.kind_label, d.donations, d.amount, d.in_kind)
        for d in selectors.named_donors(year=year, ward=ward, page=page)
    ]
    return Table(
        dataset,
        _("Donors who agreed to be named, %(place)s, %(year)s")
        % {"place": _place(ward), "year": year},
        dataset.columns,
        rows,
        _params(year=year, ward=ward),
        notes=[_("Donors who did not agree to be named are counted but never listed.")],
        page=None
        if page is None
        else selectors.Page(
            number=page,
            count=selectors.named_donors_count(year=year, ward=ward),
            size=selectors.PAGE_SIZE,
        ),
        page_param="trang-nha-hao-tam",
    )


def _work_row(label, totals):
    return (
        label,
        totals.works,
        totals.length_km,
        totals.area_m2,
        totals.people_money,
        totals.labour_days,
        totals.land_donated_m2,
        totals.state_budget,
        totals.other_funding,
    )


def build_works(*, dataset, year, ward=None) -> Table:
    summary = selectors.community_works_summary(year=year, ward=ward)
    rows = [_work_row(kind.label, kind.totals) for kind in summary.kinds]
    if summary.kinds:
        rows.append(_work_row(_("Total"), summary.total))
    return Table(
        dataset,
        _("Community works, %(place)s, %(year)s")
        % {"place": _place(ward), "year": year},
        dataset.columns,
        rows,
        _params(year=year, ward=ward),
    )


def build_works_by_ward(*, dataset, year, page=None) -> Table:
    rows, links = [], []
    for item in selectors.community_works_by_ward(year=year, page=page):
        t = item.totals
        rows.append(
            (
                item.ward.name,
                t.works,
                item.roads_km,
                item.cultural_houses,
                t.people_money,
                t.labour_days,
                t.land_donated_m2,
            )
        )
        links.append(_ward_url(item.ward.slug, year))
    return Table(
        dataset,
        _("Community works by ward or commune, %(year)s") % {"year": year},
        dataset.columns,
        rows,
        _params(year=year),
        links,
        page=_units_page(year, page),
    )


def build_works_by_year(*, dataset, ward=None) -> Table:
    rows = [
        (
            item.year,
            item.totals.works,
            item.roads_km,
            item.cultural_houses,
            item.totals.people_money,
            item.totals.labour_days,
            item.totals.land_donated_m2,
        )
        for item in selectors.community_works_by_year(ward=ward)
    ]
    return Table(
        dataset,
        _("Community works by year, %(place)s") % {"place": _place(ward)},
        dataset.columns,
        rows,
        _params(ward=ward),
    )


def build_directory(*, dataset, page=None) -> Table:
    rows, links = [], []
    found = None if page is None else selectors.directory_page(number=page)
    for entry in selectors.ward_directory() if found is None else found.items:
        w = entry.ward
        rows.append(
            (
                w.name,
                w.code,
                w.kind_label,
                w.valid_from.strftime("%d/%m/%Y") if w.valid_from else "",
                w.valid_to.strftime("%d/%m/%Y") if w.valid_to else "",
                ", ".join(s.name for s in entry.successors),
                ", ".join(p.name for p in entry.predecessors),
                entry.external_predecessor_note,
            )
        )
        links.append(_ward_url(w.slug))
    return Table(
        dataset,
        _("Wards and communes"),
        dataset.columns,
        rows,
        {},
        links,
        page=found,
        page_param="trang-danh-muc",
    )


# --- The catalogue ------------------------------------------------------------------

C_UNIT_CODE = Column("code", gettext_lazy("Unit code"), "text")
C_MONEY_VALUE = Column("value", gettext_lazy("Value"), "number")

WORK_COLUMNS = (
    Column("works", gettext_lazy("Works"), "int"),
    Column("length_km", gettext_lazy("Length (km)"), "decimal"),
    Column("area_m2", gettext_lazy("Floor area (m²)"), "int"),
    Column(
        "people_money",
        gettext_lazy("People's money"),
        "money",
        gettext_lazy("Money contributed by the people."),
    ),
    Column(
        "labour_days",
        gettext_lazy("Labour days"),
        "int",
        gettext_lazy("Days of work contributed."),
    ),
    Column("land_donated_m2", gettext_lazy("Land donated (m²)"), "int"),
    Column("state_budget", gettext_lazy("State budget"), "money"),
    Column("other_funding", gettext_lazy("Other funding"), "money"),
)

DATASETS: dict[str, Dataset] = {}


def _register(slug, title, description, params, columns, build, required=None):
    DATASETS[slug] = Dataset(
        slug=slug,
        title=title,
        description=description,
        params=frozenset(params),
        columns=tuple(columns),
        build=build,
        required=frozenset(required if required is not None else params & {YEAR}),
    )


_register(
    "tong-quan",
    gettext_lazy("Headline figures"),
    gettext_lazy("The figures of the overview page for a year and since the start."),
    {YEAR, WARD},
    (
        Column("figure", gettext_lazy("Figure"), "text"),
        C_MONEY_VALUE,
        Column("unit", gettext_lazy("Unit"), "text"),
        Column(
            "period",
            gettext_lazy("Period"),
            "text",
            gettext_lazy("The year, or the years summed."),
        ),
    ),
    build_overview,
)
_register(
    "don-vi",
    gettext_lazy("Wards and communes: results of a year"),
    gettext_lazy(
        "One row per ward or commune in force at the end of the year; a unit's fund "
        "counts its own ward fund."
    ),
    {YEAR},
    (
        C_UNIT,
        C_UNIT_CODE,
        C_AREAS,
        C_HOUSEHOLDS,
        C_CULTURAL_RATE,
        C_TITLE_SHARE,
        C_POOR_RATE,
        C_NEAR_POOR_RATE,
        C_FESTIVAL_SHARE,
        C_RAISED,
        C_SPENT,
        C_BUILT,
        C_REPAIRED,
        C_ROADS,
    ),
    build_ward_summaries,
)
_register(
    "khu-dan-cu",
    gettext_lazy("Residential areas: results of a year"),
    gettext_lazy("One row per residential area with an approved yearly result."),
    {YEAR, WARD},
    (
        C_AREA,
        C_UNIT,
        C_HOUSEHOLDS,
        C_CULTURAL_RATE,
        Column("cultural_title", gettext_lazy("Cultural title"), "bool"),
        Column("poor_households", gettext_lazy("Poor households"), "int"),
        C_POOR_RATE,
        Column("near_poor_households", gettext_lazy("Near-poor households"), "int"),
        C_NEAR_POOR_RATE,
        Column("festival_held", gettext_lazy("Festival held"), "bool"),
        Column(
            "committee_score",
            gettext_lazy("Front committee score"),
            "int",
            gettext_lazy("Score of the Front work committee, 0–100."),
        ),
        Column("committee_grade", gettext_lazy("Front committee grade"), "text"),
    ),
    build_area_summaries,
)
_register(
    "ket-qua-theo-nam",
    gettext_lazy("Results by year"),
    gettext_lazy("Yearly totals of the residential areas' results."),
    {WARD},
    (
        C_YEAR,
        C_STANDARD,
        C_AREAS,
        C_HOUSEHOLDS,
        C_CULTURAL_RATE,
        C_TITLE_SHARE,
        C_POOR_RATE,
        C_NEAR_POOR_RATE,
        C_FESTIVAL_SHARE,
    ),
    build_results_by_year,
)
_register(
    "ty-le-ho-ngheo",
    gettext_lazy("Poor- and near-poor-household rates"),
    gettext_lazy(
        "Rates per year with the poverty standard they were counted under; where the "
        "standard changes the series breaks."
    ),
    {WARD, AREA},
    (
        C_YEAR,
        C_STANDARD,
        C_POOR_RATE,
        C_NEAR_POOR_RATE,
        Column("note", gettext_lazy("Note"), "text"),
    ),
    build_poverty_trend,
)
_register(
    "khu-dan-cu-theo-nam",
    gettext_lazy("One residential area by year"),
    gettext_lazy("The approved yearly results of one residential area."),
    {AREA},
    (
        C_YEAR,
        C_STANDARD,
        C_HOUSEHOLDS,
        Column("registered", gettext_lazy("Families registered"), "int"),
        Column("recognised", gettext_lazy("Cultural families recognised"), "int"),
        C_CULTURAL_RATE,
        Column("cultural_title", gettext_lazy("Cultural title"), "bool"),
        Column("poor_households", gettext_lazy("Poor households"), "int"),
        C_POOR_RATE,
        Column("near_poor_households", gettext_lazy("Near-poor households"), "int"),
        C_NEAR_POOR_RATE,
        Column("festival_held", gettext_lazy("Festival held"), "bool"),
        Column("committee_score", gettext_lazy("Front committee score"), "int"),
        Column("committee_grade", gettext_lazy("Front committee grade"), "text"),
    ),
    build_area_results,
    required={AREA},
)
_register(
    "muc-tieu-khu-dan-cu",
    gettext_lazy("Goal results of one residential area"),
    gettext_lazy("Per year and goal: achieved or not, and the measured value."),
    {AREA},
    (
        C_YEAR,
        C_GOAL,
        C_GOAL_NAME,
        Column("achieved", gettext_lazy("Achieved"), "bool"),
        Column(
            "value",
            gettext_lazy("Measured value"),
            "decimal",
            gettext_lazy(
                "What the goal measures (a percentage or a count, see the goal)."
            ),
        ),
    ),
    build_area_goals,
    required={AREA},
)
_register(
    "muc-tieu",
    gettext_lazy("The 5 contents and 10 goals"),
    gettext_lazy("Share of residential areas achieving each goal in a year."),
    {YEAR, WARD},
    (
        Column(
            "content",
            gettext_lazy("Content"),
            "int",
            gettext_lazy("Number of the content (1–5)."),
        ),
        Column("content_name", gettext_lazy("Content (short)"), "text"),
        C_GOAL,
        C_GOAL_NAME,
        C_REPORTING,
        C_ACHIEVED,
        C_SHARE,
    ),
    build_goals,
)
_register(
    "muc-tieu-theo-don-vi",
    gettext_lazy("Goals by ward or commune"),
    gettext_lazy("Share of residential areas achieving each goal, per unit in force."),
    {YEAR, GOAL},
    (C_GOAL, C_UNIT, C_REPORTING, C_ACHIEVED, C_SHARE),
    build_goals_by_ward,
)
_register(
    "muc-tieu-theo-nam",
    gettext_lazy("Goals by year"),
    gettext_lazy("Share of residential areas achieving each goal, per year."),
    {WARD, GOAL},
    (C_GOAL, C_YEAR, C_REPORTING, C_ACHIEVED, C_SHARE),
    build_goals_by_year,
)
_register(
    "quy-theo-nam",
    gettext_lazy('"Vì người nghèo" fund by year'),
    gettext_lazy("Money raised and spent, supports and houses per year."),
    {WARD},
    (
        C_YEAR,
        C_RAISED,
        C_IN_KIND,
        C_DONATIONS,
        C_SPENT,
        C_SUPPORTS,
        C_BUILT,
        C_REPAIRED,
    ),
    build_fund_by_year,
)
_register(
    "chi-theo-loai",
    gettext_lazy("Fund spending by category"),
    gettext_lazy(
        "Supports of a year by category (houses, livelihoods, medical care…)."
    ),
    {YEAR, WARD},
    (
        Column("category", gettext_lazy("Category"), "text"),
        C_SUPPORTS,
        Column("amount", gettext_lazy("Amount"), "money"),
        C_BUILT,
        C_REPAIRED,
    ),
    build_spending_by_category,
)
_register(
    "quy-theo-don-vi",
    gettext_lazy("Fund by ward or commune"),
    gettext_lazy("Ward-fund money raised and money spent per unit in force."),
    {YEAR},
    (
        C_UNIT,
        C_RAISED,
        C_IN_KIND,
        C_DONATIONS,
        C_SPENT,
        C_SUPPORTS,
        C_BUILT,
        C_REPAIRED,
    ),
    build_fund_by_ward,
)
_register(
    "nha-dai-doan-ket",
    gettext_lazy("Great-solidarity houses by year"),
    gettext_lazy("Houses built and repaired with the fund, per year."),
    {WARD},
    (
        C_YEAR,
        C_BUILT,
        C_REPAIRED,
        Column("total", gettext_lazy("Total"), "int"),
    ),
    build_houses,
)
_register(
    "nha-hao-tam",
    gettext_lazy("Donors who agreed to be named"),
    gettext_lazy(
        "Donors of a year who agreed to be named publicly, with the total of those "
        "donations. Other donors are never listed."
    ),
    {YEAR, WARD},
    (
        Column("donor", gettext_lazy("Donor"), "text"),
        Column("kind", gettext_lazy("Kind of donor"), "text"),
        C_DONATIONS,
        Column("amount", gettext_lazy("Amount"), "money"),
        C_IN_KIND,
    ),
    build_donors,
)
_register(
    "cong-trinh",
    gettext_lazy("Community works"),
    gettext_lazy("Works completed in a year by kind, with people's contributions."),
    {YEAR, WARD},
    (Column("kind", gettext_lazy("Kind of work"), "text"), *WORK_COLUMNS),
    build_works,
)
_register(
    "cong-trinh-theo-don-vi",
    gettext_lazy("Community works by ward or commune"),
    gettext_lazy("Works of a year per unit in force."),
    {YEAR},
    (
        C_UNIT,
        WORK_COLUMNS[0],
        C_ROADS,
        Column("cultural_houses", gettext_lazy("Cultural houses"), "int"),
        *WORK_COLUMNS[3:6],
    ),
    build_works_by_ward,
)
_register(
    "cong-trinh-theo-nam",
    gettext_lazy("Community works by year"),
    gettext_lazy("Works per year: roads, cultural houses and people's contributions."),
    {WARD},
    (
        C_YEAR,
        WORK_COLUMNS[0],
        C_ROADS,
        Column("cultural_houses", gettext_lazy("Cultural houses"), "int"),
        *WORK_COLUMNS[3:6],
    ),
    build_works_by_year,
)
_register(
    "don-vi-hanh-chinh",
    gettext_lazy("Administrative units"),
    gettext_lazy(
        "Every ward and commune with its validity and what it became or came from."
    ),
    set(),
    (
        C_UNIT,
        C_UNIT_CODE,
        Column("kind", gettext_lazy("Kind"), "text"),
        Column(
            "valid_from",
            gettext_lazy("Valid from"),
            "text",
            gettext_lazy("Day/month/year."),
        ),
        Column(
            "valid_to",
            gettext_lazy("Valid to"),
            "text",
            gettext_lazy("Day/month/year."),
        ),
        Column("successors", gettext_lazy("Became"), "text"),
        Column("predecessors", gettext_lazy("Came from"), "text"),
        Column("external", gettext_lazy("History outside the portal"), "text"),
    ),
    build_directory,
)


def build(slug: str, **params) -> Table:
    """The table of dataset `slug` for `params` (year=, ward=, area=, goal=)."""
    dataset = DATASETS[slug]
    return dataset.build(dataset=dataset, **params)


def data_dictionary_markdown() -> str:
    """docs/data-dictionary.md, generated from `DATASETS` (a test keeps the file in step)."""
    from django.utils import translation

    from campaigns.services import reference_data as reference

    def text(value) -> str:
        return str(value).replace("|", "\\|")

    with translation.override("vi"):
        lines = [
            "# Từ điển dữ liệu mở / Open-data dictionary",
            "",
            "Generated from `campaigns/tables.py` (`DATASETS`); "
            "`tests/test_exports.py` fails when this file is out of date. "
            'Regenerate: `python manage.py shell -c "from campaigns.tables import '
            "data_dictionary_markdown as d; open('docs/data-dictionary.md', 'w')"
            '.write(d())"`.',
            "",
            "Every table is served at `/du-lieu/<bảng>.csv` and `/du-lieu/<bảng>.xlsx`. "
            "Parameters: `nam` (year, default the latest year with approved data), "
            "`don-vi` (a unit's address, e.g. `phuong-bac-kan`; a unit formed in 2025 "
            "adds up its predecessors for earlier years), `khu-dan-cu` (a residential "
            "area's address), `muc-tieu` (goal number 1–10).",
            "",
            "- Only **approved** records count. No personal data of supported "
            "households is ever included; a donor is named only with consent.",
            "- CSV: UTF-8 with BOM, comma-separated, dot as decimal mark. XLSX: one "
            "sheet. Text cells beginning with = + - @ get a leading apostrophe.",
            "- Money in đồng (VND, whole numbers); rates in per cent with one decimal "
            "(half up); lengths in km with two decimals.",
            "- A year is reported under the units in force on 31 December of that year; "
            f"fund records belong to the unit in force on their date "
            f"({reference.REORGANISATION_BASIS}).",
            "- The date the data was last approved is shown on `/du-lieu/`.",
            "",
            "## Chuẩn nghèo / Poverty standards",
            "",
            "| Văn bản | Tên | Năm |",
            "|---|---|---|",
        ]
        for code, name, first, last, *_rest in reference.POVERTY_STANDARDS:
            lines.append(f"| {code} | {name} | {first}–{last or '…'} |")
        lines.append("")
        for dataset in DATASETS.values():
            params = ", ".join(
                f"`{name}`"
                for key, name in (
                    (YEAR, "nam"),
                    (WARD, "don-vi"),
                    (AREA, "khu-dan-cu"),
                    (GOAL, "muc-tieu"),
                )
                if key in dataset.params
            )
            lines += [
                f"## `{dataset.slug}` – {text(dataset.title)}",
                "",
                text(dataset.description),
                "",
                f"Parameters: {params or '–'}.",
                "",
                "| Cột (tiêu đề CSV/XLSX) | Đơn vị | Ý nghĩa |",
                "|---|---|---|",
            ]
            for column in dataset.columns:
                lines.append(
                    f"| {text(column.heading)} | {column.unit or '–'} | "
                    f"{text(column.description) or '–'} |"
                )
            lines.append("")
        return "\n".join(lines)
