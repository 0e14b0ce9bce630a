"""Goals and how many residential areas achieved them (GoalResult)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from campaigns.cache import cached
from campaigns.models import Goal, GoalResult, GoalSet, Ward
from campaigns.models.summaries import GoalSummary
from campaigns.selectors.base import _grouped, _key, share
from campaigns.selectors.catalogue import (
    campaign_year,
    content_of_goal_in_year,
    goals_in_force,
)
from campaigns.selectors.directory import AreaDetail
from campaigns.selectors.sources import GOAL_SUMMED, _goal_summary
from campaigns.selectors.units import WardRef, _in_map, _units_and_map


class Achievement:
    """Areas achieving a goal out of those reporting it, as a share in per cent."""

    achieved: int
    reporting: int

    @property
    def share(self) -> Decimal | None:
        return share(self.achieved, self.reporting)


@dataclass(frozen=True)
class GoalStat(Achievement):
    number: int
    name: str
    target: str
    reporting: int
    achieved: int


@dataclass(frozen=True)
class ContentGoals:
    number: int
    short_name: str
    name: str
    goals: tuple[GoalStat, ...]


@dataclass(frozen=True)
class GoalWardStat(Achievement):
    ward: WardRef
    goal_number: int
    reporting: int
    achieved: int


@dataclass(frozen=True)
class GoalKey:
    """Which goal a figure belongs to: a number is unique only within its goal set."""

    pk: int
    number: int
    name: str
    goal_set: str
    goal_set_from: int


@dataclass(frozen=True)
class GoalYearStat(Achievement):
    year: int
    goal: GoalKey
    reporting: int
    achieved: int

    @property
    def goal_number(self) -> int:
        return self.goal.number


@dataclass(frozen=True)
class AreaGoal:
    year: int
    goal: GoalKey
    achieved: bool
    value: Decimal | None

    @property
    def goal_number(self) -> int:
        return self.goal.number


@dataclass(frozen=True)
class GoalRef:
    number: int
    name: str
    measure: str
    target: str
    content_number: int | None
    content_short_name: str
    pk: int
    goal_set: str
    goal_set_from: int


def goal_keys() -> dict[int, GoalKey]:
    """Goal pk → its number, wording and goal set, for every goal (one cached read)."""

    def compute():
        return {
            pk: GoalKey(pk, number, name, set_name, set_from)
            for pk, number, name, set_name, set_from in Goal.objects.order_by(
                "pk"
            ).values_list(
                "pk",
                "number",
                "name",
                "goal_set__name",
                "goal_set__valid_from_year",
            )
        }

    return cached("goal-keys", compute=compute)


def _goal_order(key: GoalKey) -> tuple[int, int]:
    return key.goal_set_from, key.number


def goal_catalogue(*, year: int | None = None) -> tuple[GoalRef, ...]:
    """The goals of the set in force in `year` (default: the newest set), each under
    the content in force that year that shows it."""

    def compute():
        goal_set = (
            GoalSet.objects.covering(year).first()
            if year is not None
            else GoalSet.objects.order_by("-valid_from_year").first()
        )
        if goal_set is None:
            return ()
        shown = {}
        if year is not None:
            shown = content_of_goal_in_year(campaign_year(year=year).contents)
        refs = []
        for goal in goal_set.goals.select_related("content").order_by("number"):
            content = shown.get(goal.content_id) if year is not None else goal.content
            refs.append(
                GoalRef(
                    number=goal.number,
                    name=goal.name,
                    measure=goal.measure,
                    target=goal.target,
                    content_number=content.number if content else None,
                    content_short_name=content.short_name if content else "",
                    pk=goal.pk,
                    goal_set=goal_set.name,
                    goal_set_from=goal_set.valid_from_year,
                )
            )
        return tuple(refs)

    return cached("goal-catalogue", year, compute=compute)


def goal_achievement_by_content(
    *, year: int, ward: Ward | None = None
) -> tuple[ContentGoals, ...]:
    """The contents in force in `year`, each with the goals of the year's goal set it
    shows and how many areas reported and achieved them."""

    def compute():
        counts = {
            row["goal"]: row
            for row in _grouped(
                _goal_summary(year=year, ward=ward), "goal", **GOAL_SUMMED
            )
        }
        in_force = campaign_year(year=year).contents
        shown = content_of_goal_in_year(in_force)
        contents: dict[int, dict] = {
            ref.number: {
                "number": ref.number,
                "short_name": ref.short_name,
                "name": ref.name,
                "goals": [],
            }
            for ref in in_force
        }
        for goal in goals_in_force(year):
            ref = shown.get(goal.content_id)
            if ref is None:  # a goal whose content has no counterpart this year
                ref = goal.content
            content = contents.setdefault(
                ref.number,
                {
                    "number": ref.number,
                    "short_name": ref.short_name,
                    "name": ref.name,
                    "goals": [],
                },
            )
            row = counts.get(goal.pk, {})
            content["goals"].append(
                GoalStat(
                    number=goal.number,
                    name=goal.name,
                    target=goal.target,
                    reporting=row.get("reporting", 0),
                    achieved=row.get("achieved", 0),
                )
            )
        return tuple(
            ContentGoals(**{**content, "goals": tuple(content["goals"])})
            for _number, content in sorted(contents.items())
            if content["goals"]
        )

    return cached("goals-by-content", year, _key(ward), compute=compute)


def goal_achievement_by_ward(
    *, year: int, page: int | None = None
) -> tuple[GoalWardStat, ...]:
    """For each unit in force in `year` and each goal: areas reporting and achieving it."""

    def compute():
        units, unit_of = _units_and_map(year, page)
        counts = defaultdict(lambda: [0, 0])
        for row in _grouped(
            _in_map(
                GoalSummary.objects.filter(year=year, ward__isnull=False),
                unit_of,
                page,
            ),
            "ward",
            "goal__number",
            **GOAL_SUMMED,
        ):
            unit = unit_of.get(row["ward"])
            if unit is not None:
                counts[unit, row["goal__number"]][0] += row["reporting"]
                counts[unit, row["goal__number"]][1] += row["achieved"]
        numbers = list(goals_in_force(year).values_list("number", flat=True))
        return tuple(
            GoalWardStat(
                ward=ref,
                goal_number=number,
                reporting=counts[ref.pk, number][0],
                achieved=counts[ref.pk, number][1],
            )
            for number in numbers
            for ref in units
        )

    return cached("goals-by-ward", year, page, compute=compute)


def goal_achievement_by_year(*, ward: Ward | None = None) -> tuple[GoalYearStat, ...]:
    """For each goal (grouped by the goal itself, not its number: after a goal-set
    replacement number n names two goals) and each year with results: areas
    reporting and achieving it; ordered by goal set, number, year."""

    def compute():
        keys = goal_keys()
        stats = [
            GoalYearStat(
                year=row["year"],
                goal=keys[row["goal"]],
                reporting=row["reporting"],
                achieved=row["achieved"],
            )
            for row in _grouped(_goal_summary(ward=ward), "year", "goal", **GOAL_SUMMED)
        ]
        return tuple(sorted(stats, key=lambda s: (*_goal_order(s.goal), s.year)))

    return cached("goals-by-year", _key(ward), compute=compute)


def area_goals_by_year(*, area: AreaDetail) -> tuple[AreaGoal, ...]:
    """One residential area's goal results (achieved, measured value) per year and
    goal, each with the goal (and goal set) it was entered under."""

    def compute():
        keys = goal_keys()
        rows = (
            GoalResult.objects.published()
            .filter(annual_result__residential_area_id=area.pk)
            .order_by()
            .values_list("annual_result__year", "goal", "achieved", "value")
        )
        found = [
            AreaGoal(year=year, goal=keys[goal], achieved=achieved, value=value)
            for year, goal, achieved, value in rows
        ]
        return tuple(sorted(found, key=lambda g: (g.year, *_goal_order(g.goal))))

    return cached("area-goals", area.pk, compute=compute)
