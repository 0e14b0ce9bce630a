"""Consistency checks of a year's results before they are submitted: warnings that
staff read and may knowingly leave, never errors (those are the models' constraints).

Each rule is one SQL condition over the yearly results, so the data-entry screen (the
warnings of each area) and the completeness table (a count per ward, one query for
every ward) apply the same rules. The goal rules follow the numbering of the
reference goal set (services/reference_data.py GOALS): a replaced set that renumbers
its goals needs its rules reviewed here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from campaigns.models import (
    AnnualResult,
    Goal,
    GoalResult,
    RatingGrade,
)
from campaigns.models.querysets import valid_on_q
from campaigns.models.validity import year_reference_date

# Goal numbers of the reference set whose measure is one of the yearly figures.
GOAL_POVERTY = 1  # poor households ÷ households, falling year on year
GOAL_CULTURAL_FAMILIES = 4  # recognised cultural families ÷ households ≥ target
GOAL_AREA_TITLE = 5  # the area holds the cultural residential area title
GOAL_COMMITTEE = 10  # committee graded strong (Tốt/Xuất sắc) and festival held
# Used when goal 4's target says no percentage (the reference target is "≥ 90%").
DEFAULT_CULTURAL_TARGET = 90


@dataclass(frozen=True)
class Check:
    """One warning about one area's result: the rule, the cell it is about, the text."""

    code: str
    field: str
    message: str


def _big(name: str):
    # Products of two counts overflow PostgreSQL's integer.
    return Cast(F(name), BigIntegerField())


def cultural_target(year: int) -> int:
    """The per-cent target of the cultural-family goal in force in `year`."""
    target = (
        Goal.for_year(year)
        .filter(number=GOAL_CULTURAL_FAMILIES)
        .values_list("target", flat=True)
        .first()
    )
    found = re.search(r"(\d+(?:[.,]\d+)?)\s*%", target or "")
    if not found:
        return DEFAULT_CULTURAL_TARGET
    return round(Decimal(found.group(1).replace(",", ".")))


def _achieved(number: int):
    return Exists(
        GoalResult.objects.filter(
            annual_result=OuterRef("pk"), goal__number=number, achieved=True
        )
    )


def _rules(target: int) -> dict[str, Q]:
    """Rule code → the condition under which a result breaks it."""
    change = settings.ENTRY_HOUSEHOLD_CHANGE_PERCENT
    return {
        "households_change": Q(check_prev_households__gt=0)
        & (
            Q(check_households_x100__gt=_big("check_prev_households") * (100 + change))
            | Q(
                check_households_x100__lt=_big("check_prev_households") * (100 - change)
            )
        ),
        "poverty_goal": Q(
            check_goal_poverty=True,
            check_prev_households__gt=0,
            households__gt=0,
            check_prev_standard=F("poverty_standard"),
            check_poor_cross__gt=F("check_prev_poor_cross"),
        ),
        "cultural_goal": Q(
            check_goal_cultural=True,
            households__gt=0,
            check_recognised_x100__lt=_big("households") * target,
        ),
        "title_goal": Q(check_goal_title=True, cultural_title=False),
        "committee_goal_festival": Q(check_goal_committee=True, festival_held=False),
        "committee_goal_score": Q(
            check_goal_committee=True,
            committee_score__isnull=False,
            check_strong_committee=False,
        ),
        "festival_date": Q(festival_held=True, festival_date__isnull=True),
    }


def _checked(queryset, year: int):
    """`queryset` of results of `year` with what the rules compare."""
    # One row at most (an area has one result a year): no ordering, else the model's
    # (year, unit code, area name) joins two tables into every probe (issue 17).
    previous = AnnualResult.objects.filter(
        residential_area=OuterRef("residential_area"), year=year - 1
    ).order_by()
    return queryset.alias(
        check_prev_households=Subquery(previous.values("households")[:1]),
        check_prev_poor=Subquery(previous.values("poor_households")[:1]),
        check_prev_standard=Subquery(previous.values("poverty_standard")[:1]),
        check_households_x100=_big("households") * 100,
        check_recognised_x100=_big("cultural_families_recognised") * 100,
        check_poor_cross=_big("poor_households") * F("check_prev_households"),
        check_prev_poor_cross=Cast(F("check_prev_poor"), BigIntegerField())
        * F("households"),
        check_goal_poverty=_achieved(GOAL_POVERTY),
        check_goal_cultural=_achieved(GOAL_CULTURAL_FAMILIES),
        check_goal_title=_achieved(GOAL_AREA_TITLE),
        check_goal_committee=_achieved(GOAL_COMMITTEE),
        check_strong_committee=Exists(
            RatingGrade.objects.filter(
                is_strong=True,
                min_score__lte=OuterRef("committee_score"),
                max_score__gte=OuterRef("committee_score"),
            )
        ),
    )


def _results(*, year: int, user):
    day = year_reference_date(year)
    return (
        AnnualResult.objects.for_year(year)
        .restrict(user)
        .filter(valid_on_q(day, "residential_area__"))
    )


def warning_counts_by_ward(*, year: int, user, wards=None) -> dict[int, int]:
    """Ward id → number of warnings on its results of `year` (one query), of every
    ward or of `wards` only (the nation's 100,000 results take 13 s, a page of 100
    wards milliseconds; issue 17)."""
    rules = _rules(cultural_target(year))
    results = _results(year=year, user=user)
    if wards is not None:
        results = results.filter(residential_area__ward__in=wards)
    counts = (
        _checked(results, year)
        .values("residential_area__ward")
        .annotate(**{f"n_{code}": Count("pk", filter=q) for code, q in rules.items()})
        .order_by()
    )
    totals = {}
    for row in counts:
        total = sum(row[f"n_{code}"] for code in rules)
        if total:
            totals[row["residential_area__ward"]] = total
    return totals


def _percent(part, whole) -> str:
    value = Decimal(100 * part) / Decimal(whole)
    return f"{value:.1f}".replace(".", ",")


def _messages(row: dict, target: int) -> dict[str, Check]:
    change = settings.ENTRY_HOUSEHOLD_CHANGE_PERCENT
    before, now = row["prev_households"], row["households"]
    texts = {
        "households_change": (
            "households",
            _(
                "Households changed by more than %(change)s%% from last year "
                "(%(before)s → %(now)s); check the figure."
            ),
        ),
        "poverty_goal": (
            f"goal_{GOAL_POVERTY}",
            _(
                "Goal %(number)s is marked achieved, but the share of poor households "
                "rose from %(poor_before)s%% to %(poor_now)s%%."
            ),
        ),
        "cultural_goal": (
            f"goal_{GOAL_CULTURAL_FAMILIES}",
            _(
                "Goal %(number)s is marked achieved, but only %(recognised)s%% of "
                "households are recognised cultural families (target %(target)s%%)."
            ),
        ),
        "title_goal": (
            f"goal_{GOAL_AREA_TITLE}",
            _(
                "Goal %(number)s is marked achieved, but the area does not hold the "
                "cultural residential area title."
            ),
        ),
        "committee_goal_festival": (
            f"goal_{GOAL_COMMITTEE}",
            _(
                "Goal %(number)s is marked achieved, but the Great Solidarity "
                "Festival was not held."
            ),
        ),
        "committee_goal_score": (
            f"goal_{GOAL_COMMITTEE}",
            _(
                "Goal %(number)s is marked achieved, but the committee's score "
                "%(score)s is not in a strong grade."
            ),
        ),
        "festival_date": (
            "festival_date",
            _("The festival is marked as held but its date is missing."),
        ),
    }
    numbers = {
        "poverty_goal": GOAL_POVERTY,
        "cultural_goal": GOAL_CULTURAL_FAMILIES,
        "title_goal": GOAL_AREA_TITLE,
        "committee_goal_festival": GOAL_COMMITTEE,
        "committee_goal_score": GOAL_COMMITTEE,
    }
    found = {}
    for code, (field, text) in texts.items():
        if not row[f"w_{code}"]:
            continue
        values = {
            "change": change,
            "before": before,
            "now": now,
            "number": numbers.get(code, ""),
            "target": target,
            "score": row["committee_score"],
        }
        if code == "poverty_goal":
            values["poor_before"] = _percent(row["prev_poor"], before)
            values["poor_now"] = _percent(row["poor_households"], now)
        if code == "cultural_goal":
            values["recognised"] = _percent(row["cultural_families_recognised"], now)
        found[code] = Check(code, field, text % values)
    return found


def warnings_by_area(*, ward, year: int, user) -> dict[int, tuple[Check, ...]]:
    """Residential area id → the warnings on its result of `year`, for the areas of
    `ward` that `user` may see (one query)."""
    target = cultural_target(year)
    rules = _rules(target)
    rows = (
        _checked(
            _results(year=year, user=user).filter(residential_area__ward=ward), year
        )
        .annotate(
            prev_households=F("check_prev_households"),
            prev_poor=F("check_prev_poor"),
            **{
                f"w_{code}": Case(
                    When(q, then=Value(True)),
                    default=Value(False),
                    output_field=BooleanField(),
                )
                for code, q in rules.items()
            },
        )
        .values(
            "residential_area",
            "households",
            "poor_households",
            "cultural_families_recognised",
            "committee_score",
            "prev_households",
            "prev_poor",
            *(f"w_{code}" for code in rules),
        )
        .order_by()
    )
    found = {}
    for row in rows:
        checks = tuple(_messages(row, target).values())
        if checks:
            found[row["residential_area"]] = checks
    return found
