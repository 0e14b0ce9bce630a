"""Scale demo: a ward's community works and commendation for one year."""

import datetime

from campaigns.demo.scale import ScaleGenerator
from campaigns.models.choices import (
    CommendationLevelChoices,
    CommunityWorkKindChoices,
    RecipientKindChoices,
)


def scale_works_make(
    gen: ScaleGenerator, ward_id: int, states: list, year: int
) -> None:
    rng = gen.rng
    for _ in range(rng.randint(0, 2 * gen.scale.works_per_ward_year)):
        state = rng.choice(states)
        road = rng.random() < 0.7
        kind = (
            CommunityWorkKindChoices.ROAD
            if road
            else CommunityWorkKindChoices.CULTURAL_HOUSE
        )
        gen.tables.works.add(
            (
                *gen.status(year, 0.15),
                ward_id,
                state[0],
                f"{'Đường bê tông' if road else 'Nhà văn hóa'} {state[1]}",
                kind,
                year,
                rng.randint(8, 150) * 10 if road else None,
                None if road else rng.randint(80, 250),
                rng.randint(20, 400) * 1_000_000,
                rng.randint(50, 900),
                rng.choice((0, 0, 50, 120, 300)),
                rng.randint(0, 800) * 1_000_000,
                0,
                gen.by_today(
                    datetime.date(year, 3, 1)
                    + datetime.timedelta(days=rng.randrange(280))
                ),
                "",
            )
        )
    if rng.random() < 0.5:
        state = rng.choice(states)
        gen.tables.commendations.add(
            (
                *gen.status(year, 0.1),
                year,
                CommendationLevelChoices.WARD,
                RecipientKindChoices.COLLECTIVE,
                f"Ban công tác Mặt trận {state[1]}",
                ward_id,
                state[0],
                "Giấy khen",
                f"{rng.randint(1, 500)}/QĐ-UBND",
                "Có thành tích xuất sắc trong thực hiện Cuộc vận động",
            )
        )
