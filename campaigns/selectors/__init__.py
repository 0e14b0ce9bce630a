"""Reads for public pages, charts, downloads and reports: the one source of every public figure.

Every selector takes keyword-only arguments, counts published records only (the
querysets' `published()`), aggregates in the database with a fixed number of queries
whatever the data size, caches its result under the generation key
(`campaigns.cache`) and returns frozen dataclasses. Write `from campaigns import
selectors` and call `selectors.city_overview(...)`; the modules below hold them.

`ward=None` means the whole city; a ward means that unit, rolled up from the units it
succeeded (`units._territory_ids`).

Selectors with one row per unit take `page=`: `None` gives every unit (downloads,
reports), a number gives that page of `PAGE_SIZE` units only, so a page of a
10,000-unit portal reads and renders 50 units, not 10,000.

Years and status (years.py)
    available_years()                          years with approved data, ascending
    latest_year()                              the default year of every page (or None)
    demo_data_present()                        whether approved public data includes demo rows
    last_approved_at()                         when public data last changed by an approval
    poverty_standards()                        the poverty standards and their years

Units and residential areas (units.py, directory.py, search.py)
    units_page(year=, number=)                 one page of the units in force (per-unit tables)
    directory_page(number=)                    one page of `ward_directory()`
    ward_directory()                           every unit, with what it became / came from
    ward_detail(slug=)                         one unit with its predecessors and successors
    territory_directory(ward=)                 the entries of a unit and the units before it
    area_detail(slug=)                         one approved residential area and its links
    search_places(query=)                      units and areas, ignoring diacritics and case

Headline figures (overview.py)
    city_overview(year=, ward=None)            the headline figures of a year and since the start
    ward_summaries(year=, page=None)           one row per unit in force: results, fund, roads

Yearly results, AnnualResult (results.py)
    area_summaries(year=, ward=None)           one row per residential area
    results_by_year(ward=None)                 totals per year (households, rates, titles…)
    area_results_by_year(area=)                one residential area's results per year
    poverty_rate_trend(ward=None, area=None)   poor/near-poor rates per year with standard breaks

Dated reference data (catalogue.py)
    campaign_year(year=)                       phase, contents, goal set and titles in force
    years_without_standard(user=, until=)      years no poverty standard covers (staff warning)

Goals, GoalResult (goals.py)
    goal_catalogue(year=None)                       the goals of the year's set, with their contents
    goal_achievement_by_content(year=, ward=None)   share of areas achieving each goal
    goal_achievement_by_ward(year=, page=None)      … per goal per unit in force
    goal_achievement_by_year(ward=None)             … per goal (not number) per year
    goal_keys()                                     goal pk → number, wording, goal set
    area_goals_by_year(area=)                       one area's goal results per year

Poverty fund, Donation and Support (fund.py)
    fund_by_year(ward=None)                    raised, spent and houses per year
    fund_spending_by_category(year=, ward=None)
    fund_spending_by_ward(year=, page=None)    raised and spent per unit in force
    houses_by_year(ward=None)                  great-solidarity houses built and repaired
    named_donors(year=, ward=None, page=None)  donors who agreed to be named (never others)

Cards and the fund's public notice (cards.py, fund_notice.py), issue 16
    area_card(area=, year=)                    one area's year at a glance and five-year trend
    area_cards_of_ward(ward=, year=)           … of every area of a unit in force in the year
    fund_notice(ward=, year=)                  the ward fund's balance: opening, in, out, closing
    fund_notice_beneficiaries(user=, year=, ward=None)  consented names (gate)
    fund_notice_pending(ward=, year=)          fund records of the year not yet approved

Community works, CommunityWork (works.py)
    community_works_summary(year=, ward=None)  per kind of work, with a total
    community_works_by_ward(year=, page=None)
    community_works_by_year(ward=None)

The yearly report workbook (report.py): staff only, through the gate
    report_approval_state(year=, ward=None)    records of a year per kind and status
    support_beneficiaries(user=, year=, ward=None)  approved supports with households

Years and approving bodies (calendar.py, organisation.py)
    reporting_year()                           the year being collected (the current year)
    campaign_years()                           the years pages may be asked for
    year_out_of_range(year)                    the one message for a year outside them
    approving_body(ward=, year=)               the Front committee that approved a unit's year
    approving_bodies(year=, ward=None)         … of one unit, or of every unit in force
    approved_by_text(year=, ward=None)         their names, for pages, downloads, workbook

Staff screens: completeness.py (reporting rates) and history.py (change history).
"""

from campaigns.selectors.base import metres_to_km, share
from campaigns.selectors.calendar import (
    campaign_years,
    reporting_year,
    year_out_of_range,
)
from campaigns.selectors.cards import (
    AreaCard,
    CardTrendYear,
    area_card,
    area_cards_of_ward,
)
from campaigns.selectors.catalogue import (
    CampaignYear,
    TitleRef,
    campaign_year,
    goal_names,
    titles_for,
    years_without_standard,
)
from campaigns.selectors.directory import (
    AreaDetail,
    AreaRef,
    WardEntry,
    area_detail,
    directory_page,
    territory_directory,
    ward_detail,
    ward_directory,
)
from campaigns.selectors.fund import (
    CategorySpending,
    FundYear,
    HousesYear,
    NamedDonor,
    WardFund,
    fund_by_year,
    fund_spending_by_category,
    fund_spending_by_ward,
    houses_by_year,
    named_donors,
    named_donors_count,
)
from campaigns.selectors.fund_notice import (
    FundNotice,
    NamedBeneficiary,
    NoticeCategory,
    fund_notice,
    fund_notice_beneficiaries,
    fund_notice_pending,
)
from campaigns.selectors.goals import (
    AreaGoal,
    ContentGoals,
    GoalKey,
    GoalRef,
    GoalStat,
    GoalWardStat,
    GoalYearStat,
    area_goals_by_year,
    goal_achievement_by_content,
    goal_achievement_by_ward,
    goal_achievement_by_year,
    goal_catalogue,
    goal_keys,
)
from campaigns.selectors.organisation import (
    BodyRef,
    approved_by_text,
    approving_bodies,
    approving_body,
)
from campaigns.selectors.overview import (
    CityOverview,
    WardSummary,
    city_overview,
    ward_summaries,
)
from campaigns.selectors.pages import PAGE_SIZE, Page, PageNotFound
from campaigns.selectors.report import (
    StatusCount,
    SupportBeneficiary,
    report_approval_state,
    support_beneficiaries,
)
from campaigns.selectors.results import (
    AreaSummary,
    AreaYear,
    TrendPoint,
    YearResults,
    area_results_by_year,
    area_summaries,
    poverty_rate_trend,
    results_by_year,
)
from campaigns.selectors.search import (
    Fold,
    InSubquery,
    SearchResults,
    fold_translation_table,
    register_sqlite_fold,
    search_places,
)
from campaigns.selectors.totals import (
    NO_STANDARD,
    FundTotals,
    HouseholdRates,
    NoStandard,
    ResultTotals,
    StandardRef,
    WorkTotals,
)
from campaigns.selectors.units import WardRef, units_page
from campaigns.selectors.works import (
    WardWorks,
    WorkKind,
    WorksSummary,
    WorksYear,
    community_works_by_ward,
    community_works_by_year,
    community_works_summary,
)
from campaigns.selectors.years import (
    available_years,
    demo_data_present,
    last_approved_at,
    latest_year,
    poverty_standards,
)

__all__ = [
    # years.py
    "available_years",
    "demo_data_present",
    "last_approved_at",
    "latest_year",
    "poverty_standards",
    # calendar.py, organisation.py
    "BodyRef",
    "approved_by_text",
    "approving_bodies",
    "approving_body",
    "campaign_years",
    "reporting_year",
    "year_out_of_range",
    # units.py, directory.py, search.py
    "AreaDetail",
    "AreaRef",
    "Fold",
    "InSubquery",
    "SearchResults",
    "WardEntry",
    "WardRef",
    "area_detail",
    "directory_page",
    "fold_translation_table",
    "register_sqlite_fold",
    "search_places",
    "territory_directory",
    "units_page",
    "ward_detail",
    "ward_directory",
    # overview.py, results.py
    "AreaSummary",
    "AreaYear",
    "CityOverview",
    "TrendPoint",
    "WardSummary",
    "YearResults",
    "area_results_by_year",
    "area_summaries",
    "city_overview",
    "poverty_rate_trend",
    "results_by_year",
    "ward_summaries",
    # goals.py
    "AreaGoal",
    "ContentGoals",
    "GoalRef",
    "GoalStat",
    "GoalKey",
    "GoalWardStat",
    "GoalYearStat",
    "area_goals_by_year",
    "goal_achievement_by_content",
    "goal_achievement_by_ward",
    "goal_achievement_by_year",
    "goal_catalogue",
    "goal_keys",
    # fund.py
    "CategorySpending",
    "FundYear",
    "HousesYear",
    "NamedDonor",
    "WardFund",
    "fund_by_year",
    "fund_spending_by_category",
    "fund_spending_by_ward",
    "houses_by_year",
    "named_donors",
    "named_donors_count",
    # cards.py, fund_notice.py
    "AreaCard",
    "CardTrendYear",
    "FundNotice",
    "NamedBeneficiary",
    "NoticeCategory",
    "area_card",
    "area_cards_of_ward",
    "fund_notice",
    "fund_notice_beneficiaries",
    "fund_notice_pending",
    # works.py
    "WardWorks",
    "WorkKind",
    "WorksSummary",
    "WorksYear",
    "community_works_by_ward",
    "community_works_by_year",
    "community_works_summary",
    # report.py
    "StatusCount",
    "SupportBeneficiary",
    "report_approval_state",
    "support_beneficiaries",
    # pages.py, totals.py, base.py
    "PAGE_SIZE",
    "FundTotals",
    "HouseholdRates",
    "Page",
    "PageNotFound",
    "ResultTotals",
    "StandardRef",
    "CampaignYear",
    "TitleRef",
    "campaign_year",
    "goal_names",
    "titles_for",
    "years_without_standard",
    "NO_STANDARD",
    "NoStandard",
    "WorkTotals",
    "metres_to_km",
    "share",
]
