"""The residential area's printable card (issue 16): an A4 page and its PDF.

Public and cached like the other pages: approved figures only (`selectors.area_card`),
no household named. The QR code leads to the area's live page, an absolute address
built from SITE_URL when set, else from the request (ALLOWED_HOSTS bounds it).
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns import cache, selectors
from campaigns.documents import cards as documents
from campaigns.documents import pdf as drawing
from campaigns.public.middleware import cached_page
from campaigns.public.views.base import parse_year, public_page, render_page


def area_url(request, area) -> str:
    """The absolute address of `area`'s live page, for its QR code."""
    path = reverse("campaigns:area-detail", args=[area.slug])
    site = getattr(settings, "SITE_URL", "").rstrip("/")
    return f"{site}{path}" if site else request.build_absolute_uri(path)


def _area_and_year(request, slug):
    area = selectors.area_detail(slug=slug)
    if area is None:
        raise Http404(_("There is no residential area at this address."))
    years = [row.year for row in selectors.area_results_by_year(area=area)]
    default = years[-1] if years else selectors.latest_year()
    year = parse_year(request, default=default or selectors.reporting_year())
    return area, year


@cached_page("nam")
@public_page
def area_card(request, slug):
    area, year = _area_and_year(request, slug)
    card = selectors.area_card(area=area, year=year)
    url = area_url(request, area)
    return render_page(
        request,
        "campaigns/area_card.html",
        {
            "area": area,
            "card": card,
            "lines": documents.card_lines(card),
            "trend_header": documents.trend_header(),
            "trend_rows": documents.trend_rows(card),
            "note": documents.not_approved_note(card),
            "live_url": url,
            "qr_svg": drawing.qr_svg(url),
        },
        title=documents.title(card),
        description=_(
            "The %(year)s card of the residential area %(area)s, %(ward)s, to print "
            "for its Great Solidarity Festival."
        )
        % {"year": year, "area": area.name, "ward": area.ward.name},
        year=year,
        years=(),
    )


@cached_page("nam")  # only ?nam= reaches the view; PDFs are cached below, not as pages
@public_page
def area_card_pdf(request, slug):
    area, year = _area_and_year(request, slug)
    url = area_url(request, area)

    def compute():
        card = selectors.area_card(area=area, year=year)
        return documents.cards_pdf([(card, url)], title_text=documents.title(card))

    # The PDF of an approved year changes only with an approval: cached under the
    # generation like every figure, keyed by the address its QR code carries.
    content = cache.cached("area-card-pdf", area.pk, year, url, compute=compute)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="phieu-{area.slug}-{year}.pdf"'
    return response
