"""City demo: each area's yearly result and its ten goal results, year after year."""

import datetime

from campaigns.demo.celebrations import civilised_figures, festival_highlights
from campaigns.demo.city import AreaState, DemoGenerator
from campaigns.models import AnnualResult, GoalResult


def results_make(gen: DemoGenerator) -> None:
    results, goal_rows = [], []
    previous_rate: dict[int, float] = {}
    for year in gen.years:
        standard = gen.standards[year]
        standard_changed = year > gen.years[0] and standard != gen.standards[year - 1]
        for ward in gen.wards_on(datetime.date(year, 12, 31)):
            for state in gen.areas_by_ward[ward.pk]:
                if not state.started:
                    state.start_from_predecessors(gen.rng)
                elif year > gen.years[0]:
                    state.households = round(
                        state.households * gen.rng.uniform(1.0, 1.025)
                    )
                # A stricter standard counts more households as poor in its first year.
                if standard_changed:
                    state.poor_rate = min(
                        state.poor_rate * gen.rng.uniform(1.6, 2.2), 0.35
                    )
                else:
                    state.poor_rate *= gen.rng.uniform(0.78, 0.93)
                state.cultural_rate = min(
                    0.98, state.cultural_rate + gen.rng.uniform(0.0, 0.012)
                )
                if not state.title and gen.rng.random() < 0.25:
                    state.title, state.title_year = True, year
                results.append(_annual_result(gen, state, year, standard))
                goal_rows.append(_goal_results(gen, state, year, previous_rate))
                previous_rate[state.area.pk] = state.poor_rate
    AnnualResult.objects.bulk_create(results, batch_size=1000)
    rows = []
    for result, goals in zip(results, goal_rows, strict=True):
        for goal, (achieved, value) in zip(gen.goals, goals, strict=True):
            rows.append(
                GoalResult(
                    annual_result=result, goal=goal, achieved=achieved, value=value
                )
            )
    GoalResult.objects.bulk_create(rows, batch_size=2000)
    gen.summary.annual_results = len(results)
    gen.summary.goal_results = len(rows)


def _annual_result(
    gen: DemoGenerator, state: AreaState, year: int, standard
) -> AnnualResult:
    rng = gen.rng
    households = state.households
    poor = min(round(households * state.poor_rate), households)
    near_poor = min(
        round(households * state.poor_rate * state.near_poor_ratio),
        households - poor,
    )
    recognised = round(households * state.cultural_rate)
    registered = min(households, recognised + rng.randint(0, max(1, households // 20)))
    festival = rng.random() < 0.97
    state.last_score = rng.randint(62, 98)
    state.last_festival = festival
    state.last_poor, state.last_households = poor, households
    return AnnualResult(
        residential_area=state.area,
        year=year,
        households=households,
        cultural_families_registered=registered,
        cultural_families_recognised=recognised,
        cultural_title=state.title,
        cultural_title_year=state.title_year if state.title else None,
        poor_households=poor,
        near_poor_households=near_poor,
        newly_poor_households=min(poor, rng.choice([0, 0, 0, 0, 1, 2])),
        poverty_standard=standard,
        festival_held=festival,
        festival_date=gen.day_in(year, (10, 25), (11, 18)) if festival else None,
        festival_participants=round(households * rng.uniform(1.2, 2.5))
        if festival
        else None,
        festival_highlights=festival_highlights(gen.celebration_rng, state.area.name)
        if festival
        else "",
        **civilised_figures(gen.celebration_rng, households),
        committee_score=state.last_score,
        **gen.workflow_fields(gen.status(year), year),
    )


def _goal_results(
    gen: DemoGenerator, state: AreaState, year: int, previous_rate: dict
) -> list[tuple]:
    rng = gen.rng
    households = max(state.last_households, 1)
    poor_rate = 100 * state.last_poor / households
    before = previous_rate.get(state.area.pk)
    cultural = 100 * state.cultural_rate
    insurance = rng.uniform(82, 99.5)
    waste = rng.uniform(60, 99)
    return [
        (before is None or state.poor_rate <= before, round(poor_rate, 2)),
        (rng.random() < 0.85, round(poor_rate * state.near_poor_ratio, 2)),
        (rng.random() < 0.8, rng.randint(0, 4)),
        (cultural >= 90, round(cultural, 2)),
        (state.title, None),
        (insurance >= 90, round(insurance, 2)),
        (waste >= 80, round(waste, 2)),
        (rng.random() < 0.9, rng.randint(0, 6)),
        (rng.random() < 0.92, rng.randint(1, 4)),
        (state.last_score >= 80 and state.last_festival, state.last_score),
    ]
