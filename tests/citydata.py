"""A small Bắc Kạn data set whose public figures the tests recompute from raw rows.

Approved rows in 2024 (old units) and 2025 (new units, plus a donation of 1/3/2025 to
an old unit), next to draft, submitted and returned rows with huge values that must never
show. Personal data is distinctive so a crawl can look for it.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace

from campaigns import models
from campaigns.models.choices import (
    CommunityWorkKindChoices,
    FundLevelChoices,
    SupportCategoryChoices,
    WorkflowStatusChoices,
)

from . import factories as f

APPROVED = WorkflowStatusChoices.APPROVED
DRAFT = WorkflowStatusChoices.DRAFT
SUBMITTED = WorkflowStatusChoices.SUBMITTED
RETURNED = WorkflowStatusChoices.RETURNED

SECRET_NAMES = ["Bế Thị Riêngtư", "Ẩn Danh Khôngcôngbố"]
SECRET_IDS = ["079123456789", "079987654321"]
SECRET_PHONES = ["0912345678", "0987654321"]
SECRET_ADDRESSES = ["Số 99 ngõ Kínđáo"]


def ward(slug):
    return models.Ward.objects.get(slug=slug)


def build_city():
    """Rows of every kind; needs the reference data (the `reference` fixture)."""
    song_cau, xuat_hoa = ward("phuong-song-cau"), ward("phuong-xuat-hoa")
    bac_kan, duc_xuan = ward("phuong-bac-kan"), ward("phuong-duc-xuan")
    old_end = datetime.date(2025, 6, 30)
    new_start = datetime.date(2025, 7, 1)
    a1 = f.ResidentialAreaFactory(
        ward=song_cau, name="Tổ Một", slug="song-cau-to-mot", valid_to=old_end
    )
    a2 = f.ResidentialAreaFactory(
        ward=xuat_hoa, name="Thôn Nà Hai", slug="xuat-hoa-na-hai", valid_to=old_end
    )
    a_draft = f.ResidentialAreaFactory(
        ward=song_cau, name="Tổ Nháp", slug="song-cau-to-nhap", status=DRAFT
    )
    a3 = f.ResidentialAreaFactory(
        ward=bac_kan, name="Tổ Ba", slug="bac-kan-to-ba", valid_from=new_start
    )
    a3.predecessors.add(a1)
    a4 = f.ResidentialAreaFactory(
        ward=duc_xuan, name="Tổ Bốn", slug="duc-xuan-to-bon", valid_from=new_start
    )
    results = [
        f.AnnualResultFactory(
            residential_area=a1,
            year=2024,
            households=120,
            cultural_families_registered=115,
            cultural_families_recognised=109,
            cultural_title=True,
            poor_households=9,
            near_poor_households=7,
            festival_held=True,
            committee_score=92,
        ),
        f.AnnualResultFactory(
            residential_area=a2,
            year=2024,
            households=205,
            cultural_families_registered=180,
            cultural_families_recognised=151,
            cultural_title=False,
            poor_households=31,
            near_poor_households=22,
            festival_held=False,
            committee_score=70,
        ),
        f.AnnualResultFactory(
            residential_area=a1,
            year=2023,
            households=118,
            cultural_families_registered=110,
            cultural_families_recognised=100,
        ),
        f.AnnualResultFactory(
            residential_area=a1,
            year=2021,
            households=110,
            cultural_families_registered=100,
            cultural_families_recognised=95,
            poor_households=20,
        ),
        f.AnnualResultFactory(
            residential_area=a3,
            year=2025,
            households=330,
            cultural_families_registered=300,
            cultural_families_recognised=290,
            poor_households=25,
            near_poor_households=21,
        ),
        f.AnnualResultFactory(
            residential_area=a4,
            year=2025,
            households=90,
            cultural_families_registered=80,
            cultural_families_recognised=77,
            poor_households=4,
            near_poor_households=3,
            cultural_title=False,
        ),
    ]
    hidden_results = [
        # Not approved, or of an area not approved: never public.
        f.AnnualResultFactory(
            residential_area=a2,
            year=2023,
            households=9000,
            poor_households=8000,
            status=SUBMITTED,
        ),
        f.AnnualResultFactory(
            residential_area=a_draft,
            year=2024,
            households=7000,
            poor_households=6000,
        ),
        f.AnnualResultFactory(
            residential_area=a2,
            year=2022,
            households=5000,
            poor_households=4000,
            status=RETURNED,
        ),
    ]
    goals = list(models.Goal.objects.order_by("number"))
    for index, result in enumerate(results + hidden_results):
        for goal in goals:
            models.GoalResult.objects.create(
                annual_result=result,
                goal=goal,
                achieved=(goal.number + index) % 3 != 0,
            )
    donations = [
        f.DonationFactory(
            date=datetime.date(2024, 11, 5),
            ward=song_cau,
            donor_name="Công ty Minh Bạch",
            amount=5_000_000,
            in_kind_value=500_000,
            publish_donor_name=True,
        ),
        f.DonationFactory(
            date=datetime.date(2024, 10, 20),
            fund_level=FundLevelChoices.CITY,
            ward=None,
            donor_name=SECRET_NAMES[1],
            amount=3_000_000,
            publish_donor_name=False,
        ),
        f.DonationFactory(
            date=datetime.date(2023, 11, 1),
            ward=xuat_hoa,
            donor_name="Hộ ông Công Khai",
            amount=2_000_000,
            publish_donor_name=True,
        ),
        f.DonationFactory(
            date=datetime.date(2025, 3, 1),
            ward=song_cau,
            donor_name="Hội Phụ nữ Sông Cầu",
            amount=1_000_000,
            publish_donor_name=True,
        ),
        f.DonationFactory(
            date=datetime.date(2025, 11, 10),
            ward=bac_kan,
            donor_name="Hợp tác xã Bắc Kạn",
            amount=4_000_000,
            publish_donor_name=True,
        ),
        f.DonationFactory(
            date=datetime.date(2024, 11, 6),
            ward=song_cau,
            donor_name="Nhà hảo tâm Nháp",
            amount=900_000_000,
            publish_donor_name=True,
            status=DRAFT,
        ),
    ]
    household = f.HouseholdFactory(
        ward=song_cau,
        residential_area=a1,
        head_name=SECRET_NAMES[0],
        id_number=SECRET_IDS[0],
        phone=SECRET_PHONES[0],
        address=SECRET_ADDRESSES[0],
    )
    other = f.HouseholdFactory(
        ward=bac_kan,
        head_name="Lục Văn Kínmiệng",
        id_number=SECRET_IDS[1],
        phone=SECRET_PHONES[1],
    )
    supports = [
        f.SupportFactory(
            date=datetime.date(2024, 5, 1),
            ward=song_cau,
            residential_area=a1,
            household=household,
            category=SupportCategoryChoices.HOUSE_NEW,
            amount=40_000_000,
            houses_built=1,
        ),
        f.SupportFactory(
            date=datetime.date(2024, 8, 1),
            ward=xuat_hoa,
            household=f.HouseholdFactory(ward=xuat_hoa),
            category=SupportCategoryChoices.HOUSE_REPAIR,
            amount=15_000_000,
            houses_repaired=1,
        ),
        f.SupportFactory(
            date=datetime.date(2024, 1, 20),
            ward=song_cau,
            household=household,
            category=SupportCategoryChoices.TET_GIFT,
            amount=500_000,
        ),
        f.SupportFactory(
            date=datetime.date(2025, 9, 1),
            ward=bac_kan,
            household=other,
            category=SupportCategoryChoices.MEDICAL,
            amount=2_500_000,
        ),
        f.SupportFactory(
            date=datetime.date(2024, 6, 1),
            ward=song_cau,
            household=household,
            category=SupportCategoryChoices.HOUSE_NEW,
            amount=800_000_000,
            houses_built=1,
            status=SUBMITTED,
        ),
    ]
    works = [
        f.CommunityWorkFactory(ward=song_cau, year=2024, length_m=1250),
        f.CommunityWorkFactory(
            ward=xuat_hoa,
            year=2024,
            kind=CommunityWorkKindChoices.CULTURAL_HOUSE,
            length_m=None,
            area_m2=150,
            people_money=120_000_000,
            labour_days=300,
            land_donated_m2=200,
        ),
        f.CommunityWorkFactory(ward=bac_kan, year=2025, length_m=800),
        f.CommunityWorkFactory(ward=song_cau, year=2024, length_m=99_000, status=DRAFT),
    ]
    return SimpleNamespace(
        song_cau=song_cau,
        xuat_hoa=xuat_hoa,
        bac_kan=bac_kan,
        duc_xuan=duc_xuan,
        areas=[a1, a2, a3, a4],
        draft_area=a_draft,
        results=results,
        donations=donations,
        supports=supports,
        works=works,
        households=[household, other],
    )


# --- Independent computations from raw rows --------------------------------------


def pct(part, whole):
    if not whole:
        return None
    return (Decimal(part * 100) / Decimal(whole)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def approved(model):
    return [row for row in model.objects.all() if row.status == APPROVED]


def public_results(year, wards=None):
    return [
        r
        for r in approved(models.AnnualResult)
        if r.year == year
        and r.residential_area.status == APPROVED
        and (wards is None or r.residential_area.ward in wards)
    ]


def raw_result_figures(year, wards=None):
    rows = public_results(year, wards)
    households = sum(r.households for r in rows)
    return {
        "areas": len(rows),
        "households": households,
        "cultural_family_rate": pct(
            sum(r.cultural_families_recognised for r in rows), households
        ),
        "cultural_title_share": pct(sum(r.cultural_title for r in rows), len(rows)),
        "poor_rate": pct(sum(r.poor_households for r in rows), households),
        "near_poor_rate": pct(sum(r.near_poor_households for r in rows), households),
        "festival_share": pct(sum(r.festival_held for r in rows), len(rows)),
    }


def raw_fund(year, wards=None, upto=False):
    def keep(row):
        in_time = row.date.year <= year if upto else row.date.year == year
        return in_time and (wards is None or row.ward in wards)

    donations = [d for d in approved(models.Donation) if keep(d)]
    supports = [s for s in approved(models.Support) if keep(s)]
    return {
        "raised": sum(d.amount for d in donations),
        "in_kind": sum(d.in_kind_value for d in donations),
        "spent": sum(s.amount for s in supports),
        "houses_built": sum(s.houses_built for s in supports),
        "houses_repaired": sum(s.houses_repaired for s in supports),
    }


def raw_roads_m(year, wards=None):
    return sum(
        w.length_m or 0
        for w in approved(models.CommunityWork)
        if w.year == year
        and w.kind == CommunityWorkKindChoices.ROAD
        and (wards is None or w.ward in wards)
    )
