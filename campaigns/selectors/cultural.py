"""Cultural families, the residential areas' cultural title, the titles of wards and
communes, and the civilised way of life, from approved yearly results (AnnualResult).

Which ward or commune was awarded its own title is not stored on the portal: the
unit rows name the title its kind could hold under the decree in force that year
(`TitleDefinition`), never whether it was awarded.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from campaigns.cache import cached
from campaigns.models import Ward
from campaigns.models.summaries import ResultSummary
from campaigns.models.units import natural_order
from campaigns.selectors import pages
from campaigns.selectors.base import _aggregate, _grouped, _key, _sum, share
from campaigns.selectors.catalogue import TitleRef, titles_for
from campaigns.selectors.pages import Page, _page_bounds
from campaigns.selectors.sources import _result_summary, _results
from campaigns.selectors.units import WardRef, _in_map, _units_and_map

CIVILISED = ("civilised_weddings", "civilised_funerals", "civilised_festivals")
# Read from the result summaries (a year's 100,000 results at nation scale are a few
# rows there); `services/summaries.py` defines each column from the approved results
# (the civilised figures come together: `civilised_reporting` counts the areas that
# counted their weddings).
CULTURAL_SUMMED = {
    "reporting": _sum("areas"),
    "households": _sum("households"),
    "registered": _sum("cultural_families_registered"),
    "recognised": _sum("cultural_families_recognised"),
    "three_years": _sum("cultural_families_three_years"),
    "title_areas": _sum("cultural_title_areas"),
    **{name: _sum(name) for name in CIVILISED},
    "civilised_reporting": _sum("civilised_reporting"),
}
SUMMED = tuple(CULTURAL_SUMMED)


@dataclass(frozen=True)
class CulturalTotals:
    """Approved yearly results of `reporting` areas: families registered and
    recognised, recognised three years running, areas holding the title, and
    weddings, funerals and festivals held the civilised way."""

    reporting: int = 0
    households: int = 0
    registered: int = 0
    recognised: int = 0
    three_years: int = 0
    title_areas: int = 0
    civilised_weddings: int = 0
    civilised_funerals: int = 0
    civilised_festivals: int = 0
    civilised_reporting: int = 0

    @property
    def recognised_rate(self):
        return share(self.recognised, self.households)

    @property
    def registered_rate(self):
        return share(self.registered, self.households)

    @property
    def title_share(self):
        return share(self.title_areas, self.reporting)

    @property
    def has_data(self) -> bool:
        return self.reporting > 0


def _totals(row: dict) -> CulturalTotals:
    return CulturalTotals(**{name: row.get(name, 0) for name in SUMMED})


@dataclass(frozen=True)
class WardCultural:
    ward: WardRef
    totals: CulturalTotals
    # The title a unit of this kind could hold in the year (None: no title defined).
    title: TitleRef | None


@dataclass(frozen=True)
class CulturalYear:
    year: int
    totals: CulturalTotals


@dataclass(frozen=True)
class AreaCultural:
    """One area's cultural and civilised-lifestyle figures of a year."""

    year: int
    area_slug: str
    area_name: str
    ward_name: str
    households: int
    recognised: int
    three_years: int | None
    cultural_title: bool
    civilised_weddings: int | None
    civilised_funerals: int | None
    civilised_festivals: int | None

    @property
    def recognised_rate(self):
        return share(self.recognised, self.households)


def cultural_summary(*, year: int, ward: Ward | None = None) -> CulturalTotals:
    """The year's cultural-family, title and civilised-lifestyle figures."""

    def compute():
        return _totals(
            _aggregate(_result_summary(year=year, ward=ward), **CULTURAL_SUMMED)
        )

    return cached("cultural-summary", year, _key(ward), compute=compute)


def cultural_by_ward(*, year: int, page: int | None = None) -> tuple[WardCultural, ...]:
    """The year's figures per unit in force, with the title each unit's kind could hold."""

    def compute():
        units, unit_of = _units_and_map(year, page)
        sums: dict[int, dict] = defaultdict(lambda: defaultdict(int))
        rows = ResultSummary.objects.filter(year=year, ward__isnull=False)
        grouped = _grouped(_in_map(rows, unit_of, page), "ward", **CULTURAL_SUMMED)
        for row in grouped:
            unit = unit_of.get(row["ward"])
            if unit is not None:
                for name in SUMMED:
                    sums[unit][name] += row[name]
        titles = {
            kind: titles_for(years=[year], holder=kind).get(year)
            for kind in {ref.kind for ref in units}
        }
        return tuple(
            WardCultural(
                ward=ref, totals=_totals(sums[ref.pk]), title=titles.get(ref.kind)
            )
            for ref in units
        )

    return cached("cultural-by-ward", year, page, compute=compute)


def cultural_by_year(*, ward: Ward | None = None) -> tuple[CulturalYear, ...]:
    """The figures per year with approved results (city or one unit), ascending."""

    def compute():
        rows = _grouped(
            _result_summary(ward=ward), "year", order=("year",), **CULTURAL_SUMMED
        )
        return tuple(
            CulturalYear(year=row["year"], totals=_totals(row)) for row in rows
        )

    return cached("cultural-by-year", _key(ward), compute=compute)


AREA_FIELDS = (
    "year",
    "residential_area__slug",
    "residential_area__name",
    "residential_area__ward__name",
    "households",
    "cultural_families_recognised",
    "cultural_families_three_years",
    "cultural_title",
    *CIVILISED,
)


def _area_cultural(row: dict) -> AreaCultural:
    return AreaCultural(
        year=row["year"],
        area_slug=row["residential_area__slug"],
        area_name=row["residential_area__name"],
        ward_name=row["residential_area__ward__name"],
        households=row["households"],
        recognised=row["cultural_families_recognised"],
        three_years=row["cultural_families_three_years"],
        cultural_title=row["cultural_title"],
        **{name: row[name] for name in CIVILISED},
    )


def cultural_areas(
    *, year: int, ward: Ward | None = None, page: int | None = None
) -> Page:
    """Each area's figures of `year` (approved results); `page=None` gives every row."""

    def compute():
        rows = _results(year=year, ward=ward).order_by(
            "residential_area__ward__code", *natural_order("residential_area__")
        )
        # The summaries count the same rows without reading a year's results.
        count = _aggregate(_result_summary(year=year, ward=ward), n=_sum("areas"))["n"]
        if page is None:
            items = tuple(map(_area_cultural, rows.values(*AREA_FIELDS)))
            return Page(number=1, count=count, items=items, size=max(count, 1))
        start, end = _page_bounds(page, count)
        items = tuple(map(_area_cultural, rows.values(*AREA_FIELDS)[start:end]))
        return Page(number=page, count=count, items=items, size=pages.PAGE_SIZE)

    return cached("cultural-areas", year, _key(ward), page, compute=compute)


def area_cultural_by_year(*, area) -> tuple[AreaCultural, ...]:
    """One approved area's figures of every year with an approved result, newest first."""

    def compute():
        rows = (
            _results()
            .filter(residential_area_id=area.pk)
            .order_by("-year")
            .values(*AREA_FIELDS)
        )
        return tuple(map(_area_cultural, rows))

    return cached("area-cultural", area.pk, compute=compute)
