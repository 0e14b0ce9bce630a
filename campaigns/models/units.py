"""Administrative units (phường/xã) and residential areas, with validity periods and successions."""

from collections import defaultdict
from collections.abc import Iterable

from django.db import models
from django.db.models import Case, CharField, F, Func, Q, Value, When
from django.db.models.functions import Length, Substr
from django.db.models.lookups import GreaterThan
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from campaigns.models import querysets
from campaigns.models.base import (
    DATA_PERMISSIONS,
    RECORD_PERMISSIONS,
    CampaignRecord,
    TimeStampedModel,
    _check_date_in_validity,
    _validity_check,
)
from campaigns.models.choices import (
    ResidentialAreaKindChoices,
    WardKindChoices,
)
from campaigns.models.folding import folded
from campaigns.models.validity import in_force_on, year_reference_date


class Ward(TimeStampedModel):
    """A commune-level unit (phường/xã) during its validity period.

    GSO codes were reused in 2025 with new meanings, so a unit is its code plus its
    validity; `successors` link old units to the units they became.
    """

    code = models.CharField(_("GSO code"), max_length=5)
    name = models.CharField(_("name"), max_length=100)
    # Search reads it (selectors/search.py); the database computes it.
    name_folded = folded("name")
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
    history = HistoricalRecords(excluded_fields=["name_folded"])

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
        return in_force_on(self.valid_from, self.valid_to, year_reference_date(year))

    def units_for_year(self, year: int) -> list["Ward"]:
        """The units that held this unit's territory in `year` (itself, or its predecessors).

        Walks predecessor links backwards through any number of reorganisations.
        """
        if self.is_in_force_for_year(year):
            return [self]
        territory = units_with_predecessors([self.pk])
        return list(
            Ward.objects.filter(pk__in=territory)
            .exclude(pk=self.pk)
            .in_force_for_year(year)
            .order_by("code", "valid_from")
        )

    def history_is_partial(self) -> bool:
        """True when this unit or one of its predecessors has history outside the portal."""
        if self.has_external_predecessor:
            return True
        return Ward.objects.filter(
            successor_links__successor=self, has_external_predecessor=True
        ).exists()


class WardSuccession(TimeStampedModel):
    """One link of a merge or split: `predecessor` became (part of) `successor`."""

    objects = querysets.CatalogueQuerySet.as_manager()

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


DIGITS = "0123456789"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _rtrim(expression, characters: str):
    return Func(
        expression, Value(characters), function="RTRIM", output_field=CharField()
    )


def natural_order(prefix: str = "") -> list:
    """ORDER BY terms that sort area names naturally ("Tổ 2" before "Tổ 3A" before
    "Tổ 10"), in SQL.

    A name ending in a number (and perhaps one Latin letter) sorts by what comes
    before the number, then the number by length and value; other names by
    themselves. RTRIM(name, characters) means the same on SQLite and PostgreSQL, so
    rows written by any path (bulk imports, COPY, raw SQL) sort right without a
    stored key. `prefix` is the lookup to the area ("residential_area__").
    """
    name = F(f"{prefix}name")
    core = _rtrim(name, LETTERS)  # "Tổ 3A" → "Tổ 3"
    stem = _rtrim(core, DIGITS)  # → "Tổ "
    number = Substr(core, Length(stem) + 1)  # → "3"
    has_number = GreaterThan(Length(number), 0)
    head = Case(When(has_number, then=stem), default=name, output_field=CharField())
    return [head.asc(), Length(number).asc(), number.asc(), name.asc()]


def units_with_predecessors(unit_ids: Iterable[int]) -> dict[int, int]:
    """Map each of `unit_ids`, and every unit it succeeded through any number of
    reorganisations, to the unit of `unit_ids` it became: the walk back through merges.

    One query whatever the depth (all links at once; there are about as many as
    units), so query counts do not depend on how often a territory was reorganised.
    """
    mapping = {pk: pk for pk in unit_ids}
    predecessors = defaultdict(list)
    for predecessor, successor in WardSuccession.objects.values_list(
        "predecessor_id", "successor_id"
    ):
        predecessors[successor].append(predecessor)
    frontier = list(mapping)
    while frontier:
        successor = frontier.pop()
        for predecessor in predecessors[successor]:
            if predecessor not in mapping:
                mapping[predecessor] = mapping[successor]
                frontier.append(predecessor)
    return mapping


class ResidentialArea(CampaignRecord):
    """A residential area (tổ dân phố in a phường, thôn/bản in a xã) of one ward."""

    ward = models.ForeignKey(
        Ward,
        on_delete=models.PROTECT,
        related_name="residential_areas",
        verbose_name=_("ward or commune"),
    )
    name = models.CharField(_("name"), max_length=100)
    name_folded = folded("name")
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
    history = HistoricalRecords(
        m2m_fields=[successors], excluded_fields=["name_folded"]
    )

    class Meta:
        verbose_name = _("residential area")
        verbose_name_plural = _("residential areas")
        default_permissions = RECORD_PERMISSIONS
        ordering = ["ward__code", "ward__valid_from", *natural_order()]
        indexes = [
            # One unit's areas in natural order (area lists of a unit, completeness).
            models.Index(
                F("ward"),
                *(term.expression for term in natural_order()[:3]),
                name="residential_area_natural",
            ),
            # Approved areas in force in a year, counted from the index alone (the
            # festival's "held in N of M areas": 100,000 areas at nation scale).
            models.Index(
                fields=["valid_from", "valid_to"],
                condition=Q(status="approved"),
                name="area_approved_validity",
            ),
        ]
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
