"""Record lists that stay fast at nation scale (issue 17): a bounded count, a ward
filter that does not list 10,000 units, and a name search on the folded trigram
indexes.

The stock admin counts every row of the list (`COUNT(*)` over 15 million goal
results), lists the wards that have rows (`SELECT DISTINCT ward_id` over the whole
table) and searches with `UPPER(name) LIKE '%…%'` that no index serves; each costs
seconds at nation scale (docs/decisions.md, "Issue 17: the admin at nation scale").
"""

import json

from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import F, Func, Q
from django.db.models.expressions import OrderBy
from django.db.models.lookups import Contains
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from campaigns.access.scope import ALL_WARDS, ward_scope
from campaigns.models import Ward
from campaigns.selectors.calendar import campaign_years
from campaigns.selectors.search import TRIGRAM, Fold, InSubquery
from campaigns.text import fold

# Exact counts up to this many rows; past it the planner's estimate (a list that long
# is read through its filters, not paged to the end).
COUNT_BOUND = 2_000
# A ward filter lists its wards as links up to this many; past it, a name box.
WARD_LINKS = 50


class BoundedCountPaginator(Paginator):
    """Counts at most COUNT_BOUND + 1 rows; beyond that `estimated` is set and the
    count is PostgreSQL's estimate for the filtered query (EXPLAIN, no rows read)."""

    estimated = False

    @cached_property
    def count(self) -> int:
        queryset = self.object_list.order_by()
        bounded = queryset[: COUNT_BOUND + 1].count()
        if bounded <= COUNT_BOUND:
            return bounded
        self.estimated = True
        return max(bounded, _planner_rows(queryset))


class YearFirstPaginator(BoundedCountPaginator):
    """For lists ordered newest year first: a page is read from its own year.

    Sorting the 100,000 yearly results of a year by (unit code, area name) for the
    first 100 takes 1.6 s when the year is a range (`year >= 2026`); with `year =
    2026` PostgreSQL walks the units in code order and stops after ten of them
    (1 ms; plans in docs/decisions.md). The rows of the newest year, sorted the same
    way, are the first rows of the list, so a page inside one year is sliced from that
    year alone, found with bounded counts (one per year passed). A page across two
    years is sliced from the whole list.
    """

    year_field = "year"

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(self._rows(bottom, top), number, self)

    def _rows(self, bottom: int, top: int):
        queryset = self.object_list
        if not self.estimated:
            # At most COUNT_BOUND rows: sorting them all is cheap.
            return queryset[bottom:top]
        seen = 0
        for year in reversed(campaign_years()):
            in_year = queryset.filter(**{self.year_field: year})
            rows = in_year.order_by()[: top - seen].count()
            if seen <= bottom and seen + rows >= top:
                return in_year[bottom - seen : top - seen]
            seen += rows
            if seen >= top:
                break
        return queryset[bottom:top]


def _planner_rows(queryset) -> int:
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return queryset.count()
    plan = json.loads(queryset.explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


def ward_filter(path: str):
    """A list filter on the record's ward at `path` ("ward", "residential_area__ward").

    Its parameter is the one of RelatedOnlyFieldListFilter (`<path>__id__exact`), so
    links into the lists keep working. A user with a few wards picks one from links;
    one who sees every ward types part of its name (the folded trigram index of ward
    names finds it), instead of a sidebar of 10,000 links read with a DISTINCT over
    the whole table.
    """

    class WardFilter(admin.SimpleListFilter):
        title = _("ward or commune")
        parameter_name = f"{path}__id__exact"
        name_parameter = f"{path}__name"
        template = "admin/campaigns/ward_filter.html"

        def __init__(self, request, params, model, model_admin):
            self.name_value = params.pop(self.name_parameter, [""])[-1].strip()
            super().__init__(request, params, model, model_admin)

        def expected_parameters(self):
            return [self.parameter_name, self.name_parameter]

        def has_output(self):
            return True

        def lookups(self, request, model_admin):
            wards = Ward.objects.restrict(request.user).order_by("-valid_from", "code")
            if ward_scope(request.user) is not ALL_WARDS:
                listed = list(wards[: WARD_LINKS + 1])
                if len(listed) <= WARD_LINKS:
                    self.name_box = False
                    return [(ward.pk, ward.name) for ward in listed]
            self.name_box = True
            if self.value() and str(self.value()).isdigit():
                # The chosen ward stays visible as the selected choice.
                return [(ward.pk, ward.name) for ward in wards.filter(pk=self.value())]
            return []

        def choices(self, changelist):
            yield from super().choices(changelist)
            if self.name_box:
                yield {
                    "name_box": True,
                    "name": self.name_parameter,
                    "value": self.name_value,
                    "hidden": [
                        (key, value)
                        for key, values in changelist.params.items()
                        if key not in (self.name_parameter, self.parameter_name, "p")
                        for value in (values if isinstance(values, list) else [values])
                    ],
                }

        def queryset(self, request, queryset):
            if self.value():
                queryset = queryset.filter(**{f"{path}__id": self.value()})
            if self.name_value:
                queryset = queryset.filter(
                    folded_matches(queryset.model, f"{path}__name", self.name_value)
                )
            return queryset

    return WardFilter


def _folded(model, path: str):
    """`path` folded: its stored folded column where the model keeps one (units' and
    areas' names, migration 0021, where their trigram indexes are), else the expression
    (with the trigram index of migration 0022 on it)."""
    *hops, field = path.split("__")
    for hop in hops:
        model = model._meta.get_field(hop).related_model
    stored = f"{field}_folded"
    if any(f.name == stored for f in model._meta.get_fields()):
        return F("__".join([*hops, stored]))
    return Fold(path)


def _word_matches(model, paths, word: str) -> Q:
    """Rows of `model` whose text at one of `paths` holds `word` (folded).

    Paths through the same foreign key become one id subquery on the related table
    (recursively), so "area name or its unit's name" is `area_id = ANY(ARRAY(areas
    named so or in units named so))`: each table reads its own trigram index. An OR
    of conditions on two joined tables would be checked on every joined row (2.4 s
    over 1.6 million yearly results; docs/decisions.md).
    """
    condition = Q()
    through: dict[str, list[str]] = {}
    for path in paths:
        hop, _, rest = path.partition("__")
        if rest:
            through.setdefault(hop, []).append(rest)
        else:
            condition |= Q(Contains(_folded(model, hop), word))
    for hop, rests in through.items():
        related = model._meta.get_field(hop).related_model
        ids = (
            related._default_manager.filter(_word_matches(related, rests, word))
            .order_by()
            .values("pk")
        )
        if len(word) >= TRIGRAM:
            condition |= Q(InSubquery(F(f"{hop}_id"), ids))
        else:
            # A word too short for a trigram matches most rows: a hashed IN, not an
            # array of 100,000 ids searched row by row (10 s for "Tổ 1").
            condition |= Q(**{f"{hop}__in": ids})
    return condition


def folded_matches(model, paths, term: str) -> Q:
    """Every word of `term` in one of the `paths` (a path or several), diacritics and
    case ignored."""
    if isinstance(paths, str):
        paths = (paths,)
    words = fold(term).split()[:8]
    return _all_words(model, tuple(paths), words) if words else Q()


def _all_words(model, paths, words) -> Q:
    hops = {path.partition("__")[0] for path in paths}
    if len(hops) == 1 and all("__" in path for path in paths):
        # Every path through one foreign key: all the words go down into one id
        # subquery (one short array of matching rows, not one long array a word:
        # 40,000 households hold "ban", a dozen "ban van tham"; 9 s → ms).
        (hop,) = hops
        related = model._meta.get_field(hop).related_model
        rests = tuple(path.partition("__")[2] for path in paths)
        ids = (
            related._default_manager.filter(_all_words(related, rests, words))
            .order_by()
            .values("pk")
        )
        if any(len(word) >= TRIGRAM for word in words):
            return Q(InSubquery(F(f"{hop}_id"), ids))
        return Q(**{f"{hop}__in": ids})
    condition = Q()
    long_words = any(len(word) >= TRIGRAM for word in words)
    for word in words:
        if long_words and len(word) < TRIGRAM:
            # No trigram to look up: tested through joins on the rows the longer
            # words found, as the public search does ("Tổ 25": a subquery for "25"
            # read all 100,000 areas, 0.5 s).
            condition &= _joined_matches(model, paths, word)
        else:
            condition &= _word_matches(model, paths, word)
    return condition


def _joined_matches(model, paths, word: str) -> Q:
    condition = Q()
    for path in paths:
        condition |= Q(Contains(_folded(model, path), word))
    return condition


class LargeListMixin:
    """The bounded count, and the search over folded names (`folded_search_fields`)
    or exact codes (`code_search_fields`), for the record lists of nation scale."""

    paginator = BoundedCountPaginator
    show_full_result_count = False
    folded_search_fields: tuple[str, ...] = ()
    code_search_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Shows the search box, and lets other admins' autocomplete reach this one
        # (admin.E040); the search itself is get_search_results below.
        self.search_fields = (*self.folded_search_fields, *self.code_search_fields)

    def action_checkbox(self, obj):
        # The same checkbox as Django's, written directly: Django renders a widget
        # template for each of the 100 rows, a third of the list's time (issue 17).
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" '
            'aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            format_html(gettext("Select this object for an action - {}"), str(obj)),
        )

    # Lists ordered down an index (newest date first): when searching, the matches
    # are sorted instead of the index being walked for them (below).
    sort_matches_when_searched = False

    def get_ordering(self, request):
        ordering = list(super().get_ordering(request) or ())
        if (
            self.sort_matches_when_searched
            and ordering
            and isinstance(ordering[0], str)
            and request.GET.get(SEARCH_VAR, "").strip()
        ):
            # With LIMIT 100, PostgreSQL walks the date index backwards expecting the
            # matches to be spread evenly; 700 supports of one household name took
            # 152,000 rows and 1 s. COALESCE(date, date) sorts the same but is not
            # the index's expression, so the matches are found first, then sorted.
            name = ordering[0].lstrip("-")
            ordering[0] = OrderBy(
                Func(F(name), F(name), function="COALESCE"),
                descending=ordering[0].startswith("-"),
            )
        return ordering

    def lookup_allowed(self, lookup, value, request=None):
        # The ward filters' name box (ward_filter) is a parameter of their own.
        if any(
            getattr(item, "name_parameter", None) == lookup
            for item in self.get_list_filter(request)
        ):
            return True
        return super().lookup_allowed(lookup, value, request)

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        condition = folded_matches(self.model, self.folded_search_fields, term)
        for field in self.code_search_fields:
            condition |= Q(**{field: term})
        return queryset.filter(condition), False
