"""Search of units, residential areas and commendations, ignoring Vietnamese
diacritics and case."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.db.models import Case, F, Q, Subquery, Value, When
from django.db.models.functions import Concat

from campaigns.models import ResidentialArea, Story, Ward
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


class Fold(models.Func):
    """Lower case without Vietnamese diacritics, as `campaigns.text.fold` does in Python.

    SQLite calls `fold` itself (registered on each connection in `apps.py`); PostgreSQL
    calls `portal_fold()`, `lower(unaccent(…))` (migration 0016), whose trigram indexes
    the search reads.
    """

    function = "portal_fold"
    output_field = models.CharField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="PORTAL_FOLD", **extra)


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


def search_places(*, query: str, page: int = 1) -> SearchResults:
    """Page `page` of the units and approved residential areas whose name holds every
    word of `query`: units first, then areas, `pages.PAGE_SIZE` a page, with the total;
    and beside them the approved commendations and stories that hold every word.

    Diacritics and case are ignored on SQLite and PostgreSQL alike. Not cached: the
    queries are few and each one is different. PageNotFound past the last page.
    """
    words = fold(query).split()
    if not words:
        _page_bounds(page, 0)
        return SearchResults(query=query, page=Page(number=1, count=0))
    ward_filter = Q()
    area_filter = Q()
    for word in words[:8]:
        ward_filter &= Q(folded__contains=word)
        if len(word) < TRIGRAM:
            # No trigram index can find it: test the unit's name on the rows the
            # other words found, through the join.
            area_filter &= Q(folded__contains=word) | Q(ward_folded__contains=word)
            continue
        # The unit's name through a subquery, not a join, so that on PostgreSQL both
        # sides use the trigram indexes on the folded names (migration 0007).
        in_named_ward = (
            Ward.objects.annotate(folded=Fold("name"))
            .filter(folded__contains=word)
            .order_by()
        )
        area_filter &= Q(folded__contains=word) | Q(
            InSubquery(F("ward_id"), Subquery(in_named_ward.values("pk")))
        )
    wards = (
        Ward.objects.annotate(folded=Fold("name"))
        .filter(ward_filter)
        # pk last: a total order, so pages never repeat nor skip a match.
        .order_by(F("valid_to").desc(nulls_first=True), "name", "pk")
        .values(*WARD_REF_FIELDS)
    )
    areas = (
        ResidentialArea.objects.published()
        .annotate(folded=Fold("name"), ward_folded=Fold("ward__name"))
        .filter(area_filter)
        .order_by(
            F("valid_to").desc(nulls_first=True),
            "ward__name",
            *natural_order(),
            "pk",
        )
        .values("slug", "name", "ward__name", "valid_to")
    )
    ward_count, area_count = wards.count(), areas.count()
    start, end = _page_bounds(page, ward_count + area_count)
    # The page's slice of the units, then of the areas that follow them.
    ward_rows = wards[start:end] if start < ward_count else []
    area_rows = (
        areas[max(start - ward_count, 0) : end - ward_count] if end > ward_count else []
    )
    story_filter = Q()
    for word in words[:8]:
        story_filter &= Q(folded__contains=word)
    stories = (
        Story.objects.published()
        .annotate(folded=Fold(Concat("title", Value(" "), "summary")))
        .filter(story_filter)
        .order_by("-year", "title")
        .values("slug", "title", "ward__name", "year")[: pages.PAGE_SIZE]
    )
    return SearchResults(
        query=query,
        wards=tuple(_ward_ref(row) for row in ward_rows),
        areas=tuple(
            AreaRef(r["slug"], r["name"], r["ward__name"], r["valid_to"])
            for r in area_rows
        ),
        page=Page(
            number=page,
            count=ward_count + area_count,
            size=pages.PAGE_SIZE,
        ),
        # Commendations and stories are few per search: shown whole, beside every page.
        commendations=search_commendations(words=words[:8], limit=pages.PAGE_SIZE),
        stories=tuple(
            StoryRef(r["slug"], r["title"], r["ward__name"], r["year"]) for r in stories
        ),
    )


def search_commendations(
    *, words: list[str], limit: int
) -> tuple[PublicCommendation, ...]:
    """Approved commendations whose public text holds every folded word: a
    collective's name, the form, the decision number or the achievement. An
    individual's name is never searched, so no one can probe for it."""
    rows = _commendations().annotate(
        public_name=Case(When(recipient_kind=COLLECTIVE, then=F("recipient_name"))),
        folded_name=Fold("public_name"),
        folded_text=Fold("reason"),
        folded_form=Fold("form"),
    )
    for word in words:
        rows = rows.filter(
            Q(folded_name__contains=word)
            | Q(folded_text__contains=word)
            | Q(folded_form__contains=word)
            | Q(decision_number__icontains=word)
        )
    return tuple(map(_public, _ordered(rows).values(*PUBLIC_FIELDS)[:limit]))


def register_sqlite_fold(sender, connection, **kwargs):
    """`connection_created` receiver: give SQLite the `PORTAL_FOLD()` SQL function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "PORTAL_FOLD", 1, fold, deterministic=True
        )
