"""The nine tables the scale demo writes, each with the columns its rows fill, in order."""

from campaigns.demo.writing import TableWriter
from campaigns.models import (
    AnnualResult,
    Commendation,
    CommunityWork,
    Donation,
    GoalResult,
    Household,
    ResidentialArea,
    Support,
    Ward,
)

WORKFLOW = ["status", "status_reason", "status_changed_at", "approved_at", "is_demo"]
STAMPS = ["created_at", "updated_at"]


class ScaleTables:
    """One `TableWriter` per table; `writers` lists parents before children."""

    def __init__(self):
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
                "festival_highlights",
                "civilised_weddings",
                "civilised_funerals",
                "civilised_festivals",
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
                "publication_consent",
                "publication_consent_record",
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

    def flush(self) -> None:
        """Write every pending row, parents first, so each chunk is consistent."""
        for writer in self.writers:
            writer.flush()
