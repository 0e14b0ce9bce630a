"""City demo: the poverty fund's donations, and the supports it paid to households
(among them 129 new and 31 repaired houses).
"""

import datetime

from campaigns.demo.city import DemoGenerator
from campaigns.demo.names import AGENCIES, BUSINESSES
from campaigns.models import Donation, Household, Support
from campaigns.models.choices import (
    DonorKindChoices,
    FundLevelChoices,
    HouseholdStatusChoices,
    SupportCategoryChoices,
    WorkflowStatusChoices,
)

NEW_HOUSES = 129
REPAIRED_HOUSES = 31


def fund_make(gen: DemoGenerator) -> None:
    donations, households, supports = [], [], []
    span = max(1, gen.years[-1] - gen.years[0])
    # About 2.1 billion over the period, rising year by year.
    weights = [1 + 1.2 * (year - gen.years[0]) / span for year in gen.years]
    per_weight = 2_100_000_000 / sum(weights)
    house_years = gen.rng.choices(
        list(gen.years),
        weights=[span + 2 - i for i in range(len(gen.years))],
        k=NEW_HOUSES,
    )
    repair_years = gen.rng.choices(list(gen.years), k=REPAIRED_HOUSES)
    receipt = 0
    for year, weight in zip(gen.years, weights, strict=True):
        target = per_weight * weight * gen.rng.uniform(0.9, 1.1)
        raised = 0
        while target - raised >= 100_000:
            receipt += 1
            day = (
                gen.day_in(year, (10, 17), (11, 18))
                if gen.rng.random() < 0.7
                else gen.day_in(year)
            )
            kind = gen.rng.choice(list(DonorKindChoices))
            if kind in (DonorKindChoices.BUSINESS, DonorKindChoices.AGENCY):
                level, ward = FundLevelChoices.CITY, None
                donor = gen.rng.choice(
                    BUSINESSES if kind == DonorKindChoices.BUSINESS else AGENCIES
                )
                amount = gen.rng.randint(5, 60) * 1_000_000
            else:
                level, ward = (
                    FundLevelChoices.WARD,
                    gen.rng.choice(gen.wards_on(day)),
                )
                donor = (
                    gen.person_name()
                    if kind == DonorKindChoices.INDIVIDUAL
                    else f"Hộ gia đình {gen.person_name()}"
                )
                amount = gen.rng.randint(1, 40) * 100_000
            # The last receipt of a year tops the fund up to its target instead of overshooting.
            amount = max(
                100_000, min(amount, round((target - raised) / 100_000) * 100_000)
            )
            in_kind = gen.rng.choice([0, 0, 0, 0, 500_000, 1_000_000])
            donations.append(
                Donation(
                    date=day,
                    fund_level=level,
                    ward=ward,
                    donor_name=donor,
                    donor_kind=kind,
                    amount=amount,
                    in_kind_value=in_kind,
                    in_kind_description="Gạo, chăn màn" if in_kind else "",
                    receipt_number=f"PT{year}-{receipt:05d}",
                    publish_donor_name=gen.rng.random() < 0.6,
                    **gen.workflow_fields(gen.status(year, recent_share=0.1), year),
                )
            )
            raised += amount
        budget = raised * gen.rng.uniform(0.85, 0.97)
        plan = [SupportCategoryChoices.HOUSE_NEW] * house_years.count(year) + [
            SupportCategoryChoices.HOUSE_REPAIR
        ] * repair_years.count(year)
        spent = 0
        for category in plan:
            amount = _support_amount(gen, category, year)
            supports.append(_support(gen, category, year, amount, households))
            spent += amount
        while spent < budget:
            category = gen.rng.choice(
                [
                    SupportCategoryChoices.LIVELIHOOD,
                    SupportCategoryChoices.MEDICAL,
                    SupportCategoryChoices.EDUCATION,
                    SupportCategoryChoices.TET_GIFT,
                    SupportCategoryChoices.EMERGENCY,
                ]
            )
            amount = _support_amount(gen, category, year)
            supports.append(_support(gen, category, year, amount, households))
            spent += amount
    Donation.objects.bulk_create(donations, batch_size=1000)
    Household.objects.bulk_create(households, batch_size=1000)
    for support in supports:
        support.household_id = support.household.pk
    Support.objects.bulk_create(supports, batch_size=1000)
    gen.summary.donations = len(donations)
    gen.summary.donated = sum(d.amount for d in donations)
    gen.summary.supports = len(supports)
    gen.summary.houses_built = sum(s.houses_built for s in supports)
    gen.summary.houses_repaired = sum(s.houses_repaired for s in supports)


def _support_amount(gen: DemoGenerator, category: str, year: int) -> int:
    growth = year - gen.years[0]
    if category == SupportCategoryChoices.HOUSE_NEW:
        return (8 + growth // 2 + gen.rng.randint(0, 3)) * 1_000_000
    if category == SupportCategoryChoices.HOUSE_REPAIR:
        return gen.rng.randint(3, 6) * 1_000_000
    if category == SupportCategoryChoices.TET_GIFT:
        return gen.rng.randint(3, 10) * 100_000
    return gen.rng.randint(5, 50) * 100_000


def _support(gen: DemoGenerator, category, year, amount, households) -> Support:
    day = gen.day_in(year, (1, 5), (12, 20))
    ward = gen.rng.choice(gen.wards_on(day))
    state = gen.area_in(ward)
    household = Household(
        ward=ward,
        residential_area=state.area,
        head_name=gen.person_name(),
        id_number=f"0{gen.rng.randint(10**10, 10**11 - 1)}",
        phone=f"09{gen.rng.randint(10**7, 10**8 - 1)}",
        address=f"{state.area.name}, {ward.name}",
        members=gen.rng.randint(1, 7),
        household_status=gen.rng.choice(list(HouseholdStatusChoices)),
        **gen.workflow_fields(WorkflowStatusChoices.APPROVED, year),
    )
    households.append(household)
    return Support(
        date=day,
        fund_level=gen.rng.choice(list(FundLevelChoices)),
        ward=ward,
        residential_area=state.area,
        household=household,
        category=category,
        amount=amount,
        houses_built=1 if category == SupportCategoryChoices.HOUSE_NEW else 0,
        houses_repaired=1 if category == SupportCategoryChoices.HOUSE_REPAIR else 0,
        decision_number=f"{gen.rng.randint(1, 300)}/QĐ-MTTQ",
        handover_date=(
            min(
                day + datetime.timedelta(days=gen.rng.randint(30, 120)),
                datetime.date(year, 12, 31),
            )
            if category
            in (
                SupportCategoryChoices.HOUSE_NEW,
                SupportCategoryChoices.HOUSE_REPAIR,
            )
            else None
        ),
        **gen.workflow_fields(gen.status(year, recent_share=0.1), year),
    )
