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
    assert models.Content.objects.count() == 5
    assert models.Goal.objects.count() == 10
    assert models.RatingGrade.objects.count() == 5


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


def test_poverty_standards_cover_every_year_from_2006_to_2025(reference):
    for year in range(2006, 2026):
        assert models.PovertyStandard.for_year(year) is not None, year
    assert models.PovertyStandard.for_year(2021).code == "QĐ 59/2015/QĐ-TTg"
    assert models.PovertyStandard.for_year(2022).code == "NĐ 07/2021/NĐ-CP"


def test_goals_belong_to_their_contents(reference):
    pairs = list(models.Goal.objects.values_list("number", "content__number"))
    assert pairs == [(n, c) for n, c, *_ in reference_data.GOALS]
