"""Supports from the poverty fund, with the households they reach found or created
by ID card number or by the head's name within the ward.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from campaigns.models import Household, Support
from campaigns.models.choices import (
    FundLevelChoices,
    HouseholdStatusChoices,
    SupportCategoryChoices,
    WorkflowStatusChoices,
)
from campaigns.spreadsheets.columns import Col, ResidentialAreaWidget
from campaigns.spreadsheets.importing import CampaignResource
from campaigns.spreadsheets.keys import key_part, name_key
from campaigns.spreadsheets.resources.common import status_column, ward_columns
from campaigns.spreadsheets.resources.households import (
    HOUSEHOLD_FIELDS,
    HouseholdRows,
    household_id_number,
)
from campaigns.spreadsheets.widgets import (
    ChoiceWidget,
    CountWidget,
    DateWidget,
    MoneyWidget,
    clean_text,
)


class SupportResource(HouseholdRows, CampaignResource):
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
            household_id_number(row.get(self.fields["id_number"].column_name))
            for row in rows
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

    def row_key(self, row):
        try:
            ward = self.row_ward(row)
            return (
                key_part(ward),
                self.cell(row, "date"),
                self.cell(row, "category"),
                self.household_key(
                    clean_text(row.get(self.fields["head_name"].column_name)),
                    household_id_number(row.get(self.fields["id_number"].column_name)),
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
        id_number = household_id_number(row.get(columns["id_number"]))
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
        # Read before the columns are applied: a changed household takes the
        # import's status there.
        status_before = household.status if household.pk else None
        changed = self.apply_household_columns(
            household, row, columns, errors, head, id_number
        )
        if changed and status_before == WorkflowStatusChoices.APPROVED:
            errors.setdefault(columns["head_name"], []).append(
                _(
                    "This household is approved and locked; ask city staff to reopen it before changing it."
                )
            )
        elif changed and status_before == WorkflowStatusChoices.SUBMITTED:
            errors.setdefault(columns["head_name"], []).append(
                _(
                    "This household is submitted for approval and locked; withdraw it "
                    "to draft in the admin before changing it."
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

    def prepare(self, dataset, **kwargs):
        self.changed_households = {}
        super().prepare(dataset, **kwargs)
