"""Columns shared by several datasets (the data dictionary's vocabulary)."""

from django.utils.translation import gettext_lazy

from campaigns.public.datasets.base import Column

C_YEAR = Column("year", gettext_lazy("Year"), "year")
C_UNIT = Column("unit", gettext_lazy("Ward or commune"), "text")
C_AREA = Column("area", gettext_lazy("Residential area"), "text")
C_STANDARD = Column(
    "standard",
    gettext_lazy("Poverty standard"),
    "text",
    gettext_lazy(
        "The legal document whose poverty line the households were counted under."
    ),
)
C_AREAS = Column(
    "areas",
    gettext_lazy("Residential areas reporting"),
    "int",
    gettext_lazy("Approved yearly results."),
)
C_HOUSEHOLDS = Column("households", gettext_lazy("Households"))
C_CULTURAL_RATE = Column(
    "cultural_family_rate",
    gettext_lazy("Cultural families"),
    "percent",
    gettext_lazy('Families recognised as "Gia đình văn hóa" ÷ households.'),
)
C_TITLE_NAME = Column(
    "title_name",
    gettext_lazy("Title held"),
    "text",
    gettext_lazy(
        "The title under the decree in force that year, by kind of area "
        "(Thôn văn hóa, Tổ dân phố văn hóa)."
    ),
)


def title_name(titles: dict, year: int, held: bool) -> str:
    """The title an area holds in `year` under the decree then in force ("Thôn văn
    hóa", "Tổ dân phố văn hóa", from `titles` of its kind), empty when not held."""
    title = titles.get(year) if held else None
    return title.label if title is not None else ""


C_TITLE_SHARE = Column(
    "cultural_title_share",
    gettext_lazy("Areas with the cultural title"),
    "percent",
    gettext_lazy(
        "Residential areas holding the cultural residential area title ÷ areas."
    ),
)
C_POOR_RATE = Column(
    "poor_rate",
    gettext_lazy("Poor households"),
    "percent",
    gettext_lazy("Poor households ÷ households."),
)
C_NEAR_POOR_RATE = Column(
    "near_poor_rate",
    gettext_lazy("Near-poor households"),
    "percent",
    gettext_lazy("Near-poor households ÷ households."),
)
C_FESTIVAL_SHARE = Column(
    "festival_share",
    gettext_lazy("Areas that held the festival"),
    "percent",
    gettext_lazy("Residential areas that held the Great Solidarity Festival ÷ areas."),
)
C_RAISED = Column(
    "raised",
    gettext_lazy("Money raised"),
    "money",
    gettext_lazy('Approved cash donations to the "Vì người nghèo" fund.'),
)
C_IN_KIND = Column(
    "in_kind",
    gettext_lazy("Donations in kind"),
    "money",
    gettext_lazy("Value of goods donated."),
)
C_DONATIONS = Column(
    "donations", gettext_lazy("Donations"), "int", gettext_lazy("Number of receipts.")
)
C_SPENT = Column(
    "spent",
    gettext_lazy("Money spent"),
    "money",
    gettext_lazy("Approved supports paid from the fund."),
)
C_SUPPORTS = Column(
    "supports", gettext_lazy("Supports"), "int", gettext_lazy("Number of supports.")
)
C_BUILT = Column(
    "houses_built",
    gettext_lazy("Houses built"),
    "int",
    gettext_lazy("New great-solidarity houses."),
)
C_REPAIRED = Column("houses_repaired", gettext_lazy("Houses repaired"), "int")
C_ROADS = Column(
    "roads_km",
    gettext_lazy("Concrete roads (km)"),
    "decimal",
    gettext_lazy("Length of roads completed."),
)
C_REPORTING = Column(
    "reporting",
    gettext_lazy("Areas reporting"),
    "int",
    gettext_lazy("Areas with an approved result."),
)
C_ACHIEVED = Column("achieved", gettext_lazy("Areas achieving"), "int")
C_SHARE = Column(
    "share",
    gettext_lazy("Share achieving"),
    "percent",
    gettext_lazy("Areas achieving the goal ÷ areas reporting."),
)
C_GOAL = Column(
    "goal", gettext_lazy("Goal"), "int", gettext_lazy("Number of the goal (1–10).")
)
C_GOAL_NAME = Column("goal_name", gettext_lazy("Goal wording"), "text")

# The GSO code: for machines joining tables, so in downloads and the API only.
C_UNIT_CODE = Column("code", gettext_lazy("Unit code"), "text", on_page=False)
C_MONEY_VALUE = Column("value", gettext_lazy("Value"), "number")

C_WORKS = Column("works", gettext_lazy("Works"), "int")
C_LENGTH = Column("length_km", gettext_lazy("Length (km)"), "decimal")
C_FLOOR_AREA = Column("area_m2", gettext_lazy("Floor area (m²)"), "int")
C_PEOPLE_MONEY = Column(
    "people_money",
    gettext_lazy("People's money"),
    "money",
    gettext_lazy("Money contributed by the people."),
)
C_LABOUR_DAYS = Column(
    "labour_days",
    gettext_lazy("Labour days"),
    "int",
    gettext_lazy("Days of work contributed."),
)
C_LAND = Column("land_donated_m2", gettext_lazy("Land donated (m²)"), "int")
C_CULTURAL_HOUSES = Column("cultural_houses", gettext_lazy("Cultural houses"), "int")
WORK_COLUMNS = (
    C_WORKS,
    C_LENGTH,
    C_FLOOR_AREA,
    C_PEOPLE_MONEY,
    C_LABOUR_DAYS,
    C_LAND,
    Column("state_budget", gettext_lazy("State budget"), "money"),
    Column("other_funding", gettext_lazy("Other funding"), "money"),
)
# The Front committee(s) that approved the row's figures (selectors.approving_body).
C_APPROVED_BY = Column(
    "approved_by",
    gettext_lazy("Approved by"),
    "text",
    gettext_lazy("The Front committee that approved the figures of the unit and year."),
)
