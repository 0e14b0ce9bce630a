"""The data-entry screen at two ward sizes (issue 17): loading it and saving the whole
grid cost the same number of queries for 3 areas as for 12, and a batched save still
writes the history, refreshes the summaries and bumps the cache generation once."""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from campaigns.cache import bump_generation
from campaigns.models import AnnualResult, Goal, GoalResult
from campaigns.models.choices import WorkflowStatusChoices as Status
from campaigns.models.summaries import GoalSummary, ResultSummary
from campaigns.services.summaries import summaries_refresh

from .. import factories as f
from ..accounts import make_user
from .test_entry import YEAR, entry_url, row_data


class EntryAtTwoSizesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.goals = list(Goal.for_year(YEAR))
        cls.wards = {size: cls.ward_of(size) for size in (3, 12)}
        cls.users = {
            size: make_user(f"ward-{size}", "ward_staff", [ward])
            for size, ward in cls.wards.items()
        }

    @classmethod
    def ward_of(cls, size):
        """`size` areas with last year's results; this year's: a third not entered,
        the others drafts, half of those with their goal results."""
        ward = f.WardFactory()
        for n in range(size):
            area = f.ResidentialAreaFactory(ward=ward)
            f.AnnualResultFactory(residential_area=area, year=YEAR - 1)
            if n % 3 == 0:
                continue
            result = f.AnnualResultFactory(
                residential_area=area, year=YEAR, status=Status.DRAFT
            )
            if n % 2:
                GoalResult.objects.bulk_create(
                    GoalResult(annual_result=result, goal=goal) for goal in cls.goals
                )
        return ward

    def count(self, size, data=None):
        ward = self.wards[size]
        self.client.force_login(self.users[size])
        self.client.get(entry_url(ward))  # the session and caches warm
        with CaptureQueriesContext(connection) as captured:
            if data is None:
                response = self.client.get(entry_url(ward))
            else:
                response = self.client.post(entry_url(ward), data)
        self.assertEqual(response.status_code, 302 if data else 200)
        return len(captured)

    def whole_grid(self, size):
        """Every row changed: new figures, goals 1 and 4 ticked, the others not."""
        data = {"save": "1"}
        for n, area in enumerate(self.wards[size].residential_areas.all()):
            data |= row_data(area, goals=(1, 4), households=str(300 + n))
        return data

    def test_load_queries_do_not_grow_with_the_ward(self):
        small, large = self.count(3), self.count(12)
        self.assertEqual(small, large)
        self.assertLess(large, 30)

    def test_save_queries_do_not_grow_with_the_ward(self):
        small = self.count(3, self.whole_grid(3))
        large = self.count(12, self.whole_grid(12))
        self.assertEqual(small, large)
        self.assertLess(large, 40)
        results = AnnualResult.objects.filter(
            year=YEAR, residential_area__ward=self.wards[12]
        )
        self.assertEqual(results.count(), 12)
        self.assertEqual(
            sorted(results.values_list("households", flat=True)),
            list(range(300, 312)),
        )
        achieved = GoalResult.objects.filter(annual_result__in=results, achieved=True)
        self.assertEqual(
            sorted(set(achieved.values_list("goal__number", flat=True))), [1, 4]
        )
        self.assertEqual(achieved.count(), 24)


class BatchedSaveTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.ward = f.WardFactory()
        cls.areas = [f.ResidentialAreaFactory(ward=cls.ward) for _ in range(3)]
        cls.published = f.AnnualResultFactory(residential_area=cls.areas[0], year=YEAR)
        cls.draft = f.AnnualResultFactory(
            residential_area=cls.areas[1], year=YEAR, status=Status.DRAFT
        )
        cls.city = make_user("city", "city_staff")
        summaries_refresh(ward_ids={cls.ward.pk}, years={YEAR})

    def test_history_summaries_and_one_generation_bump(self):
        self.client.force_login(self.city)
        data = {"save": "1"}
        data |= row_data(self.areas[0], goals=(2,), households="260")
        data |= row_data(self.areas[1], households="140")
        data |= row_data(self.areas[2], goals=(3,))
        with self.captureOnCommitCallbacks() as callbacks:
            response = self.client.post(entry_url(self.ward), data)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            [callback for callback in callbacks if callback is bump_generation],
            [bump_generation],
        )
        self.published.refresh_from_db()
        self.assertEqual(
            (self.published.households, self.published.status), (260, Status.APPROVED)
        )
        # One history row per result written, each by its author: changed or new.
        for area, kind in zip(self.areas, ("~", "~", "+"), strict=True):
            history = AnnualResult.history.filter(
                residential_area=area, year=YEAR, history_user=self.city
            )
            self.assertEqual(
                list(history.values_list("history_type", flat=True)), [kind]
            )
        self.assertEqual(
            GoalResult.history.filter(history_user=self.city, achieved=True).count(), 2
        )
        # Only the approved result counts in the ward's summary of the year.
        summary = ResultSummary.objects.get(ward=self.ward, year=YEAR)
        self.assertEqual((summary.areas, summary.households), (1, 260))
        goal = GoalSummary.objects.get(ward=self.ward, year=YEAR, goal__number=2)
        self.assertEqual((goal.reporting, goal.achieved), (1, 1))

    def test_drafts_alone_refresh_and_bump_nothing(self):
        ward_staff = make_user("ward", "ward_staff", [self.ward])
        self.client.force_login(ward_staff)
        data = {"save": "1"} | row_data(self.areas[1], households="150")
        data |= row_data(self.areas[2], goals=(5,))
        with self.captureOnCommitCallbacks() as callbacks:
            with CaptureQueriesContext(connection) as captured:
                response = self.client.post(entry_url(self.ward), data)
        self.assertEqual(response.status_code, 302)
        self.assertNotIn(bump_generation, callbacks)
        self.assertFalse(
            [
                query
                for query in captured
                if query["sql"].startswith(("INSERT", "DELETE"))
                and "resultsummary" in query["sql"]
            ],
            "a draft counts in no summary",
        )
        self.draft.refresh_from_db()
        self.assertEqual(self.draft.households, 150)
