"""The Front committees that approve (or read) each unit's yearly figures, by period."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from campaigns.models import querysets
from campaigns.models.base import DATA_PERMISSIONS, TimeStampedModel, year_validators
from campaigns.models.choices import ApprovingLevelChoices
from campaigns.models.fields import YearField
from campaigns.models.units import Ward


class ApprovingBody(TimeStampedModel):
    """A Front committee and the reporting years whose figures it approves.

    `ward` empty: every unit of the portal (the city committee before the 2025
    reorganisation); set: that unit's own areas. A body that `approves` nothing (the
    province committee) only reads. Which body approved a figure is derived from its
    unit and year by `selectors.approving_body`, so pages, downloads and the workbook
    name the same body.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    level = models.CharField(
        _("level"), max_length=10, choices=ApprovingLevelChoices.choices
    )
    ward = models.ForeignKey(
        Ward,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approving_bodies",
        verbose_name=_("unit approved"),
        help_text=_("Empty: every unit of the portal."),
    )
    approves = models.BooleanField(
        _("approves figures"),
        default=True,
        help_text=_("Off for a committee that only reads the figures."),
    )
    first_year = YearField(_("first reporting year"), validators=year_validators)
    last_year = YearField(
        _("last reporting year"),
        validators=year_validators,
        null=True,
        blank=True,
        help_text=_("Empty: still approving."),
    )
    source = models.TextField(_("source"), blank=True)

    objects = querysets.CatalogueQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("approving body")
        verbose_name_plural = _("approving bodies")
        default_permissions = DATA_PERMISSIONS
        ordering = ["first_year", "level", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__isnull=True) | Q(last_year__gte=F("first_year")),
                name="approving_body_years_ordered",
                violation_error_message=_(
                    "The last reporting year cannot be before the first."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def covers(self, year: int) -> bool:
        return self.first_year <= year and (
            self.last_year is None or year <= self.last_year
        )
