"""Scale demo: a ward's yearly results and their ten goal results for one year."""

import datetime

from campaigns.demo.scale import ScaleGenerator


def _civilised(rng, households: int) -> tuple[int, int, int]:
    """Weddings, funerals and festivals held the civilised way (each ≤ households)."""
    return (
        min(households, rng.randint(0, households // 25 + 1)),
        min(households, rng.randint(0, households // 40 + 1)),
        min(households, rng.randint(0, 3)),
    )


def scale_results_make(gen: ScaleGenerator, states: list[list], year: int) -> None:
    rng = gen.rng
    random_ = rng.random
    standard = gen.standards[year]
    first = year == gen.years[0]
    changed = not first and standard != gen.standards[year - 1]
    add_result = gen.tables.results.add
    add_goal = gen.tables.goal_results.add
    take = gen.tables.results.ids.take
    goals = gen.goal_ids[year]
    # Festivals are held by 18/11; never dated after the day of seeding.
    festival_last = gen.by_today(datetime.date(year, 11, 18))
    now = gen.now
    for state in states:
        (
            area_id,
            _,
            households,
            poor_rate,
            near_ratio,
            cultural,
            title,
            title_year,
        ) = state
        before = poor_rate
        if not first:
            households = round(households * rng.uniform(1.0, 1.025))
        if changed:
            poor_rate = min(poor_rate * rng.uniform(1.6, 2.2), 0.35)
        elif not first:
            poor_rate *= rng.uniform(0.78, 0.93)
        cultural = min(0.98, cultural + rng.uniform(0.0, 0.012))
        if not title and random_() < 0.25:
            title, title_year = True, year
        state[2:] = [households, poor_rate, near_ratio, cultural, title, title_year]
        poor = min(round(households * poor_rate), households)
        near_poor = min(round(households * poor_rate * near_ratio), households - poor)
        recognised = round(households * cultural)
        registered = min(households, recognised + rng.randint(0, households // 20 + 1))
        festival = random_() < 0.97
        score = rng.randint(62, 98)
        result_id = take()
        add_result(
            (
                *gen.status(year),
                area_id,
                year,
                households,
                registered,
                recognised,
                title,
                title_year if title else None,
                poor,
                near_poor,
                min(poor, rng.choice((0, 0, 0, 0, 1, 2))),
                standard.pk,
                festival,
                gen.by_today(festival_last - datetime.timedelta(days=rng.randrange(25)))
                if festival
                else None,
                round(households * rng.uniform(1.2, 2.5)) if festival else None,
                # Highlights are the city demo's; NOT NULL columns get "" here.
                "",
                *_civilised(rng, households),
                score,
                "",
                result_id,
            )
        )
        poor_share = round(100 * poor / households, 2)
        insurance = round(rng.uniform(82, 99.5), 2)
        waste = round(rng.uniform(60, 99), 2)
        values = (
            (first or poor_rate <= before, poor_share),
            (random_() < 0.85, round(poor_share * near_ratio, 2)),
            (random_() < 0.8, rng.randint(0, 4)),
            (cultural >= 0.9, round(100 * cultural, 2)),
            (title, None),
            (insurance >= 90, insurance),
            (waste >= 80, waste),
            (random_() < 0.9, rng.randint(0, 6)),
            (random_() < 0.92, rng.randint(1, 4)),
            (score >= 80 and festival, score),
        )
        for goal_id, (achieved, value) in zip(goals, values, strict=True):
            add_goal((now, now, result_id, goal_id, achieved, value, ""))
