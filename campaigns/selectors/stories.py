"""Good examples (stories) and photos for public pages: approved stories only.

A photo is returned with the addresses of its renditions (thumbnail, page width,
share image), worked out from its stored name without asking the storage: the
renditions are made when the photo is saved (imagekit's Optimistic strategy).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.db.models import Prefetch

from campaigns.cache import cached
from campaigns.models import Photo, Story
from campaigns.models.choices import StoryKindChoices
from campaigns.selectors.pages import Page, PageNotFound
from campaigns.selectors.units import _territory_ids

STORY_PAGE_SIZE = 12
LATEST_STORIES = 4
STORIES_OF_PLACE = 6
THUMBNAIL_WIDTH = 320
PAGE_WIDTH = 960


@dataclass(frozen=True)
class PhotoRef:
    alt_text: str
    caption: str
    url: str
    thumbnail_url: str
    page_url: str
    share_url: str
    width: int | None
    height: int | None

    @property
    def srcset(self) -> str:
        """The renditions for `srcset`: the browser picks one for the screen."""
        return f"{self.thumbnail_url} {THUMBNAIL_WIDTH}w, {self.page_url} {PAGE_WIDTH}w"


@dataclass(frozen=True)
class StoryCard:
    slug: str
    title: str
    summary: str
    kind: str
    year: int
    ward_name: str
    area_name: str
    photo: PhotoRef | None

    @property
    def kind_label(self):
        # Lazy: the cached card is the same in every language; the page translates.
        return StoryKindChoices(self.kind).label


@dataclass(frozen=True)
class StoryDetail:
    card: StoryCard
    paragraphs: tuple[str, ...]
    ward_slug: str
    area_slug: str
    photos: tuple[PhotoRef, ...]


def _photo_ref(photo: Photo) -> PhotoRef:
    return PhotoRef(
        alt_text=photo.alt_text,
        caption=photo.caption,
        url=photo.image.url,
        thumbnail_url=photo.thumbnail.url,
        page_url=photo.page_width.url,
        share_url=photo.share.url,
        width=photo.width,
        height=photo.height,
    )


def _card(story: Story, photos: list) -> StoryCard:
    return StoryCard(
        slug=story.slug,
        title=story.title,
        summary=story.summary,
        kind=story.kind,
        year=story.year,
        ward_name=story.ward.name,
        area_name=story.residential_area.name if story.residential_area_id else "",
        photo=_photo_ref(photos[0]) if photos else None,
    )


def _published():
    return Story.objects.published().select_related("ward", "residential_area")


def _with_photos(stories):
    return stories.prefetch_related(
        Prefetch("photos", queryset=Photo.objects.order_by("order", "pk"))
    )


def _cards(stories) -> tuple[StoryCard, ...]:
    return tuple(_card(s, list(s.photos.all())) for s in _with_photos(stories))


def story_page(
    *, number: int = 1, ward=None, year: int | None = None, kind: str | None = None
) -> Page:
    """Page `number` of the approved stories, newest year first, filtered by unit, year
    and kind; PageNotFound past the last page."""

    def compute():
        stories = _published()
        if ward is not None:
            stories = stories.filter(ward=ward)
        if year is not None:
            stories = stories.filter(year=year)
        if kind:
            stories = stories.filter(kind=kind)
        count = stories.count()
        if number < 1 or (number - 1) * STORY_PAGE_SIZE >= max(count, 1):
            raise PageNotFound(number)
        start = (number - 1) * STORY_PAGE_SIZE
        stories = stories.order_by("-year", "-approved_at", "pk")
        return Page(
            number=number,
            count=count,
            items=_cards(stories[start : start + STORY_PAGE_SIZE]),
            size=STORY_PAGE_SIZE,
        )

    ward_key = "all" if ward is None else ward.pk
    return cached("story-page", number, ward_key, year, kind, compute=compute)


@dataclass(frozen=True)
class StoryFilters:
    """What the list can be filtered by: units and years with approved stories."""

    wards: tuple[tuple[str, str], ...]  # (slug, name)
    years: tuple[int, ...]


def story_filters() -> StoryFilters:
    def compute():
        published = Story.objects.published().order_by()
        wards = (
            published.values_list("ward__slug", "ward__name")
            .distinct()
            .order_by("ward__name")
        )
        years = published.values_list("year", flat=True).distinct().order_by("-year")
        return StoryFilters(wards=tuple(wards), years=tuple(years))

    return cached("story-filters", compute=compute)


def story_detail(*, slug: str) -> StoryDetail | None:
    """One approved story with its photos, or None (drafts are not public)."""

    def compute():
        story = _with_photos(_published().filter(slug=slug)).first()
        if story is None:
            return False  # cached too: None would mean "not cached"
        photos = list(story.photos.all())
        paragraphs = tuple(
            p.strip()
            for p in story.body.replace("\r\n", "\n").split("\n\n")
            if p.strip()
        )
        return StoryDetail(
            card=_card(story, photos),
            paragraphs=paragraphs,
            ward_slug=story.ward.slug,
            area_slug=story.residential_area.slug if story.residential_area_id else "",
            photos=tuple(_photo_ref(p) for p in photos),
        )

    return cached("story-detail", slug, compute=compute) or None


def latest_stories(*, limit: int = LATEST_STORIES) -> tuple[StoryCard, ...]:
    """The newest approved stories, for the home page."""

    def compute():
        return _cards(_published().order_by("-year", "-approved_at", "pk")[:limit])

    return cached("latest-stories", limit, compute=compute)


def stories_of_place(*, ward=None, area=None, limit: int = STORIES_OF_PLACE):
    """The newest approved stories of a unit (and the units before it) or of an area."""

    def compute():
        stories = _published()
        if area is not None:
            stories = stories.filter(residential_area_id=area.pk)
        else:
            stories = stories.filter(ward__in=_territory_ids(ward))
        return _cards(stories.order_by("-year", "-approved_at", "pk")[:limit])

    key = f"area-{area.pk}" if area is not None else f"ward-{ward.pk}"
    return cached("stories-of-place", key, limit, compute=compute)


def festival_photos_by_result(
    result_ids: Iterable[int],
) -> dict[int, tuple[PhotoRef, ...]]:
    """The photos of each published yearly result's festival, by result id (one query)."""
    found = defaultdict(list)
    photos = (
        Photo.objects.published()
        .filter(annual_result_id__in=list(result_ids))
        .order_by("annual_result_id", "order", "pk")
    )
    for photo in photos:
        found[photo.annual_result_id].append(_photo_ref(photo))
    return {pk: tuple(refs) for pk, refs in found.items()}


def festival_photos_of_year(*, year: int, limit: int = 12) -> tuple[PhotoRef, ...]:
    """Published photos of the year's festivals (newest festivals first), for
    `/ngay-hoi/`; with the area and ward in the caption when it has none."""
    photos = (
        Photo.objects.published()
        .filter(annual_result__year=year, annual_result__festival_held=True)
        .select_related("annual_result__residential_area__ward")
        .order_by("-annual_result__festival_date", "annual_result_id", "order", "pk")
    )[:limit]
    refs = []
    for photo in photos:
        ref = _photo_ref(photo)
        if not ref.caption:
            area = photo.annual_result.residential_area
            ref = replace(ref, caption=f"{area.name} – {area.ward.name}")
        refs.append(ref)
    return tuple(refs)


def photos_for(results) -> dict[int, tuple[PhotoRef, ...]]:
    """`festival_photos_by_result()` of yearly results (objects or dicts with "pk")."""
    return festival_photos_by_result(
        r["pk"] if isinstance(r, dict) else r.pk for r in results
    )
