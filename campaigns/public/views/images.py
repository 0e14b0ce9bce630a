"""Share images: each chart as PNG (for a phone chat) and SVG, cached like the pages."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from campaigns.public import chart_share, charts
from campaigns.public import datasets as tables
from campaigns.public.middleware import cached_page
from campaigns.public.views.base import parse_page, public_page
from campaigns.public.views.data import dataset_params

CONTENT_TYPES = {"png": "image/png", "svg": "image/svg+xml"}
PARAMS = {
    "nam": tables.YEAR,
    "don-vi": tables.WARD,
    "khu-dan-cu": tables.AREA,
    "muc-tieu": tables.GOAL,
}


@cached_page(*PARAMS, pages=("trang",), max_length=100)
@public_page
def chart_image(request, dataset, fmt):
    found = tables.DATASETS.get(dataset)
    if found is None or dataset not in charts.SPECS:
        raise Http404(_("There is no chart of this dataset."))
    # A parameter the chart does not read is refused, not ignored: every image the
    # cache keeps is one a page links to (slugs are long, so the key allows 100).
    unread = [n for n, key in PARAMS.items() if key not in found.params]
    if not charts.SPECS[dataset].paged:
        unread.append("trang")
    if any(request.GET.get(name) for name in unread):
        raise Http404(_("There is no chart of this dataset."))
    params = dataset_params(request, dataset)
    if charts.SPECS[dataset].paged:
        params["page"] = parse_page(request)
    table = tables.build(dataset, **params)
    svg = chart_share.share_svg(table, address=request.build_absolute_uri("/"))
    body = chart_share.png(svg) if fmt == "png" else svg.encode()
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    name = f"{table.filename}.{fmt}"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
