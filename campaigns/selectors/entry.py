"""The rows of the data-entry screen of one ward and year (staff only, through the gate).

A fixed number of queries whatever the size of the ward: the areas, their results,
the results' goal results, last year's figures, the goals and the poverty standard.
Only the areas are read in order; the rest is read unordered into dicts (the models'
orderings joined the wards and sorted on the natural order for nothing, issue 17).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from campaigns.models import (
    AnnualResult,
    Goal,
    GoalResult,
    PovertyStandard,
    ResidentialArea,
)
from campaigns.models.units import natural_order
from campaigns.models.validity import year_reference_date

# Last year's figures shown beside this year's cells as a hint.
PREVIOUS_FIGURES = (
    "households",
    "cultural_families_registered",
    "cultural_families_recognised",
    "poor_households",
    "near_poor_households",
)


@dataclass(frozen=True)
class EntryRow:
    """One residential area: its result of the year (None: not entered), that
    result's goal results by goal id, and last year's figures (empty if none)."""

    area: ResidentialArea
    result: AnnualResult | None
    goal_results: dict[int, GoalResult] = field(default_factory=dict)
    previous: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class EntryGrid:
    year: int
    goals: tuple[Goal, ...]
    poverty_standard: PovertyStandard | None
    rows: tuple[EntryRow, ...]


def entry_grid(*, ward, year: int, user) -> EntryGrid:
    """Every residential area of `ward` in force in `year` that `user` may see, with
    what the screen shows of it (six queries)."""
    day = year_reference_date(year)
    areas = list(
        ResidentialArea.objects.valid_on(day)
        .restrict(user)
        .filter(ward=ward)
        .select_related("ward")
        .order_by(*natural_order())
    )
    results = {
        result.residential_area_id: result
        for result in AnnualResult.objects.restrict(user)
        .filter(residential_area__in=areas, year=year)
        .select_related("poverty_standard")
        .order_by()  # read into a dict: the model's ordering only joined and sorted
    }
    goal_results: dict[int, dict[int, GoalResult]] = {}
    # No ordering: the model's (by result, then the result's own ordering) joined
    # the results, areas, wards and goals and sorted 800 rows (33 ms at nation scale).
    for goal_result in GoalResult.objects.filter(
        annual_result__in=[result.pk for result in results.values()]
    ).order_by():
        by_goal = goal_results.setdefault(goal_result.annual_result_id, {})
        by_goal[goal_result.goal_id] = goal_result
    previous = {
        row["residential_area"]: row
        for row in AnnualResult.objects.restrict(user)
        .filter(residential_area__in=areas, year=year - 1)
        .order_by()
        .values("residential_area", *PREVIOUS_FIGURES)
    }
    rows = []
    for area in areas:
        result = results.get(area.pk)
        if result is not None:
            # The area already loaded, with its ward: no query per row later.
            result.residential_area = area
        before = previous.get(area.pk)
        rows.append(
            EntryRow(
                area=area,
                result=result,
                goal_results=goal_results.get(result.pk, {}) if result else {},
                previous={name: before[name] for name in PREVIOUS_FIGURES}
                if before
                else {},
            )
        )
    return EntryGrid(
        year=year,
        goals=tuple(Goal.for_year(year)),
        poverty_standard=PovertyStandard.for_year(year),
        rows=tuple(rows),
    )
