"""The consistency warnings of a year's results (selectors/checks.py): each rule,
the same rules counted per ward, and the gate."""

from django.test import TestCase, override_settings

from campaigns.models import Goal, GoalResult
from campaigns.models.choices import WorkflowStatusChoices as Status
from campaigns.selectors.checks import (
    cultural_target,
    warning_counts_by_ward,
    warnings_by_area,
)

from .. import factories as f
from ..accounts import make_user

# 2024 and 2025 are both counted under NĐ 07/2021: poverty shares compare.
YEAR = 2025


class ChecksTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.ward = f.WardFactory()
        cls.city = make_user("city", "city_staff")
        cls.goals = {goal.number: goal for goal in Goal.for_year(YEAR)}

    def result(self, year=YEAR, area=None, goals=(), **values):
        """A draft result of a fresh area (or `area`) with sound figures, `values`
        on top, and the goals `goals` marked achieved."""
        figures = {
            "households": 100,
            "cultural_families_registered": 98,
            "cultural_families_recognised": 95,
            "poor_households": 5,
            "near_poor_households": 4,
            "cultural_title": True,
            "festival_held": True,
            "festival_date": f"{year}-11-18",
            "committee_score": 85,
            **values,
        }
        area = area or f.ResidentialAreaFactory(ward=self.ward)
        result = f.AnnualResultFactory(
            residential_area=area, year=year, status=Status.DRAFT, **figures
        )
        GoalResult.objects.bulk_create(
            GoalResult(annual_result=result, goal=self.goals[number], achieved=True)
            for number in goals
        )
        return result

    def codes(self, result):
        found = warnings_by_area(ward=self.ward, year=result.year, user=self.city)
        return {check.code for check in found.get(result.residential_area_id, ())}

    def test_a_sound_result_has_no_warning(self):
        result = self.result(goals=(1, 4, 5, 10))
        self.result(year=YEAR - 1, area=result.residential_area)
        self.assertEqual(self.codes(result), set())

    def test_households_changing_more_than_the_setting(self):
        cases = {125: {"households_change"}, 119: set(), 79: {"households_change"}}
        for households, expected in cases.items():
            with self.subTest(households=households):
                result = self.result(
                    households=households,
                    cultural_families_registered=70,
                    cultural_families_recognised=65,
                )
                self.result(year=YEAR - 1, area=result.residential_area)
                self.assertEqual(self.codes(result), expected)
        result = self.result(households=125)
        self.result(year=YEAR - 1, area=result.residential_area)
        with override_settings(ENTRY_HOUSEHOLD_CHANGE_PERCENT=30):
            self.assertEqual(self.codes(result), set())

    def test_no_previous_year_no_household_warning(self):
        self.assertEqual(self.codes(self.result(households=500)), set())

    def test_poverty_goal_achieved_while_the_poor_share_rose(self):
        rose = self.result(goals=(1,), poor_households=8)
        self.result(year=YEAR - 1, area=rose.residential_area, poor_households=5)
        self.assertEqual(self.codes(rose), {"poverty_goal"})
        message = warnings_by_area(ward=self.ward, year=YEAR, user=self.city)[
            rose.residential_area_id
        ][0].message
        self.assertIn("5,0%", message)
        self.assertIn("8,0%", message)
        not_marked = self.result(poor_households=8)
        self.result(year=YEAR - 1, area=not_marked.residential_area)
        self.assertEqual(self.codes(not_marked), set())

    def test_poverty_shares_under_different_standards_do_not_compare(self):
        # 2022 is counted under NĐ 07/2021, 2021 under QĐ 59/2015.
        rose = self.result(year=2022, goals=(1,), poor_households=8)
        before = self.result(year=2021, area=rose.residential_area, poor_households=5)
        self.assertNotEqual(rose.poverty_standard_id, before.poverty_standard_id)
        self.assertEqual(self.codes(rose), set())

    def test_cultural_family_goal_below_its_target(self):
        self.assertEqual(cultural_target(YEAR), 90)
        below = self.result(goals=(4,), cultural_families_recognised=80)
        self.assertEqual(self.codes(below), {"cultural_goal"})
        self.assertEqual(self.codes(self.result(goals=(4,))), set())

    def test_title_goal_without_the_title(self):
        result = self.result(goals=(5,), cultural_title=False)
        self.assertEqual(self.codes(result), {"title_goal"})

    def test_committee_goal_without_festival_or_strong_grade(self):
        no_festival = self.result(goals=(10,), festival_held=False, festival_date=None)
        self.assertEqual(self.codes(no_festival), {"committee_goal_festival"})
        weak = self.result(goals=(10,), committee_score=70)
        self.assertEqual(self.codes(weak), {"committee_goal_score"})
        unscored = self.result(goals=(10,), committee_score=None)
        self.assertEqual(self.codes(unscored), set())

    def test_festival_held_without_a_date(self):
        result = self.result(festival_date=None)
        self.assertEqual(self.codes(result), {"festival_date"})

    def test_counts_per_ward_use_the_same_rules_and_the_gate(self):
        self.result(festival_date=None, goals=(5,), cultural_title=False)
        self.result(festival_date=None)
        self.result()
        other_ward = f.WardFactory()
        f.AnnualResultFactory(
            residential_area=f.ResidentialAreaFactory(ward=other_ward),
            year=YEAR,
            festival_date=None,
        )
        counts = warning_counts_by_ward(year=YEAR, user=self.city)
        self.assertEqual(counts[self.ward.pk], 3)
        self.assertEqual(counts[other_ward.pk], 1)
        staff = make_user("ward", "ward_staff", [other_ward])
        self.assertEqual(
            warning_counts_by_ward(year=YEAR, user=staff), {other_ward.pk: 1}
        )
        self.assertEqual(warnings_by_area(ward=self.ward, year=YEAR, user=staff), {})
