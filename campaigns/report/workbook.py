"""The yearly report workbook ("Báo cáo năm") for leaders and staff.

Every figure comes from `selectors.py`, the same functions the public pages call, so
the workbook's totals equal the public figures. The support list with beneficiaries
(personal data) is added for staff only. Formatted for printing: bold header rows,
frozen panes, widths, number formats, totals rows, A4 landscape.
"""

import datetime
import tempfile
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from campaigns import selectors
from campaigns.access.scope import CITY_STAFF, WARD_STAFF
from campaigns.models.choices import HouseholdStatusChoices, SupportCategoryChoices
from campaigns.spreadsheets.files import new_workbook

MONEY = '#,##0" đ"'
COUNT = "#,##0"
PERCENT = '0.0"%"'
DATE = "dd/mm/yyyy"


def includes_beneficiaries(user) -> bool:
    """Only staff see beneficiaries; leaders and others get the report without them."""
    if user is None or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=[CITY_STAFF, WARD_STAFF]).exists()


@dataclass(frozen=True)
class ReportColumn:
    header: str
    width: int = 12
    number_format: str | None = None


class SheetWriter:
    """Writes one sheet top to bottom (XlsxWriter constant-memory mode needs that order)."""

    def __init__(self, book, styles, title: str):
        self.book, self.styles = book, styles
        self.sheet = book.add_worksheet(title[:31])
        self.sheet.set_landscape()
        self.sheet.set_paper(9)  # A4
        self.sheet.fit_to_pages(1, 0)
        self.sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
        self.sheet.set_footer("&C&P / &N")
        self.row = 0
        self.columns: list[ReportColumn] = []

    def title(self, text: str, subtitle: str = "") -> None:
        self.sheet.write_string(self.row, 0, text, self.styles["title"])
        self.row += 1
        if subtitle:
            self.sheet.write_string(self.row, 0, subtitle, self.styles["subtitle"])
            self.row += 1
        self.row += 1

    def table(
        self, columns: list[ReportColumn], *, freeze: bool = False, header: bool = True
    ) -> None:
        self.columns = columns
        for index, column in enumerate(columns):
            self.sheet.set_column(index, index, column.width)
        if not header:
            return
        self.sheet.write_row(
            self.row, 0, [c.header for c in columns], self.styles["header"]
        )
        if freeze:
            self.sheet.freeze_panes(self.row + 1, 0)
            self.sheet.repeat_rows(self.row)
        self.row += 1

    def _write(self, values, bold: bool) -> None:
        for index, value in enumerate(values):
            column = self.columns[index] if index < len(self.columns) else None
            fmt = self.styles.get((column.number_format if column else None, bold))
            if value is None or value == "":
                if bold:
                    self.sheet.write_blank(self.row, index, None, fmt)
                continue
            if isinstance(value, str):
                self.sheet.write_string(self.row, index, value, fmt)
            elif isinstance(value, datetime.date):
                self.sheet.write_datetime(
                    self.row,
                    index,
                    datetime.datetime(value.year, value.month, value.day),
                    self.styles[(DATE, bold)],
                )
            else:
                self.sheet.write_number(self.row, index, value, fmt)
        self.row += 1

    def line(self, values) -> None:
        self._write(values, bold=False)

    def total(self, values) -> None:
        self._write(values, bold=True)

    def gap(self, rows: int = 1) -> None:
        self.row += rows


def _styles(book) -> dict:
    styles = {
        "title": book.add_format({"bold": True, "font_size": 14}),
        "subtitle": book.add_format({"italic": True, "font_color": "#444444"}),
        "header": book.add_format(
            {
                "bold": True,
                "text_wrap": True,
                "valign": "top",
                "border": 1,
                "bg_color": "#E8EEF4",
            }
        ),
        "label": book.add_format({"bold": True}),
    }
    for number_format in (None, MONEY, COUNT, PERCENT, DATE):
        for bold in (False, True):
            options = {"border": 1}
            if number_format:
                options["num_format"] = number_format
            if bold:
                options.update({"bold": True, "bg_color": "#F3F3F3"})
            styles[(number_format, bold)] = book.add_format(options)
    return styles


def _pct(value):
    return float(value) if value is not None else None


def _scope_label(ward) -> str:
    return _("Whole city") if ward is None else f"{ward.name} ({ward.code})"


def _user_label(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def write_cover(book, styles, *, year, ward, user, with_beneficiaries) -> None:
    sheet = SheetWriter(book, styles, _("Cover"))
    sheet.title(
        _("YEARLY REPORT %(year)s") % {"year": year},
        _(
            "Campaign “All people unite to build cultural life in residential areas” – "
            "MTTQ Bắc Kạn"
        ),
    )
    sheet.table([ReportColumn("", 34), ReportColumn("", 60)], header=False)
    now = timezone.localtime()
    demo = selectors.demo_data_present()
    for label, value in [
        (_("Scope"), _scope_label(ward)),
        (_("Year"), str(year)),
        (_("Exported on"), now.strftime("%d/%m/%Y %H:%M")),
        (_("Exported by"), _user_label(user)),
        (
            _("Figures counted"),
            _("Approved records only (the same figures as the public pages)."),
        ),
        (
            _("Support list with beneficiaries"),
            _("Included (staff only)") if with_beneficiaries else _("Not included"),
        ),
    ]:
        sheet.line([label, value])
    if demo:
        sheet.line([_("Note"), _("The data include demo records made by seed_demo.")])
    sheet.gap()
    sheet.sheet.write_string(
        sheet.row, 0, _("Approval state of the data"), styles["label"]
    )
    sheet.gap()
    sheet.table(
        [
            ReportColumn(_("Records"), 34),
            ReportColumn(_("Approved"), 12, COUNT),
            ReportColumn(_("Submitted"), 12, COUNT),
            ReportColumn(_("Draft"), 12, COUNT),
            ReportColumn(_("Returned"), 12, COUNT),
            ReportColumn(_("Total"), 12, COUNT),
        ]
    )
    for state in selectors.report_approval_state(year=year, ward=ward):
        sheet.line(
            [
                state.label,
                state.approved,
                state.submitted,
                state.draft,
                state.returned,
                state.total,
            ]
        )


def result_columns() -> list[ReportColumn]:
    return [
        ReportColumn(pgettext("column", "Households"), 11, COUNT),
        ReportColumn(_("Cultural families"), 11, COUNT),
        ReportColumn(_("Cultural families (%)"), 10, PERCENT),
        ReportColumn(_("Areas with the cultural title"), 11, COUNT),
        ReportColumn(pgettext("column", "Poor households"), 10, COUNT),
        ReportColumn(_("Poor rate (%)"), 9, PERCENT),
        ReportColumn(pgettext("column", "Near-poor households"), 10, COUNT),
        ReportColumn(_("Near-poor rate (%)"), 9, PERCENT),
        ReportColumn(_("Areas that held the festival"), 11, COUNT),
    ]


def _result_values(totals) -> list:
    return [
        totals.households,
        totals.cultural_families_recognised,
        _pct(totals.cultural_family_rate),
        totals.cultural_title_areas,
        totals.poor_households,
        _pct(totals.poor_rate),
        totals.near_poor_households,
        _pct(totals.near_poor_rate),
        totals.festival_areas,
    ]


def write_summary(book, styles, *, year, ward) -> None:
    overview = selectors.city_overview(year=year, ward=ward)
    sheet = SheetWriter(book, styles, _("Summary"))
    standards = ", ".join(s.code for s in overview.standards)
    if ward is None:
        sheet.title(
            _("Summary by ward, %(year)s") % {"year": year},
            _("Poverty standard: %(codes)s") % {"codes": standards or "–"},
        )
        sheet.table(
            [
                ReportColumn(_("Code"), 8),
                ReportColumn(_("Ward or commune"), 28),
                ReportColumn(_("Residential areas reporting"), 11, COUNT),
                *result_columns(),
                ReportColumn(_("Concrete roads (m)"), 11, COUNT),
            ],
            freeze=True,
        )
        for row in selectors.ward_summaries(year=year):
            sheet.line(
                [
                    row.ward.code,
                    row.ward.name,
                    row.results.areas,
                    *_result_values(row.results),
                    row.roads_m,
                ]
            )
    else:
        sheet.title(
            _("Summary by residential area, %(ward)s, %(year)s")
            % {"ward": ward.name, "year": year},
            _("Poverty standard: %(codes)s") % {"codes": standards or "–"},
        )
        sheet.table(
            [
                ReportColumn(_("Residential area"), 20),
                ReportColumn(_("Ward or commune"), 26),
                ReportColumn(pgettext("column", "Households"), 11, COUNT),
                ReportColumn(_("Cultural families"), 11, COUNT),
                ReportColumn(_("Cultural families (%)"), 10, PERCENT),
                ReportColumn(_("Cultural title"), 9),
                ReportColumn(pgettext("column", "Poor households"), 10, COUNT),
                ReportColumn(_("Poor rate (%)"), 9, PERCENT),
                ReportColumn(pgettext("column", "Near-poor households"), 10, COUNT),
                ReportColumn(_("Near-poor rate (%)"), 9, PERCENT),
                ReportColumn(_("Festival held"), 9),
                ReportColumn(_("Committee score"), 9, COUNT),
            ],
            freeze=True,
        )
        yes, no = _("Yes"), _("No")
        for area in selectors.area_summaries(year=year, ward=ward):
            sheet.line(
                [
                    area.name,
                    area.ward_name,
                    area.households,
                    area.cultural_families_recognised,
                    _pct(area.cultural_family_rate),
                    yes if area.cultural_title else no,
                    area.poor_households,
                    _pct(area.poor_rate),
                    area.near_poor_households,
                    _pct(area.near_poor_rate),
                    yes if area.festival_held else no,
                    area.committee_score,
                ]
            )
    totals = overview.results
    label = _("Total") if ward is None else _("Total of %(ward)s") % {"ward": ward.name}
    if ward is None:
        sheet.total(
            ["", label, totals.areas, *_result_values(totals), overview.roads_m_year]
        )
    else:
        values = _result_values(totals)
        sheet.total(
            [
                label,
                "",
                values[0],
                values[1],
                values[2],
                totals.cultural_title_areas,
                values[4],
                values[5],
                values[6],
                values[7],
                totals.festival_areas,
                None,
            ]
        )


def write_goals(book, styles, *, year, ward) -> None:
    sheet = SheetWriter(book, styles, _("10 goals"))
    sheet.title(
        _("The 10 goals by ward, %(year)s") % {"year": year},
        _("Share of reporting residential areas that achieved each goal (%)."),
    )
    by_ward = [s for s in selectors.goal_achievement_by_ward(year=year)]
    units = []
    for stat in by_ward:
        if stat.ward not in units and (ward is None or stat.ward.pk == ward.pk):
            units.append(stat.ward)
    cell = {(s.ward.pk, s.goal_number): s for s in by_ward}
    sheet.table(
        [
            ReportColumn(_("Goal"), 6),
            ReportColumn(_("Goal name"), 36),
            *(ReportColumn(f"{u.name} (%)", 11, PERCENT) for u in units),
            ReportColumn(_("Areas achieving"), 10, COUNT),
            ReportColumn(_("Areas reporting"), 10, COUNT),
            ReportColumn(_("Achieved (%)"), 10, PERCENT),
        ],
        freeze=True,
    )
    reporting = achieved = 0
    for content in selectors.goal_achievement_by_content(year=year, ward=ward):
        for goal in content.goals:
            sheet.line(
                [
                    goal.number,
                    goal.name,
                    *(
                        _pct(cell[u.pk, goal.number].share)
                        if (u.pk, goal.number) in cell
                        else None
                        for u in units
                    ),
                    goal.achieved,
                    goal.reporting,
                    _pct(goal.share),
                ]
            )
            reporting += goal.reporting
            achieved += goal.achieved
    sheet.total(
        [
            "",
            _("All goals"),
            *([None] * len(units)),
            achieved,
            reporting,
            _pct(selectors.share(achieved, reporting)),
        ]
    )


def write_fund(book, styles, *, year, ward) -> None:
    overview = selectors.city_overview(year=year, ward=ward)
    fund = overview.fund_year
    sheet = SheetWriter(book, styles, _("Poverty fund"))
    sheet.title(
        _("“For the poor” fund, %(year)s – %(scope)s")
        % {"year": year, "scope": _scope_label(ward)},
        _("Approved donations and supports of the year.")
        if ward is None
        else _("Approved donations to the ward fund and supports of the year."),
    )
    sheet.table([ReportColumn(_("Figure"), 40), ReportColumn(_("Value"), 18, MONEY)])
    for label, value in [
        (_("Money raised"), fund.raised),
        (_("Value in kind"), fund.in_kind),
        (_("Money spent on supports"), fund.spent),
    ]:
        sheet.line([label, value])
    sheet.columns = [ReportColumn("", 40), ReportColumn("", 18, COUNT)]
    for label, value in [
        (_("Donations"), fund.donations),
        (_("Supports"), fund.supports),
        (_("Great-solidarity houses built"), fund.houses_built),
        (pgettext("column", "Houses repaired"), fund.houses_repaired),
    ]:
        sheet.line([label, value])
    sheet.gap()
    sheet.table(
        [
            ReportColumn(_("Kind of support"), 40),
            ReportColumn(_("Supports"), 11, COUNT),
            ReportColumn(_("Amount (VND)"), 18, MONEY),
            ReportColumn(pgettext("column", "Houses built"), 11, COUNT),
            ReportColumn(pgettext("column", "Houses repaired"), 11, COUNT),
        ]
    )
    for row in selectors.fund_spending_by_category(year=year, ward=ward):
        sheet.line(
            [row.label, row.supports, row.amount, row.houses_built, row.houses_repaired]
        )
    sheet.total(
        [_("Total"), fund.supports, fund.spent, fund.houses_built, fund.houses_repaired]
    )
    if ward is not None:
        return
    sheet.gap()
    sheet.table(
        [
            ReportColumn(_("Ward or commune"), 40),
            ReportColumn(_("Raised by the ward fund"), 18, MONEY),
            ReportColumn(_("Spent"), 18, MONEY),
            ReportColumn(pgettext("column", "Houses built"), 11, COUNT),
            ReportColumn(pgettext("column", "Houses repaired"), 11, COUNT),
        ]
    )
    rows = selectors.fund_spending_by_ward(year=year)
    for row in rows:
        sheet.line(
            [
                row.ward.name,
                row.totals.raised,
                row.totals.spent,
                row.totals.houses_built,
                row.totals.houses_repaired,
            ]
        )
    sheet.total(
        [
            _("All wards"),
            sum(r.totals.raised for r in rows),
            sum(r.totals.spent for r in rows),
            sum(r.totals.houses_built for r in rows),
            sum(r.totals.houses_repaired for r in rows),
        ]
    )
    sheet.line(
        [_("City fund (raised)"), fund.raised - sum(r.totals.raised for r in rows)]
    )


def work_columns() -> list[ReportColumn]:
    return [
        ReportColumn(_("Works"), 9, COUNT),
        ReportColumn(_("Length (m)"), 11, COUNT),
        ReportColumn(_("Area (m²)"), 11, COUNT),
        ReportColumn(_("People's money (VND)"), 17, MONEY),
        ReportColumn(_("Labour days"), 11, COUNT),
        ReportColumn(_("Land donated (m²)"), 11, COUNT),
        ReportColumn(_("State budget (VND)"), 17, MONEY),
        ReportColumn(_("Other funding (VND)"), 17, MONEY),
    ]


def _work_values(totals) -> list:
    return [
        totals.works,
        totals.length_m,
        totals.area_m2,
        totals.people_money,
        totals.labour_days,
        totals.land_donated_m2,
        totals.state_budget,
        totals.other_funding,
    ]


def write_works(book, styles, *, year, ward) -> None:
    summary = selectors.community_works_summary(year=year, ward=ward)
    sheet = SheetWriter(book, styles, _("Community works"))
    sheet.title(
        _("Community works, %(year)s – %(scope)s")
        % {"year": year, "scope": _scope_label(ward)}
    )
    sheet.table([ReportColumn(_("Kind of work"), 28), *work_columns()])
    for kind in summary.kinds:
        sheet.line([kind.label, *_work_values(kind.totals)])
    sheet.total([_("Total"), *_work_values(summary.total)])
    if ward is not None:
        return
    sheet.gap()
    sheet.table([ReportColumn(_("Ward or commune"), 28), *work_columns()])
    rows = selectors.community_works_by_ward(year=year)
    for row in rows:
        sheet.line([row.ward.name, *_work_values(row.totals)])
    sheet.total([_("Total"), *_work_values(summary.total)])


def write_beneficiaries(book, styles, *, year, ward, user) -> None:
    sheet = SheetWriter(book, styles, _("Support list"))
    sheet.title(
        _("Supports with beneficiaries, %(year)s – %(scope)s")
        % {"year": year, "scope": _scope_label(ward)},
        _("Staff only: personal data, never to be published."),
    )
    sheet.table(
        [
            ReportColumn(_("Date"), 11, DATE),
            ReportColumn(_("Code"), 7),
            ReportColumn(_("Ward or commune"), 22),
            ReportColumn(_("Residential area"), 14),
            ReportColumn(_("Head of household"), 22),
            ReportColumn(pgettext("column", "ID card number"), 14),
            ReportColumn(_("Address"), 24),
            ReportColumn(_("Household status"), 14),
            ReportColumn(_("Kind of support"), 22),
            ReportColumn(_("Amount (VND)"), 15, MONEY),
            ReportColumn(pgettext("column", "Houses built"), 8, COUNT),
            ReportColumn(pgettext("column", "Houses repaired"), 8, COUNT),
            ReportColumn(_("Decision number"), 14),
        ],
        freeze=True,
    )
    rows = selectors.support_beneficiaries(user=user, year=year, ward=ward)
    for row in rows:
        sheet.line(
            [
                row.date,
                row.ward_code,
                row.ward_name,
                row.area_name,
                row.head_name,
                row.id_number,
                row.address,
                str(HouseholdStatusChoices(row.household_status).label)
                if row.household_status
                else "",
                str(SupportCategoryChoices(row.category).label),
                row.amount,
                row.houses_built,
                row.houses_repaired,
                row.decision_number,
            ]
        )
    fund = selectors.city_overview(year=year, ward=ward).fund_year
    sheet.total(
        [
            _("Total"),
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            fund.spent,
            fund.houses_built,
            fund.houses_repaired,
            "",
        ]
    )


def yearly_report(*, year: int, ward=None, user=None):
    """The workbook as a temporary file at its start; the support list for staff only."""
    with_beneficiaries = includes_beneficiaries(user)
    target = tempfile.TemporaryFile()
    book = new_workbook(target)
    book.set_properties(
        {
            "title": _("Yearly report %(year)s") % {"year": year},
            "author": _user_label(user),
            "company": "MTTQ Bắc Kạn",
        }
    )
    styles = _styles(book)
    options = {"year": year, "ward": ward}
    write_cover(
        book, styles, user=user, with_beneficiaries=with_beneficiaries, **options
    )
    write_summary(book, styles, **options)
    write_goals(book, styles, **options)
    write_fund(book, styles, **options)
    write_works(book, styles, **options)
    if with_beneficiaries:
        write_beneficiaries(book, styles, user=user, **options)
    book.close()
    target.seek(0)
    return target
