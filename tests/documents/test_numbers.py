"""Numbers, money and the year-over-year sentences of the year-end report."""

from decimal import Decimal

from django.utils import translation

from campaigns import selectors
from campaigns.documents.numbers import change, money, money_about, number, rate


def test_change_sentence_in_both_directions_and_for_zero():
    with translation.override("vi"):
        assert (
            change(132, 120, previous_year=2024, unit="hộ")
            == "tăng 12 hộ so với năm 2024"
        )
        assert (
            change(108, 120, previous_year=2024, unit="hộ")
            == "giảm 12 hộ so với năm 2024"
        )
        assert change(120, 120, previous_year=2024, unit="hộ") == (
            "không đổi so với năm 2024"
        )
        assert change(0, 0, previous_year=2019) == "không đổi so với năm 2019"
        assert change(
            Decimal("7.6"), Decimal("12.3"), previous_year=2024, unit="điểm phần trăm"
        ) == ("giảm 4,7 điểm phần trăm so với năm 2024")
        assert change(1_500_000, 0, previous_year=2024, unit="đồng") == (
            "tăng 1.500.000 đồng so với năm 2024"
        )
        # No figure in one of the years: nothing to compare.
        assert change(5, None, previous_year=2024) == ""
        assert change(None, 5, previous_year=2024) == ""
        assert change(selectors.NO_STANDARD, Decimal(3), previous_year=2024) == ""


def test_numbers_and_money_the_vietnamese_way():
    with translation.override("vi"):
        assert number(1234567) == "1.234.567"
        assert number(Decimal("2.10")) == "2,1"
        assert money(1234567) == "1.234.567 đồng"
        assert money_about(2_050_000_000) == "trên 2 tỷ đồng"
        assert money_about(2_000_000_000) == "2 tỷ đồng"
        assert money_about(850_000_000) == "850 triệu đồng"
        assert money_about(999_999) == "999.999 đồng"
        assert rate(Decimal("4.5"), "NĐ 07/2021/NĐ-CP") == (
            "4,5% (theo chuẩn nghèo NĐ 07/2021/NĐ-CP)"
        )
        assert rate(selectors.NO_STANDARD, "") == "chuẩn nghèo chưa xác định"
