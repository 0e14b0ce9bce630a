"""What the year-end report's template is given: the selectors' figures, worded.

Every number is read from a selector (`campaigns.selectors`), the same ones the pages
and the workbook use; this module only formats them and says how each moved since the
year before. The template (report_template.py, or one city staff uploaded) holds the
wording around them.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from campaigns import selectors
from campaigns.documents.numbers import change, money, money_about, number, percent
from campaigns.documents.numbers import rate as rate_text

PLACE = "Bắc Kạn"


def unit_label(ward) -> str:
    """How the narrative names the unit: "phường Đức Xuân", or the whole territory."""
    if ward is None:
        return _("the whole territory")
    kind, _sep, rest = ward.name.partition(" ")
    return f"{kind.lower()} {rest}" if rest else ward.name


def _standard_label(overview, year: int) -> str:
    """The poverty standard(s) the year's results were counted under, named; "chuẩn
    nghèo chưa xác định" where none covers them."""
    labels = [s.label for s in overview.standards]
    if overview.results.standard_missing:
        labels.append(str(selectors.NO_STANDARD))
    if not labels:
        standard = selectors.standard_of_year(year)
        labels = [standard.label if standard else str(selectors.NO_STANDARD)]
    return ", ".join(labels)


def _figure(label, current, previous, previous_year, *, text=number, unit=""):
    def shown(value):
        if value is None:
            return "–"
        if unit and text is number:
            return f"{text(value)} {unit}"
        return text(value)

    return {
        "label": label,
        "value": shown(current),
        "previous": shown(previous),
        "change": change(current, previous, previous_year=previous_year, unit=unit),
    }


def _results(now, before, year, standard, standard_before):
    """Headline figures of the yearly results, each with its change."""
    prev = year - 1
    comparable = standard == standard_before
    not_comparable = _(
        "not comparable with %(year)s: counted under another poverty standard"
    ) % {"year": prev}
    r, p = now.results, before.results
    points = _("percentage points")
    households = pgettext("unit", "households")
    areas = pgettext("unit", "residential areas")
    figures = {
        "areas": _figure(
            _("Residential areas reporting"), r.areas, p.areas, prev, unit=areas
        ),
        "households": _figure(
            _("Households"), r.households, p.households, prev, unit=households
        ),
        "poor": _figure(
            _("Poor households"),
            r.poor_households,
            p.poor_households,
            prev,
            unit=households,
        ),
        "poor_rate": _figure(
            _("Poverty rate"), r.poor_rate, p.poor_rate, prev, text=percent, unit=points
        ),
        "near_poor": _figure(
            _("Near-poor households"),
            r.near_poor_households,
            p.near_poor_households,
            prev,
            unit=households,
        ),
        "near_poor_rate": _figure(
            _("Near-poor rate"),
            r.near_poor_rate,
            p.near_poor_rate,
            prev,
            text=percent,
            unit=points,
        ),
        "cultural_families": _figure(
            _("Families recognised as “Gia đình văn hóa”"),
            r.cultural_families_recognised,
            p.cultural_families_recognised,
            prev,
            unit=households,
        ),
        "cultural_family_rate": _figure(
            _("Share of cultural families"),
            r.cultural_family_rate,
            p.cultural_family_rate,
            prev,
            text=percent,
            unit=points,
        ),
        "cultural_areas": _figure(
            _("Residential areas holding the cultural title"),
            r.cultural_title_areas,
            p.cultural_title_areas,
            prev,
            unit=areas,
        ),
        "festival_areas": _figure(
            _("Residential areas that held the Great Solidarity Festival"),
            r.festival_areas,
            p.festival_areas,
            prev,
            unit=areas,
        ),
    }
    for key in ("poor", "poor_rate", "near_poor", "near_poor_rate"):
        if not comparable and figures[key]["change"]:
            figures[key]["change"] = not_comparable
    # The rates name the standard they were counted under, wherever they appear.
    for key, name in (("poor_rate", "poor_rate"), ("near_poor_rate", "near_poor_rate")):
        figures[key]["value"] = rate_text(getattr(r, name), standard)
        if p.has_data:
            figures[key]["previous"] = rate_text(getattr(p, name), standard_before)
    return figures


def _fund(totals, previous=None, previous_year=None):
    """A fund's totals, formatted; with the change when a previous year is given."""
    values = {
        "raised": money(totals.raised),
        "raised_about": money_about(totals.raised),
        "in_kind": money(totals.in_kind),
        "donations": number(totals.donations),
        "spent": money(totals.spent),
        "spent_about": money_about(totals.spent),
        "supports": number(totals.supports),
        "houses_built": number(totals.houses_built),
        "houses_repaired": number(totals.houses_repaired),
        "houses": number(totals.houses),
    }
    if previous is not None:
        dong = _("VND")
        values["raised_change"] = change(
            totals.raised, previous.raised, previous_year=previous_year, unit=dong
        )
        values["spent_change"] = change(
            totals.spent, previous.spent, previous_year=previous_year, unit=dong
        )
    return values


def _spending(rows):
    return [
        {
            "label": row.label,
            "supports": number(row.supports),
            "amount": money(row.amount),
            "houses_built": number(row.houses_built),
            "houses_repaired": number(row.houses_repaired),
        }
        for row in rows
    ]


def _works(summary, window):
    return {
        "kinds": [
            {
                "label": kind.label,
                "works": number(kind.totals.works),
                "length_m": number(kind.totals.length_m),
                "area_m2": number(kind.totals.area_m2),
                "people_money": money(kind.totals.people_money),
                "labour_days": number(kind.totals.labour_days),
                "land_donated_m2": number(kind.totals.land_donated_m2),
                "state_budget": money(kind.totals.state_budget),
            }
            for kind in summary.kinds
        ],
        "works": number(summary.total.works),
        "roads_km": number(summary.roads_km),
        "cultural_houses": number(summary.cultural_houses),
        "people_money": money(summary.total.people_money),
        "labour_days": number(summary.total.labour_days),
        "land_donated_m2": number(summary.total.land_donated_m2),
        "state_budget": money(summary.total.state_budget),
        "window_works": number(window.total.works),
        "window_roads_km": number(selectors.metres_to_km(window.roads_m)),
        "window_cultural_houses": number(window.cultural_houses),
        "window_people_money": money(window.total.people_money),
        "window_labour_days": number(window.total.labour_days),
    }


def _contents(year, ward, before):
    """The contents in force in `year`, each with its goals: areas achieving each,
    and the change in that number since the year before."""
    previous = {
        (content.number, goal.number): goal.achieved
        for content in before
        for goal in content.goals
    }
    return [
        {
            "number": content.number,
            "name": content.name,
            "short_name": content.short_name,
            "goals": [
                {
                    "number": goal.number,
                    "name": goal.name,
                    "achieved": number(goal.achieved),
                    "reporting": number(goal.reporting),
                    "share": percent(goal.share),
                    "change": change(
                        goal.achieved,
                        previous.get((content.number, goal.number)),
                        previous_year=year - 1,
                        unit=pgettext("unit", "residential areas"),
                    )
                    if goal.reporting
                    else "",
                }
                for goal in content.goals
            ],
        }
        for content in selectors.goal_achievement_by_content(year=year, ward=ward)
    ]


def _annex_units(year, ward, standard):
    """The annex's rows: one per unit in force (whole territory) or per area (a unit)."""
    if ward is None:
        return [
            {
                "name": row.ward.name,
                "households": number(row.results.households),
                "poor": number(row.results.poor_households),
                "poor_rate": percent(row.results.poor_rate),
                "cultural_family_rate": percent(row.results.cultural_family_rate),
                "raised": money(row.fund.raised),
                "spent": money(row.fund.spent),
            }
            for row in selectors.ward_summaries(year=year)
        ]
    return [
        {
            "name": row.name,
            "households": number(row.households),
            "poor": number(row.poor_households),
            "poor_rate": percent(row.poor_rate),
            "cultural_family_rate": percent(row.cultural_family_rate),
            "raised": "",
            "spent": "",
        }
        for row in selectors.area_summaries(year=year, ward=ward)
    ]


def report_context(*, year: int, first_year: int, ward=None) -> dict:
    """Everything the year-end report of `ward` (None: the whole territory) for `year`
    says, with the window `first_year`–`year` for the cumulative figures."""
    previous_year = year - 1
    now = selectors.city_overview(year=year, ward=ward)
    before = selectors.city_overview(year=previous_year, ward=ward)
    standard = _standard_label(now, year)
    standard_before = _standard_label(before, previous_year)
    issuer = selectors.report_issuer(year=year, ward=ward)
    campaign = selectors.campaign_year(year=year)
    commendations = selectors.commendations_by_level(year=year, ward=ward)
    stories = selectors.story_page(number=1, ward=ward, year=year)
    window = {"first_year": first_year, "last_year": year, "ward": ward}
    results = _results(now, before, year, standard, standard_before)
    return {
        "year": year,
        "previous_year": previous_year,
        "first_year": first_year,
        "window_label": f"{first_year}–{year}",
        # Counted as the campaign counts "15 năm" from 2010 to 2025.
        "window_years": max(year - first_year, 1),
        "place": PLACE,
        "issuer": issuer.name or _("Vietnam Fatherland Front Committee"),
        "issuer_parent": issuer.parent_name,
        "unit": unit_label(ward),
        "is_whole_territory": ward is None,
        "campaign": campaign.label,
        "standard": standard,
        "results": results,
        "result_rows": list(results.values()),
        "contents": _contents(
            year,
            ward,
            selectors.goal_achievement_by_content(year=previous_year, ward=ward),
        ),
        "fund": _fund(now.fund_year, before.fund_year, previous_year),
        "fund_window": _fund(selectors.fund_over_years(**window)),
        "spending": _spending(
            selectors.fund_spending_by_category(year=year, ward=ward)
        ),
        "spending_window": _spending(
            selectors.fund_spending_by_category_over_years(**window)
        ),
        "works": _works(
            selectors.community_works_summary(year=year, ward=ward),
            selectors.community_works_over_years(**window),
        ),
        "commendations": [
            {"level": c.level_label, "kind": c.kind_label, "count": number(c.count)}
            for c in commendations
        ],
        # Good examples of the year (the first page of them, and how many in all).
        "stories_count": number(stories.count),
        "stories": [
            {
                "title": story.title,
                "kind": str(story.kind_label),
                "place": ", ".join(filter(None, (story.area_name, story.ward_name))),
            }
            for story in stories.items
        ],
        "annex_rows": _annex_units(year, ward, standard),
        "annex_by_unit": ward is None,
    }
