"""The staff pages of issue 17 send as many queries with more data as with less.

Every page of the list (the six record lists first, by year and searched by name; a
yearly result's form; the completeness table; the history) is opened as city staff
and as ward staff of one ward (who may not open the history: 403), then wards, areas and records are added (to that ward
and to others) and the pages opened again: the counts must be equal, and small.
"""

import datetime

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns import models, selectors
from campaigns.access.scope import CITY_STAFF, WARD_STAFF

from .. import factories as f
from ..accounts import make_user

# No page above this many queries (about 15 at nation scale; a bound, not a target).
MAX_QUERIES = 30


def ward_records(ward, year: int, areas: int = 2) -> None:
    """Areas with a yearly result (and its goal results) and one record of each list."""
    goals = list(models.Goal.for_year(year)[:3])
    for _ in range(areas):
        area = f.ResidentialAreaFactory(ward=ward)
        for result_year in (year - 1, year):
            result = f.AnnualResultFactory(residential_area=area, year=result_year)
            for goal in goals:
                f.GoalResultFactory(annual_result=result, goal=goal)
        household = f.HouseholdFactory(
            ward=ward, residential_area=area, head_name="Bàn Văn Thắm"
        )
        f.SupportFactory(ward=ward, household=household, date=datetime.date(year, 3, 1))
        f.DonationFactory(
            ward=ward, donor_name="Công ty Khoáng sản", date=datetime.date(year, 2, 1)
        )
        f.CommunityWorkFactory(
            ward=ward, residential_area=area, name="Nhà văn hóa Pá Danh", year=year
        )


class AdminQueryCounts(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.year = selectors.reporting_year()
        cls.ward = f.WardFactory(name="Phường Thử Bắc Kạn")
        ward_records(cls.ward, cls.year)
        ward_records(f.WardFactory(), cls.year)
        cls.result = models.AnnualResult.objects.filter(
            residential_area__ward=cls.ward, year=cls.year
        ).first()
        cls.users = {
            "city_staff": make_user("city", CITY_STAFF),
            "ward_staff": make_user("ward", WARD_STAFF, wards=[cls.ward]),
        }

    def pages(self) -> list[str]:
        admin = "/" + reverse("admin:index").strip("/") + "/campaigns/"
        year = self.year
        lists = {
            "annualresult": ("year", "Bắc Kạn"),
            "goalresult": ("annual_result__year", "Bắc Kạn"),
            "donation": ("date__year", "Khoáng sản"),
            "support": ("date__year", "Bàn Văn Thắm"),
            "household": (None, "Bàn Văn Thắm"),
            "communitywork": ("year", "Pá Danh"),
        }
        pages = []
        for model, (year_parameter, name) in lists.items():
            pages.append(f"{admin}{model}/")
            if year_parameter:
                pages.append(f"{admin}{model}/?{year_parameter}={year}")
            pages.append(f"{admin}{model}/?q={name}")
        pages += [
            reverse("admin:campaigns_annualresult_change", args=[self.result.pk]),
            f"{reverse('campaigns_admin:completeness')}?year={year}",
            # One kind of record: the page reads each kind on it with its own
            # queries (selectors.history.history_details), and which kinds the
            # newest 50 changes hold depends on the data, not on its size.
            f"{reverse('campaigns_admin:change-history')}?model_name=annualresult",
        ]
        return pages

    def counts(self, role: str) -> dict[str, int]:
        self.client.force_login(self.users[role])
        counts = {}
        for path in self.pages():
            self.client.get(path)  # content types, goal choices and the like, once
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get(path)
            expected = 403 if role == "ward_staff" and "history" in path else 200
            self.assertEqual(response.status_code, expected, path)
            counts[path] = len(queries)
        return counts

    def assert_counts_do_not_grow(self, role: str) -> None:
        before = self.counts(role)
        # More wards with records, and more areas and records in the staff's ward.
        for _ in range(2):
            ward_records(f.WardFactory(), self.year, areas=2)
        ward_records(self.ward, self.year, areas=1)
        # More rows in the yearly result's own grid of goal results.
        for goal in models.Goal.for_year(self.year)[3:6]:
            f.GoalResultFactory(annual_result=self.result, goal=goal)
        after = self.counts(role)
        self.maxDiff = None
        self.assertEqual(after, before)
        self.assertLessEqual(max(after.values()), MAX_QUERIES, after)

    def test_city_staff(self):
        self.assert_counts_do_not_grow("city_staff")

    def test_ward_staff(self):
        self.assert_counts_do_not_grow("ward_staff")

    def test_search_and_ward_box_fold_the_words(self):
        self.client.force_login(self.users["city_staff"])
        lists = "/" + reverse("admin:index").strip("/") + "/campaigns/"

        def changelist(model, **query):
            response = self.client.get(f"{lists}{model}/", query)
            self.assertEqual(response.status_code, 200)
            return response.context["cl"]

        found = changelist("annualresult", q="bac kan").result_list
        self.assertEqual({r.residential_area.ward_id for r in found}, {self.ward.pk})
        boxed = changelist("annualresult", residential_area__ward__name="BẮC KẠN")
        self.assertEqual(
            {r.residential_area.ward_id for r in boxed.result_list}, {self.ward.pk}
        )
        self.assertEqual(changelist("household", q="ban van THAM").result_count, 4)
        self.assertEqual(changelist("household", q="ban van tham xyz").result_count, 0)
