"""Pages of topics: the 10 goals, the poverty fund, community works."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from campaigns import selectors
from campaigns.public import charts
from campaigns.public import datasets as tables
from campaigns.public.datasets import figures
from campaigns.public.middleware import cached_page
from campaigns.public.views.base import (
    parse_page,
    parse_year,
    public_page,
    render_page,
)


@cached_page("nam")
@public_page
def goal_list(request):
    year = parse_year(request, default=selectors.latest_year())
    context = {}
    if year is not None:
        table = tables.build("muc-tieu", year=year)
        context.update(
            campaign=selectors.campaign_year(year=year),
            contents=selectors.goal_achievement_by_content(year=year),
            chart=charts.chart(table),
            table=table,
        )
    return render_page(
        request,
        "campaigns/goal_list.html",
        context,
        title=_("The contents and goals of the campaign"),
        description=_(
            "Share of residential areas achieving each goal of the campaign in %(year)s."
        )
        % {"year": year or ""},
        year=year,
        share=context.get("chart"),
    )


@cached_page("nam", pages=("trang",))
@public_page
def goal_detail(request, number):
    year = parse_year(request, default=selectors.latest_year())
    # The goal of that number in the set in force in the year shown.
    goal = next(
        (g for g in selectors.goal_catalogue(year=year) if g.number == number), None
    )
    if goal is None:
        raise Http404(_("There is no goal with this number."))
    context = {"goal": goal}
    by_year = tables.build("muc-tieu-theo-nam", goal=number, year=year)
    context["by_year"] = charts.chart(by_year)
    if year is not None:
        by_ward = tables.build(
            "muc-tieu-theo-don-vi", year=year, goal=number, page=parse_page(request)
        )
        context["by_ward"] = charts.chart(by_ward)
    return render_page(
        request,
        "campaigns/goal_detail.html",
        context,
        title=_("Goal %(number)s: %(name)s")
        % {"number": goal.number, "name": goal.name},
        description=_(
            "Share of residential areas achieving goal %(number)s, by ward and by year."
        )
        % {"number": goal.number},
        year=year,
        share=context["by_year"],
    )


@cached_page("nam", pages=("trang", "trang-nha-hao-tam"))
@public_page
def fund(request):
    year = parse_year(request, default=selectors.latest_year())
    context = {
        "by_year": charts.chart(tables.build("quy-theo-nam")),
        "houses": charts.chart(tables.build("nha-dai-doan-ket")),
    }
    if year is not None:
        data = selectors.city_overview(year=year)
        context.update(
            overview=data,
            cards=figures.cards(data, figures.FUND_CARDS)
            if data.fund_year.has_data
            else [],
            categories=charts.chart(tables.build("chi-theo-loai", year=year)),
            by_ward=charts.chart(
                tables.build("quy-theo-don-vi", year=year, page=parse_page(request))
            ),
            donors=tables.build(
                "nha-hao-tam", year=year, page=parse_page(request, "trang-nha-hao-tam")
            ),
            # The cards count the city fund; the table by ward cannot.
            fund_split=selectors.fund_split(year=year),
        )
    return render_page(
        request,
        "campaigns/fund.html",
        context,
        title=_('"Vì người nghèo" fund'),
        description=_(
            "Money raised and spent by the poverty fund of Bắc Kạn city, by year, "
            "category and ward; great-solidarity houses; donors who agreed to be named."
        ),
        year=year,
        share=context["by_year"],
    )


@cached_page("nam", pages=("trang",))
@public_page
def works(request):
    year = parse_year(request, default=selectors.latest_year())
    context = {
        "by_year": charts.chart(tables.build("cong-trinh-theo-nam")),
    }
    if year is not None:
        summary = selectors.community_works_summary(year=year)
        context.update(
            summary=summary,
            cards=figures.cards(summary, figures.WORKS_CARDS),
            kinds=tables.build("cong-trinh", year=year),
            by_ward=tables.build(
                "cong-trinh-theo-don-vi", year=year, page=parse_page(request)
            ),
        )
    return render_page(
        request,
        "campaigns/works.html",
        context,
        title=_("Community works"),
        description=_(
            "Concrete roads, cultural houses and the people's contributions of money, "
            "labour and land in Bắc Kạn city."
        ),
        year=year,
        share=context["by_year"],
    )
