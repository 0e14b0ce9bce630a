"""Pages of places: the overview, wards and communes, residential areas, search."""

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
    poverty_chart,
    public_page,
    render_page,
)


@cached_page("nam", pages=("trang",))
@public_page
def overview(request):
    year = parse_year(request, default=selectors.latest_year())
    context = {}
    if year is not None:
        data = selectors.city_overview(year=year)
        context.update(
            overview=data,
            cards=figures.cards(data, figures.OVERVIEW_CARDS) if data.has_data else [],
            trend=poverty_chart(),
            wards=tables.build("don-vi", year=year, page=parse_page(request)),
            # The card's money raised counts the city fund, the ward table cannot.
            fund_split=selectors.fund_split(year=year),
            festival=selectors.festival_summary(year=year),
            commendations=selectors.commendation_list(year=year, page=1),
        )
    context["stories"] = selectors.latest_stories()
    return render_page(
        request,
        "campaigns/overview.html",
        context,
        title=_("Overview"),
        description=_(
            "Results of the campaign in Bắc Kạn city in %(year)s: poverty fund, "
            "great-solidarity houses, cultural families, poor households."
        )
        % {"year": year or ""},
        year=year,
        share=context.get("trend"),
    )


@cached_page("nam", pages=("trang", "trang-danh-muc"))
@public_page
def ward_list(request):
    year = parse_year(request, default=selectors.latest_year())
    context = {
        "directory": tables.latest_units(page=parse_page(request, "trang-danh-muc"))
    }
    if year is not None:
        context["wards"] = tables.build("don-vi", year=year, page=parse_page(request))
    return render_page(
        request,
        "campaigns/ward_list.html",
        context,
        title=_("Wards and communes"),
        description=_(
            "Campaign results of every ward and commune of Bắc Kạn city, year by year."
        ),
        year=year,
    )


def _territory(entry, directory) -> list[selectors.WardRef]:
    """The unit first, then every unit before it (the selector walked the merges)."""
    return [entry.ward, *(e.ward for e in directory if e.ward.pk != entry.ward.pk)]


@cached_page("nam", pages=("trang-khen-thuong",))
@public_page
def ward_detail(request, slug):
    found = selectors.ward_detail(slug=slug)
    if found is None:
        raise Http404(_("There is no ward or commune at this address."))
    ward, entry = found
    territory = _territory(entry, selectors.territory_directory(ward=ward))
    years = tuple(
        y
        for y in selectors.available_years()
        if any(ref.in_force_for_year(y) for ref in territory)
    )
    year = parse_year(request, default=years[-1] if years else None)
    context = {
        "entry": entry,
        "ward": ward,
        "stories": selectors.stories_of_place(ward=ward),
    }
    if year is not None:
        rolled_up = [
            ref
            for ref in territory[1:]
            if ref.in_force_for_year(year) and not entry.ward.in_force_for_year(year)
        ]
        context.update(
            in_force=entry.ward.in_force_for_year(year) or bool(rolled_up),
            rolled_up=rolled_up,
        )
        if context["in_force"]:
            data = selectors.city_overview(year=year, ward=ward)
            context.update(
                overview=data,
                cards=figures.cards(data, figures.OVERVIEW_CARDS)
                if data.has_data
                else [],
                areas=tables.build("khu-dan-cu", year=year, ward=ward),
                trend=poverty_chart(ward=ward),
                results_chart=charts.chart(tables.build("ket-qua-theo-nam", ward=ward)),
                fund_chart=charts.chart(tables.build("quy-theo-nam", ward=ward)),
                festival=selectors.festival_summary(year=year, ward=ward),
                commendations=tables.build(
                    "khen-thuong",
                    year=year,
                    ward=ward,
                    page=parse_page(request, "trang-khen-thuong"),
                ),
            )
    return render_page(
        request,
        "campaigns/ward_detail.html",
        context,
        title=entry.ward.name,
        description=_(
            "Campaign results of %(ward)s: residential areas, poor households, "
            "cultural families, poverty fund, year by year."
        )
        % {"ward": entry.ward.name},
        year=year,
        years=years,
        ward=ward,
        share=context.get("trend"),
    )


def area_goal_blocks(found) -> list[dict]:
    """One year-by-goal matrix per goal set the area has results under: a number
    names a different goal in each set, so their columns are never merged."""
    blocks: dict[int, dict] = {}
    for item in found:
        block = blocks.setdefault(
            item.goal.goal_set_from,
            {"goal_set": item.goal.goal_set, "marks": {}},
        )
        block["marks"][item.year, item.goal.pk] = item.achieved
    every_goal = selectors.goal_keys().values()
    if not blocks:  # no results yet: the goals of the newest set, no rows
        newest = max((g.goal_set_from for g in every_goal), default=None)
        goals = sorted(
            [g for g in every_goal if g.goal_set_from == newest], key=lambda g: g.number
        )
        return [{"goal_set": "", "goals": goals, "rows": [], "year": None}]
    shown = []
    for first, block in sorted(blocks.items()):
        # Every goal of the set, also those the area has no result for.
        goals = sorted(
            [g for g in every_goal if g.goal_set_from == first], key=lambda g: g.number
        )
        years = sorted({year for year, _pk in block["marks"]})
        rows = [
            (year, [block["marks"].get((year, goal.pk)) for goal in goals])
            for year in years
        ]
        # The goal page shows the goal of a number in the set in force in its year.
        shown.append(
            {
                "goal_set": block["goal_set"],
                "goals": goals,
                "rows": rows,
                "year": years[-1],
            }
        )
    return shown


@cached_page()
@public_page
def area_detail(request, slug):
    area = selectors.area_detail(slug=slug)
    if area is None:
        raise Http404(_("There is no residential area at this address."))
    results = tables.build("khu-dan-cu-theo-nam", area=area)
    goal_blocks = area_goal_blocks(selectors.area_goals_by_year(area=area))
    trend = poverty_chart(area=area)
    return render_page(
        request,
        "campaigns/area_detail.html",
        {
            "area": area,
            "results": results,
            "trend": trend,
            "goal_blocks": goal_blocks,
            "goal_table": tables.build("muc-tieu-khu-dan-cu", area=area),
            "festivals": tables.build("ngay-hoi-khu-dan-cu", area=area),
            "cultural": tables.build("nep-song-khu-dan-cu", area=area),
            "commendations": tables.build("khen-thuong-khu-dan-cu", area=area),
            "stories": selectors.stories_of_place(area=area),
        },
        title=f"{area.name} – {area.ward.name}",
        description=_(
            "Yearly results and goals of the residential area %(area)s, %(ward)s."
        )
        % {"area": area.name, "ward": area.ward.name},
        years=(),
        share=trend,
    )


SEARCH_MAX_LENGTH = 100


@public_page
def search(request):
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    page = parse_page(request)
    results = selectors.search_places(query=query, page=page) if query else None
    return render_page(
        request,
        "campaigns/search.html",
        {"query": query, "results": results},
        title=_("Search") if not query else _("Search: %(query)s") % {"query": query},
        description=_("Find a ward, commune or residential area of Bắc Kạn city."),
        years=(),
    )
