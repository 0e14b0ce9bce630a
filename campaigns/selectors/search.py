"""Search of units and residential areas, ignoring Vietnamese diacritics and case."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.db.models import F, Q, Subquery, Value
from django.db.models.functions import Concat

from campaigns.models import ResidentialArea, Story, Ward
from campaigns.models.units import natural_order
from campaigns.selectors.directory import AreaRef
from campaigns.selectors.units import WARD_REF_FIELDS, WardRef, _ward_ref
from campaigns.text import fold


@dataclass(frozen=True)
class SearchResults:
    query: str
    wards: tuple[WardRef, ...] = ()
    areas: tuple[AreaRef, ...] = field(default_factory=tuple)
    stories: tuple[StoryRef, ...] = field(default_factory=tuple)

    @property
    def count(self) -> int:
        return len(self.wards) + len(self.areas) + len(self.stories)


@dataclass(frozen=True)
class StoryRef:
    slug: str
    title: str
    ward_name: str
    year: int


class Fold(models.Func):
    """Lower case without Vietnamese diacritics, as `campaigns.text.fold` does in Python.

    SQLite calls `fold` itself (registered on each connection in `apps.py`); PostgreSQL
    uses `translate()` with a table built from `fold`, so both give the same text.
    """

    output_field = models.CharField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="PORTAL_FOLD", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        source, target = fold_translation_table()
        return f"translate({sql}, %s, %s)", (*params, source, target)


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


_FOLD_TABLE: tuple[str, str] | None = None


def fold_translation_table() -> tuple[str, str]:
    """Characters (Latin letters with diacritics, and A–Z) and their folded letters."""
    global _FOLD_TABLE
    if _FOLD_TABLE is None:
        source, target = [], []
        for code in [*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
            char = chr(code)
            folded = fold(char)
            if len(folded) == 1 and folded.isascii() and folded != char:
                source.append(char)
                target.append(folded)
        _FOLD_TABLE = ("".join(source), "".join(target))
    return _FOLD_TABLE


SEARCH_LIMIT = 50
TRIGRAM = 3  # shorter words have no trigram for an index to look up


def search_places(*, query: str) -> SearchResults:
    """Units and approved residential areas whose name holds every word of `query`,
    and approved stories whose title or summary does.

    Diacritics and case are ignored on SQLite and PostgreSQL alike. Not cached: the
    queries are few and each one is different.
    """
    words = fold(query).split()
    if not words:
        return SearchResults(query=query)
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
        .order_by(F("valid_to").desc(nulls_first=True), "name")
        .values(*WARD_REF_FIELDS)[:SEARCH_LIMIT]
    )
    areas = (
        ResidentialArea.objects.published()
        .annotate(folded=Fold("name"), ward_folded=Fold("ward__name"))
        .filter(area_filter)
        .order_by(F("valid_to").desc(nulls_first=True), "ward__name", *natural_order())
        .values("slug", "name", "ward__name")[:SEARCH_LIMIT]
    )
    story_filter = Q()
    for word in words[:8]:
        story_filter &= Q(folded__contains=word)
    stories = (
        Story.objects.published()
        .annotate(folded=Fold(Concat("title", Value(" "), "summary")))
        .filter(story_filter)
        .order_by("-year", "title")
        .values("slug", "title", "ward__name", "year")[:SEARCH_LIMIT]
    )
    return SearchResults(
        query=query,
        wards=tuple(_ward_ref(row) for row in wards),
        areas=tuple(AreaRef(r["slug"], r["name"], r["ward__name"]) for r in areas),
        stories=tuple(
            StoryRef(r["slug"], r["title"], r["ward__name"], r["year"]) for r in stories
        ),
    )


def register_sqlite_fold(sender, connection, **kwargs):
    """`connection_created` receiver: give SQLite the `PORTAL_FOLD()` SQL function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "PORTAL_FOLD", 1, fold, deterministic=True
        )
