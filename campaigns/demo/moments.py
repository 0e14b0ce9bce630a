"""When demo records were approved: after each year's festival, as in real life.

Areas review their year at the Great Solidarity Festival (around 18/11), wards
collect the results and the Front committee approves them in the weeks after. The
moments are worked out from the year alone, never from the random stream, so the
demo's figures do not depend on the day it is seeded.
"""

import datetime

from django.utils import timezone

FESTIVAL = (11, 18)


def festival_day(year: int) -> datetime.date:
    return datetime.date(year, *FESTIVAL)


def approval_moment(year: int, now: datetime.datetime) -> datetime.datetime:
    """A working morning between 25/11 and 14/12 of `year`; for the year still being
    collected, a moment after its festival and before `now`."""
    day = datetime.date(year, 11, 25) + datetime.timedelta(days=(year * 7) % 20)
    moment = timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(9, 30)),
        timezone.get_default_timezone(),
    )
    if moment >= now:
        after_festival = timezone.make_aware(
            datetime.datetime.combine(
                festival_day(year) + datetime.timedelta(days=2), datetime.time(9, 30)
            ),
            timezone.get_default_timezone(),
        )
        moment = min(after_festival, now - datetime.timedelta(hours=1))
    return moment


def is_being_collected(year: int, now: datetime.datetime) -> bool:
    """Whether `year` is the reporting year at `now` (its results still coming in)."""
    return year >= timezone.localtime(now).year
