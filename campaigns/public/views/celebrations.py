"""Pages of what the campaign celebrates: the Great Solidarity Festival, cultural
families and the civilised way of life, commendations (issue 14)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from campaigns import selectors
from campaigns.public import charts
from campaigns.public import datasets as tables
from campaigns.public.middleware import cached_page
from campaigns.public.views.base import (
    parse_page,
    parse_year,
    public_page,
    render_page,
)


@cached_page("nam", pages=("trang", "trang-khu-dan-cu"))
@public_page
def festivals(request):
    year = parse_year(request, default=selectors.latest_year())
    context = {
        "by_year": charts.chart(tables.build("ngay-hoi-theo-nam")),
    }
    if year is not None:
        context.update(
            summary=selectors.festival_summary(year=year),
            by_ward=tables.build(
                "ngay-hoi-theo-don-vi", year=year, page=parse_page(request)
            ),
            areas=tables.build(
                "ngay-hoi", year=year, page=parse_page(request, "trang-khu-dan-cu")
            ),
            photos=selectors.festival_photos_of_year(year=year),
        )
    return render_page(
        request,
        "campaigns/festivals.html",
        context,
        title=_("Great Solidarity Festival"),
        description=_(
            "Where the Great Solidarity Festival of the residential areas of Bắc Kạn "
            "city was held in %(year)s: dates, participants, highlights, year by year."
        )
        % {"year": year or ""},
        year=year,
        share=context["by_year"],
    )


@cached_page("nam", pages=("trang", "trang-khu-dan-cu"))
@public_page
def cultural_families(request):
    year = parse_year(request, default=selectors.latest_year())
    context = {
        "by_year": charts.chart(tables.build("gia-dinh-van-hoa-theo-nam")),
        "civilised_by_year": charts.chart(tables.build("nep-song-van-minh-theo-nam")),
    }
    if year is not None:
        context.update(
            summary=selectors.cultural_summary(year=year),
            campaign=selectors.campaign_year(year=year),
            by_ward=tables.build(
                "gia-dinh-van-hoa-theo-don-vi", year=year, page=parse_page(request)
            ),
            areas=tables.build(
                "nep-song-van-minh",
                year=year,
                page=parse_page(request, "trang-khu-dan-cu"),
            ),
        )
    return render_page(
        request,
        "campaigns/cultural_families.html",
        context,
        title=_("Cultural families and the civilised way of life"),
        description=_(
            "Cultural families, cultural residential areas and weddings, funerals and "
            "festivals held the civilised way in Bắc Kạn city in %(year)s."
        )
        % {"year": year or ""},
        year=year,
        share=context["by_year"],
    )


@cached_page("nam", pages=("trang-khen-thuong",))
@public_page
def commendations(request):
    year = parse_year(request, default=selectors.latest_year())
    context = {
        "by_year": charts.chart(tables.build("khen-thuong-theo-nam")),
    }
    if year is not None:
        context.update(
            counts=tables.build("khen-thuong-theo-cap", year=year),
            listing=tables.build(
                "khen-thuong", year=year, page=parse_page(request, "trang-khen-thuong")
            ),
        )
    return render_page(
        request,
        "campaigns/commendations.html",
        context,
        title=_("Commendations"),
        description=_(
            "Collectives and individuals commended for the campaign in Bắc Kạn city "
            "in %(year)s, by level and form, with the decisions."
        )
        % {"year": year or ""},
        year=year,
        share=context["by_year"],
    )
