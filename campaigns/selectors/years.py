"""Years with approved data, the state of public data, and the poverty standards."""

from __future__ import annotations

import datetime

from django.db import connection
from django.db.models import Max

from campaigns.cache import cached
from campaigns.models import CommunityWork, Donation, PovertyStandard, Support
from campaigns.selectors.base import APPROVED, _year_range
from campaigns.selectors.sources import (
    _donations,
    _result_summary,
    _results,
    _supports,
    _works,
)
from campaigns.selectors.totals import StandardRef


def available_years() -> tuple[int, ...]:
    """Years (ascending) with at least one approved yearly result, fund record or work."""

    def compute():
        years = set(
            _result_summary().order_by().values_list("year", flat=True).distinct()
        )
        return tuple(sorted(years | _years_with_records()))

    return cached("available-years", compute=compute)


def _years_with_records() -> set[int]:
    """Years with an approved donation, support or community work: two indexed queries.

    DISTINCT over a million fund rows scans them all; instead the date bounds come
    from the (date, status) and (year, status) indexes, and one EXISTS per candidate
    year probes the same indexes. `status = APPROVED` is these models' `published()`,
    written in SQL because the ORM cannot express these probes.
    """
    quote = connection.ops.quote_name
    donation, support, work = (
        quote(model._meta.db_table) for model in (Donation, Support, CommunityWork)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT MIN(date) FROM {donation} WHERE status = %s),"
            f" (SELECT MAX(date) FROM {donation} WHERE status = %s),"
            f" (SELECT MIN(date) FROM {support} WHERE status = %s),"
            f" (SELECT MAX(date) FROM {support} WHERE status = %s),"
            f" (SELECT MIN(year) FROM {work} WHERE status = %s),"
            f" (SELECT MAX(year) FROM {work} WHERE status = %s)",
            [APPROVED] * 6,
        )
        bounds = cursor.fetchone()
        candidates = set()
        for first, last in zip(bounds[0::2], bounds[1::2], strict=True):
            if first is not None:
                first = getattr(first, "year", first)
                last = getattr(last, "year", last)
                if isinstance(first, str):  # SQLite hands dates back as text
                    first, last = int(first[:4]), int(last[:4])
                candidates.update(range(first, last + 1))
        if not candidates:
            return set()
        rows, params = [], []
        for year in sorted(candidates):
            rows.append("SELECT %s AS y, %s AS f, %s AS l")
            params += [year, *_year_range(year)]
        cursor.execute(
            f"SELECT v.y FROM ({' UNION ALL '.join(rows)}) v WHERE"
            f" EXISTS (SELECT 1 FROM {donation} d WHERE d.status = %s"
            " AND d.date >= v.f AND d.date <= v.l)"
            f" OR EXISTS (SELECT 1 FROM {support} s WHERE s.status = %s"
            " AND s.date >= v.f AND s.date <= v.l)"
            f" OR EXISTS (SELECT 1 FROM {work} w WHERE w.status = %s AND w.year = v.y)",
            [*params, APPROVED, APPROVED, APPROVED],
        )
        return {row[0] for row in cursor.fetchall()}


def latest_year() -> int | None:
    """The latest year with approved data: the default year of every public page."""
    years = available_years()
    return years[-1] if years else None


def demo_data_present() -> bool:
    """True when approved public data includes rows made by `seed_demo`."""

    def compute():
        return any(
            rows.filter(is_demo=True).exists()
            for rows in (_results(), _donations(), _supports(), _works())
        )

    # A tuple, because the cache cannot tell a stored False from a miss.
    return cached("demo-present", compute=lambda: (compute(),))[0]


def last_approved_at(*, topic: str | None = None) -> datetime.datetime | None:
    """When the latest approved public record was approved (None without any); with
    `topic` ("results", "fund" or "works"), among that topic's records only."""

    def compute():
        moments = []
        if topic in (None, "fund"):
            moments += [
                rows.aggregate(last=Max("approved_at"))["last"]
                for rows in (_donations(), _supports())
            ]
        if topic in (None, "works"):
            moments.append(_works().aggregate(last=Max("approved_at"))["last"])
        if topic in (None, "results"):
            moments.append(
                _result_summary().aggregate(last=Max("last_approved_at"))["last"]
            )
        return (max((m for m in moments if m), default=None),)

    return cached("last-approved", topic or "all", compute=compute)[0]


def poverty_standards() -> tuple[StandardRef, ...]:
    """Every poverty standard with its years, oldest first."""

    def compute():
        return tuple(
            StandardRef(**row)
            for row in PovertyStandard.objects.order_by("valid_from_year").values(
                "code", "name", "valid_from_year", "valid_to_year", "confirmed"
            )
        )

    return cached("standards", compute=compute)
