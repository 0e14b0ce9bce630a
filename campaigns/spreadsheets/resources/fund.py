"""The poverty fund's donations (imported), households and balance entries (exported)."""

from django.utils.translation import pgettext_lazy

from campaigns.models import Donation, FundBalanceEntry, Household
from campaigns.models.choices import (
    DonorKindChoices,
    FundEntryKindChoices,
    FundLevelChoices,
    HouseholdStatusChoices,
)
from campaigns.spreadsheets.columns import Col
from campaigns.spreadsheets.importing import CampaignResource
from campaigns.spreadsheets.keys import key_part, name_key
from campaigns.spreadsheets.resources.common import (
    ExportOnlyResource,
    status_column,
    ward_columns,
)
from campaigns.spreadsheets.widgets import (
    ChoiceWidget,
    CountWidget,
    DateWidget,
    MoneyWidget,
    YesNoWidget,
)

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


class FundBalanceEntryResource(ExportOnlyResource):
    """A ward fund's recorded opening balances and transfers between fund levels."""

    date = Col("date", pgettext_lazy("column", "Date"), DateWidget())
    ward, ward_name = ward_columns()
    kind = Col(
        "kind",
        pgettext_lazy("column", "Kind of entry"),
        ChoiceWidget(FundEntryKindChoices),
    )
    amount = Col("amount", pgettext_lazy("column", "Amount (VND)"), MoneyWidget())
    counterpart = Col("counterpart", pgettext_lazy("column", "Other fund"))
    document_number = Col("document_number", pgettext_lazy("column", "Document number"))
    note = Col("note", pgettext_lazy("column", "Note"))
    status = status_column()

    class Meta(CampaignResource.Meta):
        model = FundBalanceEntry
        fields = (
            "date",
            "ward",
            "ward_name",
            "kind",
            "amount",
            "counterpart",
            "document_number",
            "note",
            "status",
        )
