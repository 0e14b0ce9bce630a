"""The campaign's years on the portal: which year is being collected, and which
years a page may be asked for."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.selectors.years import available_years

# The first year of the records the portal holds (the city's records start in 2010,
# the year the first phase of the campaign's data on the portal begins).
FIRST_YEAR = 2010


def reporting_year() -> int:
    """The year being collected: the current calendar year.

    Areas review the year at the festival around 18/11 and wards collect the results
    until the year's end; from 1 January the new year is the one being collected, and
    the previous one stays reachable in the year list.
    """
    return timezone.localdate().year


def campaign_years() -> range:
    """Years a page, download or staff screen may be asked for: from 2010 (or the
    earliest year with approved data, if older) to the reporting year (or the latest
    year with approved data, if later)."""
    years = available_years()
    first = min(FIRST_YEAR, years[0]) if years else FIRST_YEAR
    last = max(reporting_year(), years[-1]) if years else reporting_year()
    return range(first, last + 1)


def year_out_of_range(year: int) -> str | None:
    """The one Vietnamese message for a year outside `campaign_years()`, else None."""
    years = campaign_years()
    if year in years:
        return None
    return _(
        "The year %(year)s is outside the years of the campaign on this portal "
        "(%(first)s–%(last)s)."
    ) % {"year": year, "first": years[0], "last": years[-1]}


# The day wards report each year's results by: the National Great Solidarity Day
# (18/11), when residential areas hold their festival and review the year. Dated
# (first year it applies, (month, day)), so a new rule starts in its year without
# moving the deadline of earlier years.
REPORTING_DEADLINES = ((FIRST_YEAR, (11, 18)),)


def reporting_deadline(year: int) -> datetime.date:
    """The day the results of `year` are due (the rule in force for that year)."""
    month, day = REPORTING_DEADLINES[0][1]
    for first_year, month_day in REPORTING_DEADLINES:
        if first_year <= year:
            month, day = month_day
    return datetime.date(year, month, day)
