"""Pages of good examples: the list (by unit, year and kind) and one story."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from campaigns import selectors
from campaigns.models import Ward
from campaigns.models.choices import StoryKindChoices
from campaigns.public.middleware import cached_page
from campaigns.public.views.base import (
    BadParameter,
    parse_page,
    parse_year,
    public_page,
    render_page,
)


def _parse_kind(request) -> str | None:
    raw = request.GET.get("loai", "").strip()
    if not raw:
        return None
    if raw not in StoryKindChoices.values:
        raise BadParameter(
            _('"%(value)s" is not a kind of good example.') % {"value": raw[:20]}
        )
    return raw


def _parse_ward(request):
    raw = request.GET.get("don-vi", "").strip()
    if not raw:
        return None
    ward = Ward.objects.filter(slug=raw).first()
    if ward is None:
        raise Http404(_("There is no ward or commune at this address."))
    return ward


@cached_page("nam", "loai", "don-vi", pages=("trang",))
@public_page
def story_list(request):
    year = parse_year(request, default=None)
    kind = _parse_kind(request)
    ward = _parse_ward(request)
    stories = selectors.story_page(
        number=parse_page(request), ward=ward, year=year, kind=kind
    )
    filters = selectors.story_filters()
    return render_page(
        request,
        "campaigns/story_list.html",
        {
            "stories": stories,
            "filters": filters,
            "kinds": StoryKindChoices.choices,
            "selected": {"ward": ward.slug if ward else "", "year": year, "kind": kind},
        },
        title=_("Good examples"),
        description=_(
            "Good people, good deeds, good models and exemplary collectives of the "
            "residential areas of Bắc Kạn city, as approved by the Front."
        ),
        years=(),
    )


@cached_page()
@public_page
def story_detail(request, slug):
    story = selectors.story_detail(slug=slug)
    if story is None:
        raise Http404(_("There is no good example at this address."))
    share = story.photos[0].share_url if story.photos else ""
    return render_page(
        request,
        "campaigns/story_detail.html",
        {
            "story": story,
            "share_image": request.build_absolute_uri(share) if share else "",
        },
        title=story.card.title,
        description=story.card.summary,
        years=(),
    )
