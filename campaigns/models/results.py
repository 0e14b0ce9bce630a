"""Yearly results of residential areas and their goal results."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from campaigns.models import querysets
from campaigns.models.base import (
    DATA_PERMISSIONS,
    MAX_YEAR,
    MIN_YEAR,
    RECORD_PERMISSIONS,
    CampaignRecord,
    TimeStampedModel,
    _check_year_in_validity,
    year_validators,
)
from campaigns.models.catalogue import Goal, PovertyStandard, RatingGrade
from campaigns.models.fields import YearField
from campaigns.models.units import ResidentialArea, natural_order

CIVILISED_LIMITS = (
    (
        "civilised_weddings",
        _("Weddings held the civilised way cannot exceed households."),
    ),
    (
        "civilised_funerals",
        _("Funerals held the civilised way cannot exceed households."),
    ),
    (
        "civilised_festivals",
        _("Festivals held the civilised way cannot exceed households."),
    ),
)


class AnnualResult(CampaignRecord):
    """The yearly review of one residential area (held at the Great Solidarity Festival)."""

    residential_area = models.ForeignKey(
        ResidentialArea,
        on_delete=models.PROTECT,
        related_name="annual_results",
        verbose_name=_("residential area"),
    )
    year = YearField(_("year"))
    households = models.PositiveIntegerField(_("households"))
    cultural_families_registered = models.PositiveIntegerField(
        _("families registered for the cultural family title")
    )
    cultural_families_recognised = models.PositiveIntegerField(
        _("families recognised as cultural families")
    )
    cultural_families_three_years = models.PositiveIntegerField(
        _("cultural families recognised three years running"),
        null=True,
        blank=True,
        help_text=_(
            "Families recognised as cultural families this year and the two years "
            "before (the basis of a Giấy khen); counted by the residential area."
        ),
    )
    cultural_title = models.BooleanField(
        _("holds the cultural residential area title"), default=False
    )
    cultural_title_year = YearField(
        _("year the title was recognised"),
        null=True,
        blank=True,
        validators=year_validators,
    )
    poor_households = models.PositiveIntegerField(_("poor households"))
    near_poor_households = models.PositiveIntegerField(_("near-poor households"))
    newly_poor_households = models.PositiveIntegerField(
        _("households newly poor or fallen back into poverty"), default=0
    )
    poverty_standard = models.ForeignKey(
        PovertyStandard,
        on_delete=models.PROTECT,
        related_name="annual_results",
        verbose_name=_("poverty standard"),
        # Blank in forms: clean() fills in the standard in force for the year. Null when
        # no standard covers the year yet: the result is still entered and approved,
        # and its poverty rates read "chuẩn nghèo chưa xác định" until one is set.
        blank=True,
        null=True,
    )
    festival_held = models.BooleanField(
        _("Great Solidarity Festival held"), default=False
    )
    festival_date = models.DateField(_("festival date"), null=True, blank=True)
    festival_participants = models.PositiveIntegerField(
        _("festival participants"), null=True, blank=True
    )
    festival_highlights = models.TextField(
        _("festival highlights"),
        blank=True,
        help_text=_(
            "What the festival did, in a few sentences; published on the public "
            "pages. Do not write personal data here (names of private persons, "
            "phone numbers, ID numbers, addresses of households)."
        ),
    )
    # Counted by the area; null when it did not report them.
    civilised_weddings = models.PositiveIntegerField(
        _("weddings held the civilised way"), null=True, blank=True
    )
    civilised_funerals = models.PositiveIntegerField(
        _("funerals held the civilised way"), null=True, blank=True
    )
    civilised_festivals = models.PositiveIntegerField(
        _("festivals held the civilised way"),
        null=True,
        blank=True,
        help_text=_("Local festivals and celebrations held the civilised way."),
    )
    committee_score = models.PositiveSmallIntegerField(
        _("Front work committee score"), null=True, blank=True
    )
    note = models.TextField(_("note"), blank=True)

    objects = querysets.AnnualResultQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("yearly result")
        verbose_name_plural = _("yearly results")
        default_permissions = RECORD_PERMISSIONS
        ordering = [
            "-year",
            "residential_area__ward__code",
            *natural_order("residential_area__"),
        ]
        indexes = [
            models.Index(fields=["year", "status"], name="annual_result_year_status")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["residential_area", "year"],
                name="annual_result_area_year_unique",
                violation_error_message=_(
                    "This residential area already has a result for this year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=MIN_YEAR) & Q(year__lte=MAX_YEAR),
                name="annual_result_year_range",
                violation_error_message=_("The year is out of range."),
            ),
            models.CheckConstraint(
                condition=Q(
                    cultural_families_recognised__lte=F("cultural_families_registered")
                )
                & Q(cultural_families_registered__lte=F("households")),
                name="annual_result_cultural_families_valid",
                violation_error_message=_(
                    "Recognised families cannot exceed registered families, and registered "
                    "families cannot exceed households."
                ),
            ),
            models.CheckConstraint(
                condition=Q(cultural_families_three_years__isnull=True)
                | Q(
                    cultural_families_three_years__lte=F("cultural_families_recognised")
                ),
                name="annual_result_three_years_within_recognised",
                violation_error_message=_(
                    "Families recognised three years running cannot exceed families "
                    "recognised this year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(
                    households__gte=F("poor_households") + F("near_poor_households")
                ),
                name="annual_result_poverty_within_households",
                violation_error_message=_(
                    "Poor plus near-poor households cannot exceed households."
                ),
            ),
            models.CheckConstraint(
                condition=Q(newly_poor_households__lte=F("poor_households")),
                name="annual_result_newly_poor_within_poor",
                violation_error_message=_(
                    "Newly poor households cannot exceed poor households."
                ),
            ),
            models.CheckConstraint(
                condition=Q(committee_score__isnull=True) | Q(committee_score__lte=100),
                name="annual_result_committee_score_range",
                violation_error_message=_(
                    "The committee score must be between 0 and 100."
                ),
            ),
            *(
                models.CheckConstraint(
                    # A household holds at most one wedding or funeral a year in
                    # practice; more than households is a typing error.
                    condition=Q(**{f"{name}__isnull": True})
                    | Q(**{f"{name}__lte": F("households")}),
                    name=f"annual_result_{name}_within_households",
                    violation_error_message=message,
                )
                for name, message in CIVILISED_LIMITS
            ),
            models.CheckConstraint(
                condition=Q(cultural_title_year__isnull=True)
                | Q(cultural_title_year__lte=F("year")),
                name="annual_result_title_year_not_future",
                violation_error_message=_(
                    "The title cannot be recognised after the year of the result."
                ),
            ),
        ]

    def __str__(self):
        area = self.residential_area if self.residential_area_id else "?"
        return f"{area} – {self.year}"

    def clean(self):
        super().clean()
        if self.residential_area_id and self.year:
            _check_year_in_validity(
                self.residential_area, self.year, "residential_area"
            )
            _check_year_in_validity(
                self.residential_area.ward, self.year, "residential_area"
            )
        if self.year and self.poverty_standard_id is None:
            # No standard for the year yet (a new decree not issued) never blocks
            # entry: the result keeps no standard and its rates are shown as
            # undetermined.
            self.poverty_standard = PovertyStandard.for_year(self.year)
        elif self.year and not self.poverty_standard.covers(self.year):
            raise ValidationError(
                {
                    "poverty_standard": _(
                        "This poverty standard is not in force in this year."
                    )
                }
            )
        if self.festival_date and self.year and self.festival_date.year != self.year:
            raise ValidationError(
                {
                    "festival_date": _(
                        "The festival date must fall in the year of the result."
                    )
                }
            )

    @property
    def committee_grade(self):
        return RatingGrade.for_score(self.committee_score)


class GoalResult(TimeStampedModel):
    """Whether one residential area achieved one goal in one year, with the measured value."""

    annual_result = models.ForeignKey(
        AnnualResult,
        on_delete=models.CASCADE,
        related_name="goal_results",
        verbose_name=_("yearly result"),
        # The unique (annual_result, goal) index starts with this column and serves
        # every lookup by result; a second index only slowed inserts (15 M rows).
        db_index=False,
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.PROTECT, related_name="results", verbose_name=_("goal")
    )
    achieved = models.BooleanField(_("achieved"), default=False)
    value = models.DecimalField(
        _("measured value"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    objects = querysets.GoalResultQuerySet.as_manager()
    # Ten history rows per imported result: no index on their result and goal, which
    # nothing looks history up by (the change history filters by date, user and id).
    history = HistoricalRecords(no_db_index=["annual_result", "goal"])

    class Meta:
        verbose_name = _("goal result")
        verbose_name_plural = _("goal results")
        default_permissions = DATA_PERMISSIONS
        ordering = ["annual_result", "goal__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["annual_result", "goal"],
                name="goal_result_unique",
                violation_error_message=_(
                    "This yearly result already has a result for this goal."
                ),
            )
        ]

    def __str__(self):
        return f"{self.annual_result} – {self.goal.number}"

    def clean(self):
        super().clean()
        if self.annual_result_id and self.goal_id:
            goal_set = self.goal.goal_set
            year = self.annual_result.year
            if year and not goal_set.covers(year):
                raise ValidationError(
                    {
                        "goal": _(
                            "This goal belongs to the goal set %(set)s, not in force "
                            "in %(year)s."
                        )
                        % {"set": goal_set, "year": year}
                    }
                )
