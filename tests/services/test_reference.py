"""load_reference: idempotent, complete, and the 2025 reorganisation rolls up correctly."""

import datetime

import pytest
from django.core.management import call_command

from campaigns import models
from campaigns.services import reference_data

REFERENCE_MODELS = [
    models.Ward,
    models.WardSuccession,
    models.Content,
    models.Goal,
    models.PovertyStandard,
    models.RatingGrade,
    models.CampaignPhase,
    models.GoalSet,
    models.TitleDefinition,
]


def snapshot():
    return {
        model.__name__: sorted(
            tuple(
                sorted((k, str(v)) for k, v in row.items() if k not in {"updated_at"})
            )
            for row in model.objects.values()
        )
        for model in REFERENCE_MODELS
    }


@pytest.mark.django_db
def test_load_reference_twice_leaves_the_same_rows():
    call_command("load_reference")
    first = snapshot()
    call_command("load_reference")
    assert snapshot() == first
    assert models.Ward.objects.count() == 11
    assert models.WardSuccession.objects.count() == 8
    # The five contents from 2016 and the five of the earlier phase.
    assert models.Content.objects.count() == 10
    assert models.Content.objects.filter(phase__valid_from_year=2016).count() == 5
    assert models.Goal.objects.count() == 10
    assert models.RatingGrade.objects.count() == 5
    assert models.CampaignPhase.objects.count() == 2
    assert models.GoalSet.objects.count() == 1
    assert models.PovertyStandard.objects.count() == 5


@pytest.mark.django_db
def test_load_reference_on_a_database_with_results_touches_no_entered_data():
    from tests.factories import AnnualResultFactory, GoalResultFactory

    result = AnnualResultFactory(year=2012)
    GoalResultFactory(annual_result=result, goal=models.Goal.objects.get(number=3))
    entered = {
        model.__name__: sorted(map(str, model.objects.values()))
        for model in (models.AnnualResult, models.GoalResult, models.ResidentialArea)
    }
    call_command("load_reference")
    call_command("load_reference")
    assert {
        model.__name__: sorted(map(str, model.objects.values()))
        for model in (models.AnnualResult, models.GoalResult, models.ResidentialArea)
    } == entered
    assert models.Goal.objects.count() == 10


@pytest.mark.django_db
def test_load_reference_keeps_a_replaced_goal_set_closed():
    from campaigns.access.scope import CITY_STAFF
    from campaigns.services.goals import goal_set_replace
    from tests.accounts import make_user

    goal_set_replace(
        from_year=2030,
        name="Bộ mục tiêu mới",
        set_by="Ban Thường trực",
        goals=[(1, 1, "Mục tiêu mới", "", "")],
        user=make_user("city", CITY_STAFF),
    )
    call_command("load_reference")
    portal = models.GoalSet.objects.get(valid_from_year=2010)
    assert portal.valid_to_year == 2029
    assert models.GoalSet.objects.count() == 2


def test_units_in_force_before_and_after_2025(reference):
    before = models.Ward.objects.in_force_for_year(2024)
    after = models.Ward.objects.in_force_for_year(2025)
    assert sorted(before.values_list("code", flat=True)) == [
        code for code, *_ in reference_old_wards()
    ]
    assert sorted(after.values_list("name", flat=True)) == [
        "Phường Bắc Kạn",
        "Phường Đức Xuân",
        "Xã Phong Quang",
    ]
    # The reused code 01840 means two different units, told apart by validity.
    assert models.Ward.objects.filter(code="01840").count() == 2
    assert models.Ward.objects.valid_on(datetime.date(2025, 6, 30)).count() == 8
    assert models.Ward.objects.valid_on(datetime.date(2025, 7, 1)).count() == 3


def reference_old_wards():
    return sorted(reference_data.OLD_WARDS)


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        (
            "phuong-bac-kan",
            [
                "Phường Sông Cầu",
                "Phường Phùng Chí Kiên",
                "Xã Nông Thượng",
                "Phường Xuất Hóa",
            ],
        ),
        (
            "phuong-duc-xuan",
            ["Phường Nguyễn Thị Minh Khai", "Phường Đức Xuân", "Phường Huyền Tụng"],
        ),
        ("xa-phong-quang", ["Xã Dương Quang"]),
    ],
)
def test_current_unit_rolls_up_to_its_predecessors_for_2020(reference, slug, expected):
    ward = models.Ward.objects.get(slug=slug)
    assert [unit.name for unit in ward.units_for_year(2020)] == expected
    assert ward.units_for_year(2025) == [ward]


def test_phong_quang_history_is_partial_and_others_are_not(reference):
    assert models.Ward.objects.get(slug="xa-phong-quang").history_is_partial()
    assert (
        "Đôn Phong"
        in models.Ward.objects.get(slug="xa-phong-quang").external_predecessor_note
    )
    assert not models.Ward.objects.get(slug="phuong-bac-kan").history_is_partial()
    old = models.Ward.objects.get(slug="xa-duong-quang")
    assert [w.name for w in old.successors.all()] == ["Xã Phong Quang"]


def test_poverty_standards_cover_every_year_from_2006_to_2030(reference):
    for year in range(2006, 2031):
        assert models.PovertyStandard.for_year(year) is not None, year
    assert models.PovertyStandard.for_year(2021).code == "QĐ 59/2015/QĐ-TTg"
    assert models.PovertyStandard.for_year(2022).code == "NĐ 07/2021/NĐ-CP"
    # NĐ 07/2021 is kept for 2026; the 2027 standard's decree is not yet confirmed.
    assert models.PovertyStandard.for_year(2026).code == "NĐ 07/2021/NĐ-CP"
    new = models.PovertyStandard.for_year(2027)
    assert not new.confirmed
    assert "chưa xác nhận" in new.label
    assert (new.rural_poor_income, new.urban_poor_income) == (2_200_000, 2_800_000)
    assert models.PovertyStandard.for_year(2031) is None


def test_every_dated_reference_row_names_its_source(reference):
    for model in (
        models.PovertyStandard,
        models.CampaignPhase,
        models.GoalSet,
        models.TitleDefinition,
        models.Content,
    ):
        assert not model.objects.filter(source="").exists(), model.__name__


def test_titles_follow_the_decree_in_force(reference):
    from campaigns.selectors import campaign_year

    titles_2026 = {t.holder: t for t in campaign_year(year=2026).titles}
    assert titles_2026["thon"].name == "Thôn văn hóa"
    assert titles_2026["to_dan_pho"].name == "Tổ dân phố văn hóa"
    assert titles_2026["phuong"].name == "Phường tiêu biểu"
    assert titles_2026["xa"].name == "Xã tiêu biểu"
    assert titles_2026["thon"].legal_basis == "NĐ 86/2023/NĐ-CP"
    titles_2020 = {t.holder: t for t in campaign_year(year=2020).titles}
    assert titles_2020["thon"].legal_basis == "NĐ 122/2018/NĐ-CP"
    assert "phuong" not in titles_2020  # no ward title before NĐ 86/2023


def test_goals_belong_to_their_contents(reference):
    pairs = list(models.Goal.objects.values_list("number", "content__number"))
    assert pairs == [(n, c) for n, c, *_ in reference_data.GOALS]
