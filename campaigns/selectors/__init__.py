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
    last_approved_at(topic=)                   when public data (of a topic) last changed by an approval
    poverty_standards()                        the poverty standards and their years

Units and residential areas (units.py, directory.py, search.py)
    units_page(year=, number=)                 one page of the units in force (per-unit tables)
    directory_page(number=)                    one page of `ward_directory()`
    latest_units_page(number=)                 one page of the units nothing succeeded, with
                                               the units before them (`/don-vi/`)
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
    fund_split(year=)                          the year's ward funds (units in force) and city fund
    fund_spending_by_category(year=, ward=None)
    fund_spending_by_ward(year=, page=None)    raised and spent per unit in force
    houses_by_year(ward=None)                  great-solidarity houses built and repaired
    named_donors(year=, ward=None, page=None)  donors who agreed to be named (never others)

Festivals, cultural families, civilised lifestyle, commendations (issue 14:
festivals.py, cultural.py, commendations.py)
    festival_summary(year=, ward=None)         festivals held of areas in force, participants
    festivals_by_ward(year=, page=None)        … per unit in force
    festivals_by_year(ward=None)               … per year
    festival_areas(year=, ward=None, page=None)   the areas' festivals: date, participants, highlights
    area_festivals(area=)                      one area's festivals per year
    latest_festival()                          the latest year any festival was held
    cultural_summary(year=, ward=None)         cultural families, titles, civilised lifestyle
    cultural_by_ward(year=, page=None)         … per unit, with the title its kind could hold
    cultural_by_year(ward=None)
    cultural_areas(year=, ward=None, page=None)   each area's figures of a year
    area_cultural_by_year(area=)
    commendation_list(year=None, ward=None, area=None, page=None)  public fields only
    commendation_counts(year=, ward=None)      per level and form, collectives/individuals
    commendations_by_year(ward=None)

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
    report_approval_state(year=, user=, ward=None)  records of a year per kind and status
    support_beneficiaries(user=, year=, ward=None)  approved supports with households

Years and approving bodies (calendar.py, organisation.py)
    reporting_year()                           the year being collected (the current year)
    campaign_years()                           the years pages may be asked for
    year_out_of_range(year)                    the one message for a year outside them
    approving_body(ward=, year=)               the Front committee that approved a unit's year
    approving_bodies(year=, ward=None)         … of one unit, or of every unit in force
    approved_by_text(year=, ward=None)         their names, for pages, downloads, workbook
    approved_by_reader()                       the same for a table's rows, bodies read once

Good examples and photos, Story and Photo (stories.py)
    story_page(number=, ward=None, year=None, kind=None)  one page of approved stories
    story_filters()                            units and years with approved stories
    story_detail(slug=)                        one approved story with its photos
    latest_stories(limit=)                     the newest, for the home page
    stories_of_place(ward=None, area=None)     the newest of a unit or an area
    festival_photos_by_result(result_ids)      published festival photos by yearly result
    festival_photos_of_year(year=, limit=12)   published photos of the year's festivals
    photos_for(results)                        … of yearly result objects or rows

The year-end report, a .docx (yearend.py)
    fund_over_years(first_year=, last_year=, ward=None)     fund totals over a window
    fund_spending_by_category_over_years(first_year=, last_year=, ward=None)
    community_works_over_years(first_year=, last_year=, ward=None)
    commendations_by_level(year=, ward=None)   approved commendations per level, kind
    standard_of_year(year)                     the poverty standard covering a year
    report_issuer(year=, ward=None)            the body issuing a unit's report

Staff screens: completeness.py (reporting rates), history.py (change history) and
staff_home.py (the ward staff's home: their wards, counts, returned records, deadline).
"""

import types

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
from campaigns.selectors.commendations import (
    CommendationCount,
    CommendationYear,
    PublicCommendation,
    commendation_counts,
    commendation_list,
    commendations_by_year,
)
from campaigns.selectors.cultural import (
    AreaCultural,
    CulturalTotals,
    CulturalYear,
    WardCultural,
    area_cultural_by_year,
    cultural_areas,
    cultural_by_ward,
    cultural_by_year,
    cultural_summary,
)
from campaigns.selectors.directory import (
    AreaDetail,
    AreaRef,
    WardEntry,
    area_detail,
    directory_page,
    latest_units_page,
    territory_directory,
    ward_detail,
    ward_directory,
)
from campaigns.selectors.festivals import (
    AreaFestival,
    FestivalSummary,
    FestivalTotals,
    FestivalYear,
    WardFestivals,
    area_festivals,
    festival_areas,
    festival_summary,
    festivals_by_ward,
    festivals_by_year,
    latest_festival,
)
from campaigns.selectors.fund import (
    CategorySpending,
    FundSplit,
    FundYear,
    HousesYear,
    NamedDonor,
    WardFund,
    fund_by_year,
    fund_spending_by_category,
    fund_spending_by_ward,
    fund_split,
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
    approved_by_reader,
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
    register_sqlite_fold,
    search_places,
)
from campaigns.selectors.stories import (
    PhotoRef,
    StoryCard,
    StoryDetail,
    StoryFilters,
    festival_photos_by_result,
    festival_photos_of_year,
    latest_stories,
    photos_for,
    stories_of_place,
    story_detail,
    story_filters,
    story_page,
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
from campaigns.selectors.yearend import (
    CommendationLevelCount,
    Issuer,
    WorksWindow,
    commendations_by_level,
    community_works_over_years,
    fund_over_years,
    fund_spending_by_category_over_years,
    report_issuer,
    standard_of_year,
)
from campaigns.selectors.years import (
    available_years,
    demo_data_present,
    last_approved_at,
    latest_year,
    poverty_standards,
)

# Every name imported above is this package's interface (the index in the docstring).
__all__ = sorted(
    name
    for name, value in globals().items()
    if not name.startswith("_")
    and not isinstance(value, types.ModuleType)
    and name != "types"
)
