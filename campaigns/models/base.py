"""Abstract bases, shared constants and one-row checks of every campaign model."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from campaigns.models.choices import (
    SupportCategoryChoices,
    WorkflowStatusChoices,
)
from campaigns.models.validity import in_force_on, year_reference_date

MIN_YEAR = 1995  # the campaign started in 1995
MAX_YEAR = 2100

year_validators = [MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
# Import and export have permissions of their own; records with a workflow also have
# "approve" (approve, return, reopen). The roles in roles.py are built from these.
DATA_PERMISSIONS = ("add", "change", "delete", "view", "import", "export")
RECORD_PERMISSIONS = (*DATA_PERMISSIONS, "approve")
HOUSE_CATEGORIES = (
    SupportCategoryChoices.HOUSE_NEW,
    SupportCategoryChoices.HOUSE_REPAIR,
)


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class CampaignRecord(TimeStampedModel):
    """A record ward staff enter: it goes draft → submitted → approved (or returned).

    Only approved records count on public pages. `is_demo` marks rows made by
    `seed_demo`, so demo data can never be mistaken for, or overwrite, real data.
    """

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=WorkflowStatusChoices.choices,
        default=WorkflowStatusChoices.DRAFT,
        db_index=True,
    )
    status_reason = models.TextField(
        _("reason for the status"),
        blank=True,
        help_text=_("Why the record was returned or reopened."),
    )
    status_changed_at = models.DateTimeField(
        _("status changed at"), null=True, blank=True
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    # Who sent it for approval and who approved it: no one approves their own
    # submission (services/workflow.py), and the history keeps the body that approved.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("approved by"),
    )
    is_demo = models.BooleanField(
        _("demo data"),
        default=False,
        editable=False,
        help_text=_("Made up by seed_demo for demonstration; not real campaign data."),
    )

    class Meta:
        abstract = True

    @property
    def is_approved(self) -> bool:
        return self.status == WorkflowStatusChoices.APPROVED


def _validity_check(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(valid_to__isnull=True)
        | Q(valid_from__isnull=True)
        | Q(valid_to__gte=F("valid_from")),
        name=name,
        violation_error_message=_("The end of validity cannot be before its start."),
    )


def _check_year_in_validity(obj, year: int, field: str):
    if obj is None or year is None:
        return
    if not in_force_on(obj.valid_from, obj.valid_to, year_reference_date(year)):
        raise ValidationError(
            {
                field: _("%(obj)s is not in force in %(year)s.")
                % {"obj": obj, "year": year}
            }
        )


def _check_date_in_validity(obj, day: datetime.date, field: str):
    if obj is None or day is None:
        return
    if not in_force_on(obj.valid_from, obj.valid_to, day):
        raise ValidationError(
            {
                field: _("%(obj)s is not in force on %(day)s.")
                % {"obj": obj, "day": day.strftime("%d/%m/%Y")}
            }
        )
