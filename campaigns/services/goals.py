"""Replacing the portal's goal set from a year, without rewriting earlier years."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from campaigns.access.scope import has_model_action
from campaigns.models import CampaignPhase, Content, Goal, GoalResult, GoalSet


@transaction.atomic
def goal_set_replace(
    *,
    from_year: int,
    name: str,
    set_by: str,
    goals,
    user,
    source: str = "",
    note: str = "",
) -> GoalSet:
    """Close the goal set in force in `from_year` at `from_year - 1` and open a new
    set from `from_year` with `goals` [(number, content number, name, measure,
    target), …], the content numbered in the phase in force that year.

    Earlier years keep their goals and results. Refused (nothing changes) when
    `user` may not add goal sets, when the current set starts in `from_year` or later,
    or when goal results of `from_year` or later were recorded under the current set.
    """
    if not (
        has_model_action(user, "add", GoalSet)
        and has_model_action(user, "change", GoalSet)
    ):
        raise PermissionDenied(_("Only city staff may replace the goal set."))
    current = GoalSet.objects.covering(from_year).first()
    if current is not None and current.valid_from_year >= from_year:
        raise ValidationError(
            _(
                "The goal set in force in %(year)s starts that year; change its goals "
                "instead of replacing it."
            )
            % {"year": from_year}
        )
    if (
        current is not None
        and GoalResult.objects.filter(
            goal__goal_set=current, annual_result__year__gte=from_year
        ).exists()
    ):
        raise ValidationError(
            _(
                "Goal results of %(year)s or later were recorded under the current "
                "goal set; replace it from a year without results."
            )
            % {"year": from_year}
        )
    if not goals:
        raise ValidationError(_("A goal set needs at least one goal."))
    phase = CampaignPhase.objects.covering(from_year).order_by("-valid_to_year").first()
    contents = {c.number: c for c in Content.objects.filter(phase=phase)}
    last = current.valid_to_year if current is not None else None
    if current is not None:
        current.valid_to_year = from_year - 1
        current.full_clean()
        current.save()
    new = GoalSet(
        valid_from_year=from_year,
        valid_to_year=last,
        name=name,
        set_by=set_by,
        source=source,
        note=note,
    )
    new.full_clean()
    new.save()
    for number, content_number, goal_name, measure, target in goals:
        if content_number not in contents:
            raise ValidationError(
                _("There is no content number %(number)s in %(year)s.")
                % {"number": content_number, "year": from_year}
            )
        goal = Goal(
            goal_set=new,
            number=number,
            content=contents[content_number],
            name=goal_name,
            measure=measure,
            target=target,
        )
        goal.full_clean()
        goal.save()
    return new
