"""Dated reference data: the campaign's phases, the portal's goal sets and the titles.

Each row holds the years it is in force (`valid_from_year`, `valid_to_year`, both
inclusive, empty = open) and where the fact comes from (`source`), so a year's pages
show the wording of that year and a later change never rewrites earlier years.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from campaigns.models import querysets
from campaigns.models.base import DATA_PERMISSIONS, TimeStampedModel, year_validators
from campaigns.models.choices import TitleHolderChoices
from campaigns.models.fields import YearField
from campaigns.models.validity import covers_year


def _years_ordered(name: str):
    return models.CheckConstraint(
        condition=Q(valid_to_year__isnull=True)
        | Q(valid_from_year__isnull=True)
        | Q(valid_to_year__gte=F("valid_from_year")),
        name=name,
        violation_error_message=_("The last year cannot be before the first year."),
    )


class DatedReference(TimeStampedModel):
    """A catalogue row in force for a range of years, with the source of the fact."""

    objects = querysets.YearPeriodQuerySet.as_manager()

    valid_to_year = YearField(
        _("last year"),
        null=True,
        blank=True,
        validators=year_validators,
        help_text=_("Empty while it is still in force."),
    )
    source = models.TextField(
        _("source"),
        blank=True,
        help_text=_("The document or the place this fact comes from."),
    )
    confirmed = models.BooleanField(
        _("confirmed"),
        default=True,
        help_text=_(
            "Untick while the fact still needs confirming by the Front; the public "
            "pages then say so."
        ),
    )

    class Meta:
        abstract = True

    def covers(self, year: int) -> bool:
        return covers_year(self.valid_from_year, self.valid_to_year, year)

    @property
    def years_label(self) -> str:
        first = self.valid_from_year or "…"
        return f"{first}–{self.valid_to_year or '…'}"


class CampaignPhase(DatedReference):
    """A phase of the campaign: its name and the contents in force for its years."""

    valid_from_year = YearField(
        _("first year"),
        null=True,
        blank=True,
        validators=year_validators,
        help_text=_("Empty: since the campaign began (1995)."),
    )
    name = models.CharField(_("campaign name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100)
    launched_by = models.CharField(_("launched by"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("campaign phase")
        verbose_name_plural = _("campaign phases")
        default_permissions = DATA_PERMISSIONS
        ordering = [F("valid_from_year").asc(nulls_first=True)]
        constraints = [_years_ordered("campaign_phase_years_ordered")]

    def __str__(self):
        return f"{self.name} ({self.years_label})"


class GoalSet(DatedReference):
    """A set of goals in force from a year: who set it and on what basis.

    The ten goals shipped with the portal are its own local set, not a national list;
    replacing them from a year (`services.goal_set_replace`) closes this set the
    year before, so earlier years keep their goals and results.
    """

    valid_from_year = YearField(_("first year"), validators=year_validators)
    name = models.CharField(_("name"), max_length=255)
    set_by = models.CharField(_("set by"), max_length=255)
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("goal set")
        verbose_name_plural = _("goal sets")
        default_permissions = DATA_PERMISSIONS
        ordering = ["valid_from_year"]
        constraints = [
            _years_ordered("goal_set_years_ordered"),
            models.UniqueConstraint(
                fields=["valid_from_year"],
                name="goal_set_first_year_unique",
                violation_error_message=_("Another goal set starts in this year."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.years_label})"


class TitleDefinition(DatedReference):
    """A title (danh hiệu) a family, residential area or commune-level unit can earn,
    as named by the legal document in force for the years."""

    valid_from_year = YearField(_("first year"), validators=year_validators)
    holder = models.CharField(
        _("awarded to"), max_length=12, choices=TitleHolderChoices.choices
    )
    name = models.CharField(_("title"), max_length=255)
    legal_basis = models.CharField(_("legal document"), max_length=255)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("title")
        verbose_name_plural = _("titles")
        default_permissions = DATA_PERMISSIONS
        ordering = ["holder", "valid_from_year"]
        constraints = [
            _years_ordered("title_years_ordered"),
            models.UniqueConstraint(
                fields=["holder", "valid_from_year"],
                name="title_holder_first_year_unique",
                violation_error_message=_(
                    "A title for this holder already starts in this year."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.legal_basis}, {self.years_label})"
