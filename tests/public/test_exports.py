"""Vietnamese number formats, formula-safe exports and the data dictionary file."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from campaigns import formatting
from campaigns.public import datasets as tables
from campaigns.spreadsheets.cells import neutralise

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


@pytest.mark.parametrize(
    "amount, expected",
    [
        (2_091_300_000, "2,1 tỷ đồng"),
        (2_000_000_000, "2 tỷ đồng"),
        (850_000_000, "850 triệu đồng"),
        (197_950_000, "198 triệu đồng"),
        (8_000_000, "8 triệu đồng"),
        (1_250_000, "1,3 triệu đồng"),
        (950_000, "950.000 đồng"),
        (0, "0 đồng"),
    ],
)
def test_money_short_is_written_the_vietnamese_way(amount, expected):
    assert formatting.money_short(amount) == expected


def test_money_full_and_percent():
    assert formatting.money_full(1_234_567) == "1.234.567 đồng"
    assert formatting.percent(Decimal("4.5")) == "4,5%"
    assert formatting.percent(None) == "–"
    assert formatting.decimal_vi(Decimal("1234.5"), 2) == "1.234,50"


@pytest.mark.parametrize("value", ["=1+1", "+1+1", "-2+3", "@SUM(A1)", "\t=x", "\r-A1"])
def test_formula_looking_text_is_neutralised(value):
    assert neutralise(value) == "'" + value


def test_numbers_and_plain_text_are_kept():
    assert neutralise("Phường Bắc Kạn") == "Phường Bắc Kạn"
    assert tables.Column("n", "n", "int").spreadsheet_value(-5) == -5
    rate = tables.Column("r", "r", "percent")
    assert rate.spreadsheet_value(Decimal("4.5")) == Decimal("4.5")
    assert tables.Column("b", "b", "bool").spreadsheet_value(True) == "Có"
    assert tables.Column("n", "n", "int").spreadsheet_value(None) is None
    assert tables.Column("t", "t", "text").spreadsheet_value("=1") == "'=1"


def test_data_dictionary_file_is_up_to_date():
    current = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert current == tables.data_dictionary_markdown()


def test_every_dataset_title_and_column_is_translated():
    for dataset in tables.DATASETS.values():
        for text in (
            dataset.title,
            dataset.description,
            *(c.label for c in dataset.columns),
        ):
            with translation.override("en"):
                english = str(text)
            assert str(text) != english, english
