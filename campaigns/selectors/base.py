"""Helpers every selector shares: shares and units, aggregation in the database, cache keys."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum
from django.db.models.functions import Coalesce

from campaigns.models.choices import WorkflowStatusChoices

APPROVED = WorkflowStatusChoices.APPROVED


def share(part: int | None, whole: int | None) -> Decimal | None:
    """`part` as a percentage of `whole`, one decimal, half up; None when `whole` is 0."""
    if not whole:
        return None
    value = Decimal(int(part or 0) * 100) / Decimal(int(whole))
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def metres_to_km(metres: int | None) -> Decimal:
    return (Decimal(int(metres or 0)) / 1000).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def _sum(expression, **kwargs):
    return Coalesce(Sum(expression, **kwargs), 0)


AGG = "agg_"  # aliases of aggregates, so they never clash with a field's name


def _aggregate(rows, **aggregates) -> dict:
    """`rows.aggregate(**aggregates)`, computed in the database."""
    result = rows.aggregate(**{AGG + name: value for name, value in aggregates.items()})
    return {name.removeprefix(AGG): value for name, value in result.items()}


def _grouped(rows, *group, order=(), **aggregates) -> list[dict]:
    """`aggregates` per distinct value of the `group` fields (GROUP BY in the database)."""
    return _renamed(_grouped_query(rows, *group, order=order, **aggregates))


def _renamed(rows) -> list[dict]:
    return [
        {name.removeprefix(AGG): value for name, value in row.items()} for row in rows
    ]


def _grouped_query(rows, *group, order=(), **aggregates):
    """`_grouped()` as a query not yet run, to count or slice it in the database."""
    ordering = [
        f"-{AGG}{name[1:]}"
        if name[1:] in aggregates
        else AGG + name
        if name in aggregates
        else name
        for name in order
    ]
    return (
        rows.values(*group)
        .annotate(**{AGG + name: value for name, value in aggregates.items()})
        .order_by(*ordering)
    )


def _key(ward) -> str:
    return "city" if ward is None else str(ward.pk)


def _year_range(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
