"""Data of the campaign: units, residential areas, yearly results and the poverty fund.

Meaning of every model: ../shared/DESIGN.md §3. Rules that hold for one row live in
the database (constraints) and in `clean()`; rules across rows live in services.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import querysets
from .choices import (
    CommendationLevelChoices,
    CommunityWorkKindChoices,
    DonorKindChoices,
    FundLevelChoices,
    HouseholdStatusChoices,
    RecipientKindChoices,
    ResidentialAreaKindChoices,
    SupportCategoryChoices,
    WardKindChoices,
    WorkflowStatusChoices,
)

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
    day = querysets.year_reference_date(year)
    if (obj.valid_from and obj.valid_from > day) or (
        obj.valid_to and obj.valid_to < day
    ):
        raise ValidationError(
            {
                field: _("%(obj)s is not in force in %(year)s.")
                % {"obj": obj, "year": year}
            }
        )


def _check_date_in_validity(obj, day: datetime.date, field: str):
    if obj is None or day is None:
        return
    if (obj.valid_from and obj.valid_from > day) or (
        obj.valid_to and obj.valid_to < day
    ):
        raise ValidationError(
            {
                field: _("%(obj)s is not in force on %(day)s.")
                % {"obj": obj, "day": day.strftime("%d/%m/%Y")}
            }
        )


# --- Administrative units -------------------------------------------------------


class Ward(TimeStampedModel):
    """A commune-level unit (phường/xã) during its validity period.

    GSO codes were reused in 2025 with new meanings, so a unit is its code plus its
    validity; `successors` link old units to the units they became.
    """

    code = models.CharField(_("GSO code"), max_length=5)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=WardKindChoices.choices)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    province_code = models.CharField(_("province code"), max_length=2, blank=True)
    province_name = models.CharField(_("province"), max_length=100, blank=True)
    district_code = models.CharField(_("district code"), max_length=3, blank=True)
    district_name = models.CharField(_("district or city"), max_length=100, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self",
        through="WardSuccession",
        symmetrical=False,
        related_name="predecessors",
        verbose_name=_("successor units"),
        blank=True,
    )
    has_external_predecessor = models.BooleanField(
        _("has a predecessor outside the portal"),
        default=False,
        help_text=_(
            "Part of this unit's history lies in a unit the portal does not hold."
        ),
    )
    external_predecessor_note = models.CharField(
        _("predecessor outside the portal"), max_length=255, blank=True
    )
    # Units invented by `seed_demo --scale province|nation`; never the reference units.
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)

    objects = querysets.WardQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ward or commune")
        verbose_name_plural = _("wards and communes")
        default_permissions = DATA_PERMISSIONS
        ordering = ["-valid_from", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "valid_from"],
                name="ward_code_valid_from_unique",
                violation_error_message=_(
                    "A unit with this code and start date already exists."
                ),
            ),
            _validity_check("ward_validity_ordered"),
        ]

    def __str__(self):
        if self.valid_to:
            return f"{self.name} ({self.code}, → {self.valid_to:%d/%m/%Y})"
        return f"{self.name} ({self.code})"

    def is_in_force_for_year(self, year: int) -> bool:
        day = querysets.year_reference_date(year)
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )

    def units_for_year(self, year: int) -> list["Ward"]:
        """The units that held this unit's territory in `year` (itself, or its predecessors).

        Walks predecessor links backwards through any number of reorganisations.
        """
        if self.is_in_force_for_year(year):
            return [self]
        found: list[Ward] = []
        seen: set[int] = {self.pk}
        frontier = [self]
        while frontier:
            parents = list(
                Ward.objects.filter(successor_links__successor__in=frontier).distinct()
            )
            frontier = []
            for parent in parents:
                if parent.pk in seen:
                    continue
                seen.add(parent.pk)
                if parent.is_in_force_for_year(year):
                    found.append(parent)
                else:
                    frontier.append(parent)
        return sorted(found, key=lambda ward: ward.code)

    def history_is_partial(self) -> bool:
        """True when this unit or one of its predecessors has history outside the portal."""
        if self.has_external_predecessor:
            return True
        return Ward.objects.filter(
            successor_links__successor=self, has_external_predecessor=True
        ).exists()


class WardSuccession(TimeStampedModel):
    """One link of a merge or split: `predecessor` became (part of) `successor`."""

    predecessor = models.ForeignKey(
        Ward,
        on_delete=models.PROTECT,
        related_name="successor_links",
        verbose_name=_("former unit"),
    )
    successor = models.ForeignKey(
        Ward,
        on_delete=models.PROTECT,
        related_name="predecessor_links",
        verbose_name=_("new unit"),
    )
    effective_date = models.DateField(_("effective date"))
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit succession")
        verbose_name_plural = _("unit successions")
        default_permissions = DATA_PERMISSIONS
        ordering = ["-effective_date", "successor__code", "predecessor__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"],
                name="ward_succession_unique",
                violation_error_message=_("This succession link already exists."),
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("successor")),
                name="ward_succession_not_self",
                violation_error_message=_("A unit cannot succeed itself."),
            ),
        ]

    def __str__(self):
        return f"{self.predecessor.name} → {self.successor.name}"


class ResidentialArea(CampaignRecord):
    """A residential area (tổ dân phố in a phường, thôn/bản in a xã) of one ward."""

    ward = models.ForeignKey(
        Ward,
        on_delete=models.PROTECT,
        related_name="residential_areas",
        verbose_name=_("ward or commune"),
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(
        _("kind"), max_length=12, choices=ResidentialAreaKindChoices.choices
    )
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="predecessors",
        verbose_name=_("successor areas"),
        blank=True,
        help_text=_("The areas this one was merged into or renamed to."),
    )

    objects = querysets.ResidentialAreaQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[successors])

    class Meta:
        verbose_name = _("residential area")
        verbose_name_plural = _("residential areas")
        default_permissions = RECORD_PERMISSIONS
        ordering = ["ward__code", "ward__valid_from", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["ward", "name"],
                name="residential_area_ward_name_unique",
                violation_error_message=_(
                    "This ward already has a residential area with this name."
                ),
            ),
            _validity_check("residential_area_validity_ordered"),
        ]

    def __str__(self):
        return f"{self.name} – {self.ward.name}"

    def clean(self):
        super().clean()
        if self.ward_id and self.valid_from:
            _check_date_in_validity(self.ward, self.valid_from, "valid_from")


# --- Campaign reference data ----------------------------------------------------


class Content(TimeStampedModel):
    """One of the 5 contents of the campaign."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    short_name = models.CharField(_("short name"), max_length=100)
    name = models.TextField(_("full wording"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("campaign content")
        verbose_name_plural = _("campaign contents")
        default_permissions = DATA_PERMISSIONS
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="content_number_positive",
                violation_error_message=_("The content number must be at least 1."),
            )
        ]

    def __str__(self):
        return _("Content %(number)s: %(name)s") % {
            "number": self.number,
            "name": self.short_name,
        }


class Goal(TimeStampedModel):
    """One of the 10 goals, under one content; the wording is reference data staff may edit."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
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
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="goal_number_positive",
                violation_error_message=_("The goal number must be at least 1."),
            )
        ]

    def __str__(self):
        return _("Goal %(number)s: %(name)s") % {
            "number": self.number,
            "name": self.name,
        }


class PovertyStandard(TimeStampedModel):
    """A poverty standard (chuẩn nghèo) in force for a range of years."""

    code = models.CharField(_("legal document"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=255)
    valid_from_year = models.PositiveSmallIntegerField(
        _("first year"), validators=year_validators
    )
    valid_to_year = models.PositiveSmallIntegerField(
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
        return self.valid_from_year <= year and (
            self.valid_to_year is None or year <= self.valid_to_year
        )

    @classmethod
    def for_year(cls, year: int):
        return (
            cls.objects.filter(valid_from_year__lte=year)
            .filter(Q(valid_to_year__isnull=True) | Q(valid_to_year__gte=year))
            .order_by("-valid_from_year")
            .first()
        )


class RatingGrade(TimeStampedModel):
    """A grade of the Front work committee rating scale (default: Xuất sắc 90–100 … Yếu < 50)."""

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


# --- Yearly results -------------------------------------------------------------


class AnnualResult(CampaignRecord):
    """The yearly review of one residential area (held at the Great Solidarity Festival)."""

    residential_area = models.ForeignKey(
        ResidentialArea,
        on_delete=models.PROTECT,
        related_name="annual_results",
        verbose_name=_("residential area"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    households = models.PositiveIntegerField(_("households"))
    cultural_families_registered = models.PositiveIntegerField(
        _("families registered for the cultural family title")
    )
    cultural_families_recognised = models.PositiveIntegerField(
        _("families recognised as cultural families")
    )
    cultural_title = models.BooleanField(
        _("holds the cultural residential area title"), default=False
    )
    cultural_title_year = models.PositiveSmallIntegerField(
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
        # Blank in forms: clean() fills in the standard in force for the year.
        blank=True,
    )
    festival_held = models.BooleanField(
        _("Great Solidarity Festival held"), default=False
    )
    festival_date = models.DateField(_("festival date"), null=True, blank=True)
    festival_participants = models.PositiveIntegerField(
        _("festival participants"), null=True, blank=True
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
        ordering = ["-year", "residential_area__ward__code", "residential_area__name"]
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
            # A local first: reading an unset non-null foreign key raises.
            standard = PovertyStandard.for_year(self.year)
            if standard is None:
                raise ValidationError(
                    {"poverty_standard": _("No poverty standard covers this year.")}
                )
            self.poverty_standard = standard
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


# --- Poverty fund ---------------------------------------------------------------


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


# --- Community works and commendations ------------------------------------------


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
    kind = models.CharField(
        _("kind"), max_length=15, choices=CommunityWorkKindChoices.choices
    )
    year = models.PositiveSmallIntegerField(_("year"))
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
    history = HistoricalRecords()

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

    year = models.PositiveSmallIntegerField(_("year"))
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

    objects = querysets.YearRecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")
        default_permissions = RECORD_PERMISSIONS
        ordering = ["-year", "level", "recipient_name"]
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


class StaffScope(TimeStampedModel):
    """The wards a ward-staff account may see and edit (used by the permission gate)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_scope",
        verbose_name=_("user"),
    )
    wards = models.ManyToManyField(
        Ward, related_name="staff_scopes", verbose_name=_("wards")
    )

    class Meta:
        verbose_name = _("staff scope")
        verbose_name_plural = _("staff scopes")
        ordering = ["user__username"]

    def __str__(self):
        return str(self.user)


class ImportUpload(models.Model):
    """An uploaded spreadsheet kept between an import's preview and its confirmation.

    Kept in the database, not one server's /tmp, so any app server behind the load
    balancer can finish an import that another one previewed.
    """

    name = models.CharField(_("name"), max_length=64, unique=True)
    data = models.BinaryField(_("content"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("uploaded import file")
        verbose_name_plural = _("uploaded import files")
        ordering = ["-created_at"]

    def __str__(self):
        return self.name


# Precomputed yearly aggregates live in their own module; imported here so Django
# registers them, and their signal receivers are connected with the models.
from .summaries import (  # noqa: E402,F401
    FundSummary,
    GoalSummary,
    ResultSummary,
    WorkSummary,
    _connect,
)

_connect()
