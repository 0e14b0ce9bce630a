"""Axes a reader can trust: nice ticks that hold every value, and short Vietnamese labels.

`nice_ticks` picks at most a few round steps (1, 2, 2.5, 5 × 10ⁿ) from zero (or
below the lowest value) to the first step at or above the highest value, so no mark
lies above the top line. `compact` writes a tick or a value label short enough that
ticks never collide: "60 tr", "1,2 tỷ", "7,5 %".
"""

from __future__ import annotations

import math
from decimal import Decimal

from django.utils.translation import gettext as _

from campaigns import formatting

STEPS = (1, 2, 2.5, 5, 10)


def nice_step(span: float, intervals: int) -> float:
    """The smallest round step that covers `span` in at most `intervals` steps."""
    raw = span / max(intervals, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    for step in STEPS:
        if step * magnitude >= raw * (1 - 1e-9):
            return step * magnitude
    return 10 * magnitude  # pragma: no cover - STEPS ends at 10


def nice_ticks(
    values, *, max_ticks: int = 5, upper: float | None = None
) -> list[float]:
    """Round ticks from 0 (or below the lowest value) to at or above every value.

    `upper` caps the top tick where the measure has a ceiling (100 for a share).
    """
    numbers = [float(v) for v in values if v is not None]
    low = min([0.0, *numbers])
    high = max([0.0, *numbers])
    if high == low:
        high = low + 1
    # Headroom: a point never sits on the top line, where its mark would be cut.
    high += (high - low) * 0.02
    step = nice_step(high - low, max_ticks - 1)
    first = math.floor(low / step + 1e-9) * step
    ticks = [first]
    while ticks[-1] < high - 1e-9 * step:
        ticks.append(ticks[-1] + step)
    if upper is not None and ticks[-1] > upper >= max([0.0, *numbers]):
        ticks = [t for t in ticks if t < upper] + [float(upper)]
    # 0.1 + 0.2 drift would print as 0,30000000000000004.
    return [round(t, 10) for t in ticks]


def _trim(text: str) -> str:
    return text[:-2] if text.endswith(",0") else text


def compact(value, kind: str) -> str:
    """A short label: 60000000 → "60 tr", 1.2e9 → "1,2 tỷ", 7.5 → "7,5 %"."""
    if value is None:
        return ""
    if not formatting.is_number(value):
        return str(value)
    if kind == "percent":
        return _trim(formatting.decimal_vi(value, 1)) + "\u00a0%"
    number = Decimal(str(value))
    for size, label in (
        (10**9, _("billion (short)")),
        (10**6, _("million (short)")),
        (10**3, _("thousand (short)")),
    ):
        if abs(number) >= size and (kind == "money" or size > 10**3):
            return _trim(formatting.decimal_vi(number / size, 1)) + "\u00a0" + label
    if kind == "decimal":
        return _trim(formatting.decimal_vi(number, 1))
    return formatting.group_digits(round(number))


def unit_of(kind: str) -> str:
    """The unit named on a chart's value axis (money is in đồng, shares in %)."""
    return {"money": _("VND"), "percent": "%"}.get(kind, "")
