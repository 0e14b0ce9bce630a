"""Open data: the catalogue, the downloads, and the health check."""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from campaigns import cache, selectors
from campaigns.models import Ward
from campaigns.public import datasets as tables
from campaigns.public.downloads import table_response
from campaigns.public.middleware import cached_page
from campaigns.public.views.base import (
    parse_year,
    public_page,
    render_page,
)


@cached_page("nam")
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
                tables.json_url(dataset.slug, params),
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
            "openapi_url": reverse("campaigns:openapi"),
            "last_approved": selectors.last_approved_at(),
        },
        title=_("Open data"),
        description=_(
            "Every public table of the campaign portal as CSV, XLSX and JSON, with a data dictionary."
        ),
        year=year,
    )


def dataset_params(request, dataset: str) -> dict:
    """The build parameters of `dataset` from the query: the same for every format.

    404 for an unknown dataset, unit, area or goal, or a year without data the
    dataset needs; BadParameter (400) for a malformed year.
    """
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
        # A number names the goal of the set in force in the year asked for.
        in_force = selectors.goal_catalogue(year=params.get("year"))
        if not goal.isdigit() or not any(g.number == int(goal) for g in in_force):
            raise Http404(_("There is no goal with this number."))
        params["goal"] = int(goal)
    return params


@public_page
def dataset_download(request, dataset, fmt):
    params = dataset_params(request, dataset)
    return table_response(tables.build(dataset, **params), fmt)


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers, 503 when it does not (for load balancers).

    The cache is reported, never required: without it pages are served uncached, so
    "cache": "degraded" comes with a 200 (and "status": "degraded" for monitoring).
    """
    cache_status = cache.status()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse(
            {"status": "error", "database": "unavailable", "cache": cache_status},
            status=503,
        )
    return JsonResponse(
        {
            "status": "ok" if cache_status == "ok" else "degraded",
            "database": "ok",
            "cache": cache_status,
        }
    )
