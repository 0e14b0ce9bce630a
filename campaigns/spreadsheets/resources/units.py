"""Residential areas (imported), wards and ward successions (exported)."""

from django.utils.translation import pgettext_lazy

from campaigns.models import ResidentialArea, Ward, WardSuccession
from campaigns.models.choices import ResidentialAreaKindChoices, WardKindChoices
from campaigns.spreadsheets.columns import Col
from campaigns.spreadsheets.importing import CampaignResource
from campaigns.spreadsheets.resources.common import (
    ExportOnlyResource,
    status_column,
    ward_columns,
)
from campaigns.spreadsheets.widgets import (
    ChoiceWidget,
    CodeWidget,
    DateWidget,
    YesNoWidget,
)
from campaigns.text import vn_slugify


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
