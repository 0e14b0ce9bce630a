"""The 10 goals: per content, per unit, per year, per residential area."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns import selectors
from campaigns.public.datasets.base import (
    AREA,
    GOAL,
    WARD,
    YEAR,
    Column,
    Table,
    page_of_units,
    place_name,
    query_params,
    register,
)
from campaigns.public.datasets.columns import (
    C_ACHIEVED,
    C_GOAL,
    C_GOAL_NAME,
    C_REPORTING,
    C_SHARE,
    C_UNIT,
    C_YEAR,
)

C_GOAL_SET = Column(
    "goal_set",
    gettext_lazy("Goal set"),
    "text",
    gettext_lazy(
        "The portal's local goal set in force in the year (not a national list)."
    ),
)


def build_area_goals(*, dataset, area) -> Table:
    rows = [
        (g.year, g.goal_number, g.goal.name, g.achieved, g.value, g.goal.goal_set)
        for g in selectors.area_goals_by_year(area=area)
    ]
    return Table(
        dataset,
        _("Goal results, %(area)s – %(ward)s")
        % {"area": area.name, "ward": area.ward.name},
        dataset.columns,
        rows,
        query_params(area=area),
    )


def campaign_notes(year: int) -> list[str]:
    """Where the year's campaign name, contents and goals come from."""
    campaign = selectors.campaign_year(year=year)
    notes = []
    if campaign.name:
        notes.append(
            _("Campaign in %(year)s: “%(name)s”. Source: %(source)s")
            % {"year": year, "name": campaign.label, "source": campaign.source}
        )
    if campaign.goal_set is not None:
        goal_set = campaign.goal_set
        notes.append(
            _("Goals: %(name)s, set by %(set_by)s, in force from %(first)s. %(note)s")
            % {
                "name": goal_set.name,
                "set_by": goal_set.set_by,
                "first": goal_set.valid_from_year,
                "note": goal_set.note,
            }
        )
    return notes


def build_goals(*, dataset, year, ward=None) -> Table:
    rows, links = [], []
    campaign = selectors.campaign_year(year=year)
    goal_set = campaign.goal_set.name if campaign.goal_set else ""
    for content in selectors.goal_achievement_by_content(year=year, ward=ward):
        for goal in content.goals:
            rows.append(
                (
                    content.number,
                    content.short_name,
                    goal.number,
                    goal.name,
                    goal.reporting,
                    goal.achieved,
                    goal.share,
                    campaign.label,
                    goal_set,
                )
            )
            links.append(None)
    return Table(
        dataset,
        _("Goals achieved, %(place)s, %(year)s")
        % {"place": place_name(ward), "year": year},
        dataset.columns,
        rows,
        query_params(year=year, ward=ward),
        notes=campaign_notes(year),
    )


def build_goals_by_ward(*, dataset, year, goal=None, page=None) -> Table:
    rows, links = [], []
    for item in selectors.goal_achievement_by_ward(year=year, page=page):
        if goal is not None and item.goal_number != goal:
            continue
        rows.append(
            (
                item.goal_number,
                item.ward.name,
                item.reporting,
                item.achieved,
                item.share,
            )
        )
        links.append(None)
    title = (
        _("Goal %(goal)s by ward or commune, %(year)s") % {"goal": goal, "year": year}
        if goal
        else _("Goals by ward or commune, %(year)s") % {"year": year}
    )
    return Table(
        dataset,
        title,
        dataset.columns,
        rows,
        query_params(year=year, goal=goal),
        links,
        page=page_of_units(year, page),
    )


def build_goals_by_year(*, dataset, ward=None, goal=None, year=None) -> Table:
    stats = selectors.goal_achievement_by_year(ward=ward)
    if goal is not None:
        # Goal `goal` is the goal of that number in the set in force in `year`; the
        # goal of the same number in another set is another goal.
        chosen = {g.number: g.pk for g in selectors.goal_catalogue(year=year)}
        stats = [item for item in stats if item.goal.pk == chosen.get(goal)]
    rows = [
        (
            item.goal_number,
            item.goal.name,
            item.year,
            item.reporting,
            item.achieved,
            item.share,
            item.goal.goal_set,
        )
        for item in stats
    ]
    title = (
        _("Goal %(goal)s by year, %(place)s")
        % {"goal": goal, "place": place_name(ward)}
        if goal
        else _("Goals by year, %(place)s") % {"place": place_name(ward)}
    )
    params = query_params(ward=ward, goal=goal, year=year if goal else None)
    return Table(dataset, title, dataset.columns, rows, params)


register(
    "muc-tieu-khu-dan-cu",
    gettext_lazy("Goal results of one residential area"),
    gettext_lazy("Per year and goal: achieved or not, and the measured value."),
    {AREA},
    (
        C_YEAR,
        C_GOAL,
        C_GOAL_NAME,
        Column("achieved", gettext_lazy("Achieved"), "bool"),
        Column(
            "value",
            gettext_lazy("Measured value"),
            "decimal",
            gettext_lazy(
                "What the goal measures (a percentage or a count, see the goal)."
            ),
        ),
        C_GOAL_SET,
    ),
    build_area_goals,
    required={AREA},
)
register(
    "muc-tieu",
    gettext_lazy("The contents and goals of a year"),
    gettext_lazy(
        "Share of residential areas achieving each goal in a year, under the contents "
        "of the campaign and the goal set in force that year."
    ),
    {YEAR, WARD},
    (
        Column(
            "content",
            gettext_lazy("Content"),
            "int",
            gettext_lazy("Number of the content (1–5)."),
        ),
        Column("content_name", gettext_lazy("Content (short)"), "text"),
        C_GOAL,
        C_GOAL_NAME,
        C_REPORTING,
        C_ACHIEVED,
        C_SHARE,
        Column(
            "campaign",
            gettext_lazy("Campaign"),
            "text",
            gettext_lazy("The campaign (phase) in force in the year."),
        ),
        C_GOAL_SET,
    ),
    build_goals,
)
register(
    "muc-tieu-theo-don-vi",
    gettext_lazy("Goals by ward or commune"),
    gettext_lazy("Share of residential areas achieving each goal, per unit in force."),
    {YEAR, GOAL},
    (C_GOAL, C_UNIT, C_REPORTING, C_ACHIEVED, C_SHARE),
    build_goals_by_ward,
)
register(
    "muc-tieu-theo-nam",
    gettext_lazy("Goals by year"),
    gettext_lazy(
        "Share of residential areas achieving each goal, per year, one row per goal "
        "of each goal set. With a goal number, the goal of that number in the goal "
        "set in force in the year given (default: the latest year with data)."
    ),
    {WARD, GOAL, YEAR},
    (C_GOAL, C_GOAL_NAME, C_YEAR, C_REPORTING, C_ACHIEVED, C_SHARE, C_GOAL_SET),
    build_goals_by_year,
    required=(),
)
