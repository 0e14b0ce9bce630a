"""Every database constraint rejects a bad row, in the database and with a Vietnamese message."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from campaigns import models
from campaigns.models.choices import FundLevelChoices, SupportCategoryChoices

from .. import factories as f


def dup_ward():
    ward = f.WardFactory(code="90001", valid_from=datetime.date(2020, 1, 1))
    return f.WardFactory.build(code=ward.code, valid_from=ward.valid_from)


def dup_succession():
    link = models.WardSuccession.objects.create(
        predecessor=f.WardFactory(),
        successor=f.WardFactory(),
        effective_date=datetime.date(2025, 7, 1),
    )
    return models.WardSuccession(
        predecessor=link.predecessor,
        successor=link.successor,
        effective_date=link.effective_date,
    )


def self_succession():
    ward = f.WardFactory()
    return models.WardSuccession(
        predecessor=ward, successor=ward, effective_date=datetime.date(2025, 7, 1)
    )


def dup_area():
    area = f.ResidentialAreaFactory(name="Tổ 1")
    return f.ResidentialAreaFactory.build(ward=area.ward, name="Tổ 1")


def dup_result():
    result = f.AnnualResultFactory()
    return f.AnnualResultFactory.build(
        residential_area=result.residential_area, year=result.year
    )


def dup_goal_result():
    goal_result = f.GoalResultFactory()
    return models.GoalResult(
        annual_result=goal_result.annual_result, goal=goal_result.goal
    )


def dup_ward_receipt():
    donation = f.DonationFactory(receipt_number="PT-1")
    return f.DonationFactory.build(ward=donation.ward, receipt_number="PT-1")


def dup_fund_opening():
    opening = f.FundBalanceEntryFactory()
    return f.FundBalanceEntryFactory.build(ward=opening.ward, amount=1)


def dup_city_receipt():
    f.DonationFactory(
        fund_level=FundLevelChoices.CITY, ward=None, receipt_number="TP-1"
    )
    return f.DonationFactory.build(
        fund_level=FundLevelChoices.CITY, ward=None, receipt_number="TP-1"
    )


def dup_household_id():
    household = f.HouseholdFactory(id_number="001234567890")
    return f.HouseholdFactory.build(ward=household.ward, id_number="001234567890")


def result(**kwargs):
    return f.AnnualResultFactory.build(
        residential_area=f.ResidentialAreaFactory(), **kwargs
    )


def support(**kwargs):
    ward = f.WardFactory()
    return f.SupportFactory.build(
        ward=ward, household=f.HouseholdFactory(ward=ward), **kwargs
    )


CASES = {
    "ward_code_valid_from_unique": (
        dup_ward,
        "Đã có đơn vị với mã này và ngày bắt đầu này.",
    ),
    "ward_validity_ordered": (
        lambda: f.WardFactory.build(
            valid_from=datetime.date(2025, 7, 1), valid_to=datetime.date(2020, 1, 1)
        ),
        "Ngày hết hiệu lực không thể trước ngày bắt đầu hiệu lực.",
    ),
    "ward_succession_unique": (dup_succession, "Liên kết kế thừa này đã có."),
    "ward_succession_not_self": (
        self_succession,
        "Một đơn vị không thể kế thừa chính nó.",
    ),
    "residential_area_ward_name_unique": (
        dup_area,
        "Phường/xã này đã có khu dân cư mang tên này.",
    ),
    "residential_area_validity_ordered": (
        lambda: f.ResidentialAreaFactory.build(
            ward=f.WardFactory(),
            valid_from=datetime.date(2020, 1, 1),
            valid_to=datetime.date(2019, 1, 1),
        ),
        "Ngày hết hiệu lực không thể trước ngày bắt đầu hiệu lực.",
    ),
    "content_number_positive": (
        lambda: models.Content(number=0, short_name="x", name="x"),
        "Số thứ tự nội dung phải từ 1 trở lên.",
    ),
    "goal_number_positive": (
        lambda: models.Goal(number=0, content=models.Content.objects.first(), name="x"),
        "Số thứ tự mục tiêu phải từ 1 trở lên.",
    ),
    "poverty_standard_years_ordered": (
        lambda: models.PovertyStandard(
            code="X", name="X", valid_from_year=2020, valid_to_year=2019
        ),
        "Năm cuối không thể trước năm đầu.",
    ),
    "approving_body_years_ordered": (
        lambda: models.ApprovingBody(
            name="Ủy ban thử", level="city", first_year=2020, last_year=2019
        ),
        "Năm báo cáo cuối cùng không được trước năm đầu tiên.",
    ),
    "rating_grade_range_valid": (
        lambda: models.RatingGrade(name="Lạ", min_score=90, max_score=80),
        "Điểm phải thỏa mãn: thấp nhất ≤ cao nhất ≤ 100.",
    ),
    "annual_result_area_year_unique": (
        dup_result,
        "Khu dân cư này đã có kết quả của năm này.",
    ),
    "annual_result_year_range": (
        lambda: result(
            year=1990, poverty_standard=models.PovertyStandard.objects.first()
        ),
        "Năm nằm ngoài phạm vi cho phép.",
    ),
    "annual_result_cultural_families_valid": (
        lambda: result(
            cultural_families_registered=150, cultural_families_recognised=160
        ),
        "Số hộ được công nhận không thể vượt số hộ đăng ký",
    ),
    "annual_result_cultural_families_valid (registered > households)": (
        lambda: result(households=100, cultural_families_registered=120),
        "số hộ đăng ký không thể vượt tổng số hộ",
    ),
    "annual_result_poverty_within_households": (
        lambda: result(
            households=100,
            cultural_families_registered=90,
            cultural_families_recognised=80,
            poor_households=60,
            near_poor_households=50,
        ),
        "Số hộ nghèo cộng hộ cận nghèo không thể vượt tổng số hộ.",
    ),
    "annual_result_newly_poor_within_poor": (
        lambda: result(poor_households=2, newly_poor_households=3),
        "Số hộ nghèo phát sinh không thể vượt số hộ nghèo.",
    ),
    "annual_result_civilised_weddings_within_households": (
        lambda: result(households=300, civilised_weddings=301),
        "Số đám cưới theo nếp sống văn minh không được lớn hơn số hộ.",
    ),
    "annual_result_civilised_funerals_within_households": (
        lambda: result(households=300, civilised_funerals=301),
        "Số đám tang theo nếp sống văn minh không được lớn hơn số hộ.",
    ),
    "annual_result_civilised_festivals_within_households": (
        lambda: result(households=300, civilised_festivals=301),
        "Số lễ hội theo nếp sống văn minh không được lớn hơn số hộ.",
    ),
    "annual_result_committee_score_range": (
        lambda: result(committee_score=101),
        "Điểm Ban công tác Mặt trận phải từ 0 đến 100.",
    ),
    "annual_result_title_year_not_future": (
        lambda: result(year=2020, cultural_title_year=2021),
        "Danh hiệu không thể được công nhận sau năm của kết quả.",
    ),
    "goal_result_unique": (
        dup_goal_result,
        "Kết quả năm này đã có kết quả cho mục tiêu này.",
    ),
    "donation_fund_level_matches_ward": (
        lambda: f.DonationFactory.build(
            fund_level=FundLevelChoices.CITY, ward=f.WardFactory()
        ),
        "Khoản ủng hộ vào quỹ phường/xã cần có phường/xã",
    ),
    "donation_not_empty": (
        lambda: f.DonationFactory.build(
            ward=f.WardFactory(), amount=0, in_kind_value=0
        ),
        "Khoản ủng hộ cần có số tiền hoặc giá trị hiện vật.",
    ),
    "donation_ward_receipt_unique": (
        dup_ward_receipt,
        "Số biên lai này đã được dùng trong quỹ này.",
    ),
    "donation_city_receipt_unique": (
        dup_city_receipt,
        "Số biên lai này đã được dùng trong quỹ này.",
    ),
    "household_id_number_unique": (dup_household_id, "Đã có hộ với số CCCD này."),
    "fund_opening_once_per_ward_date": (
        dup_fund_opening,
        "Quỹ này đã có số dư đầu kỳ vào ngày này.",
    ),
    "household_members_positive": (
        lambda: f.HouseholdFactory.build(ward=f.WardFactory(), members=0),
        "Một hộ có ít nhất một thành viên.",
    ),
    "support_houses_built_only_for_new_houses": (
        lambda: support(category=SupportCategoryChoices.MEDICAL, houses_built=1),
        "Chỉ khoản hỗ trợ xây nhà mới mới được tính số nhà xây mới.",
    ),
    "support_houses_repaired_only_for_repairs": (
        lambda: support(category=SupportCategoryChoices.MEDICAL, houses_repaired=1),
        "Chỉ khoản hỗ trợ sửa nhà mới được tính số nhà sửa chữa.",
    ),
    "support_amount_positive": (
        lambda: support(amount=0),
        "Số tiền phải lớn hơn 0.",
    ),
    "support_handover_not_before_date": (
        lambda: support(
            date=datetime.date(2020, 6, 1), handover_date=datetime.date(2020, 5, 1)
        ),
        "Ngày bàn giao không thể trước ngày hỗ trợ.",
    ),
    "community_work_year_range": (
        lambda: f.CommunityWorkFactory.build(ward=f.WardFactory(), year=3000),
        "Năm nằm ngoài phạm vi cho phép.",
    ),
    "community_work_road_has_length": (
        lambda: f.CommunityWorkFactory.build(ward=f.WardFactory(), length_m=None),
        "Đường giao thông cần có chiều dài (m).",
    ),
    "commendation_year_range": (
        lambda: f.CommendationFactory.build(year=1900),
        "Năm nằm ngoài phạm vi cho phép.",
    ),
    "annual_result_three_years_within_recognised": (
        lambda: result(cultural_families_three_years=181),
        "Số gia đình được công nhận ba năm liền không thể vượt số gia đình được "
        "công nhận năm nay.",
    ),
    "campaign_phase_years_ordered": (
        lambda: models.CampaignPhase(
            name="x", short_name="x", valid_from_year=2020, valid_to_year=2019
        ),
        "Năm cuối không thể trước năm đầu.",
    ),
    "content_phase_number_unique": (
        lambda: models.Content(
            phase=models.CampaignPhase.objects.get(valid_from_year=2016),
            number=1,
            short_name="x",
            name="x",
        ),
        "Giai đoạn này đã có nội dung mang số này.",
    ),
    "goal_set_years_ordered": (
        lambda: models.GoalSet(
            name="x", set_by="x", valid_from_year=2030, valid_to_year=2029
        ),
        "Năm cuối không thể trước năm đầu.",
    ),
    "goal_set_first_year_unique": (
        lambda: models.GoalSet(name="x", set_by="x", valid_from_year=2010),
        "Đã có bộ mục tiêu bắt đầu từ năm này.",
    ),
    "goal_set_number_unique": (
        lambda: models.Goal(
            goal_set=models.GoalSet.objects.get(),
            number=1,
            content=models.Content.objects.first(),
            name="x",
        ),
        "Bộ mục tiêu này đã có mục tiêu mang số này.",
    ),
    "title_years_ordered": (
        lambda: models.TitleDefinition(
            holder="thon",
            name="x",
            legal_basis="x",
            valid_from_year=2030,
            valid_to_year=2029,
        ),
        "Năm cuối không thể trước năm đầu.",
    ),
    "story_year_range": (
        lambda: f.StoryFactory.build(year=1900, ward=models.Ward.objects.first()),
        "Năm nằm ngoài phạm vi cho phép.",
    ),
    "story_approved_with_consent": (
        lambda: f.StoryFactory.build(
            ward=models.Ward.objects.first(),
            names_private_person=True,
            status="approved",
        ),
        "Câu chuyện này nêu tên một cá nhân",
    ),
    "photo_of_story_or_festival": (
        lambda: f.PhotoFactory.build(story=None, ward=models.Ward.objects.first()),
        "Mỗi ảnh thuộc về một gương sáng hoặc một ngày hội",
    ),
    "photo_alt_text_required": (
        lambda: f.PhotoFactory.build(story=f.StoryFactory(), alt_text=""),
        "Hãy mô tả ảnh trong phần mô tả ảnh.",
    ),
    "title_holder_first_year_unique": (
        lambda: models.TitleDefinition(
            holder="thon", name="x", legal_basis="x", valid_from_year=2024
        ),
        "Đã có danh hiệu cho đối tượng này bắt đầu từ năm này.",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_constraint_rejects_bad_row(reference, case):
    make, message = CASES[case]
    obj = make()
    with pytest.raises(ValidationError) as excinfo:
        obj.full_clean()
    assert message in " ".join(excinfo.value.messages)
    count = type(obj).objects.count()
    with pytest.raises(IntegrityError), transaction.atomic():
        obj.save()
    assert type(obj).objects.count() == count


def test_every_database_constraint_has_a_case():
    names = {
        constraint.name
        for model in models.__dict__.values()
        if isinstance(model, type)
        and hasattr(model, "_meta")
        and not model._meta.abstract
        for constraint in getattr(model._meta, "constraints", [])
    }
    covered = {case.split(" ")[0] for case in CASES}
    assert names <= covered, names - covered


def test_protected_foreign_keys_keep_history(reference):
    area = f.ResidentialAreaFactory()
    f.AnnualResultFactory(residential_area=area)
    with pytest.raises(ProtectedError):
        area.ward.delete()
    with pytest.raises(ProtectedError):
        area.delete()


def test_result_outside_area_validity_is_refused(reference):
    old_ward = models.Ward.objects.get(slug="phuong-song-cau")
    area = f.ResidentialAreaFactory(ward=old_ward)
    result = f.AnnualResultFactory.build(residential_area=area, year=2025)
    with pytest.raises(ValidationError) as excinfo:
        result.full_clean()
    assert "không có hiệu lực trong năm 2025" in " ".join(excinfo.value.messages)


def test_result_takes_the_poverty_standard_in_force(reference):
    result = f.AnnualResultFactory.build(
        residential_area=f.ResidentialAreaFactory(), year=2018, poverty_standard=None
    )
    result.full_clean()
    assert result.poverty_standard.code == "QĐ 59/2015/QĐ-TTg"


def test_support_household_must_be_in_the_same_ward(reference):
    support_row = f.SupportFactory.build(
        ward=f.WardFactory(), household=f.HouseholdFactory()
    )
    with pytest.raises(ValidationError) as excinfo:
        support_row.full_clean()
    assert "household" in excinfo.value.message_dict


def test_committee_grade_follows_the_scale(reference):
    assert (
        f.AnnualResultFactory.build(committee_score=92).committee_grade.name
        == "Xuất sắc"
    )
    assert f.AnnualResultFactory.build(committee_score=80).committee_grade.name == "Tốt"
    assert f.AnnualResultFactory.build(committee_score=49).committee_grade.name == "Yếu"
