"""Yearly results of residential areas, with their ten goals as columns."""

from django.db.models import Case, IntegerField, Max, When
from django.db.models.functions import Cast
from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy

from campaigns.models import MAX_YEAR, MIN_YEAR, AnnualResult, GoalResult
from campaigns.spreadsheets.bulk import insert_rows_with_history
from campaigns.spreadsheets.columns import Col, ResidentialAreaWidget
from campaigns.spreadsheets.importing import CampaignResource
from campaigns.spreadsheets.resources.common import (
    GOAL_NUMBERS,
    PovertyStandardWidget,
    status_column,
    ward_columns,
)
from campaigns.spreadsheets.widgets import (
    CountWidget,
    DateWidget,
    YearWidget,
    YesNoWidget,
)

# --- Yearly results ------------------------------------------------------------------------


def _goal_column(number):
    return Col(
        f"goal_{number}",
        format_lazy("{} {}", pgettext_lazy("column", "Goal"), number),
        YesNoWidget(
            yes=pgettext_lazy("column", "Achieved"),
            no=pgettext_lazy("column", "Not achieved"),
            empty=None,
        ),
        saves_null_values=False,
    )


class AnnualResultResource(CampaignResource):
    also_written = (GoalResult,)
    year = Col("year", pgettext_lazy("column", "Year"), YearWidget(), required=True)
    ward, ward_name = ward_columns(
        "residential_area__ward__code", "residential_area__ward__name", readonly=True
    )
    residential_area = Col(
        "residential_area",
        pgettext_lazy("column", "Residential area"),
        ResidentialAreaWidget(),
        path="residential_area__name",
        required=True,
    )
    households = Col(
        "households",
        pgettext_lazy("column", "Households"),
        CountWidget(),
        required=True,
    )
    cultural_families_registered = Col(
        "cultural_families_registered",
        pgettext_lazy("column", "Families registered (cultural family)"),
        CountWidget(),
        required=True,
    )
    cultural_families_recognised = Col(
        "cultural_families_recognised",
        pgettext_lazy("column", "Families recognised (cultural family)"),
        CountWidget(),
        required=True,
    )
    cultural_families_three_years = Col(
        "cultural_families_three_years",
        pgettext_lazy("column", "Families recognised three years running"),
        CountWidget(),
    )
    cultural_title = Col(
        "cultural_title",
        pgettext_lazy("column", "Cultural residential area title"),
        YesNoWidget(),
        default=False,
    )
    cultural_title_year = Col(
        "cultural_title_year",
        pgettext_lazy("column", "Year the title was recognised"),
        YearWidget(),
    )
    poverty_standard = Col(
        "poverty_standard",
        pgettext_lazy("column", "Poverty standard"),
        PovertyStandardWidget(),
        path="poverty_standard__code",
    )
    poor_households = Col(
        "poor_households",
        pgettext_lazy("column", "Poor households"),
        CountWidget(),
        required=True,
    )
    near_poor_households = Col(
        "near_poor_households",
        pgettext_lazy("column", "Near-poor households"),
        CountWidget(),
        required=True,
    )
    newly_poor_households = Col(
        "newly_poor_households",
        pgettext_lazy("column", "Newly poor households"),
        CountWidget(),
        default=0,
    )
    festival_held = Col(
        "festival_held",
        pgettext_lazy("column", "Festival held"),
        YesNoWidget(),
        default=False,
    )
    festival_date = Col(
        "festival_date", pgettext_lazy("column", "Festival date"), DateWidget()
    )
    festival_participants = Col(
        "festival_participants",
        pgettext_lazy("column", "Festival participants"),
        CountWidget(),
    )
    festival_highlights = Col(
        "festival_highlights", pgettext_lazy("column", "Festival highlights")
    )
    civilised_weddings = Col(
        "civilised_weddings",
        pgettext_lazy("column", "Civilised weddings"),
        CountWidget(),
    )
    civilised_funerals = Col(
        "civilised_funerals",
        pgettext_lazy("column", "Civilised funerals"),
        CountWidget(),
    )
    civilised_festivals = Col(
        "civilised_festivals",
        pgettext_lazy("column", "Civilised festivals"),
        CountWidget(),
    )
    committee_score = Col(
        "committee_score", pgettext_lazy("column", "Committee score"), CountWidget()
    )
    note = Col("note", pgettext_lazy("column", "Note"))
    goal_1 = _goal_column(1)
    goal_2 = _goal_column(2)
    goal_3 = _goal_column(3)
    goal_4 = _goal_column(4)
    goal_5 = _goal_column(5)
    goal_6 = _goal_column(6)
    goal_7 = _goal_column(7)
    goal_8 = _goal_column(8)
    goal_9 = _goal_column(9)
    goal_10 = _goal_column(10)
    status = status_column()

    day_fields = ("year",)
    existing_related = ("residential_area__ward", "poverty_standard")
    error_columns = {"residential_area": "residential_area"}
    constraint_checks = {
        "annual_result_year_range": (
            lambda o: MIN_YEAR <= o.year <= MAX_YEAR,
            "year",
        ),
        "annual_result_cultural_families_valid": (
            lambda o: (
                o.cultural_families_recognised
                <= o.cultural_families_registered
                <= o.households
            ),
            "cultural_families_recognised",
        ),
        "annual_result_three_years_within_recognised": (
            lambda o: (
                o.cultural_families_three_years is None
                or o.cultural_families_three_years <= o.cultural_families_recognised
            ),
            "cultural_families_three_years",
        ),
        "annual_result_poverty_within_households": (
            lambda o: o.poor_households + o.near_poor_households <= o.households,
            "near_poor_households",
        ),
        "annual_result_newly_poor_within_poor": (
            lambda o: o.newly_poor_households <= o.poor_households,
            "newly_poor_households",
        ),
        "annual_result_committee_score_range": (
            lambda o: o.committee_score is None or o.committee_score <= 100,
            "committee_score",
        ),
        **{
            f"annual_result_{name}_within_households": (
                lambda o, name=name: (
                    getattr(o, name) is None or getattr(o, name) <= o.households
                ),
                name,
            )
            for name in (
                "civilised_weddings",
                "civilised_funerals",
                "civilised_festivals",
            )
        },
        "annual_result_title_year_not_future": (
            lambda o: o.cultural_title_year is None or o.cultural_title_year <= o.year,
            "cultural_title_year",
        ),
    }

    class Meta(CampaignResource.Meta):
        model = AnnualResult
        fields = (
            "year",
            "ward",
            "ward_name",
            "residential_area",
            "households",
            "cultural_families_registered",
            "cultural_families_recognised",
            "cultural_families_three_years",
            "cultural_title",
            "cultural_title_year",
            "poverty_standard",
            "poor_households",
            "near_poor_households",
            "newly_poor_households",
            "festival_held",
            "festival_date",
            "festival_participants",
            "festival_highlights",
            "civilised_weddings",
            "civilised_funerals",
            "civilised_festivals",
            "committee_score",
            "note",
            *(f"goal_{n}" for n in GOAL_NUMBERS),
            "status",
        )
        import_id_fields = ("residential_area", "year")

    def existing_queryset(self, rows):
        keys = [key for key in self.row_keys if key is not None]
        years = {year for _area, year in keys}
        # By the rows' wards (hundreds) rather than their areas (ten thousand
        # parameters to bind); rows of other areas are loaded but never matched.
        return (
            self.import_rows()
            .filter(residential_area__ward_id__in=self.ward_ids, year__in=years)
            .select_related(*self.existing_related)
        )

    def load_existing(self, rows):
        found = super().load_existing(rows)
        by_id = {i.pk: i for instances in found.values() for i in instances}
        for instance in by_id.values():
            instance.goal_objects = {}
            for number in GOAL_NUMBERS:
                setattr(instance, f"goal_{number}", None)
        goal_numbers = {pk: goal.number for pk, goal in self.keys.goals_by_pk.items()}
        # Ids and values only: turning 100,000 goal results into objects costs seconds.
        goal_rows = (
            self.import_rows(GoalResult)
            .filter(annual_result_id__in=list(by_id))
            .order_by()
            .values_list("annual_result_id", "goal_id", "achieved", "pk")
        )
        for result_id, goal_id, achieved, pk in goal_rows:
            number = goal_numbers[goal_id]
            by_id[result_id].goal_objects[number] = (pk, achieved)
            setattr(by_id[result_id], f"goal_{number}", achieved)
        return found

    def init_instance(self, row=None):
        instance = super().init_instance(row)
        instance.goal_objects = {}
        return instance

    def after_fields(self, instance, row, errors):
        if instance.year and not instance.poverty_standard_id:
            standard = self.keys.standard_for_year(instance.year)
            if standard is not None:
                instance.poverty_standard = standard

    def after_bulk_save(self, instances, *, created):
        from simple_history.utils import (
            bulk_update_with_history,
        )

        to_create, to_update = [], []
        goals = [(number, f"goal_{number}") for number in GOAL_NUMBERS]
        now = self.now
        # {year: {number: goal pk}}: 10,000 results share a few years.
        goal_ids: dict[int, dict] = {}
        for instance in instances:
            result_id, year = instance.pk, instance.year
            ids = goal_ids.get(year)
            if ids is None:
                ids = goal_ids[year] = {}
            existing_goals = instance.goal_objects
            # goal_N are plain attributes set by the import, not model fields.
            values = instance.__dict__
            for number, attribute in goals:
                achieved = values.get(attribute)
                if achieved is None:
                    continue
                existing = existing_goals.get(number)
                if existing is None:
                    goal_id = ids.get(number)
                    if goal_id is None:
                        goal_id = ids[number] = self.keys.goal(number, year).pk
                    to_create.append(
                        {
                            "annual_result_id": result_id,
                            "goal_id": goal_id,
                            "achieved": achieved,
                        }
                    )
                elif existing[1] != achieved:
                    to_update.append((existing[0], achieved))
        options = {
            "batch_size": 2000,
            "default_user": self.history_user(),
            "default_change_reason": self.change_reason(),
            "default_date": self.now,
        }
        if to_create:
            insert_rows_with_history(
                GoalResult,
                to_create,
                user=self.history_user(),
                reason=self.change_reason(),
                when=self.now,
                return_pks=False,
                same={"value": None, "note": "", "created_at": now, "updated_at": now},
            )
        if to_update:
            achieved = dict(to_update)
            changed = list(self.import_rows(GoalResult).filter(pk__in=list(achieved)))
            for goal_result in changed:
                goal_result.achieved = achieved[goal_result.pk]
                goal_result.updated_at = self.now
            bulk_update_with_history(
                changed, GoalResult, ["achieved", "updated_at"], **options
            )

    def export_queryset(self, queryset):
        # By number: each result's goals are those of the set in force in its year.
        return queryset.annotate(
            **{
                f"goal_{number}": Max(
                    Case(
                        When(
                            goal_results__goal__number=number,
                            then=Cast("goal_results__achieved", IntegerField()),
                        )
                    )
                )
                for number in GOAL_NUMBERS
            }
        )
