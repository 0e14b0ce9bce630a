"""Spreadsheet columns of every admin list (django-import-export resources).

The same Vietnamese headers are written by exports and read by imports, so an
exported file imports back unchanged. Rows are found by natural keys, never ids:
a ward by GSO code or name in force on the row's date or year, a residential area
by name within that ward, the year, the goal number. The machinery lives in
`importing.py` and its neighbours; the columns and keys of each model live in this
package, one module per part of the domain.
"""

from campaigns.models import (
    AnnualResult,
    ApprovingBody,
    CampaignPhase,
    Commendation,
    CommunityWork,
    Content,
    Donation,
    FundBalanceEntry,
    Goal,
    GoalResult,
    GoalSet,
    Household,
    PovertyStandard,
    RatingGrade,
    ResidentialArea,
    StaffScope,
    Story,
    Support,
    TitleDefinition,
    Ward,
    WardSuccession,
)
from campaigns.spreadsheets.resources.accounts import StaffScopeResource
from campaigns.spreadsheets.resources.common import (
    GOAL_NUMBERS,
    ExportOnlyResource,
    GoalWidget,
    PovertyStandardWidget,
    status_column,
    ward_columns,
)
from campaigns.spreadsheets.resources.fund import (
    DonationResource,
    FundBalanceEntryResource,
    HouseholdResource,
)
from campaigns.spreadsheets.resources.goals import GoalResultResource
from campaigns.spreadsheets.resources.households import HOUSEHOLD_FIELDS
from campaigns.spreadsheets.resources.organisation import ApprovingBodyResource
from campaigns.spreadsheets.resources.reference import (
    CampaignPhaseResource,
    ContentResource,
    GoalResource,
    GoalSetResource,
    PovertyStandardResource,
    RatingGradeResource,
    TitleDefinitionResource,
)
from campaigns.spreadsheets.resources.results import AnnualResultResource
from campaigns.spreadsheets.resources.stories import StoryResource
from campaigns.spreadsheets.resources.supports import SupportResource
from campaigns.spreadsheets.resources.units import (
    ResidentialAreaResource,
    WardResource,
    WardSuccessionResource,
)
from campaigns.spreadsheets.resources.works import (
    CommendationResource,
    CommunityWorkResource,
)

__all__ = [
    "CampaignPhaseResource",
    "GoalSetResource",
    "TitleDefinitionResource",
    "EXPORT_RESOURCES",
    "GOAL_NUMBERS",
    "HOUSEHOLD_FIELDS",
    "IMPORT_RESOURCES",
    "AnnualResultResource",
    "ApprovingBodyResource",
    "CommendationResource",
    "CommunityWorkResource",
    "ContentResource",
    "DonationResource",
    "FundBalanceEntryResource",
    "ExportOnlyResource",
    "GoalResource",
    "GoalResultResource",
    "GoalWidget",
    "HouseholdResource",
    "PovertyStandardResource",
    "PovertyStandardWidget",
    "RatingGradeResource",
    "ResidentialAreaResource",
    "StaffScopeResource",
    "StoryResource",
    "SupportResource",
    "WardResource",
    "WardSuccessionResource",
    "status_column",
    "ward_columns",
]

IMPORT_RESOURCES = {
    ResidentialArea: ResidentialAreaResource,
    AnnualResult: AnnualResultResource,
    GoalResult: GoalResultResource,
    Donation: DonationResource,
    Support: SupportResource,
    CommunityWork: CommunityWorkResource,
    Commendation: CommendationResource,
}
EXPORT_RESOURCES = {
    **IMPORT_RESOURCES,
    Household: HouseholdResource,
    FundBalanceEntry: FundBalanceEntryResource,
    Ward: WardResource,
    WardSuccession: WardSuccessionResource,
    Content: ContentResource,
    Goal: GoalResource,
    PovertyStandard: PovertyStandardResource,
    RatingGrade: RatingGradeResource,
    CampaignPhase: CampaignPhaseResource,
    GoalSet: GoalSetResource,
    TitleDefinition: TitleDefinitionResource,
    ApprovingBody: ApprovingBodyResource,
    StaffScope: StaffScopeResource,
    Story: StoryResource,
}
