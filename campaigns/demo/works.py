"""City demo: community works (roads, cultural houses, canals, lighting) and
commendations, a few of each per year.
"""

import datetime

from campaigns.demo.city import DemoGenerator
from campaigns.models import Commendation, CommunityWork
from campaigns.models.choices import (
    CommendationLevelChoices,
    CommunityWorkKindChoices,
    RecipientKindChoices,
)


def works_make(gen: DemoGenerator) -> None:
    works, commendations = [], []
    for year in gen.years:
        wards = gen.wards_on(datetime.date(year, 12, 31))
        for _ in range(gen.rng.randint(4, 9)):
            ward = gen.rng.choice(wards)
            state = gen.area_in(ward)
            kind = gen.rng.choices(
                [
                    CommunityWorkKindChoices.ROAD,
                    CommunityWorkKindChoices.CULTURAL_HOUSE,
                    CommunityWorkKindChoices.CANAL,
                    CommunityWorkKindChoices.LIGHTING,
                ],
                weights=[6, 1, 2, 1],
            )[0]
            length = (
                gen.rng.randint(8, 150) * 10
                if kind
                in (
                    CommunityWorkKindChoices.ROAD,
                    CommunityWorkKindChoices.CANAL,
                    CommunityWorkKindChoices.LIGHTING,
                )
                else None
            )
            label = {
                CommunityWorkKindChoices.ROAD: "Đường bê tông",
                CommunityWorkKindChoices.CULTURAL_HOUSE: "Nhà văn hóa",
                CommunityWorkKindChoices.CANAL: "Kênh mương",
                CommunityWorkKindChoices.LIGHTING: "Đường điện chiếu sáng",
            }[kind]
            works.append(
                CommunityWork(
                    ward=ward,
                    residential_area=state.area,
                    name=f"{label} {state.area.name}",
                    kind=kind,
                    year=year,
                    length_m=length,
                    area_m2=gen.rng.randint(80, 250)
                    if kind == CommunityWorkKindChoices.CULTURAL_HOUSE
                    else None,
                    people_money=gen.rng.randint(20, 400) * 1_000_000,
                    labour_days=gen.rng.randint(50, 900),
                    land_donated_m2=gen.rng.choice([0, 0, 50, 120, 300, 800]),
                    state_budget=gen.rng.randint(0, 800) * 1_000_000,
                    completion_date=gen.day_in(year, (3, 1), (12, 15)),
                    **gen.workflow_fields(gen.status(year, recent_share=0.15), year),
                )
            )
        for _ in range(gen.rng.randint(2, 5)):
            ward = gen.rng.choice(wards)
            collective = gen.rng.random() < 0.6
            state = gen.area_in(ward)
            commendations.append(
                Commendation(
                    year=year,
                    level=gen.rng.choice(list(CommendationLevelChoices)[:3]),
                    recipient_kind=(
                        RecipientKindChoices.COLLECTIVE
                        if collective
                        else RecipientKindChoices.INDIVIDUAL
                    ),
                    recipient_name=(
                        f"Ban công tác Mặt trận {state.area.name}"
                        if collective
                        else gen.person_name()
                    ),
                    ward=ward,
                    residential_area=state.area,
                    form=gen.rng.choice(["Giấy khen", "Bằng khen"]),
                    decision_number=f"{gen.rng.randint(1, 500)}/QĐ-UBND",
                    reason="Có thành tích xuất sắc trong thực hiện Cuộc vận động",
                    **gen.workflow_fields(gen.status(year, recent_share=0.1), year),
                )
            )
    CommunityWork.objects.bulk_create(works)
    Commendation.objects.bulk_create(commendations)
    gen.summary.community_works = len(works)
    gen.summary.commendations = len(commendations)
