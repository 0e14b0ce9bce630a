"""What every public page shares: the year and page parameters, the Vietnamese
language, 400, 403 and 404 answers, the common context.

Every page shows one year (`?nam=YYYY`, default the latest year with approved data).
A malformed year is a 400 with a Vietnamese message; a year outside the campaign's
years on the portal (`selectors.campaign_years()`: 2010 to the reporting year) is a 404
with one message and links to the years with data, on every page and download; an
unknown unit, area or goal is a 404.
"""

from __future__ import annotations

import datetime
import functools
import re

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from campaigns import selectors
from campaigns.public import charts
from campaigns.public import datasets as tables


class BadParameter(Exception):
    """A malformed `?nam=` year or page number; the page answers 400 with this message."""


class YearOutOfRange(Http404):
    """A `?nam=` year outside the campaign's years: 404, with links to the years."""


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
    message = selectors.year_out_of_range(year)
    if message:
        raise YearOutOfRange(message)
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
        year_links = []
        if isinstance(exception, YearOutOfRange):
            year_links = [
                (year, f"{request.path}?nam={year}")
                for year in reversed(selectors.available_years())
            ]
        response = render(
            request,
            "404.html",
            {
                "message": message if isinstance(message, str) else "",
                "year_links": year_links,
            },
            status=404,
        )
    response.headers["Content-Language"] = PUBLIC_LANGUAGE
    return response


def permission_denied(request, exception=None):
    """The Vietnamese 403 page: Django's handler403, for public pages and the admin."""
    with translation.override(PUBLIC_LANGUAGE):
        message = exception.args[0] if exception and exception.args else ""
        response = render(
            request,
            "403.html",
            {
                "message": str(message) if message else "",
                "page_title": _("Access denied"),
            },
            status=403,
        )
    response.headers["Content-Language"] = PUBLIC_LANGUAGE
    return response


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the same page, saying what to do. Django's `reason` is for
    developers (and already logged on django.security.csrf), so it is not shown."""
    with translation.override(PUBLIC_LANGUAGE):
        response = render(
            request,
            "403.html",
            {"csrf": True, "page_title": _("Access denied")},
            status=403,
        )
    response.headers["Content-Language"] = PUBLIC_LANGUAGE
    return response


DEFAULT_SHARE_CHART = "ty-le-ho-ngheo"


def render_page(
    request,
    template,
    context,
    *,
    title,
    description,
    year=None,
    years=None,
    ward=None,
    share: charts.Chart | None = None,
):
    """Render a public page of `year` (of `ward`, or the whole territory); `share` is
    the chart whose image stands for the page in Open Graph previews (default: the
    city's poverty rates)."""
    image = (
        share.image_url
        if share is not None
        else reverse(
            "campaigns:chart-image",
            kwargs={"dataset": DEFAULT_SHARE_CHART, "fmt": "png"},
        )
    )
    context.update(
        og_image=request.build_absolute_uri(image),
        # The address the page is cached under: only the parameters it reads.
        og_url=request.build_absolute_uri(
            f"{request.path}?{request.GET.urlencode()}" if request.GET else request.path
        ),
        page_title=title,
        meta_description=description,
        year=year,
        # The committee(s) that approved the year's figures, by unit and year.
        approved_by=selectors.approved_by_text(year=year, ward=ward),
        years=years if years is not None else selectors.available_years(),
        demo_present=selectors.demo_data_present(),
    )
    if year is not None:
        # The campaign's name, contents, goal set and titles in force in the year.
        context.setdefault("campaign", selectors.campaign_year(year=year))
    # The lead and the footer name the campaign as it ran in the year shown (the
    # wording changed in 2016); a page without a year, as it runs now.
    context["site_campaign"] = context.get("campaign") or selectors.campaign_year(
        year=selectors.reporting_year()
    )
    return render(request, template, context)


def poverty_chart(**params) -> charts.Chart:
    table = tables.build("ty-le-ho-ngheo", **params)
    return charts.chart(table)


# --- Pages --------------------------------------------------------------------------
