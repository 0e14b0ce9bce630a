"""Balance figures of a ward's poverty fund that donations and supports do not hold."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from campaigns.models import querysets
from campaigns.models.base import (
    RECORD_PERMISSIONS,
    CampaignRecord,
    _check_date_in_validity,
)
from campaigns.models.choices import FundEntryKindChoices
from campaigns.models.units import Ward


class FundBalanceEntry(CampaignRecord):
    """A ward fund's recorded opening balance, or money moved between fund levels.

    An opening balance is entered once, for the first year the portal keeps the fund
    (dated 1 January of that year); every later year's opening balance is the previous
    year's closing balance, derived (selectors/fund_notice.py). Transfers to or from the
    city or province fund are money the ward fund receives or gives up that is neither a
    donation nor a support.
    """

    date = models.DateField(_("date"))
    ward = models.ForeignKey(
        Ward,
        on_delete=models.PROTECT,
        related_name="fund_balance_entries",
        verbose_name=_("ward or commune"),
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=FundEntryKindChoices.choices
    )
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    counterpart = models.CharField(
        _("other fund"),
        max_length=255,
        blank=True,
        help_text=_("For a transfer: the fund the money came from or went to."),
    )
    document_number = models.CharField(_("document number"), max_length=50, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = querysets.DatedRecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fund balance entry")
        verbose_name_plural = _("fund balance entries")
        default_permissions = RECORD_PERMISSIONS
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["ward", "date"],
                condition=Q(kind=FundEntryKindChoices.OPENING),
                name="fund_opening_once_per_ward_date",
                violation_error_message=_(
                    "This fund already has an opening balance on this date."
                ),
            ),
        ]

    def __str__(self):
        amount = f"{self.amount:,}".replace(",", ".")
        return f"{self.get_kind_display()} – {self.ward.name} – {amount} đ"

    def clean(self):
        super().clean()
        if self.kind == FundEntryKindChoices.OPENING and self.date:
            if (self.date.month, self.date.day) != (1, 1):
                raise ValidationError(
                    {"date": _("An opening balance is dated 1 January of its year.")}
                )
        elif self.ward_id and self.date:
            _check_date_in_validity(self.ward, self.date, "ward")
