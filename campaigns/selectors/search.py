"""Search of units, residential areas and commendations, ignoring Vietnamese
diacritics and case."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.db.models import Case, F, Q, Subquery, Value, When
from django.db.models.functions import Concat

from campaigns.models import ResidentialArea, Story, Ward
from campaigns.models.folding import Fold
from campaigns.models.units import natural_order
from campaigns.selectors import pages
from campaigns.selectors.commendations import (
    COLLECTIVE,
    PUBLIC_FIELDS,
    PublicCommendation,
    _commendations,
    _ordered,
    _public,
)
from campaigns.selectors.directory import AreaRef
from campaigns.selectors.pages import Page, _page_bounds
from campaigns.selectors.units import WARD_REF_FIELDS, WardRef, _ward_ref
from campaigns.text import fold


@dataclass(frozen=True)
class SearchResults:
    """One page of the matches: units first, then residential areas."""

    query: str
    wards: tuple[WardRef, ...] = ()
    areas: tuple[AreaRef, ...] = field(default_factory=tuple)
    page: Page | None = None
    commendations: tuple[PublicCommendation, ...] = ()
    stories: tuple[StoryRef, ...] = field(default_factory=tuple)
    # More than COUNT_CAP units and areas match: only the first COUNT_CAP are counted
    # and paged.
    more: bool = False

    @property
    def count(self) -> int:
        """Every match, on every page (units and areas), the commendations and the
        stories."""
        units = self.page.count if self.page is not None else 0
        return units + len(self.commendations) + len(self.stories)


@dataclass(frozen=True)
class StoryRef:
    slug: str
    title: str
    ward_name: str
    year: int


class InSubquery(models.Func):
    """`column IN (subquery)`; on PostgreSQL `column = ANY(ARRAY(subquery))`.

    PostgreSQL runs an ARRAY() subquery once, before the scan, so `OR`ed with an indexed
    condition both sides read an index (a BitmapOr); a plain IN (subquery) there is a
    filter checked on every row of a sequential scan.
    """

    output_field = models.BooleanField()
    conditional = True

    def as_sql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        subquery, subquery_params = compiler.compile(self.source_expressions[1])
        if connection.vendor == "postgresql":
            return f"{column} = ANY(ARRAY{subquery})", (*params, *subquery_params)
        return f"{column} IN {subquery}", (*params, *subquery_params)


TRIGRAM = 3  # shorter words have no trigram for an index to look up
WORDS = 8  # words of a query searched; more only narrow what the first ones find
# Units and areas counted at most: a count of every match would read them all.
COUNT_CAP = 1000
AREA_FIELDS = ("slug", "name", "ward__name", "valid_to")
# Short words' order of the areas: by unit, as entered (the index `area_search_order`).
SHORT_AREA_ORDER = (F("valid_to").desc(nulls_first=True), "ward_id", "pk")


def word_start(lookup: str, word: str) -> Q:
    """`lookup` (a folded name) has a word beginning with `word`."""
    return Q(**{f"{lookup}__startswith": word}) | Q(
        **{f"{lookup}__contains": f" {word}"}
    )


def _short_filters(words: list[str]) -> tuple[Q, Q]:
    """Units and areas with, for every word, a word of the name (or of the area's
    unit's name) beginning with it: a query of one- and two-letter words ("a", "xa",
    "to 1"), which as a substring would be found in nearly every name."""
    ward_filter = area_filter = Q()
    for word in words:
        ward_filter &= word_start("name_folded", word)
        in_named_ward = Ward.objects.filter(word_start("name_folded", word)).order_by()
        # IN (subquery): PostgreSQL hashes the units once (a hashed SubPlan).
        area_filter &= word_start("name_folded", word) | Q(
            ward__in=in_named_ward.values("pk")
        )
    return ward_filter, area_filter


def _substring_filters(words: list[str]) -> tuple[Q, Q]:
    """Units and areas whose folded name (or the area's unit's) holds every word."""
    ward_filter = area_filter = Q()
    for word in words:
        ward_filter &= Q(name_folded__contains=word)
        if len(word) < TRIGRAM:
            # No trigram index can find it: test the unit's name on the rows the
            # other words found, through the join.
            area_filter &= Q(name_folded__contains=word) | Q(
                ward__name_folded__contains=word
            )
            continue
        # The unit's name through a subquery, not a join, so that on PostgreSQL both
        # sides use the trigram indexes on the folded names (migration 0021).
        in_named_ward = Ward.objects.filter(name_folded__contains=word).order_by()
        area_filter &= Q(name_folded__contains=word) | Q(
            InSubquery(F("ward_id"), Subquery(in_named_ward.values("pk")))
        )
    return ward_filter, area_filter


def search_places(*, query: str, page: int = 1) -> SearchResults:
    """Page `page` of the units and approved residential areas whose name holds every
    word of `query`: units first, then areas, `pages.PAGE_SIZE` a page, with the total
    (at most COUNT_CAP, `more` past it); and beside them the approved commendations
    and stories that hold every word.

    A query of only one- and two-letter words finds the names with a word beginning
    with each, and no commendations nor stories (whose text holds such words
    everywhere). Diacritics and case are ignored on SQLite and PostgreSQL alike. Not
    cached: the queries are few and each one is different. PageNotFound past the last
    page.
    """
    words = fold(query).split()[:WORDS]
    if not words:
        _page_bounds(page, 0)
        return SearchResults(query=query, page=Page(number=1, count=0))
    short = all(len(word) < TRIGRAM for word in words)
    ward_filter, area_filter = (_short_filters if short else _substring_filters)(words)
    wards = (
        Ward.objects.filter(ward_filter)
        # pk last: a total order, so pages never repeat nor skip a match.
        .order_by(F("valid_to").desc(nulls_first=True), "name", "pk")
        .values(*WARD_REF_FIELDS)
    )
    areas = ResidentialArea.objects.published().filter(area_filter)
    if short:
        # Tens of thousands match "to" or "xa": in the order of an index
        # (`area_search_order`: by unit, as entered), PostgreSQL reads the areas
        # until the page is full instead of sorting every match.
        areas = areas.order_by(*SHORT_AREA_ORDER)
    else:
        areas = areas.order_by(
            F("valid_to").desc(nulls_first=True),
            "ward__name",
            *natural_order(),
            "pk",
        )
    areas = areas.values(*AREA_FIELDS)
    start, end = _page_bounds(page, COUNT_CAP)  # past the cap: no page
    end = min(end, COUNT_CAP)
    # Counted up to one past the cap, without ordering: the count stops there.
    ward_count = wards.order_by()[: COUNT_CAP + 1].count()
    area_count = areas.order_by()[: COUNT_CAP + 1].count()
    count = min(ward_count + area_count, COUNT_CAP)
    _page_bounds(page, count)  # PageNotFound past the last page
    # The page's slice of the units, then of the areas that follow them.
    ward_rows = wards[start:end] if start < ward_count else []
    area_rows = (
        _page_of(areas, max(start - ward_count, 0), end - ward_count, short=short)
        if end > ward_count
        else []
    )
    return SearchResults(
        query=query,
        wards=tuple(_ward_ref(row) for row in ward_rows),
        areas=tuple(
            AreaRef(r["slug"], r["name"], r["ward__name"], r["valid_to"])
            for r in area_rows
        ),
        page=Page(number=page, count=count, size=pages.PAGE_SIZE),
        # Commendations and stories are few per search: shown whole, beside every page.
        commendations=()
        if short
        else search_commendations(words=words, limit=pages.PAGE_SIZE),
        stories=() if short else search_stories(words=words),
        more=ward_count + area_count > COUNT_CAP,
    )


def _page_of(areas, start: int, end: int, *, short: bool):
    """Rows `start:end` of `areas`. For short words, the page's ids are chosen first
    in a subquery that reads only `area_search_order` (it holds the folded name: an
    index-only scan, no table row read for the areas that do not match), then the
    page's 50 rows are read."""
    if not short:
        return areas[start:end]
    ids = areas.values("pk")[start:end]
    return (
        ResidentialArea.objects.filter(pk__in=ids)
        .order_by(*SHORT_AREA_ORDER)
        .values(*AREA_FIELDS)
    )


def search_stories(*, words: list[str]) -> tuple[StoryRef, ...]:
    """Approved stories whose title or summary holds every folded word (a few dozen
    stories: folded on the fly)."""
    story_filter = Q()
    for word in words:
        story_filter &= Q(folded__contains=word)
    stories = (
        Story.objects.published()
        .annotate(folded=Fold(Concat("title", Value(" "), "summary")))
        .filter(story_filter)
        .order_by("-year", "title")
        .values("slug", "title", "ward__name", "year")[: pages.PAGE_SIZE]
    )
    return tuple(
        StoryRef(r["slug"], r["title"], r["ward__name"], r["year"]) for r in stories
    )


def search_commendations(
    *, words: list[str], limit: int
) -> tuple[PublicCommendation, ...]:
    """Approved commendations whose public text holds every folded word: a
    collective's name, the form, the decision number or the achievement. An
    individual's name is never searched, so no one can probe for it."""
    # `search_text`: the public text folded, stored and trigram-indexed (migration
    # 0021); an individual's name is not in it.
    rows = _commendations().annotate(
        public_name=Case(When(recipient_kind=COLLECTIVE, then=F("recipient_name")))
    )
    for word in words:
        rows = rows.filter(search_text__contains=word)
    return tuple(map(_public, _ordered(rows).values(*PUBLIC_FIELDS)[:limit]))


def register_sqlite_fold(sender, connection, **kwargs):
    """`connection_created` receiver: give SQLite the `PORTAL_FOLD()` SQL function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "PORTAL_FOLD", 1, fold, deterministic=True
        )
