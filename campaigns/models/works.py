"""Community works (roads, cultural houses) and commendations."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from campaigns.models import querysets
from campaigns.models.base import (
    MAX_YEAR,
    MIN_YEAR,
    RECORD_PERMISSIONS,
    CampaignRecord,
)
from campaigns.models.choices import (
    CommendationLevelChoices,
    CommunityWorkKindChoices,
    RecipientKindChoices,
)
from campaigns.models.fields import YearField
from campaigns.models.folding import commendation_text, folded
from campaigns.models.units import ResidentialArea, Ward


class CommunityWork(CampaignRecord):
    """A work built with people's contributions: a concrete road, a cultural house, a canal…"""

    ward = models.ForeignKey(
        Ward,
        on_delete=models.PROTECT,
        related_name="community_works",
        verbose_name=_("ward or commune"),
    )
    residential_area = models.ForeignKey(
        ResidentialArea,
        on_delete=models.PROTECT,
        related_name="community_works",
        verbose_name=_("residential area"),
        null=True,
        blank=True,
    )
    name = models.CharField(_("name"), max_length=255)
    # For the staff's search (admin/lists.py): stored, so 48,000 works matching
    # "nhà văn hóa" are not folded again on every search (issue 17).
    name_folded = folded("name")
    kind = models.CharField(
        _("kind"), max_length=15, choices=CommunityWorkKindChoices.choices
    )
    year = YearField(_("year"))
    length_m = models.PositiveIntegerField(_("length (m)"), null=True, blank=True)
    area_m2 = models.PositiveIntegerField(_("area (m²)"), null=True, blank=True)
    people_money = models.PositiveBigIntegerField(_("people's money (VND)"), default=0)
    labour_days = models.PositiveIntegerField(_("labour days"), default=0)
    land_donated_m2 = models.PositiveIntegerField(_("land donated (m²)"), default=0)
    state_budget = models.PositiveBigIntegerField(_("state budget (VND)"), default=0)
    other_funding = models.PositiveBigIntegerField(_("other funding (VND)"), default=0)
    completion_date = models.DateField(_("completion date"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = querysets.YearRecordQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["name_folded"])

    class Meta:
        verbose_name = _("community work")
        verbose_name_plural = _("community works")
        default_permissions = RECORD_PERMISSIONS
        ordering = ["-year", "ward__code", "name"]
        indexes = [
            models.Index(fields=["year", "status"], name="community_work_year_status"),
            models.Index(fields=["approved_at"], name="community_work_approved_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=MIN_YEAR) & Q(year__lte=MAX_YEAR),
                name="community_work_year_range",
                violation_error_message=_("The year is out of range."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=CommunityWorkKindChoices.ROAD)
                | Q(length_m__isnull=False, length_m__gt=0),
                name="community_work_road_has_length",
                violation_error_message=_("A road needs its length in metres."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.year})"

    def clean(self):
        super().clean()
        if self.residential_area_id and self.ward_id:
            if self.residential_area.ward_id != self.ward_id:
                raise ValidationError(
                    {"residential_area": _("The residential area is not in this ward.")}
                )
        if (
            self.completion_date
            and self.year
            and self.completion_date.year != self.year
        ):
            raise ValidationError(
                {
                    "completion_date": _(
                        "The completion date must fall in the year of the work."
                    )
                }
            )


class Commendation(CampaignRecord):
    """A collective or individual commended for the campaign."""

    year = YearField(_("year"))
    level = models.CharField(
        _("level"), max_length=10, choices=CommendationLevelChoices.choices
    )
    recipient_kind = models.CharField(
        _("recipient kind"), max_length=10, choices=RecipientKindChoices.choices
    )
    recipient_name = models.CharField(_("recipient"), max_length=255)
    ward = models.ForeignKey(
        Ward,
        on_delete=models.PROTECT,
        related_name="commendations",
        verbose_name=_("ward or commune"),
        null=True,
        blank=True,
    )
    residential_area = models.ForeignKey(
        ResidentialArea,
        on_delete=models.PROTECT,
        related_name="commendations",
        verbose_name=_("residential area"),
        null=True,
        blank=True,
    )
    form = models.CharField(
        _("form of commendation"),
        max_length=100,
        help_text=_("For example: Giấy khen, Bằng khen."),
    )
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    reason = models.TextField(_("achievement"), blank=True)
    # The public text search reads (selectors/search.py); the database computes it.
    search_text = commendation_text()

    objects = querysets.YearRecordQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")
        default_permissions = RECORD_PERMISSIONS
        ordering = ["-year", "level", "recipient_name"]
        indexes = [
            # A year's public list and count: 5,000 of 80,000 rows at nation scale,
            # sorted for a page from the index alone (`commendation_list`).
            models.Index(
                fields=["year"],
                include=["id", "ward", "level", "recipient_kind", "decision_number"],
                condition=Q(status="approved"),
                name="commendation_approved_year",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=MIN_YEAR) & Q(year__lte=MAX_YEAR),
                name="commendation_year_range",
                violation_error_message=_("The year is out of range."),
            ),
        ]

    def __str__(self):
        return f"{self.recipient_name} – {self.form} ({self.year})"

    def clean(self):
        super().clean()
        if self.residential_area_id and self.ward_id:
            if self.residential_area.ward_id != self.ward_id:
                raise ValidationError(
                    {"residential_area": _("The residential area is not in this ward.")}
                )
