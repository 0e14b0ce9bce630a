"""Spreadsheet columns of every admin list (django-import-export resources).

The same Vietnamese headers are written by exports and read by imports, so an
exported file imports back unchanged. Rows are found by natural keys, never ids:
a ward by GSO code or name in force on the row's date or year, a residential area
by name within that ward, the year, the goal number. The machinery lives in
`importing.py`; the columns and keys of each model live here.
"""

from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Max, When
from django.db.models.functions import Cast
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from campaigns.models import (
    MAX_YEAR,
    MIN_YEAR,
    AnnualResult,
    Commendation,
    CommunityWork,
    Content,
    Donation,
    Goal,
    GoalResult,
    Household,
    PovertyStandard,
    RatingGrade,
    ResidentialArea,
    StaffScope,
    Support,
    Ward,
    WardSuccession,
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
from campaigns.spreadsheets.bulk import insert_rows_with_history, insert_with_history
from campaigns.spreadsheets.importing import (
    CampaignResource,
    Col,
    ResidentialAreaWidget,
    WardWidget,
    key_part,
    name_key,
)
from campaigns.spreadsheets.widgets import (
    ChoiceWidget,
    CodeWidget,
    CountWidget,
    DateWidget,
    DecimalWidget,
    LookupWidget,
    MoneyWidget,
    YearWidget,
    YesNoWidget,
    clean_text,
)
from campaigns.text import vn_slugify

GOAL_NUMBERS = range(1, 11)


def ward_columns(code_path="ward", name_path="ward__name", readonly=False):
    """The two ward columns: GSO code (the lookup) and name (read to confirm or find it)."""
    return (
        Col(
            code_path,
            pgettext_lazy("column", "Ward code"),
            WardWidget(),
            path=code_path if "__" in code_path else f"{code_path}__code",
            readonly=readonly,
        ),
        Col(name_path, pgettext_lazy("column", "Ward name"), readonly=True),
    )


def status_column(path="status"):
    return Col(
        path,
        pgettext_lazy("column", "Status"),
        ChoiceWidget(WorkflowStatusChoices),
        readonly=True,
    )


class PovertyStandardWidget(LookupWidget):
    """A poverty standard by its legal document ("QĐ 59/2015/QĐ-TTg"); empty: the one in force."""

    def __init__(self, **kwargs):
        super().__init__(PovertyStandard, field="code")

    def clean(self, value, row=None, **kwargs):
        text = clean_text(value)
        return self.resource.keys.standard_by_code(text) if text else None


class GoalWidget(LookupWidget):
    """A goal by its number (1–10)."""

    def __init__(self, **kwargs):
        super().__init__(Goal, field="number")
        self.kind = "integer"

    def clean(self, value, row=None, **kwargs):
        number = CountWidget().clean(value)
        if number is None:
            return None
        return self.resource.keys.goal(number)


def _new_slug(ward, name, taken: set) -> str:
    base = f"{ward.slug}-{vn_slugify(name)}"[:150]
    slug, counter = base, 2
    while slug in taken:
        slug, counter = f"{base}-{counter}", counter + 1
    taken.add(slug)
    return slug


# --- Residential areas -----------------------------------------------------------------


class ResidentialAreaResource(CampaignResource):
    ward, ward_name = ward_columns()
    name = Col("name", pgettext_lazy("column", "Residential area"), required=True)
    kind = Col(
        "kind",
        pgettext_lazy("column", "Kind of area"),
        ChoiceWidget(ResidentialAreaKindChoices),
    )
    valid_from = Col("valid_from", pgettext_lazy("column", "Valid from"), DateWidget())
    valid_to = Col("valid_to", pgettext_lazy("column", "Valid to"), DateWidget())
    status = status_column()

    day_fields = ("valid_from", "valid_to")
    constraint_checks = {
        "residential_area_validity_ordered": (
            lambda o: not (o.valid_from and o.valid_to) or o.valid_to >= o.valid_from,
            "valid_to",
        )
    }

    class Meta(CampaignResource.Meta):
        model = ResidentialArea
        fields = (
            "ward",
            "ward_name",
            "name",
            "kind",
            "valid_from",
            "valid_to",
            "status",
        )
        import_id_fields = ("ward", "name")

    def prepare(self, dataset, **kwargs):
        super().prepare(dataset, **kwargs)
        self.slugs = set(
            self.import_rows()
            .filter(ward_id__in=self.ward_ids)
            .values_list("slug", flat=True)
        )

    def after_fields(self, instance, row, errors):
        if instance.ward_id and not instance.kind:
            # Tổ dân phố in a phường, thôn in a xã: what people leave out.
            instance.kind = (
                ResidentialAreaKindChoices.VILLAGE
                if instance.ward.kind == WardKindChoices.COMMUNE
                else ResidentialAreaKindChoices.STREET_GROUP
            )
        if not instance.slug and instance.ward_id and instance.name:
            instance.slug = _new_slug(instance.ward, instance.name, self.slugs)


# --- Yearly results ------------------------------------------------------------------------


def _goal_column(number):
    return Col(
        f"goal_{number}",
        format_lazy("{} {}", pgettext_lazy("column", "Goal"), number),
        YesNoWidget(
            yes=pgettext_lazy("column", "Achieved"),
            no=pgettext_lazy("column", "Not achieved"),
            empty=None,
        ),
        saves_null_values=False,
    )


class AnnualResultResource(CampaignResource):
    year = Col("year", pgettext_lazy("column", "Year"), YearWidget(), required=True)
    ward, ward_name = ward_columns(
        "residential_area__ward__code", "residential_area__ward__name", readonly=True
    )
    residential_area = Col(
        "residential_area",
        pgettext_lazy("column", "Residential area"),
        ResidentialAreaWidget(),
        path="residential_area__name",
        required=True,
    )
    households = Col(
        "households",
        pgettext_lazy("column", "Households"),
        CountWidget(),
        required=True,
    )
    cultural_families_registered = Col(
        "cultural_families_registered",
        pgettext_lazy("column", "Families registered (cultural family)"),
        CountWidget(),
        required=True,
    )
    cultural_families_recognised = Col(
        "cultural_families_recognised",
        pgettext_lazy("column", "Families recognised (cultural family)"),
        CountWidget(),
        required=True,
    )
    cultural_title = Col(
        "cultural_title",
        pgettext_lazy("column", "Cultural residential area title"),
        YesNoWidget(),
        default=False,
    )
    cultural_title_year = Col(
        "cultural_title_year",
        pgettext_lazy("column", "Year the title was recognised"),
        YearWidget(),
    )
    poverty_standard = Col(
        "poverty_standard",
        pgettext_lazy("column", "Poverty standard"),
        PovertyStandardWidget(),
        path="poverty_standard__code",
    )
    poor_households = Col(
        "poor_households",
        pgettext_lazy("column", "Poor households"),
        CountWidget(),
        required=True,
    )
    near_poor_households = Col(
        "near_poor_households",
        pgettext_lazy("column", "Near-poor households"),
        CountWidget(),
        required=True,
    )
    newly_poor_households = Col(
        "newly_poor_households",
        pgettext_lazy("column", "Newly poor households"),
        CountWidget(),
        default=0,
    )
    festival_held = Col(
        "festival_held",
        pgettext_lazy("column", "Festival held"),
        YesNoWidget(),
        default=False,
    )
    festival_date = Col(
        "festival_date", pgettext_lazy("column", "Festival date"), DateWidget()
    )
    festival_participants = Col(
        "festival_participants",
        pgettext_lazy("column", "Festival participants"),
        CountWidget(),
    )
    committee_score = Col(
        "committee_score", pgettext_lazy("column", "Committee score"), CountWidget()
    )
    note = Col("note", pgettext_lazy("column", "Note"))
    goal_1 = _goal_column(1)
    goal_2 = _goal_column(2)
    goal_3 = _goal_column(3)
    goal_4 = _goal_column(4)
    goal_5 = _goal_column(5)
    goal_6 = _goal_column(6)
    goal_7 = _goal_column(7)
    goal_8 = _goal_column(8)
    goal_9 = _goal_column(9)
    goal_10 = _goal_column(10)
    status = status_column()

    day_fields = ("year",)
    existing_related = ("residential_area__ward", "poverty_standard")
    error_columns = {"residential_area": "residential_area"}
    constraint_checks = {
        "annual_result_year_range": (
            lambda o: MIN_YEAR <= o.year <= MAX_YEAR,
            "year",
        ),
        "annual_result_cultural_families_valid": (
            lambda o: (
                o.cultural_families_recognised
                <= o.cultural_families_registered
                <= o.households
            ),
            "cultural_families_recognised",
        ),
        "annual_result_poverty_within_households": (
            lambda o: o.poor_households + o.near_poor_households <= o.households,
            "near_poor_households",
        ),
        "annual_result_newly_poor_within_poor": (
            lambda o: o.newly_poor_households <= o.poor_households,
            "newly_poor_households",
        ),
        "annual_result_committee_score_range": (
            lambda o: o.committee_score is None or o.committee_score <= 100,
            "committee_score",
        ),
        "annual_result_title_year_not_future": (
            lambda o: o.cultural_title_year is None or o.cultural_title_year <= o.year,
            "cultural_title_year",
        ),
    }

    class Meta(CampaignResource.Meta):
        model = AnnualResult
        fields = (
            "year",
            "ward",
            "ward_name",
            "residential_area",
            "households",
            "cultural_families_registered",
            "cultural_families_recognised",
            "cultural_title",
            "cultural_title_year",
            "poverty_standard",
            "poor_households",
            "near_poor_households",
            "newly_poor_households",
            "festival_held",
            "festival_date",
            "festival_participants",
            "committee_score",
            "note",
            *(f"goal_{n}" for n in GOAL_NUMBERS),
            "status",
        )
        import_id_fields = ("residential_area", "year")

    def existing_queryset(self, rows):
        keys = [key for key in self.row_keys if key is not None]
        years = {year for _area, year in keys}
        # By the rows' wards (hundreds) rather than their areas (ten thousand
        # parameters to bind); rows of other areas are loaded but never matched.
        return (
            self.import_rows()
            .filter(residential_area__ward_id__in=self.ward_ids, year__in=years)
            .select_related(*self.existing_related)
        )

    def load_existing(self, rows):
        found = super().load_existing(rows)
        by_id = {i.pk: i for instances in found.values() for i in instances}
        for instance in by_id.values():
            instance.goal_objects = {}
            for number in GOAL_NUMBERS:
                setattr(instance, f"goal_{number}", None)
        goal_numbers = {goal.pk: number for number, goal in self.keys.goals.items()}
        # Ids and values only: turning 100,000 goal results into objects costs seconds.
        goal_rows = (
            self.import_rows(GoalResult)
            .filter(annual_result_id__in=list(by_id))
            .order_by()
            .values_list("annual_result_id", "goal_id", "achieved", "pk")
        )
        for result_id, goal_id, achieved, pk in goal_rows:
            number = goal_numbers[goal_id]
            by_id[result_id].goal_objects[number] = (pk, achieved)
            setattr(by_id[result_id], f"goal_{number}", achieved)
        return found

    def init_instance(self, row=None):
        instance = super().init_instance(row)
        instance.goal_objects = {}
        return instance

    def after_fields(self, instance, row, errors):
        if instance.year and not instance.poverty_standard_id:
            standard = self.keys.standard_for_year(instance.year)
            if standard is not None:
                instance.poverty_standard = standard

    def after_bulk_save(self, instances, *, created):
        from simple_history.utils import (
            bulk_update_with_history,
        )

        to_create, to_update = [], []
        goal_ids = {number: goal.pk for number, goal in self.keys.goals.items()}
        goals = [(number, f"goal_{number}") for number in GOAL_NUMBERS]
        now = self.now
        for instance in instances:
            for number, attribute in goals:
                achieved = getattr(instance, attribute, None)
                if achieved is None:
                    continue
                existing = instance.goal_objects.get(number)
                if existing is None:
                    to_create.append(
                        {
                            "annual_result_id": instance.pk,
                            "goal_id": goal_ids[number],
                            "achieved": achieved,
                        }
                    )
                elif existing[1] != achieved:
                    to_update.append((existing[0], achieved))
        options = {
            "batch_size": 2000,
            "default_user": self.history_user(),
            "default_change_reason": self.change_reason(),
            "default_date": self.now,
        }
        if to_create:
            insert_rows_with_history(
                GoalResult,
                to_create,
                user=self.history_user(),
                reason=self.change_reason(),
                when=self.now,
                return_pks=False,
                same={"value": None, "note": "", "created_at": now, "updated_at": now},
            )
        if to_update:
            achieved = dict(to_update)
            changed = list(self.import_rows(GoalResult).filter(pk__in=list(achieved)))
            for goal_result in changed:
                goal_result.achieved = achieved[goal_result.pk]
                goal_result.updated_at = self.now
            bulk_update_with_history(
                changed, GoalResult, ["achieved", "updated_at"], **options
            )

    def export_queryset(self, queryset):
        goals = {goal.number: goal.pk for goal in Goal.objects.all()}
        return queryset.annotate(
            **{
                f"goal_{number}": Max(
                    Case(
                        When(
                            goal_results__goal_id=goals.get(number),
                            then=Cast("goal_results__achieved", IntegerField()),
                        )
                    )
                )
                for number in GOAL_NUMBERS
            }
        )


class GoalResultResource(CampaignResource):
    year = Col(
        "annual_result__year",
        pgettext_lazy("column", "Year"),
        YearWidget(),
        readonly=True,
        required=True,
    )
    ward, ward_name = ward_columns(
        "annual_result__residential_area__ward__code",
        "annual_result__residential_area__ward__name",
        readonly=True,
    )
    residential_area = Col(
        "annual_result__residential_area",
        pgettext_lazy("column", "Residential area"),
        ResidentialAreaWidget(),
        path="annual_result__residential_area__name",
        readonly=True,
        required=True,
    )
    goal = Col(
        "goal",
        pgettext_lazy("column", "Goal number"),
        GoalWidget(),
        path="goal__number",
        required=True,
    )
    goal_name = Col("goal__name", pgettext_lazy("column", "Goal name"), readonly=True)
    achieved = Col(
        "achieved",
        pgettext_lazy("column", "Achieved"),
        YesNoWidget(
            yes=pgettext_lazy("column", "Achieved"),
            no=pgettext_lazy("column", "Not achieved"),
        ),
        default=False,
    )
    value = Col("value", pgettext_lazy("column", "Measured value"), DecimalWidget())
    note = Col("note", pgettext_lazy("column", "Note"))
    result_status = status_column("annual_result__status")

    day_fields = ("year",)
    existing_related = ("annual_result__residential_area", "goal")

    class Meta(CampaignResource.Meta):
        model = GoalResult
        fields = (
            "year",
            "ward",
            "ward_name",
            "residential_area",
            "goal",
            "goal_name",
            "achieved",
            "value",
            "note",
            "result_status",
        )
        import_id_fields = ("residential_area", "year", "goal")

    def prepare(self, dataset, **kwargs):
        super().prepare(dataset, **kwargs)

    def load_existing(self, rows):
        self.results = {
            (r.residential_area_id, r.year): r
            for r in self.import_rows(AnnualResult)
            .filter(residential_area__ward_id__in=self.ward_ids)
            .select_related("residential_area")
        }
        return super().load_existing(rows)

    def existing_queryset(self, rows):
        return (
            self.import_rows()
            .filter(annual_result__residential_area__ward_id__in=self.ward_ids)
            .select_related(*self.existing_related)
        )

    def row_key(self, row):
        try:
            area = self.cell(row, "residential_area")
            year = self.cell(row, "year")
            goal = self.cell(row, "goal")
        except ValueError:
            return None
        if area is None or year is None or goal is None:
            return None
        return (area.pk, year, goal.number)

    def instance_key(self, instance):
        result = instance.annual_result
        return (result.residential_area_id, result.year, instance.goal.number)

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        key = self.row_keys[self.row_index]
        result = self.results.get(key[:2]) if key else None
        self.row_result = result
        self.was_approved = bool(
            result and result.status == WorkflowStatusChoices.APPROVED
        )

    def after_fields(self, instance, row, errors):
        if self.row_result is None:
            if not errors:
                errors.setdefault(
                    self.fields["residential_area"].column_name, []
                ).append(
                    _(
                        "This residential area has no yearly result for this year; "
                        "import the yearly results first."
                    )
                )
            return
        instance.annual_result = self.row_result


# --- Poverty fund --------------------------------------------------------------------------


class DonationResource(CampaignResource):
    date = Col(
        "date", pgettext_lazy("column", "Date received"), DateWidget(), required=True
    )
    fund_level = Col(
        "fund_level", pgettext_lazy("column", "Fund"), ChoiceWidget(FundLevelChoices)
    )
    ward, ward_name = ward_columns()
    donor_name = Col("donor_name", pgettext_lazy("column", "Donor"), required=True)
    donor_kind = Col(
        "donor_kind",
        pgettext_lazy("column", "Kind of donor"),
        ChoiceWidget(DonorKindChoices),
        required=True,
    )
    amount = Col(
        "amount", pgettext_lazy("column", "Amount (VND)"), MoneyWidget(), default=0
    )
    in_kind_value = Col(
        "in_kind_value",
        pgettext_lazy("column", "Value in kind (VND)"),
        MoneyWidget(),
        default=0,
    )
    in_kind_description = Col(
        "in_kind_description", pgettext_lazy("column", "Goods in kind")
    )
    receipt_number = Col("receipt_number", pgettext_lazy("column", "Receipt number"))
    publish_donor_name = Col(
        "publish_donor_name",
        pgettext_lazy("column", "Donor agrees to be named"),
        YesNoWidget(),
        default=False,
    )
    note = Col("note", pgettext_lazy("column", "Note"))
    status = status_column()

    day_fields = ("date",)
    ward_required = False
    constraint_checks = {
        "donation_fund_level_matches_ward": (
            lambda o: (
                (o.fund_level == FundLevelChoices.CITY and o.ward_id is None)
                or (o.fund_level == FundLevelChoices.WARD and o.ward_id is not None)
            ),
            "ward",
        ),
        "donation_not_empty": (
            lambda o: (o.amount or 0) > 0 or (o.in_kind_value or 0) > 0,
            "amount",
        ),
    }

    class Meta(CampaignResource.Meta):
        model = Donation
        fields = (
            "date",
            "fund_level",
            "ward",
            "ward_name",
            "donor_name",
            "donor_kind",
            "amount",
            "in_kind_value",
            "in_kind_description",
            "receipt_number",
            "publish_donor_name",
            "note",
            "status",
        )
        import_id_fields = ("fund_level", "ward", "receipt_number")

    def _fund(self, fund, ward):
        return fund or (FundLevelChoices.WARD if ward else FundLevelChoices.CITY)

    def row_key(self, row):
        try:
            ward = self.row_ward(row)
            fund = self._fund(self.cell(row, "fund_level"), ward)
            receipt = self.cell(row, "receipt_number")
            if receipt:
                return (fund, key_part(ward), name_key(receipt))
            return (
                fund,
                key_part(ward),
                self.cell(row, "date"),
                name_key(self.cell(row, "donor_name") or ""),
            )
        except ValueError:
            return None

    def instance_key(self, instance):
        if instance.receipt_number:
            return (
                instance.fund_level,
                instance.ward_id,
                name_key(instance.receipt_number),
            )
        return (
            instance.fund_level,
            instance.ward_id,
            instance.date,
            name_key(instance.donor_name),
        )

    def after_fields(self, instance, row, errors):
        instance.fund_level = self._fund(instance.fund_level, instance.ward_id)


HOUSEHOLD_FIELDS = (
    "head_name",
    "id_number",
    "phone",
    "address",
    "members",
    "household_status",
)


def _id_number(value) -> str:
    text = clean_text(value).replace(" ", "").replace(".", "")
    # Excel drops the leading zero of a 12-digit CCCD or 9-digit CMND typed as a number.
    if text.isdigit() and len(text) in (8, 11):
        text = "0" + text
    return text


class SupportResource(CampaignResource):
    date = Col("date", pgettext_lazy("column", "Date"), DateWidget(), required=True)
    fund_level = Col(
        "fund_level",
        pgettext_lazy("column", "Paid from"),
        ChoiceWidget(FundLevelChoices),
        default=FundLevelChoices.WARD,
    )
    ward, ward_name = ward_columns()
    residential_area = Col(
        "residential_area",
        pgettext_lazy("column", "Residential area"),
        ResidentialAreaWidget(),
        path="residential_area__name",
    )
    head_name = Col(
        "household__head_name",
        pgettext_lazy("column", "Head of household"),
        readonly=True,
    )
    id_number = Col(
        "household__id_number", pgettext_lazy("column", "ID card number"), readonly=True
    )
    phone = Col("household__phone", pgettext_lazy("column", "Phone"), readonly=True)
    address = Col(
        "household__address", pgettext_lazy("column", "Address"), readonly=True
    )
    members = Col(
        "household__members",
        pgettext_lazy("column", "Members"),
        CountWidget(),
        readonly=True,
    )
    household_status = Col(
        "household__household_status",
        pgettext_lazy("column", "Household status"),
        ChoiceWidget(HouseholdStatusChoices),
        readonly=True,
    )
    category = Col(
        "category",
        pgettext_lazy("column", "Kind of support"),
        ChoiceWidget(SupportCategoryChoices),
        required=True,
    )
    amount = Col(
        "amount", pgettext_lazy("column", "Amount (VND)"), MoneyWidget(), required=True
    )
    houses_built = Col(
        "houses_built",
        pgettext_lazy("column", "Houses built"),
        CountWidget(),
        default=0,
    )
    houses_repaired = Col(
        "houses_repaired",
        pgettext_lazy("column", "Houses repaired"),
        CountWidget(),
        default=0,
    )
    decision_number = Col("decision_number", pgettext_lazy("column", "Decision number"))
    handover_date = Col(
        "handover_date", pgettext_lazy("column", "Handover date"), DateWidget()
    )
    note = Col("note", pgettext_lazy("column", "Note"))
    status = status_column()

    day_fields = ("date",)
    existing_related = ("household",)
    constraint_checks = {
        "support_houses_built_only_for_new_houses": (
            lambda o: (
                o.houses_built == 0 or o.category == SupportCategoryChoices.HOUSE_NEW
            ),
            "houses_built",
        ),
        "support_houses_repaired_only_for_repairs": (
            lambda o: (
                o.houses_repaired == 0
                or o.category == SupportCategoryChoices.HOUSE_REPAIR
            ),
            "houses_repaired",
        ),
        "support_amount_positive": (lambda o: o.amount > 0, "amount"),
        "support_handover_not_before_date": (
            lambda o: o.handover_date is None or o.handover_date >= o.date,
            "handover_date",
        ),
    }

    class Meta(CampaignResource.Meta):
        model = Support
        fields = (
            "date",
            "fund_level",
            "ward",
            "ward_name",
            "residential_area",
            "head_name",
            "id_number",
            "phone",
            "address",
            "members",
            "household_status",
            "category",
            "amount",
            "houses_built",
            "houses_repaired",
            "decision_number",
            "handover_date",
            "note",
            "status",
        )
        import_id_fields = ("ward", "date", "category", "head_name", "decision_number")

    # Households: found by ID number, else by head's name in the ward and area.

    def load_existing(self, rows):
        reachable = self.import_rows(Household)
        households = reachable.filter(ward_id__in=self.ward_ids)
        ids = {
            _id_number(row.get(self.fields["id_number"].column_name)) for row in rows
        }
        ids.discard("")
        self.households_by_id = {
            h.id_number: h for h in reachable.filter(id_number__in=ids)
        }
        # ID numbers are unique in the city: one taken beyond the gate is refused by
        # name, not loaded (and not left to fail as a duplicate on insert).
        self.ids_elsewhere = set(
            Household.objects.filter(id_number__in=ids - set(self.households_by_id))
            .order_by()
            .values_list("id_number", flat=True)
        )
        self.households_by_name = {}
        for household in households:
            key = (household.ward_id, name_key(household.head_name))
            self.households_by_name.setdefault(key, []).append(household)
        self.new_households = {}
        return super().load_existing(rows)

    def household_key(self, head, id_number):
        if id_number:
            return ("id", id_number)
        if head:
            return ("name", name_key(head))
        return None

    def row_key(self, row):
        try:
            ward = self.row_ward(row)
            return (
                key_part(ward),
                self.cell(row, "date"),
                self.cell(row, "category"),
                self.household_key(
                    clean_text(row.get(self.fields["head_name"].column_name)),
                    _id_number(row.get(self.fields["id_number"].column_name)),
                ),
                name_key(self.cell(row, "decision_number") or ""),
            )
        except ValueError:
            return None

    def instance_key(self, instance):
        household = instance.household
        return (
            instance.ward_id,
            instance.date,
            instance.category,
            self.household_key(household.head_name, household.id_number)
            if household
            else None,
            name_key(instance.decision_number),
        )

    def extra_snapshot(self, instance):
        household = instance.household if instance.household_id else None
        if household is None and getattr(instance, "_new_household", None):
            household = instance._new_household
        if household is None:
            return None
        return (household.pk, *(getattr(household, name) for name in HOUSEHOLD_FIELDS))

    def after_fields(self, instance, row, errors):
        columns = {name: self.fields[name].column_name for name in HOUSEHOLD_FIELDS}
        head = clean_text(row.get(columns["head_name"]))
        id_number = _id_number(row.get(columns["id_number"]))
        if (
            instance.category == SupportCategoryChoices.HOUSE_NEW
            and not instance.houses_built
        ):
            instance.houses_built = 1
        if (
            instance.category == SupportCategoryChoices.HOUSE_REPAIR
            and not instance.houses_repaired
        ):
            instance.houses_repaired = 1
        if not head and not id_number:
            instance.household = None
            return
        ward = instance.ward if instance.ward_id else None
        household = None
        if id_number:
            household = self.households_by_id.get(id_number)
            if id_number in self.ids_elsewhere or (
                household is not None
                and ward is not None
                and household.ward_id != ward.pk
            ):
                errors.setdefault(columns["id_number"], []).append(
                    _("A household with this ID card number belongs to another ward.")
                )
                return
        if household is None and head and ward is not None:
            named = [
                h
                for h in self.households_by_name.get((ward.pk, name_key(head)), [])
                if not id_number or not h.id_number or h.id_number == id_number
            ]
            if instance.residential_area_id:
                same_area = [
                    h
                    for h in named
                    if h.residential_area_id == instance.residential_area_id
                ]
                named = same_area or named
            if len(named) > 1:
                errors.setdefault(columns["head_name"], []).append(
                    _(
                        "Several households of this ward have this head's name; give the ID card number."
                    )
                )
                return
            household = named[0] if named else None
        if household is None:
            key = self.household_key(head, id_number) + (ward.pk if ward else None,)
            household = self.new_households.get(key)
            if household is None:
                household = Household(
                    ward=ward,
                    residential_area=instance.residential_area
                    if instance.residential_area_id
                    else None,
                    head_name=head,
                    id_number=id_number,
                    members=1,
                    household_status=HouseholdStatusChoices.POOR,
                    status=self.import_status,
                    status_changed_at=self.now,
                    created_at=self.now,
                    updated_at=self.now,
                )
                self.new_households[key] = household
        changed = self.apply_household_columns(
            household, row, columns, errors, head, id_number
        )
        if (
            household.pk
            and changed
            and household.status == WorkflowStatusChoices.APPROVED
        ):
            errors.setdefault(columns["head_name"], []).append(
                _(
                    "This household is approved and locked; ask city staff to reopen it before changing it."
                )
            )
        if household.pk is None or changed:
            try:
                household.full_clean(
                    exclude=["ward", "residential_area"],
                    validate_unique=False,
                    validate_constraints=False,
                )
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    column = columns.get(name, columns["head_name"])
                    errors.setdefault(column, []).extend(messages)
        instance.household = household

    def apply_household_columns(
        self, household, row, columns, errors, head, id_number
    ) -> bool:
        before = tuple(getattr(household, name) for name in HOUSEHOLD_FIELDS)
        if head:
            household.head_name = head
        if id_number:
            household.id_number = id_number
        for name in ("phone", "address"):
            if columns[name] in row:
                setattr(household, name, clean_text(row.get(columns[name])))
        if columns["members"] in row and clean_text(row.get(columns["members"])):
            try:
                household.members = self.fields["members"].widget.clean(
                    row.get(columns["members"])
                )
            except ValueError as error:
                errors.setdefault(columns["members"], []).append(str(error))
        if columns["household_status"] in row and clean_text(
            row.get(columns["household_status"])
        ):
            try:
                household.household_status = self.fields[
                    "household_status"
                ].widget.clean(row.get(columns["household_status"]))
            except ValueError as error:
                errors.setdefault(columns["household_status"], []).append(str(error))
        if household.members is not None and household.members < 1:
            errors.setdefault(columns["members"], []).append(
                _("A household has at least one member.")
            )
        changed = before != tuple(getattr(household, name) for name in HOUSEHOLD_FIELDS)
        if changed and household.pk:
            household.updated_at = self.now
            household.status = self.import_status
            household.status_changed_at = self.now
            self.changed_households[household.pk] = household
        return changed

    def prepare(self, dataset, **kwargs):
        self.changed_households = {}
        super().prepare(dataset, **kwargs)

    def before_bulk_create(self, instances):
        from simple_history.utils import (
            bulk_update_with_history,
        )

        new = {}
        for instance in instances:
            household = instance._state.fields_cache.get("household")
            if household is not None and household.pk is None:
                new[id(household)] = household
        options = {
            "default_user": self.history_user(),
            "default_change_reason": self.change_reason(),
            "default_date": self.now,
        }
        if new:
            insert_with_history(
                Household,
                list(new.values()),
                user=self.history_user(),
                reason=self.change_reason(),
                when=self.now,
            )
        changed = [h for h in self.changed_households.values()]
        if changed:
            bulk_update_with_history(
                changed,
                Household,
                [*HOUSEHOLD_FIELDS, "updated_at", "status", "status_changed_at"],
                batch_size=1000,
                **options,
            )
            self.changed_households = {}
        for instance in instances:
            household = instance._state.fields_cache.get("household")
            if household is not None:
                instance.household_id = household.pk


# --- Community works and commendations -----------------------------------------------


class CommunityWorkResource(CampaignResource):
    year = Col("year", pgettext_lazy("column", "Year"), YearWidget(), required=True)
    ward, ward_name = ward_columns()
    residential_area = Col(
        "residential_area",
        pgettext_lazy("column", "Residential area"),
        ResidentialAreaWidget(),
        path="residential_area__name",
    )
    name = Col("name", pgettext_lazy("column", "Name of the work"), required=True)
    kind = Col(
        "kind",
        pgettext_lazy("column", "Kind of work"),
        ChoiceWidget(CommunityWorkKindChoices),
        required=True,
    )
    length_m = Col("length_m", pgettext_lazy("column", "Length (m)"), CountWidget())
    area_m2 = Col("area_m2", pgettext_lazy("column", "Area (m²)"), CountWidget())
    people_money = Col(
        "people_money",
        pgettext_lazy("column", "People's money (VND)"),
        MoneyWidget(),
        default=0,
    )
    labour_days = Col(
        "labour_days", pgettext_lazy("column", "Labour days"), CountWidget(), default=0
    )
    land_donated_m2 = Col(
        "land_donated_m2",
        pgettext_lazy("column", "Land donated (m²)"),
        CountWidget(),
        default=0,
    )
    state_budget = Col(
        "state_budget",
        pgettext_lazy("column", "State budget (VND)"),
        MoneyWidget(),
        default=0,
    )
    other_funding = Col(
        "other_funding",
        pgettext_lazy("column", "Other funding (VND)"),
        MoneyWidget(),
        default=0,
    )
    completion_date = Col(
        "completion_date", pgettext_lazy("column", "Completion date"), DateWidget()
    )
    note = Col("note", pgettext_lazy("column", "Note"))
    status = status_column()

    day_fields = ("year",)
    constraint_checks = {
        "community_work_year_range": (lambda o: MIN_YEAR <= o.year <= MAX_YEAR, "year"),
        "community_work_road_has_length": (
            lambda o: (
                o.kind != CommunityWorkKindChoices.ROAD
                or (o.length_m is not None and o.length_m > 0)
            ),
            "length_m",
        ),
    }

    class Meta(CampaignResource.Meta):
        model = CommunityWork
        fields = (
            "year",
            "ward",
            "ward_name",
            "residential_area",
            "name",
            "kind",
            "length_m",
            "area_m2",
            "people_money",
            "labour_days",
            "land_donated_m2",
            "state_budget",
            "other_funding",
            "completion_date",
            "note",
            "status",
        )
        import_id_fields = ("ward", "year", "name", "completion_date")


class CommendationResource(CampaignResource):
    year = Col("year", pgettext_lazy("column", "Year"), YearWidget(), required=True)
    level = Col(
        "level",
        pgettext_lazy("column", "Level of commendation"),
        ChoiceWidget(CommendationLevelChoices),
        required=True,
    )
    recipient_kind = Col(
        "recipient_kind",
        pgettext_lazy("column", "Recipient kind"),
        ChoiceWidget(RecipientKindChoices),
        required=True,
    )
    recipient_name = Col(
        "recipient_name", pgettext_lazy("column", "Recipient"), required=True
    )
    ward, ward_name = ward_columns()
    residential_area = Col(
        "residential_area",
        pgettext_lazy("column", "Residential area"),
        ResidentialAreaWidget(),
        path="residential_area__name",
    )
    form = Col("form", pgettext_lazy("column", "Form of commendation"), required=True)
    decision_number = Col("decision_number", pgettext_lazy("column", "Decision number"))
    reason = Col("reason", pgettext_lazy("column", "Achievement"))
    status = status_column()

    day_fields = ("year",)
    ward_required = False
    constraint_checks = {
        "commendation_year_range": (lambda o: MIN_YEAR <= o.year <= MAX_YEAR, "year"),
    }

    class Meta(CampaignResource.Meta):
        model = Commendation
        fields = (
            "year",
            "level",
            "recipient_kind",
            "recipient_name",
            "ward",
            "ward_name",
            "residential_area",
            "form",
            "decision_number",
            "reason",
            "status",
        )
        import_id_fields = ("year", "level", "ward", "recipient_name", "form")


# --- Export-only lists -------------------------------------------------------------------


class ExportOnlyResource(CampaignResource):
    importable = False


class HouseholdResource(ExportOnlyResource):
    ward, ward_name = ward_columns()
    residential_area = Col(
        "residential_area__name", pgettext_lazy("column", "Residential area")
    )
    head_name = Col("head_name", pgettext_lazy("column", "Head of household"))
    id_number = Col("id_number", pgettext_lazy("column", "ID card number"))
    phone = Col("phone", pgettext_lazy("column", "Phone"))
    address = Col("address", pgettext_lazy("column", "Address"))
    members = Col("members", pgettext_lazy("column", "Members"), CountWidget())
    household_status = Col(
        "household_status",
        pgettext_lazy("column", "Household status"),
        ChoiceWidget(HouseholdStatusChoices),
    )
    note = Col("note", pgettext_lazy("column", "Note"))
    status = status_column()

    class Meta(CampaignResource.Meta):
        model = Household
        fields = (
            "ward",
            "ward_name",
            "residential_area",
            "head_name",
            "id_number",
            "phone",
            "address",
            "members",
            "household_status",
            "note",
            "status",
        )


class WardResource(ExportOnlyResource):
    code = Col("code", pgettext_lazy("column", "Ward code"), CodeWidget())
    name = Col("name", pgettext_lazy("column", "Ward name"))
    kind = Col(
        "kind", pgettext_lazy("column", "Kind of unit"), ChoiceWidget(WardKindChoices)
    )
    province_code = Col(
        "province_code", pgettext_lazy("column", "Province code"), CodeWidget(width=2)
    )
    province_name = Col("province_name", pgettext_lazy("column", "Province"))
    district_code = Col(
        "district_code", pgettext_lazy("column", "District code"), CodeWidget(width=3)
    )
    district_name = Col("district_name", pgettext_lazy("column", "District or city"))
    valid_from = Col("valid_from", pgettext_lazy("column", "Valid from"), DateWidget())
    valid_to = Col("valid_to", pgettext_lazy("column", "Valid to"), DateWidget())
    has_external_predecessor = Col(
        "has_external_predecessor",
        pgettext_lazy("column", "Has a predecessor outside the portal"),
        YesNoWidget(),
    )
    external_predecessor_note = Col(
        "external_predecessor_note",
        pgettext_lazy("column", "Predecessor outside the portal"),
    )

    class Meta(CampaignResource.Meta):
        model = Ward
        fields = (
            "code",
            "name",
            "kind",
            "province_code",
            "province_name",
            "district_code",
            "district_name",
            "valid_from",
            "valid_to",
            "has_external_predecessor",
            "external_predecessor_note",
        )


class WardSuccessionResource(ExportOnlyResource):
    predecessor_code = Col(
        "predecessor__code", pgettext_lazy("column", "Former unit code"), CodeWidget()
    )
    predecessor_name = Col("predecessor__name", pgettext_lazy("column", "Former unit"))
    successor_code = Col(
        "successor__code", pgettext_lazy("column", "New unit code"), CodeWidget()
    )
    successor_name = Col("successor__name", pgettext_lazy("column", "New unit"))
    effective_date = Col(
        "effective_date", pgettext_lazy("column", "Effective date"), DateWidget()
    )
    legal_basis = Col("legal_basis", pgettext_lazy("column", "Legal basis"))

    class Meta(CampaignResource.Meta):
        model = WardSuccession
        fields = (
            "predecessor_code",
            "predecessor_name",
            "successor_code",
            "successor_name",
            "effective_date",
            "legal_basis",
        )


class ContentResource(ExportOnlyResource):
    number = Col("number", pgettext_lazy("column", "Number"), CountWidget())
    short_name = Col("short_name", pgettext_lazy("column", "Short name"))
    name = Col("name", pgettext_lazy("column", "Full wording"))

    class Meta(CampaignResource.Meta):
        model = Content
        fields = ("number", "short_name", "name")


class GoalResource(ExportOnlyResource):
    number = Col("number", pgettext_lazy("column", "Number"), CountWidget())
    content = Col(
        "content__number", pgettext_lazy("column", "Content number"), CountWidget()
    )
    name = Col("name", pgettext_lazy("column", "Goal name"))
    measure = Col("measure", pgettext_lazy("column", "How it is measured"))
    target = Col("target", pgettext_lazy("column", "Target"))

    class Meta(CampaignResource.Meta):
        model = Goal
        fields = ("number", "content", "name", "measure", "target")


class PovertyStandardResource(ExportOnlyResource):
    code = Col("code", pgettext_lazy("column", "Legal document"))
    name = Col("name", pgettext_lazy("column", "Name"))
    valid_from_year = Col(
        "valid_from_year", pgettext_lazy("column", "First year"), YearWidget()
    )
    valid_to_year = Col(
        "valid_to_year", pgettext_lazy("column", "Last year"), YearWidget()
    )
    rural_poor_income = Col(
        "rural_poor_income",
        pgettext_lazy("column", "Rural poverty line (VND/person/month)"),
        MoneyWidget(),
    )
    urban_poor_income = Col(
        "urban_poor_income",
        pgettext_lazy("column", "Urban poverty line (VND/person/month)"),
        MoneyWidget(),
    )
    rural_near_poor_income = Col(
        "rural_near_poor_income",
        pgettext_lazy("column", "Rural near-poverty line (VND/person/month)"),
        MoneyWidget(),
    )
    urban_near_poor_income = Col(
        "urban_near_poor_income",
        pgettext_lazy("column", "Urban near-poverty line (VND/person/month)"),
        MoneyWidget(),
    )
    description = Col("description", pgettext_lazy("column", "Description"))

    class Meta(CampaignResource.Meta):
        model = PovertyStandard
        fields = (
            "code",
            "name",
            "valid_from_year",
            "valid_to_year",
            "rural_poor_income",
            "urban_poor_income",
            "rural_near_poor_income",
            "urban_near_poor_income",
            "description",
        )


class RatingGradeResource(ExportOnlyResource):
    name = Col("name", pgettext_lazy("column", "Grade"))
    min_score = Col("min_score", pgettext_lazy("column", "Lowest score"), CountWidget())
    max_score = Col(
        "max_score", pgettext_lazy("column", "Highest score"), CountWidget()
    )
    is_strong = Col(
        "is_strong",
        pgettext_lazy("column", "Counts as a strong committee"),
        YesNoWidget(),
    )

    class Meta(CampaignResource.Meta):
        model = RatingGrade
        fields = ("name", "min_score", "max_score", "is_strong")


class StaffScopeResource(ExportOnlyResource):
    username = Col("user__username", pgettext_lazy("column", "Account"))
    full_name = Col("user__last_name", pgettext_lazy("column", "Full name"))
    wards = Col("wards", pgettext_lazy("column", "Wards"))

    class Meta(CampaignResource.Meta):
        model = StaffScope
        fields = ("username", "full_name", "wards")

    def iter_export(self, queryset=None, selected_fields=None):
        fields = self.get_export_fields(selected_fields)
        queryset = self.exportable(queryset)
        for scope in queryset.select_related("user").prefetch_related("wards"):
            values = {
                "user__username": scope.user.username,
                "user__last_name": scope.user.get_full_name(),
                "wards": "; ".join(f"{w.code} {w.name}" for w in scope.wards.all()),
            }
            yield [values[field.path] for field in fields]


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
    Ward: WardResource,
    WardSuccession: WardSuccessionResource,
    Content: ContentResource,
    Goal: GoalResource,
    PovertyStandard: PovertyStandardResource,
    RatingGrade: RatingGradeResource,
    StaffScope: StaffScopeResource,
}
