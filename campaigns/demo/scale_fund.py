"""Scale demo: a ward's donations and supports (each to a new household) for one year."""

import datetime

from campaigns.demo.scale import ScaleGenerator
from campaigns.models.choices import (
    DonorKindChoices,
    FundLevelChoices,
    HouseholdStatusChoices,
    SupportCategoryChoices,
    WorkflowStatusChoices,
)

DECISION = "/QĐ-MTTQ"


def scale_fund_make(
    gen: ScaleGenerator, ward_id: int, ward_name: str, states: list, year: int
) -> None:
    rng = gen.rng
    scale = gen.scale
    donations = rng.randint(
        scale.donations_per_ward_year // 2, scale.donations_per_ward_year * 3 // 2
    )
    for number in range(1, donations + 1):
        kind = rng.choice((DonorKindChoices.INDIVIDUAL, DonorKindChoices.HOUSEHOLD))
        donor = gen.person_name()
        in_kind = rng.choice((0, 0, 0, 0, 500_000, 1_000_000))
        gen.tables.donations.add(
            (
                *gen.status(year, 0.1),
                gen.day_in(year),
                FundLevelChoices.WARD,
                ward_id,
                donor
                if kind == DonorKindChoices.INDIVIDUAL
                else f"Hộ gia đình {donor}",
                kind,
                rng.randint(1, 40) * 100_000,
                in_kind,
                "Gạo, chăn màn" if in_kind else "",
                f"PT{year}-{number:05d}",
                rng.random() < 0.6,
                "",
            )
        )
    supports = rng.randint(
        scale.supports_per_ward_year // 2, scale.supports_per_ward_year * 3 // 2
    )
    for _ in range(supports):
        state = rng.choice(states)
        category = rng.choices(
            (
                SupportCategoryChoices.HOUSE_NEW,
                SupportCategoryChoices.HOUSE_REPAIR,
                SupportCategoryChoices.LIVELIHOOD,
                SupportCategoryChoices.MEDICAL,
                SupportCategoryChoices.EDUCATION,
                SupportCategoryChoices.TET_GIFT,
            ),
            weights=(2, 1, 3, 2, 2, 3),
        )[0]
        _support_make(gen, ward_id, ward_name, state, year, category)


def _support_make(
    gen: ScaleGenerator, ward_id, ward_name, state, year, category
) -> None:
    rng = gen.rng
    gen.household_serial += 1
    household_id = gen.tables.households.ids.take()
    gen.tables.households.add(
        (
            *gen.workflow[WorkflowStatusChoices.APPROVED],
            ward_id,
            state[0],
            gen.person_name(),
            f"9{gen.household_serial:011d}",
            f"09{rng.randint(10**7, 10**8 - 1)}",
            f"{state[1]}, {ward_name}",
            rng.randint(1, 7),
            rng.choice(HouseholdStatusChoices.values),
            "",
            False,  # no consent to be named on the fund's notice
            "",
            household_id,
        )
    )
    house = category in (
        SupportCategoryChoices.HOUSE_NEW,
        SupportCategoryChoices.HOUSE_REPAIR,
    )
    if category == SupportCategoryChoices.HOUSE_NEW:
        amount = rng.randint(8, 15) * 1_000_000
    elif category == SupportCategoryChoices.HOUSE_REPAIR:
        amount = rng.randint(3, 6) * 1_000_000
    else:
        amount = rng.randint(3, 50) * 100_000
    day = gen.day_in(year)
    gen.tables.supports.add(
        (
            *gen.status(year, 0.1),
            day,
            FundLevelChoices.WARD,
            ward_id,
            state[0],
            household_id,
            category,
            amount,
            1 if category == SupportCategoryChoices.HOUSE_NEW else 0,
            1 if category == SupportCategoryChoices.HOUSE_REPAIR else 0,
            f"{rng.randint(1, 300)}{DECISION}",
            gen.by_today(
                min(
                    day + datetime.timedelta(days=rng.randint(30, 120)),
                    datetime.date(year, 12, 31),
                )
            )
            if house
            else None,
            "",
        )
    )
