"""The one rule for writing a cell, shared by public downloads, admin exports and the
yearly workbook."""

import datetime
from decimal import Decimal

import pytest

from campaigns.spreadsheets.cells import csv_text, formula_like, neutralise

FORMULA_LIKE = [
    "=1+1",
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "-A1",
    "\t=1",
    "\r\n+cmd|' /C calc'!A0",
    "- cmd|' /C calc'!A0",
    "- 2+3",
    "--1",
]
# A spreadsheet keeps these as text or a plain number: nothing is run.
INERT = ["-5", "-1.500.000", "+84 912 345 678", "-2,5%", "-", "- chưa tổ chức", "\tx"]


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_formula_like_text_gets_an_apostrophe_once(text):
    assert formula_like(text)
    assert neutralise(text) == "'" + text
    assert neutralise(neutralise(text)) == "'" + text
    assert csv_text(text) == "'" + text


@pytest.mark.parametrize("text", INERT)
def test_signed_numbers_and_dash_items_are_written_as_they_are(text):
    assert not formula_like(text)
    assert neutralise(text) == text == csv_text(text)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("10.0"), "10.0"),
        (Decimal("1234.50"), "1234.50"),
        (Decimal("1E+1"), "10"),
        (12.5, "12.5"),
        (1_500_000, "1500000"),
        (datetime.date(2024, 11, 18), "18/11/2024"),
        (None, ""),
        ("Tổ 1", "Tổ 1"),
    ],
)
def test_csv_text_keeps_a_dot_and_the_value_s_decimals(value, text):
    assert csv_text(value) == text


def test_a_public_download_writes_numbers_by_the_same_rule():
    """The open-data CSV writes a rate as csv_text does: "10.0", never "1E+1"."""
    from campaigns.public.datasets import DATASETS, Column, Table
    from campaigns.public.downloads import table_bytes

    columns = (Column("rate", "Tỷ lệ", "percent"), Column("name", "Tên", "text"))
    rows = [(Decimal("10.0"), "=cmd"), (Decimal("1E+1"), "Tổ 1")]
    table = Table(DATASETS["tong-quan"], "x", columns, rows)
    lines = table_bytes(table, "csv").decode("utf-8-sig").splitlines()
    assert lines[1:] == ["10.0,'=cmd", "10,Tổ 1"]
