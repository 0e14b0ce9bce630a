"""Nice ticks hold every value; compact Vietnamese labels are short and exact."""

import itertools
import random

import pytest
from django.utils import translation

from campaigns.public import chart_axes

NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


@pytest.mark.parametrize(
    "value, kind, text",
    [
        (60_000_000, "money", "60 tr"),
        (1_200_000_000, "money", "1,2 tỷ"),
        (144_350_000, "money", "144,4 tr"),
        (500_000, "money", "500 nghìn"),
        (0, "money", "0"),
        (7.5, "percent", "7,5 %"),
        (100, "percent", "100 %"),
        (12.25, "decimal", "12,3"),
        (1234, "int", "1.234"),
        (2_500_000, "int", "2,5 tr"),
        (None, "money", ""),
    ],
)
def test_compact_labels(value, kind, text):
    assert chart_axes.compact(value, kind) == text.replace(" ", NBSP)


def test_ticks_of_the_area_page_hold_its_highest_rate():
    # Issue 15: 7,9 % and 7,4 % were drawn above an axis that stopped at 7,0 %.
    ticks = chart_axes.nice_ticks([7.9, 7.4, 6.1], max_ticks=5, upper=100)
    assert ticks[0] == 0
    assert ticks[-1] >= 7.9
    assert ticks == [0, 2.5, 5, 7.5, 10]


def test_ticks_are_round_steps_that_hold_every_value():
    rng = random.Random(15)
    for _ in range(500):
        scale = 10 ** rng.randint(-1, 10)
        values = [rng.uniform(0, 1) * scale for _ in range(rng.randint(1, 17))]
        for max_ticks in (5, 6):
            ticks = chart_axes.nice_ticks(values, max_ticks=max_ticks)
            assert ticks[0] <= min(values) and ticks[-1] >= max(values)
            assert len(ticks) <= max_ticks + 1
            steps = {round(b - a, 6) for a, b in itertools.pairwise(ticks)}
            assert len(steps) == 1, ticks
            mantissa = steps.pop() / 10 ** int(f"{ticks[1] - ticks[0]:e}".split("e")[1])
            assert round(mantissa, 6) in {1, 2, 2.5, 5, 10}, ticks


def test_negative_values_and_shares_capped_at_100():
    assert chart_axes.nice_ticks([-3, 8])[0] <= -3
    assert chart_axes.nice_ticks([96.4, 100], upper=100)[-1] == 100
    assert chart_axes.nice_ticks([])[0] == 0 and chart_axes.nice_ticks([])[-1] >= 1
