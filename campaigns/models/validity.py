"""The one Python rule of validity periods: when a unit or an area is in force.

`ValidityQuerySet.valid_on` says the same in SQL; everything that checks one row in
Python (model checks, selectors' refs, imports) calls `in_force_on`.
"""

import datetime


def year_reference_date(year: int) -> datetime.date:
    """The day a year's results are counted under: the last day of the year.

    Yearly reviews happen at the Great Solidarity Festival (around 18/11), so the
    units in force at the end of the year are the ones the year is reported under;
    for 2025 these are the units created on 1/7/2025.
    """
    return datetime.date(year, 12, 31)


def in_force_on(
    valid_from: datetime.date | None,
    valid_to: datetime.date | None,
    day: datetime.date,
) -> bool:
    """Whether a period from `valid_from` to `valid_to` (both inclusive; None is an
    open end) includes `day`."""
    return (valid_from is None or valid_from <= day) and (
        valid_to is None or valid_to >= day
    )


def covers_year(first: int | None, last: int | None, year: int) -> bool:
    """Whether a period of years from `first` to `last` (both inclusive; None is an
    open end) includes `year`: the rule of every dated catalogue row (standards,
    campaign phases, goal sets, titles)."""
    return (first is None or first <= year) and (last is None or year <= last)
