"""Public pages: parse the year and the place, call selectors (through tables), render.

Every page shows one year (`?nam=YYYY`, default the latest year with approved data).
A malformed year is a 400 with a Vietnamese message; an unknown year, unit, area or goal
is a 404.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass

from django.db import DatabaseError, connection
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from campaigns import formatting, selectors
from campaigns.models import MIN_YEAR, Ward
from campaigns.public import charts
from campaigns.public import datasets as tables
from campaigns.public.downloads import table_response


class BadParameter(Exception):
    """A malformed `?nam=` year or page number; the page answers 400 with this message."""


@dataclass(frozen=True)
class FigureCard:
    label: str
    value: str
    period: str
    note: str = ""


def parse_year(request, *, default: int | None) -> int | None:
    """The year of `?nam=`, or `default`; BadParameter when malformed, 404 when unknown."""
    raw = request.GET.get("nam", "").strip()
    if not raw:
        return default
    if not re.fullmatch(r"[0-9]{4}", raw):
        raise BadParameter(
            _(
                '"%(value)s" is not a year. Write the year with four digits, e.g. ?nam=%(example)s.'
            )
            % {"value": raw[:20], "example": default or datetime.date.today().year}
        )
    year = int(raw)
    last = max(datetime.date.today().year, selectors.latest_year() or 0)
    if not MIN_YEAR <= year <= last:
        raise Http404(_("There is no data for the year %(year)s.") % {"year": year})
    return year


PUBLIC_LANGUAGE = "vi"


def parse_page(request, param: str = "trang") -> int:
    """The page number of `?trang=` (or `param`), 1 by default; BadParameter when malformed."""
    raw = request.GET.get(param, "").strip()
    if not raw:
        return 1
    if not re.fullmatch(r"[0-9]{1,6}", raw) or int(raw) < 1:
        raise BadParameter(
            _(
                '"%(value)s" is not a page number. Write a whole number from 1, e.g. ?%(param)s=2.'
            )
            % {"value": raw[:20], "param": param}
        )
    return int(raw)


def public_page(view):
    """Vietnamese whatever the browser asks for; a malformed `?nam=` or page answers 400."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        with translation.override(PUBLIC_LANGUAGE):
            try:
                response = view(request, *args, **kwargs)
            except BadParameter as exc:
                response = render(
                    request,
                    "400.html",
                    {"message": str(exc), "page_title": _("Bad request")},
                    status=400,
                )
            except selectors.PageNotFound:
                response = page_not_found(
                    request, Http404(_("This table has no page with that number."))
                )
            except Http404 as exc:
                response = page_not_found(request, exc)
        response.headers.setdefault("Content-Language", PUBLIC_LANGUAGE)
        return response

    return require_GET(wrapper)


def page_not_found(request, exception=None):
    """The Vietnamese 404 page (also Django's handler404 for unknown paths)."""
    with translation.override(PUBLIC_LANGUAGE):
        message = exception.args[0] if exception and exception.args else ""
        response = render(
            request,
            "404.html",
            {"message": message if isinstance(message, str) else ""},
            status=404,
        )
    response.headers["Content-Language"] = PUBLIC_LANGUAGE
    return response


def render_page(
    request, template, context, *, title, description, year=None, years=None
):
    context.update(
        page_title=title,
        meta_description=description,
        year=year,
        years=years if years is not None else selectors.available_years(),
        demo_present=selectors.demo_data_present(),
    )
    return render(request, template, context)


def _period(first_year, year) -> str:
    if first_year and first_year < year:
        return _("%(first)s–%(last)s") % {"first": first_year, "last": year}
    return _("in %(year)s") % {"year": year}


def figure_cards(data: selectors.CityOverview) -> list[FigureCard]:
    """The headline figures of a year, each with the year or years it is about."""
    year, r = data.year, data.results
    in_year = _("in %(year)s") % {"year": year}
    since = _period(data.first_year, year)
    standards = ", ".join(s.code for s in data.standards)
    cards = [
        FigureCard(
            _("Raised for the poverty fund"),
            formatting.money_short(data.fund_year.raised),
            in_year,
        ),
        FigureCard(
            _("Raised for the poverty fund"),
            formatting.money_short(data.fund_cumulative.raised),
            since,
        ),
        FigureCard(
            _("Houses built / repaired"),
            f"{data.fund_year.houses_built} / {data.fund_year.houses_repaired}",
            in_year,
        ),
        FigureCard(
            _("Houses built / repaired"),
            f"{data.fund_cumulative.houses_built} / {data.fund_cumulative.houses_repaired}",
            since,
        ),
    ]
    if r.has_data:
        cards += [
            FigureCard(
                _('Families recognised as "Gia đình văn hóa"'),
                formatting.percent(r.cultural_family_rate),
                in_year,
            ),
            FigureCard(
                _("Residential areas holding the cultural title"),
                formatting.percent(r.cultural_title_share),
                in_year,
            ),
            FigureCard(
                _("Poor households"),
                formatting.percent(r.poor_rate),
                in_year,
                _("Standard: %(standard)s") % {"standard": standards},
            ),
            FigureCard(
                _("Near-poor households"),
                formatting.percent(r.near_poor_rate),
                in_year,
                _("Standard: %(standard)s") % {"standard": standards},
            ),
            FigureCard(
                _("Residential areas that held the Great Solidarity Festival"),
                formatting.percent(r.festival_share),
                in_year,
            ),
        ]
    cards += [
        FigureCard(
            _("Concrete roads built"),
            f"{formatting.decimal_vi(data.roads_km_year, 2)} km",
            in_year,
        ),
        FigureCard(
            _("Concrete roads built"),
            f"{formatting.decimal_vi(data.roads_km_cumulative, 2)} km",
            since,
        ),
    ]
    return cards


def poverty_chart(**params) -> charts.Chart:
    table = tables.build("ty-le-ho-ngheo", **params)
    return charts.line_chart(
        table, x="year", series=["poor_rate", "near_poor_rate"], break_by="standard"
    )


# --- Pages --------------------------------------------------------------------------


@public_page
def overview(request):
    year = parse_year(request, default=selectors.latest_year())
    context = {}
    if year is not None:
        data = selectors.city_overview(year=year)
        context.update(
            overview=data,
            cards=figure_cards(data) if data.has_data else [],
            trend=poverty_chart(),
            wards=tables.build("don-vi", year=year, page=parse_page(request)),
        )
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
    )


@public_page
def ward_list(request):
    year = parse_year(request, default=selectors.latest_year())
    context = {
        "directory": tables.build(
            "don-vi-hanh-chinh", page=parse_page(request, "trang-danh-muc")
        )
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
    """The unit and every unit before it, from the (cached) directory: no query."""
    by_pk = {e.ward.pk: e for e in directory}
    found, frontier = [entry.ward], list(entry.predecessors)
    while frontier:
        ref = frontier.pop()
        if ref not in found:
            found.append(ref)
            frontier.extend(by_pk[ref.pk].predecessors)
    return found


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
    context = {"entry": entry, "ward": ward}
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
                cards=figure_cards(data) if data.has_data else [],
                areas=tables.build("khu-dan-cu", year=year, ward=ward),
                trend=poverty_chart(ward=ward),
                results_chart=charts.line_chart(
                    tables.build("ket-qua-theo-nam", ward=ward),
                    x="year",
                    series=["cultural_family_rate", "cultural_title_share"],
                ),
                fund_chart=charts.bar_chart(
                    tables.build("quy-theo-nam", ward=ward),
                    x="year",
                    series=["raised", "spent"],
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
    )


@public_page
def area_detail(request, slug):
    area = selectors.area_detail(slug=slug)
    if area is None:
        raise Http404(_("There is no residential area at this address."))
    results = tables.build("khu-dan-cu-theo-nam", area=area)
    goals = selectors.goal_catalogue()
    achieved = {
        (g.year, g.goal_number): g.achieved
        for g in selectors.area_goals_by_year(area=area)
    }
    goal_years = sorted({year for year, _number in achieved})
    goal_rows = [
        (year, [achieved.get((year, goal.number)) for goal in goals])
        for year in goal_years
    ]
    return render_page(
        request,
        "campaigns/area_detail.html",
        {
            "area": area,
            "results": results,
            "trend": poverty_chart(area=area),
            "goals": goals,
            "goal_rows": goal_rows,
            "goal_table": tables.build("muc-tieu-khu-dan-cu", area=area),
        },
        title=f"{area.name} – {area.ward.name}",
        description=_(
            "Yearly results and goals of the residential area %(area)s, %(ward)s."
        )
        % {"area": area.name, "ward": area.ward.name},
        years=(),
    )


@public_page
def goal_list(request):
    year = parse_year(request, default=selectors.latest_year())
    context = {}
    if year is not None:
        table = tables.build("muc-tieu", year=year)
        context.update(
            contents=selectors.goal_achievement_by_content(year=year),
            chart=charts.bar_chart(
                table,
                x="goal",
                series=["share"],
                horizontal=True,
            ),
            table=table,
        )
    return render_page(
        request,
        "campaigns/goal_list.html",
        context,
        title=_("The 5 contents and 10 goals"),
        description=_(
            "Share of residential areas achieving each of the 10 goals of the campaign in %(year)s."
        )
        % {"year": year or ""},
        year=year,
    )


@public_page
def goal_detail(request, number):
    goal = next((g for g in selectors.goal_catalogue() if g.number == number), None)
    if goal is None:
        raise Http404(_("There is no goal with this number."))
    year = parse_year(request, default=selectors.latest_year())
    context = {"goal": goal}
    by_year = tables.build("muc-tieu-theo-nam", goal=number)
    context["by_year"] = charts.line_chart(by_year, x="year", series=["share"])
    if year is not None:
        by_ward = tables.build(
            "muc-tieu-theo-don-vi", year=year, goal=number, page=parse_page(request)
        )
        context["by_ward"] = charts.bar_chart(
            by_ward, x="unit", series=["share"], horizontal=True
        )
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
    )


@public_page
def fund(request):
    year = parse_year(request, default=selectors.latest_year())
    context = {
        "by_year": charts.bar_chart(
            tables.build("quy-theo-nam"), x="year", series=["raised", "spent"]
        ),
        "houses": charts.bar_chart(
            tables.build("nha-dai-doan-ket"),
            x="year",
            series=["houses_built", "houses_repaired"],
            stacked=True,
        ),
    }
    if year is not None:
        data = selectors.city_overview(year=year)
        context.update(
            overview=data,
            cards=figure_cards(data)[:4] if data.fund_year.has_data else [],
            categories=charts.bar_chart(
                tables.build("chi-theo-loai", year=year),
                x="category",
                series=["amount"],
                horizontal=True,
            ),
            by_ward=charts.bar_chart(
                tables.build("quy-theo-don-vi", year=year, page=parse_page(request)),
                x="unit",
                series=["raised", "spent"],
                horizontal=True,
            ),
            donors=tables.build(
                "nha-hao-tam", year=year, page=parse_page(request, "trang-nha-hao-tam")
            ),
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
    )


@public_page
def works(request):
    year = parse_year(request, default=selectors.latest_year())
    context = {
        "by_year": charts.bar_chart(
            tables.build("cong-trinh-theo-nam"), x="year", series=["roads_km"]
        ),
    }
    if year is not None:
        summary = selectors.community_works_summary(year=year)
        in_year = _("in %(year)s") % {"year": year}
        context.update(
            summary=summary,
            cards=[
                FigureCard(
                    _("Concrete roads"),
                    f"{formatting.decimal_vi(summary.roads_km, 2)} km",
                    in_year,
                ),
                FigureCard(_("Cultural houses"), str(summary.cultural_houses), in_year),
                FigureCard(
                    _("People's money"),
                    formatting.money_short(summary.total.people_money),
                    in_year,
                ),
                FigureCard(
                    _("Labour days"),
                    formatting.group_digits(summary.total.labour_days),
                    in_year,
                ),
                FigureCard(
                    _("Land donated"),
                    f"{formatting.group_digits(summary.total.land_donated_m2)} m²",
                    in_year,
                ),
            ],
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
    )


@public_page
def open_data(request):
    year = parse_year(request, default=selectors.latest_year())
    datasets = []
    for dataset in tables.DATASETS.values():
        if dataset.required - {tables.YEAR}:
            continue  # needs an area: linked from each area's page
        params = {"nam": year} if tables.YEAR in dataset.params and year else {}
        datasets.append(
            (
                dataset,
                tables.download_url(dataset.slug, "csv", params),
                tables.download_url(dataset.slug, "xlsx", params),
            )
        )
    return render_page(
        request,
        "campaigns/open_data.html",
        {
            "datasets": datasets,
            "area_datasets": [
                d for d in tables.DATASETS.values() if d.required - {tables.YEAR}
            ],
            "standards": selectors.poverty_standards(),
            "last_approved": selectors.last_approved_at(),
        },
        title=_("Open data"),
        description=_(
            "Every public table of the campaign portal as CSV and XLSX, with a data dictionary."
        ),
        year=year,
    )


@public_page
def dataset_download(request, dataset, fmt):
    found = tables.DATASETS.get(dataset)
    if found is None:
        raise Http404(_("There is no such dataset."))
    params = {}
    if tables.YEAR in found.params:
        year = parse_year(request, default=selectors.latest_year())
        if year is None and tables.YEAR in found.required:
            raise Http404(_("There is no approved data yet."))
        if year is not None:
            params["year"] = year
    slug = request.GET.get("don-vi", "").strip()
    if slug and tables.WARD in found.params:
        ward = Ward.objects.filter(slug=slug).first()
        if ward is None:
            raise Http404(_("There is no ward or commune at this address."))
        params["ward"] = ward
    slug = request.GET.get("khu-dan-cu", "").strip()
    if tables.AREA in found.params and slug:
        area = selectors.area_detail(slug=slug)
        if area is None:
            raise Http404(_("There is no residential area at this address."))
        params["area"] = area
    elif tables.AREA in found.required:
        raise Http404(_("There is no residential area at this address."))
    goal = request.GET.get("muc-tieu", "").strip()
    if goal and tables.GOAL in found.params:
        if not goal.isdigit() or not any(
            g.number == int(goal) for g in selectors.goal_catalogue()
        ):
            raise Http404(_("There is no goal with this number."))
        params["goal"] = int(goal)
    return table_response(tables.build(dataset, **params), fmt)


SEARCH_MAX_LENGTH = 100


@public_page
def search(request):
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    results = selectors.search_places(query=query) if query else None
    return render_page(
        request,
        "campaigns/search.html",
        {"query": query, "results": results},
        title=_("Search") if not query else _("Search: %(query)s") % {"query": query},
        description=_("Find a ward, commune or residential area of Bắc Kạn city."),
        years=(),
    )


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
