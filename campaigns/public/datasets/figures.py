"""The headline figures, each defined once.

A `Figure` holds its label, how its value is read from a selector's result
(`city_overview()` or `community_works_summary()`), the dataset column it corresponds
to (whose kind gives its format) and its period. The page cards, the `tong-quan`
dataset and the yearly report workbook all read these definitions, by key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns import formatting, selectors
from campaigns.public.datasets.base import Column
from campaigns.public.datasets.columns import (
    C_AREAS,
    C_BUILT,
    C_CULTURAL_HOUSES,
    C_CULTURAL_RATE,
    C_DONATIONS,
    C_FESTIVAL_SHARE,
    C_HOUSEHOLDS,
    C_IN_KIND,
    C_LABOUR_DAYS,
    C_LAND,
    C_NEAR_POOR_RATE,
    C_PEOPLE_MONEY,
    C_POOR_RATE,
    C_RAISED,
    C_REPAIRED,
    C_ROADS,
    C_SPENT,
    C_SUPPORTS,
    C_TITLE_SHARE,
)


@dataclass(frozen=True)
class FigureCard:
    """One figure as a page card shows it."""

    key: str
    label: str
    value: str
    period: str
    note: str = ""


@dataclass(frozen=True)
class Figure:
    """A headline figure: `read` takes the selector's result and returns the value."""

    key: str
    label: str
    column: Column
    read: Callable[[Any], Any]
    # What a count counts ("houses"), or a symbol written after the number ("km").
    unit: str = ""
    symbol: str = ""
    since: bool = False  # summed from the first year with data, not the year's own
    results: bool = False  # from yearly results: no card while a year has none
    standard: bool = False  # counted under a poverty standard, named in the note

    def value(self, source):
        return self.read(source)

    @property
    def unit_text(self) -> str:
        return str(self.symbol or self.unit or self.column.unit)

    def text(self, source) -> str:
        """The value as a card writes it: "2,1 tỷ đồng", "12,3%", "1,25 km"."""
        value = self.value(source)
        kind = self.column.kind
        if kind == "money":
            return formatting.money_short(value)
        if kind == "percent":
            return formatting.percent(value)
        if value is None:
            return "–"
        text = (
            formatting.decimal_vi(value, 2)
            if kind == "decimal"
            else formatting.group_digits(value)
        )
        return f"{text} {self.symbol}" if self.symbol else text

    def span(self, source) -> tuple[int, int]:
        """(first year, last year) the value sums: one year unless `since`."""
        first = getattr(source, "first_year", None) if self.since else None
        return (first or source.year, source.year)

    def period(self, source) -> str:
        first, last = self.span(source)
        if first < last:
            return _("%(first)s–%(last)s") % {"first": first, "last": last}
        return _("in %(year)s") % {"year": last}

    def note(self, source) -> str:
        if not self.standard:
            return ""
        codes = [s.label for s in source.standards]
        if source.results.standard_missing:
            codes.append(str(selectors.NO_STANDARD))
        return _("Standard: %(standard)s") % {"standard": ", ".join(codes)}

    def card(self, source) -> FigureCard:
        return FigureCard(
            self.key,
            str(self.label),
            self.text(source),
            self.period(source),
            self.note(source),
        )


def _fund(name: str, *, since: bool = False) -> Callable:
    def read(overview):
        totals = overview.fund_cumulative if since else overview.fund_year
        return getattr(totals, name)

    return read


def _results(name: str) -> Callable:
    return lambda overview: getattr(overview.results, name)


RAISED = gettext_lazy("Money raised for the poverty fund")
BUILT = gettext_lazy("Great-solidarity houses built")
REPAIRED = gettext_lazy("Houses repaired")
ROADS = gettext_lazy("Concrete roads built")
HOUSES = gettext_lazy("houses")
# A sum since the first year gets its own title: two cards of one page never share one.
RAISED_SINCE = gettext_lazy("Money raised for the poverty fund, cumulative")
BUILT_SINCE = gettext_lazy("Great-solidarity houses built, cumulative")
REPAIRED_SINCE = gettext_lazy("Houses repaired, cumulative")
ROADS_SINCE = gettext_lazy("Concrete roads built, cumulative")

# Read from `city_overview(year=, ward=)`, in the order of the `tong-quan` dataset.
OVERVIEW = (
    Figure("raised", RAISED, C_RAISED, _fund("raised")),
    Figure(
        "raised_since", RAISED_SINCE, C_RAISED, _fund("raised", since=True), since=True
    ),
    Figure(
        "spent",
        gettext_lazy("Money spent by the poverty fund"),
        C_SPENT,
        _fund("spent"),
    ),
    Figure("in_kind", gettext_lazy("Value in kind"), C_IN_KIND, _fund("in_kind")),
    Figure(
        "donations",
        gettext_lazy("Donations"),
        C_DONATIONS,
        _fund("donations"),
        unit=gettext_lazy("donations"),
    ),
    Figure(
        "supports",
        gettext_lazy("Supports"),
        C_SUPPORTS,
        _fund("supports"),
        unit=gettext_lazy("supports"),
    ),
    Figure("houses_built", BUILT, C_BUILT, _fund("houses_built"), unit=HOUSES),
    Figure(
        "houses_built_since",
        BUILT_SINCE,
        C_BUILT,
        _fund("houses_built", since=True),
        unit=HOUSES,
        since=True,
    ),
    Figure(
        "houses_repaired", REPAIRED, C_REPAIRED, _fund("houses_repaired"), unit=HOUSES
    ),
    Figure(
        "houses_repaired_since",
        REPAIRED_SINCE,
        C_REPAIRED,
        _fund("houses_repaired", since=True),
        unit=HOUSES,
        since=True,
    ),
    Figure(
        "areas",
        gettext_lazy("Residential areas reporting"),
        C_AREAS,
        _results("areas"),
        unit=gettext_lazy("areas"),
        results=True,
    ),
    Figure(
        "households",
        gettext_lazy("Households"),
        C_HOUSEHOLDS,
        _results("households"),
        unit=gettext_lazy("households"),
        results=True,
    ),
    Figure(
        "cultural_family_rate",
        gettext_lazy('Families recognised as "Gia đình văn hóa"'),
        C_CULTURAL_RATE,
        _results("cultural_family_rate"),
        results=True,
    ),
    Figure(
        "cultural_title_share",
        gettext_lazy("Residential areas holding the cultural title"),
        C_TITLE_SHARE,
        _results("cultural_title_share"),
        results=True,
    ),
    Figure(
        "poor_rate",
        gettext_lazy("Poor households"),
        C_POOR_RATE,
        _results("poor_rate"),
        results=True,
        standard=True,
    ),
    Figure(
        "near_poor_rate",
        gettext_lazy("Near-poor households"),
        C_NEAR_POOR_RATE,
        _results("near_poor_rate"),
        results=True,
        standard=True,
    ),
    Figure(
        "festival_share",
        gettext_lazy("Residential areas that held the Great Solidarity Festival"),
        C_FESTIVAL_SHARE,
        _results("festival_share"),
        results=True,
    ),
    Figure("roads_km", ROADS, C_ROADS, lambda o: o.roads_km_year, symbol="km"),
    Figure(
        "roads_km_since",
        ROADS_SINCE,
        C_ROADS,
        lambda o: o.roads_km_cumulative,
        symbol="km",
        since=True,
    ),
)

# Read from `community_works_summary(year=, ward=)`.
WORKS = (
    Figure(
        "works_roads_km",
        gettext_lazy("Concrete roads"),
        C_ROADS,
        lambda s: s.roads_km,
        symbol="km",
    ),
    Figure(
        "works_cultural_houses",
        gettext_lazy("Cultural houses"),
        C_CULTURAL_HOUSES,
        lambda s: s.cultural_houses,
    ),
    Figure(
        "works_people_money",
        gettext_lazy("People's money"),
        C_PEOPLE_MONEY,
        lambda s: s.total.people_money,
    ),
    Figure(
        "works_labour_days",
        gettext_lazy("Labour days"),
        C_LABOUR_DAYS,
        lambda s: s.total.labour_days,
    ),
    Figure(
        "works_land_donated",
        gettext_lazy("Land donated"),
        C_LAND,
        lambda s: s.total.land_donated_m2,
        symbol="m²",
    ),
)

FIGURES: dict[str, Figure] = {figure.key: figure for figure in OVERVIEW + WORKS}

# The cards of each page, by key.
OVERVIEW_CARDS = (
    "raised",
    "raised_since",
    "houses_built",
    "houses_built_since",
    "houses_repaired",
    "houses_repaired_since",
    "cultural_family_rate",
    "cultural_title_share",
    "poor_rate",
    "near_poor_rate",
    "festival_share",
    "roads_km",
    "roads_km_since",
)
FUND_CARDS = (
    "raised",
    "raised_since",
    "houses_built",
    "houses_built_since",
    "houses_repaired",
    "houses_repaired_since",
)
WORKS_CARDS = tuple(figure.key for figure in WORKS)


def cards(source, keys) -> list[FigureCard]:
    """The cards of figures `keys` for a selector's result; results need results."""
    has_results = getattr(getattr(source, "results", None), "has_data", True)
    return [
        FIGURES[key].card(source)
        for key in keys
        if has_results or not FIGURES[key].results
    ]
