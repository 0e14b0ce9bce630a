"""The campaign's data, one module per part of the domain; every model is importable from here.

Meaning of every model: ../shared/DESIGN.md §3. Rules that hold for one row live in
the database (constraints) and in `clean()`; rules across rows live in services.
"""

from campaigns.models.accounts import ImportUpload, StaffScope
from campaigns.models.base import (
    DATA_PERMISSIONS,
    HOUSE_CATEGORIES,
    MAX_YEAR,
    MIN_YEAR,
    RECORD_PERMISSIONS,
    CampaignRecord,
    TimeStampedModel,
    year_validators,
)
from campaigns.models.catalogue import Content, Goal, PovertyStandard, RatingGrade
from campaigns.models.documents import ReportTemplate
from campaigns.models.fund import Donation, Household, Support
from campaigns.models.fund_balance import FundBalanceEntry
from campaigns.models.organisation import ApprovingBody
from campaigns.models.periods import CampaignPhase, GoalSet, TitleDefinition
from campaigns.models.results import AnnualResult, GoalResult
from campaigns.models.stories import Photo, Story
from campaigns.models.summaries import (
    FundSummary,
    GoalSummary,
    ResultSummary,
    WorkSummary,
)
from campaigns.models.units import ResidentialArea, Ward, WardSuccession
from campaigns.models.works import Commendation, CommunityWork

__all__ = [
    "DATA_PERMISSIONS",
    "HOUSE_CATEGORIES",
    "MAX_YEAR",
    "MIN_YEAR",
    "RECORD_PERMISSIONS",
    "AnnualResult",
    "CampaignPhase",
    "ApprovingBody",
    "CampaignRecord",
    "Commendation",
    "CommunityWork",
    "Content",
    "Donation",
    "FundBalanceEntry",
    "FundSummary",
    "Goal",
    "GoalResult",
    "GoalSet",
    "GoalSummary",
    "Household",
    "ImportUpload",
    "Photo",
    "PovertyStandard",
    "RatingGrade",
    "ReportTemplate",
    "ResidentialArea",
    "ResultSummary",
    "StaffScope",
    "Story",
    "Support",
    "TimeStampedModel",
    "TitleDefinition",
    "Ward",
    "WardSuccession",
    "WorkSummary",
    "year_validators",
]
