"""The dated reference data of a year: campaign phase, contents, goal set, titles.

Every page, download and the yearly workbook of a year read the wording in force
that year from here, with where it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass

from campaigns.cache import cached
from campaigns.models import (
    AnnualResult,
    CampaignPhase,
    Content,
    Goal,
    GoalSet,
    PovertyStandard,
    TitleDefinition,
)
from campaigns.models.catalogue import unconfirmed_label
from campaigns.models.choices import TitleHolderChoices
from campaigns.models.validity import covers_year


@dataclass(frozen=True)
class ContentRef:
    pk: int
    number: int
    short_name: str
    name: str
    source: str


@dataclass(frozen=True)
class GoalSetRef:
    name: str
    set_by: str
    valid_from_year: int
    valid_to_year: int | None
    source: str
    note: str


@dataclass(frozen=True)
class TitleRef:
    holder: str
    holder_label: str
    name: str
    legal_basis: str
    source: str
    confirmed: bool

    @property
    def label(self) -> str:
        return unconfirmed_label(self.name, self.confirmed)


@dataclass(frozen=True)
class CampaignYear:
    """The campaign as it ran in `year`: its name, contents, goal set and titles."""

    year: int
    name: str
    short_name: str
    launched_by: str
    source: str
    confirmed: bool
    contents: tuple[ContentRef, ...]
    goal_set: GoalSetRef | None
    titles: tuple[TitleRef, ...]

    @property
    def label(self) -> str:
        return unconfirmed_label(self.name, self.confirmed)

    def title_for(self, holder: str) -> TitleRef | None:
        return next((t for t in self.titles if t.holder == holder), None)


def campaign_year(*, year: int) -> CampaignYear:
    """The phase, contents, goal set and titles in force in `year` (a few queries)."""

    def compute():
        phase = CampaignPhase.objects.covering(year).order_by("-valid_to_year").first()
        contents = ()
        if phase is not None:
            contents = tuple(
                ContentRef(c.pk, c.number, c.short_name, c.name, c.source)
                for c in phase.contents.order_by("number")
            )
        goal_set = GoalSet.objects.covering(year).first()
        titles = tuple(
            TitleRef(
                holder=t.holder,
                holder_label=str(TitleHolderChoices(t.holder).label),
                name=t.name,
                legal_basis=t.legal_basis,
                source=t.source,
                confirmed=t.confirmed,
            )
            for t in TitleDefinition.objects.covering(year).order_by("holder")
        )
        return CampaignYear(
            year=year,
            name=phase.name if phase else "",
            short_name=phase.short_name if phase else "",
            launched_by=phase.launched_by if phase else "",
            source=phase.source if phase else "",
            confirmed=phase.confirmed if phase else True,
            contents=contents,
            goal_set=None
            if goal_set is None
            else GoalSetRef(
                name=goal_set.name,
                set_by=goal_set.set_by,
                valid_from_year=goal_set.valid_from_year,
                valid_to_year=goal_set.valid_to_year,
                source=goal_set.source,
                note=goal_set.note,
            ),
            titles=titles,
        )

    return cached("campaign-year", year, compute=compute)


def content_of_goal_in_year(contents: tuple[ContentRef, ...]) -> dict[int, ContentRef]:
    """Content pk of a goal → the content in force that shows it (itself, or the
    earlier content it continues, walked through `continued_by`)."""
    in_force = {c.pk: c for c in contents}
    shown = dict(in_force)
    links = dict(Content.objects.values_list("pk", "continued_by"))
    for pk in in_force:
        seen, later = set(), links.get(pk)
        while later is not None and later not in seen:
            seen.add(later)
            shown.setdefault(later, in_force[pk])
            later = links.get(later)
    return shown


def goals_in_force(year: int):
    """The goals of the set in force in `year`, with their contents."""
    return Goal.for_year(year).select_related("content")


def years_without_standard(
    *, user, until: int, first: int | None = None
) -> tuple[int, ...]:
    """Years no poverty standard covers, for city staff's warning: years with yearly
    results `user` may see, and every reporting year from `first` (default: the first
    year with results) to `until`."""
    years = set(
        AnnualResult.objects.restrict(user)
        .order_by()
        .values_list("year", flat=True)
        .distinct()
    )
    if first is None:
        first = min(years, default=until)
    years |= set(range(first, until + 1))
    standards = list(
        PovertyStandard.objects.values_list("valid_from_year", "valid_to_year")
    )
    return tuple(
        sorted(
            year
            for year in years
            if not any(
                start <= year and (end is None or year <= end)
                for start, end in standards
            )
        )
    )


def titles_for(*, years, holder: str) -> dict[int, TitleRef]:
    """Year → the title `holder` (a kind of area or unit, or a family) can hold that
    year, for `years`; every title is read once (cached), so a table over many years
    costs no query per year."""
    rows = _titles()
    found = {}
    for year in years:
        for first, last, ref in rows:
            if ref.holder == holder and covers_year(first, last, year):
                found[year] = ref
                break
    return found


def _titles():
    def compute():
        return tuple(
            (
                t.valid_from_year,
                t.valid_to_year,
                TitleRef(
                    holder=t.holder,
                    holder_label=str(TitleHolderChoices(t.holder).label),
                    name=t.name,
                    legal_basis=t.legal_basis,
                    source=t.source,
                    confirmed=t.confirmed,
                ),
            )
            for t in TitleDefinition.objects.order_by("holder", "valid_from_year")
        )

    return cached("titles", compute=compute)


def goal_names(*, years) -> dict[tuple[int, int], str]:
    """(year, number) → the wording of that goal of the set in force in the year, for
    `years`; one cached read whatever the number of years."""
    rows = _goal_names()
    return {
        (year, number): name
        for year in years
        for first, last, number, name in rows
        if covers_year(first, last, year)
    }


def _goal_names():
    def compute():
        return tuple(
            Goal.objects.order_by("goal_set__valid_from_year", "number").values_list(
                "goal_set__valid_from_year", "goal_set__valid_to_year", "number", "name"
            )
        )

    return cached("goal-names", compute=compute)
