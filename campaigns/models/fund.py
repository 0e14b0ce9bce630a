"""The poverty fund: donations received, households helped and supports given."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from campaigns.models import querysets
from campaigns.models.base import (
    RECORD_PERMISSIONS,
    CampaignRecord,
    _check_date_in_validity,
)
from campaigns.models.choices import (
    DonorKindChoices,
    FundLevelChoices,
    HouseholdStatusChoices,
    SupportCategoryChoices,
    WorkflowStatusChoices,
)
from campaigns.models.units import ResidentialArea, Ward


class Donation(CampaignRecord):
    """Money or goods received by the city or a ward "Vì người nghèo" fund."""

    date = models.DateField(_("date received"))
    fund_level = models.CharField(
        _("fund"), max_length=5, choices=FundLevelChoices.choices
    )
    ward = models.ForeignKey(
        Ward,
        on_delete=models.PROTECT,
        related_name="donations",
        verbose_name=_("ward or commune"),
        null=True,
        blank=True,
        help_text=_("Required for a ward fund; empty for the city fund."),
    )
    donor_name = models.CharField(_("donor"), max_length=255)
    donor_kind = models.CharField(
        _("kind of donor"), max_length=12, choices=DonorKindChoices.choices
    )
    amount = models.PositiveBigIntegerField(_("amount (VND)"), default=0)
    in_kind_value = models.PositiveBigIntegerField(_("value in kind (VND)"), default=0)
    in_kind_description = models.CharField(
        _("goods in kind"), max_length=255, blank=True
    )
    receipt_number = models.CharField(_("receipt number"), max_length=50, blank=True)
    publish_donor_name = models.BooleanField(
        _("donor agrees to be named publicly"), default=False
    )
    note = models.TextField(_("note"), blank=True)

    objects = querysets.DatedRecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("donation")
        verbose_name_plural = _("donations")
        default_permissions = RECORD_PERMISSIONS
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["date", "status"], name="donation_date_status"),
            # "last updated" on public pages: MAX(approved_at) from the index's end.
            models.Index(fields=["approved_at"], name="donation_approved_at"),
            # The public list of named donors of a year, read from the index alone
            # (PostgreSQL; SQLite builds it without the included columns).
            models.Index(
                fields=["date"],
                include=["donor_name", "donor_kind", "amount", "in_kind_value", "ward"],
                condition=Q(
                    publish_donor_name=True, status=WorkflowStatusChoices.APPROVED
                ),
                name="donation_named_public",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(fund_level=FundLevelChoices.CITY, ward__isnull=True)
                | Q(fund_level=FundLevelChoices.WARD, ward__isnull=False),
                name="donation_fund_level_matches_ward",
                violation_error_message=_(
                    "A ward fund donation needs its ward; a city fund donation has none."
                ),
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0) | Q(in_kind_value__gt=0),
                name="donation_not_empty",
                violation_error_message=_(
                    "A donation needs an amount or a value in kind."
                ),
            ),
            models.UniqueConstraint(
                fields=["ward", "receipt_number"],
                condition=Q(ward__isnull=False) & ~Q(receipt_number=""),
                name="donation_ward_receipt_unique",
                violation_error_message=_(
                    "This receipt number is already used in this fund."
                ),
            ),
            models.UniqueConstraint(
                fields=["receipt_number"],
                condition=Q(ward__isnull=True) & ~Q(receipt_number=""),
                name="donation_city_receipt_unique",
                violation_error_message=_(
                    "This receipt number is already used in this fund."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.donor_name} – {self.amount:,} đ ({self.date:%d/%m/%Y})".replace(
            ",", "."
        )

    def clean(self):
        super().clean()
        if self.ward_id and self.date:
            _check_date_in_validity(self.ward, self.date, "ward")

    @property
    def total_value(self) -> int:
        return self.amount + self.in_kind_value


class Household(CampaignRecord):
    """A household that received support. Personal data: shown to staff only, never public."""

    ward = models.ForeignKey(
        Ward,
        on_delete=models.PROTECT,
        related_name="households",
        verbose_name=_("ward or commune"),
    )
    residential_area = models.ForeignKey(
        ResidentialArea,
        on_delete=models.PROTECT,
        related_name="households",
        verbose_name=_("residential area"),
        null=True,
        blank=True,
    )
    head_name = models.CharField(_("head of household"), max_length=255)
    id_number = models.CharField(_("ID card number"), max_length=12, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    members = models.PositiveSmallIntegerField(_("members"), default=1)
    household_status = models.CharField(
        _("household status"), max_length=10, choices=HouseholdStatusChoices.choices
    )
    note = models.TextField(_("note"), blank=True)
    # The fund's public notice names a household only with its recorded consent.
    publication_consent = models.BooleanField(
        _("agrees to be named on the fund's public notice"), default=False
    )
    publication_consent_date = models.DateField(
        _("date of consent"), null=True, blank=True
    )
    publication_consent_record = models.CharField(
        _("consent record"),
        max_length=100,
        blank=True,
        help_text=_("Where the signed consent is kept, e.g. its number or file."),
    )

    objects = querysets.WardRecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("supported household")
        verbose_name_plural = _("supported households")
        default_permissions = RECORD_PERMISSIONS
        ordering = ["ward__code", "head_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["id_number"],
                condition=~Q(id_number=""),
                name="household_id_number_unique",
                violation_error_message=_(
                    "A household with this ID card number already exists."
                ),
            ),
            models.CheckConstraint(
                condition=Q(members__gte=1),
                name="household_members_positive",
                violation_error_message=_("A household has at least one member."),
            ),
        ]

    def __str__(self):
        return f"{self.head_name} – {self.ward.name}"

    def clean(self):
        super().clean()
        if self.publication_consent and not (
            self.publication_consent_date and self.publication_consent_record
        ):
            raise ValidationError(
                {
                    "publication_consent": _(
                        "Record the date of the consent and where it is kept."
                    )
                }
            )
        if self.residential_area_id and self.ward_id:
            if self.residential_area.ward_id != self.ward_id:
                raise ValidationError(
                    {"residential_area": _("The residential area is not in this ward.")}
                )


class Support(CampaignRecord):
    """Money or a house given from the poverty fund to a household."""

    date = models.DateField(_("date"))
    fund_level = models.CharField(
        _("paid from"),
        max_length=5,
        choices=FundLevelChoices.choices,
        default=FundLevelChoices.WARD,
    )
    ward = models.ForeignKey(
        Ward,
        on_delete=models.PROTECT,
        related_name="supports",
        verbose_name=_("ward or commune"),
    )
    residential_area = models.ForeignKey(
        ResidentialArea,
        on_delete=models.PROTECT,
        related_name="supports",
        verbose_name=_("residential area"),
        null=True,
        blank=True,
    )
    household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        related_name="supports",
        verbose_name=_("household"),
        null=True,
        blank=True,
    )
    category = models.CharField(
        _("category"), max_length=12, choices=SupportCategoryChoices.choices
    )
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    houses_built = models.PositiveSmallIntegerField(_("houses built"), default=0)
    houses_repaired = models.PositiveSmallIntegerField(_("houses repaired"), default=0)
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    handover_date = models.DateField(_("handover date"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = querysets.DatedRecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        default_permissions = RECORD_PERMISSIONS
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["date", "status"], name="support_date_status"),
            models.Index(fields=["category", "date"], name="support_category_date"),
            models.Index(fields=["approved_at"], name="support_approved_at"),
            # A year's spending by category on the fund page, from the index alone
            # (PostgreSQL; SQLite builds it without the included columns).
            models.Index(
                fields=["date"],
                include=[
                    "category",
                    "amount",
                    "houses_built",
                    "houses_repaired",
                    "ward",
                ],
                condition=Q(status=WorkflowStatusChoices.APPROVED),
                name="support_approved_public",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(houses_built=0)
                | Q(category=SupportCategoryChoices.HOUSE_NEW),
                name="support_houses_built_only_for_new_houses",
                violation_error_message=_(
                    "Only a new-house support can count houses built."
                ),
            ),
            models.CheckConstraint(
                condition=Q(houses_repaired=0)
                | Q(category=SupportCategoryChoices.HOUSE_REPAIR),
                name="support_houses_repaired_only_for_repairs",
                violation_error_message=_(
                    "Only a house-repair support can count houses repaired."
                ),
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="support_amount_positive",
                violation_error_message=_("The amount must be greater than zero."),
            ),
            models.CheckConstraint(
                condition=Q(handover_date__isnull=True)
                | Q(handover_date__gte=F("date")),
                name="support_handover_not_before_date",
                violation_error_message=_(
                    "The handover cannot be before the support date."
                ),
            ),
        ]

    def __str__(self):
        return (
            f"{self.get_category_display()} – {self.ward.name} ({self.date:%d/%m/%Y})"
        )

    def clean(self):
        super().clean()
        errors = {}
        if self.ward_id and self.date:
            try:
                _check_date_in_validity(self.ward, self.date, "ward")
            except ValidationError as exc:
                errors.update(exc.message_dict)
        if self.residential_area_id and self.ward_id:
            if self.residential_area.ward_id != self.ward_id:
                errors["residential_area"] = _(
                    "The residential area is not in this ward."
                )
        if (
            self.household_id
            and self.ward_id
            and self.household.ward_id != self.ward_id
        ):
            errors["household"] = _("The household is not in this ward.")
        if self.category == SupportCategoryChoices.HOUSE_NEW and self.houses_built == 0:
            errors["houses_built"] = _("A new-house support builds at least one house.")
        if (
            self.category == SupportCategoryChoices.HOUSE_REPAIR
            and self.houses_repaired == 0
        ):
            errors["houses_repaired"] = _(
                "A house-repair support repairs at least one house."
            )
        if errors:
            raise ValidationError(errors)
