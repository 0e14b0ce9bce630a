"""The yearly report workbook ("Báo cáo năm") for leaders and staff: one .xlsx file.

Its summary, goals, fund and works sheets copy the public datasets of the same year
(`campaigns.public.datasets`: columns, rows and totals read from the selectors) and
the headline figures (`datasets.figures`), so the workbook equals the public pages
and downloads cell for cell. The support list with beneficiaries (personal data) is
added for staff only. Not to be confused with `selectors.completeness`, the staff's
table of which areas have reported a year.
"""

import tempfile

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from campaigns import selectors
from campaigns.access.scope import (
    ALL_WARDS,
    CITY_STAFF,
    WARD_STAFF,
    has_model_action,
    ward_scope,
)
from campaigns.models import AnnualResult, Ward
from campaigns.models.choices import HouseholdStatusChoices, SupportCategoryChoices
from campaigns.public import datasets
from campaigns.public.datasets import figures
from campaigns.report.sheets import SheetWriter, write_table
from campaigns.report.styles import (
    COUNT,
    DATE,
    MONEY,
    ReportColumn,
    report_column,
    workbook_styles,
)
from campaigns.spreadsheets.writing import new_workbook

# The fund sheet's headline figures, by key.
FUND_FIGURES = (
    "raised",
    "in_kind",
    "spent",
    "donations",
    "supports",
    "houses_built",
    "houses_repaired",
)


def includes_beneficiaries(user) -> bool:
    """Only staff see beneficiaries; leaders and others get the report without them."""
    if user is None or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=[CITY_STAFF, WARD_STAFF]).exists()


def _scope_label(ward) -> str:
    return _("Whole city") if ward is None else f"{ward.name} ({ward.code})"


def _user_label(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _standards(year, ward) -> str:
    overview = selectors.city_overview(year=year, ward=ward)
    codes = [s.label for s in overview.standards]
    if overview.results.standard_missing:
        codes.append(str(selectors.NO_STANDARD))
    return _("Poverty standard: %(codes)s") % {"codes": ", ".join(codes) or "–"}


def _campaign(year) -> str:
    """The campaign's name in force in `year` (its wording changed in 2016)."""
    campaign = selectors.campaign_year(year=year)
    return _("Campaign “%(name)s” – MTTQ Bắc Kạn") % {"name": campaign.label}


def write_cover(book, styles, *, year, ward, user, with_beneficiaries) -> None:
    sheet = SheetWriter(book, styles, _("Cover"))
    sheet.title(
        _("YEARLY REPORT %(year)s") % {"year": year},
        _campaign(year),
    )
    sheet.table([ReportColumn("", 34), ReportColumn("", 60)], header=False)
    now = timezone.localtime()
    for label, value in [
        (_("Scope"), _scope_label(ward)),
        (_("Year"), str(year)),
        (_("Exported on"), now.strftime("%d/%m/%Y %H:%M")),
        (_("Exported by"), _user_label(user)),
        (
            _("Figures counted"),
            _("Approved records only (the same figures as the public pages)."),
        ),
        (_("Approved by"), selectors.approved_by_text(year=year, ward=ward) or "–"),
        (
            _("Support list with beneficiaries"),
            _("Included (staff only)") if with_beneficiaries else _("Not included"),
        ),
    ]:
        sheet.line([label, value])
    if selectors.demo_data_present():
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
    for state in selectors.report_approval_state(year=year, ward=ward, user=user):
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


def write_summary(book, styles, *, year, ward) -> None:
    """The `don-vi` dataset (city) or the `khu-dan-cu` dataset (one unit)."""
    sheet = SheetWriter(book, styles, _("Summary"))
    if ward is None:
        sheet.title(
            _("Summary by ward, %(year)s") % {"year": year}, _standards(year, ward)
        )
        write_table(sheet, datasets.build("don-vi", year=year), freeze=True)
    else:
        sheet.title(
            _("Summary by residential area, %(ward)s, %(year)s")
            % {"ward": ward.name, "year": year},
            _standards(year, ward),
        )
        table = datasets.build("khu-dan-cu", year=year, ward=ward)
        write_table(sheet, table, freeze=True, first_width=20)


def write_goals(book, styles, *, year, ward) -> None:
    """The `muc-tieu` dataset; for the city, `muc-tieu-theo-don-vi` below it."""
    sheet = SheetWriter(book, styles, _("10 goals"))
    sheet.title(
        _("The contents and goals, %(year)s – %(scope)s")
        % {"year": year, "scope": _scope_label(ward)},
        _campaign(year),
    )
    write_table(sheet, datasets.build("muc-tieu", year=year, ward=ward), first_width=10)
    if ward is None:
        sheet.gap()
        write_table(sheet, datasets.build("muc-tieu-theo-don-vi", year=year))


def write_fund(book, styles, *, year, ward) -> None:
    """Headline fund figures, `chi-theo-loai`, and for the city `quy-theo-don-vi`."""
    overview = selectors.city_overview(year=year, ward=ward)
    sheet = SheetWriter(book, styles, _("Poverty fund"))
    sheet.title(
        _("“For the poor” fund, %(year)s – %(scope)s")
        % {"year": year, "scope": _scope_label(ward)},
        _("Approved donations and supports of the year.")
        if ward is None
        else _("Approved donations to the ward fund and supports of the year."),
    )
    label = ReportColumn(_("Figure"), 40)
    sheet.table([label, ReportColumn(_("Value"), 18, MONEY)])
    for key in FUND_FIGURES:
        figure = figures.FIGURES[key]
        sheet.line(
            [str(figure.label), figure.value(overview)],
            columns=[label, report_column(figure.column)],
        )
    sheet.gap()
    table = datasets.build("chi-theo-loai", year=year, ward=ward)
    write_table(sheet, table, first_width=40)
    if ward is None:
        sheet.gap()
        write_table(sheet, datasets.build("quy-theo-don-vi", year=year))


def write_works(book, styles, *, year, ward) -> None:
    """The `cong-trinh` dataset; for the city, `cong-trinh-theo-don-vi` below it."""
    sheet = SheetWriter(book, styles, _("Community works"))
    sheet.title(
        _("Community works, %(year)s – %(scope)s")
        % {"year": year, "scope": _scope_label(ward)}
    )
    write_table(sheet, datasets.build("cong-trinh", year=year, ward=ward))
    if ward is None:
        sheet.gap()
        write_table(sheet, datasets.build("cong-trinh-theo-don-vi", year=year))


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
        [_("Total"), *[""] * 8, fund.spent, fund.houses_built, fund.houses_repaired, ""]
    )


def may_report(user, ward) -> bool:
    """Whether `user` may have the workbook of `ward` (None: the whole city).

    The gate's rule: the user must see yearly results, and see the ward, or every ward
    for the whole city; no user, no workbook.
    """
    if not has_model_action(user, "view", AnnualResult):
        return False
    if ward is None:
        return ward_scope(user) is ALL_WARDS
    return Ward.objects.restrict(user).filter(pk=ward.pk).exists()


def yearly_report(*, year: int, ward=None, user):
    """The workbook of `ward` (None: the whole city) for `user`, as a temporary file at
    its start; the support list with beneficiaries for staff only. Every sheet but that
    list holds the public datasets' published figures; the list goes through the gate.
    """
    if not may_report(user, ward):
        raise PermissionDenied
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
    styles = workbook_styles(book)
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
