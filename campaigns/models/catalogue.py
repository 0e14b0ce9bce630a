"""The campaign's catalogue: contents, goals, poverty standards and the committee rating scale.

Contents belong to a campaign phase and goals to a goal set (`periods.py`), so each
year reads the wording in force that year.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from campaigns.models import querysets
from campaigns.models.base import (
    DATA_PERMISSIONS,
    TimeStampedModel,
    year_validators,
)
from campaigns.models.fields import YearField
from campaigns.models.periods import CampaignPhase, GoalSet
from campaigns.models.validity import covers_year

UNCONFIRMED = _("not yet confirmed")


def unconfirmed_label(text: str, confirmed: bool) -> str:
    """`text`, with "(chưa xác nhận)" added when the fact still needs confirming."""
    marker = str(UNCONFIRMED)
    if confirmed or marker in text:
        return text
    return f"{text} ({marker})"


class Content(TimeStampedModel):
    """One of the contents of a campaign phase (five from 2016)."""

    objects = querysets.CatalogueQuerySet.as_manager()

    phase = models.ForeignKey(
        CampaignPhase,
        on_delete=models.PROTECT,
        related_name="contents",
        verbose_name=_("campaign phase"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    short_name = models.CharField(_("short name"), max_length=100)
    name = models.TextField(_("full wording"))
    continued_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="continues",
        verbose_name=_("continued by"),
        help_text=_(
            "The content of the next phase that carries this one on; goals defined "
            "under that content are shown under this one in this phase's years."
        ),
    )
    source = models.TextField(_("source"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("campaign content")
        verbose_name_plural = _("campaign contents")
        default_permissions = DATA_PERMISSIONS
        # The newest phase first, the same on SQLite and PostgreSQL.
        ordering = [F("phase__valid_from_year").desc(nulls_last=True), "number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="content_number_positive",
                violation_error_message=_("The content number must be at least 1."),
            ),
            models.UniqueConstraint(
                fields=["phase", "number"],
                name="content_phase_number_unique",
                violation_error_message=_(
                    "This phase already has a content with this number."
                ),
            ),
        ]

    def __str__(self):
        return _("Content %(number)s: %(name)s") % {
            "number": self.number,
            "name": self.short_name,
        }


class Goal(TimeStampedModel):
    """One goal of a goal set, under one content; the wording is reference data."""

    objects = querysets.CatalogueQuerySet.as_manager()

    goal_set = models.ForeignKey(
        GoalSet,
        on_delete=models.PROTECT,
        related_name="goals",
        verbose_name=_("goal set"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    content = models.ForeignKey(
        Content,
        on_delete=models.PROTECT,
        related_name="goals",
        verbose_name=_("content"),
    )
    name = models.CharField(_("goal"), max_length=255)
    measure = models.TextField(
        _("how it is measured"),
        blank=True,
        help_text=_("What each residential area reports for this goal every year."),
    )
    target = models.CharField(_("target"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        default_permissions = DATA_PERMISSIONS
        ordering = ["goal_set__valid_from_year", "number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="goal_number_positive",
                violation_error_message=_("The goal number must be at least 1."),
            ),
            models.UniqueConstraint(
                fields=["goal_set", "number"],
                name="goal_set_number_unique",
                violation_error_message=_(
                    "This goal set already has a goal with this number."
                ),
            ),
        ]

    def __str__(self):
        return _("Goal %(number)s: %(name)s") % {
            "number": self.number,
            "name": self.name,
        }

    @classmethod
    def for_year(cls, year: int):
        """The goals of the set in force in `year`, by number (none without a set)."""
        return cls.objects.filter(
            Q(goal_set__valid_to_year__isnull=True)
            | Q(goal_set__valid_to_year__gte=year),
            goal_set__valid_from_year__lte=year,
        ).order_by("number")


class PovertyStandard(TimeStampedModel):
    """A poverty standard (chuẩn nghèo) in force for a range of years."""

    objects = querysets.CatalogueQuerySet.as_manager()

    code = models.CharField(_("legal document"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=255)
    valid_from_year = YearField(_("first year"), validators=year_validators)
    valid_to_year = YearField(
        _("last year"), null=True, blank=True, validators=year_validators
    )
    rural_poor_income = models.PositiveBigIntegerField(
        _("rural poverty line (VND/person/month)"), null=True, blank=True
    )
    urban_poor_income = models.PositiveBigIntegerField(
        _("urban poverty line (VND/person/month)"), null=True, blank=True
    )
    rural_near_poor_income = models.PositiveBigIntegerField(
        _("rural near-poverty line (VND/person/month)"), null=True, blank=True
    )
    urban_near_poor_income = models.PositiveBigIntegerField(
        _("urban near-poverty line (VND/person/month)"), null=True, blank=True
    )
    description = models.TextField(_("description"), blank=True)
    source = models.TextField(
        _("source"),
        blank=True,
        help_text=_("The legal document, or where the fact was reported."),
    )
    confirmed = models.BooleanField(
        _("confirmed"),
        default=True,
        help_text=_(
            "Untick while the legal document is not yet confirmed; public pages then "
            "say “not yet confirmed” beside the standard."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("poverty standard")
        verbose_name_plural = _("poverty standards")
        default_permissions = DATA_PERMISSIONS
        ordering = ["valid_from_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to_year__isnull=True)
                | Q(valid_to_year__gte=F("valid_from_year")),
                name="poverty_standard_years_ordered",
                violation_error_message=_(
                    "The last year cannot be before the first year."
                ),
            )
        ]

    def __str__(self):
        end = self.valid_to_year or "…"
        return f"{self.code} ({self.valid_from_year}–{end})"

    def covers(self, year: int) -> bool:
        return covers_year(self.valid_from_year, self.valid_to_year, year)

    @property
    def label(self) -> str:
        """The code as the public sees it, marked when not yet confirmed."""
        return unconfirmed_label(self.code, self.confirmed)

    @classmethod
    def for_year(cls, year: int):
        """The standard in force in `year`, or None: a year may have no standard yet."""
        return (
            cls.objects.filter(valid_from_year__lte=year)
            .filter(Q(valid_to_year__isnull=True) | Q(valid_to_year__gte=year))
            .order_by("-valid_from_year")
            .first()
        )


class RatingGrade(TimeStampedModel):
    """A grade of the Front work committee rating scale (default: Xuất sắc 90–100 … Yếu < 50)."""

    objects = querysets.CatalogueQuerySet.as_manager()

    name = models.CharField(_("grade"), max_length=50, unique=True)
    min_score = models.PositiveSmallIntegerField(_("lowest score"))
    max_score = models.PositiveSmallIntegerField(_("highest score"))
    is_strong = models.BooleanField(
        _("counts as a strong committee"),
        default=False,
        help_text=_("Committees with this grade count towards goal 10."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("committee rating grade")
        verbose_name_plural = _("committee rating scale")
        default_permissions = DATA_PERMISSIONS
        ordering = ["-min_score"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_score__lte=F("max_score")) & Q(max_score__lte=100),
                name="rating_grade_range_valid",
                violation_error_message=_(
                    "Scores must satisfy lowest ≤ highest ≤ 100."
                ),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.min_score}–{self.max_score})"

    @classmethod
    def for_score(cls, score):
        if score is None:
            return None
        return cls.objects.filter(min_score__lte=score, max_score__gte=score).first()
