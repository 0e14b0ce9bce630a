"""factory_boy factories; reference data (wards, goals, standards) comes from load_reference."""

import datetime
import io

import factory
from django.core.files.base import ContentFile
from PIL import Image

from campaigns import models
from campaigns.models.choices import (
    CommunityWorkKindChoices,
    DonorKindChoices,
    FundLevelChoices,
    HouseholdStatusChoices,
    RecipientKindChoices,
    ResidentialAreaKindChoices,
    SupportCategoryChoices,
    WardKindChoices,
    WorkflowStatusChoices,
)


class WardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Ward

    code = factory.Sequence(lambda n: f"9{n:04d}")
    name = factory.Sequence(lambda n: f"Phường Thử {n}")
    kind = WardKindChoices.WARD
    slug = factory.Sequence(lambda n: f"phuong-thu-{n}")
    province_name = "Tỉnh Thử"


class ResidentialAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ResidentialArea

    ward = factory.SubFactory(WardFactory)
    name = factory.Sequence(lambda n: f"Tổ {n}")
    kind = ResidentialAreaKindChoices.STREET_GROUP
    slug = factory.Sequence(lambda n: f"khu-thu-{n}")
    status = WorkflowStatusChoices.APPROVED


def standard_for(year):
    return models.PovertyStandard.for_year(year)


class AnnualResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AnnualResult

    residential_area = factory.SubFactory(ResidentialAreaFactory)
    year = 2020
    households = 200
    cultural_families_registered = 190
    cultural_families_recognised = 180
    cultural_title = True
    poor_households = 10
    near_poor_households = 8
    poverty_standard = factory.LazyAttribute(lambda o: standard_for(o.year))
    festival_held = True
    committee_score = 85
    status = WorkflowStatusChoices.APPROVED


class GoalResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.GoalResult

    annual_result = factory.SubFactory(AnnualResultFactory)
    goal = factory.LazyFunction(lambda: models.Goal.objects.order_by("number").first())
    achieved = True


class DonationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Donation

    date = datetime.date(2020, 11, 1)
    fund_level = FundLevelChoices.WARD
    ward = factory.SubFactory(WardFactory)
    donor_name = factory.Sequence(lambda n: f"Nhà hảo tâm {n}")
    donor_kind = DonorKindChoices.INDIVIDUAL
    amount = 1_000_000
    receipt_number = factory.Sequence(lambda n: f"PT-{n:05d}")
    status = WorkflowStatusChoices.APPROVED


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Household

    ward = factory.SubFactory(WardFactory)
    head_name = factory.Sequence(lambda n: f"Hoàng Văn Thử {n}")
    # Scrambled digits: a plain "000000000002" turns up inside the SVG coordinates of
    # a chart, and the personal-data crawl would report it as a leak.
    id_number = factory.Sequence(lambda n: f"0798{(n * 104729 + 13579) % 10**8:08d}")
    phone = factory.Sequence(lambda n: f"09{(n * 7919 + 1234567) % 10**8:08d}")
    address = "Tổ 1"
    household_status = HouseholdStatusChoices.POOR
    status = WorkflowStatusChoices.APPROVED


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Support

    date = datetime.date(2020, 6, 1)
    ward = factory.SubFactory(WardFactory)
    household = factory.SubFactory(
        HouseholdFactory, ward=factory.SelfAttribute("..ward")
    )
    category = SupportCategoryChoices.MEDICAL
    amount = 2_000_000
    status = WorkflowStatusChoices.APPROVED


class FundBalanceEntryFactory(factory.django.DjangoModelFactory):
    """A ward fund's recorded opening balance (1 January 2020) by default."""

    class Meta:
        model = models.FundBalanceEntry

    date = datetime.date(2020, 1, 1)
    ward = factory.SubFactory(WardFactory)
    kind = "opening"
    amount = 50_000_000
    status = WorkflowStatusChoices.APPROVED


class CommunityWorkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CommunityWork

    ward = factory.SubFactory(WardFactory)
    name = factory.Sequence(lambda n: f"Đường bê tông số {n}")
    kind = CommunityWorkKindChoices.ROAD
    year = 2020
    length_m = 500
    people_money = 50_000_000
    labour_days = 100
    status = WorkflowStatusChoices.APPROVED


class CommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Commendation

    year = 2020
    level = "city"
    recipient_kind = RecipientKindChoices.COLLECTIVE
    recipient_name = factory.Sequence(lambda n: f"Ban công tác Mặt trận Tổ {n}")
    form = "Giấy khen"
    status = WorkflowStatusChoices.APPROVED


def jpeg_bytes(size=(64, 48), colour=(200, 80, 40), exif=None) -> bytes:
    """A small JPEG made with Pillow, optionally with EXIF (a GPS position…)."""
    buffer = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, colour).save(buffer, format="JPEG", **options)
    return buffer.getvalue()


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Story

    kind = "nguoi_tot"
    title = factory.Sequence(lambda n: f"Người tốt việc tốt số {n}")
    summary = "Một việc làm tốt ở khu dân cư."
    body = "Đoạn thứ nhất.\n\nĐoạn thứ hai."
    ward = factory.SubFactory(WardFactory)
    year = 2025
    status = WorkflowStatusChoices.APPROVED


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Photo

    story = factory.SubFactory(StoryFactory)
    image = factory.LazyFunction(lambda: ContentFile(jpeg_bytes(), name="anh.jpg"))
    alt_text = factory.Sequence(lambda n: f"Ảnh số {n}")
