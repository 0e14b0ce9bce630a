"""The data-entry screen of a ward's year: who may open it, saving all rows or none,
submitting, a returned row's reason, warnings, and a flat number of queries."""

from django import forms
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.cache import current_generation
from campaigns.models import AnnualResult, Goal, GoalResult
from campaigns.models.choices import WorkflowStatusChoices as Status

from .. import factories as f
from ..accounts import make_user

YEAR = 2026


def entry_url(ward, year=YEAR):
    return reverse(
        "campaigns_admin:ward-year-entry", kwargs={"ward_slug": ward.slug, "year": year}
    )


def row_data(area, goals=(), **values):
    """The POST fields of one area's row: sensible figures, `values` on top."""
    figures = {
        "households": "120",
        "cultural_families_registered": "110",
        "cultural_families_recognised": "100",
        "cultural_families_three_years": "",
        "cultural_title_year": "",
        "poor_households": "5",
        "near_poor_households": "4",
        "newly_poor_households": "0",
        "festival_date": "18/11/2026",
        "festival_participants": "90",
        "committee_score": "85",
        "festival_held": "on",
        **values,
    }
    data = {f"area-{area.pk}-{name}": v for name, v in figures.items() if v is not None}
    for number in goals:
        data[f"area-{area.pk}-goal_{number}"] = "on"
    return data


class EntryTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.ward = f.WardFactory(name="Phường Nhập")
        cls.other = f.WardFactory(name="Phường Khác")
        cls.areas = [
            f.ResidentialAreaFactory(ward=cls.ward, name=f"Tổ {n}") for n in (1, 2, 3)
        ]
        cls.other_area = f.ResidentialAreaFactory(ward=cls.other, name="Tổ khác")
        cls.users = {
            "ward": make_user("ward", "ward_staff", [cls.ward]),
            "other_ward": make_user("other-ward", "ward_staff", [cls.other]),
            "city": make_user("city", "city_staff"),
            "leader": make_user("leader", "leaders"),
            "approver": make_user("approver", "ward_approvers", [cls.ward]),
            "other_approver": make_user("other-appr", "ward_approvers", [cls.other]),
            "province": make_user("province", "province_readers"),
        }

    def login(self, role):
        self.client.force_login(self.users[role])

    def shown_data(self):
        """What the browser would post back untouched: every editable cell's value."""
        response = self.client.get(entry_url(self.ward))
        if response.status_code != 200:
            return {}
        data = {}
        for item in response.context["rows"]:
            form = item["form"]
            for name, field in form.fields.items():
                value = form[name].value()
                if field.disabled or value is None or value is False:
                    continue
                is_box = isinstance(field, forms.BooleanField)
                formatted = "on" if is_box else field.widget.format_value(value)
                data[form.add_prefix(name)] = formatted
        return data

    def post_rows(self, data, submit=False):
        data = {**self.shown_data(), **data, "submit" if submit else "save": "1"}
        return self.client.post(entry_url(self.ward), data)


class AccessTests(EntryTestCase):
    def test_each_role(self):
        # (role, status code, may save)
        expected = {
            "ward": (200, True),
            "other_ward": (403, False),
            "city": (200, True),
            "leader": (200, False),
            "approver": (200, False),
            "other_approver": (403, False),
            "province": (200, False),
        }
        for role, (status, editable) in expected.items():
            with self.subTest(role=role):
                self.login(role)
                response = self.client.get(entry_url(self.ward))
                self.assertEqual(response.status_code, status)
                content = response.content.decode()
                self.assertEqual('name="save"' in content, editable)
                if status == 403:
                    self.assertNotIn("Tổ 1", content)
                else:
                    self.assertIn("Tổ 1", content)
                    self.assertNotIn("Tổ khác", content)

    def test_read_only_roles_cannot_post(self):
        for role in ("leader", "approver", "province", "other_ward"):
            with self.subTest(role=role):
                self.login(role)
                response = self.post_rows(row_data(self.areas[0]))
                self.assertEqual(response.status_code, 403)
        self.assertFalse(AnnualResult.objects.filter(year=YEAR).exists())

    def test_anonymous_goes_to_the_login(self):
        response = self.client.get(entry_url(self.ward))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("admin:login"), response["Location"])

    def test_unknown_ward_and_years_out_of_range(self):
        self.login("city")
        missing = reverse(
            "campaigns_admin:ward-year-entry",
            kwargs={"ward_slug": "khong-co", "year": YEAR},
        )
        self.assertEqual(self.client.get(missing).status_code, 404)
        for year in (2009, 2200, 99999):
            with self.subTest(year=year):
                self.assertEqual(
                    self.client.get(entry_url(self.ward, year)).status_code, 404
                )

    def test_path_under_the_admin_prefix(self):
        self.assertEqual(
            entry_url(self.ward), f"/quan-tri/nhap-lieu/{self.ward.slug}/{YEAR}/"
        )


class SaveTests(EntryTestCase):
    def test_full_save_creates_results_goals_and_history(self):
        self.login("ward")
        data = {}
        for area in self.areas:
            data |= row_data(area, goals=(1, 4, 10))
        response = self.post_rows(data)
        self.assertEqual(response.status_code, 302)
        results = AnnualResult.objects.filter(
            year=YEAR, residential_area__ward=self.ward
        )
        self.assertEqual(results.count(), 3)
        for result in results:
            self.assertEqual(result.status, Status.DRAFT)
            self.assertEqual(result.households, 120)
            self.assertEqual(str(result.festival_date), "2026-11-18")
            achieved = set(
                result.goal_results.filter(achieved=True).values_list(
                    "goal__number", flat=True
                )
            )
            self.assertEqual(achieved, {1, 4, 10})
            history = result.history.get()
            self.assertEqual(history.history_user, self.users["ward"])
        self.assertEqual(
            GoalResult.history.filter(history_user=self.users["ward"]).count(), 9
        )

    def test_unchanged_rows_are_not_saved_again(self):
        self.login("ward")
        self.post_rows(row_data(self.areas[0]))
        result = AnnualResult.objects.get(residential_area=self.areas[0], year=YEAR)
        # The page posted back as shown: nothing changes, no new history.
        response = self.post_rows({})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(result.history.count(), 1)
        self.assertEqual(AnnualResult.objects.filter(year=YEAR).count(), 1)

    def test_invalid_row_changes_nothing_and_is_marked_at_its_cell(self):
        self.login("ward")
        data = row_data(self.areas[0]) | row_data(
            self.areas[1],
            cultural_families_registered="50",
            cultural_families_recognised="60",
        )
        data |= row_data(self.areas[2], households="nhiều")
        response = self.post_rows(data)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(AnnualResult.objects.filter(year=YEAR).exists())
        content = response.content.decode()
        self.assertIn("Không lưu gì: 2 khu dân cư có lỗi", content)
        recognised = response.context["rows"][1]["form"]["cultural_families_recognised"]
        self.assertEqual(
            recognised.errors,
            ["Số gia đình được công nhận không được vượt quá số gia đình đăng ký."],
        )
        self.assertIn("Nhập một số tổng thể.", content)  # Django's own Vietnamese
        self.assertIn('class="entry-error', content)

    def test_generation_bumps_when_a_published_row_changes(self):
        self.login("ward")
        before = current_generation()
        with self.captureOnCommitCallbacks(execute=True):
            self.post_rows(row_data(self.areas[0]))
        # Drafts are not public: the cached figures stay (services/publication.py).
        self.assertEqual(current_generation(), before)
        approved = f.AnnualResultFactory(residential_area=self.areas[1], year=YEAR)
        self.login("city")
        before = current_generation()
        with self.captureOnCommitCallbacks(execute=True):
            response = self.post_rows(row_data(self.areas[1], households="250"))
        self.assertEqual(response.status_code, 302)
        approved.refresh_from_db()
        self.assertEqual(approved.households, 250)
        self.assertGreater(current_generation(), before)

    def test_approved_rows_are_read_only_for_ward_staff(self):
        approved = f.AnnualResultFactory(residential_area=self.areas[0], year=YEAR)
        self.login("ward")
        response = self.client.get(entry_url(self.ward))
        form = response.context["rows"][0]["form"]
        self.assertFalse(form.editable)
        self.assertIn("disabled", str(form["households"]))
        self.post_rows(row_data(self.areas[0], households="999"))
        approved.refresh_from_db()
        self.assertEqual(approved.households, 200)


class WorkflowTests(EntryTestCase):
    def test_submit_saves_and_submits_every_row(self):
        self.login("ward")
        data = {}
        for area in self.areas:
            data |= row_data(area)
        response = self.post_rows(data, submit=True)
        self.assertEqual(response.status_code, 302)
        statuses = set(
            AnnualResult.objects.filter(year=YEAR).values_list("status", "submitted_by")
        )
        self.assertEqual(statuses, {(Status.SUBMITTED, self.users["ward"].pk)})

    def test_returned_row_shows_its_reason_and_is_resubmitted(self):
        result = f.AnnualResultFactory(
            residential_area=self.areas[0],
            year=YEAR,
            status=Status.RETURNED,
            status_reason="Số hộ nghèo chưa khớp danh sách",
        )
        self.login("ward")
        response = self.client.get(entry_url(self.ward))
        self.assertContains(response, "Số hộ nghèo chưa khớp danh sách")
        self.assertContains(response, "Trả lại vì:")
        self.post_rows(row_data(self.areas[0], poor_households="6"), submit=True)
        result.refresh_from_db()
        self.assertEqual((result.status, result.poor_households), (Status.SUBMITTED, 6))

    def test_warnings_on_the_screen_and_the_completeness_table(self):
        self.login("ward")
        self.post_rows(row_data(self.areas[0], festival_date=""))
        response = self.client.get(entry_url(self.ward))
        self.assertContains(response, "Ngày hội được đánh dấu đã tổ chức")
        self.assertContains(response, 'class="entry-warned')
        table = self.client.get(reverse("campaigns_admin:completeness"))
        self.assertContains(
            table,
            f'<a class="entry-warnings-link" href="{entry_url(self.ward)}">1</a>',
            html=False,
        )
        self.assertContains(table, f'class="entry-link" href="{entry_url(self.ward)}"')
        index = self.client.get(reverse("admin:index"))
        self.assertContains(index, f'class="entry-link" href="{entry_url(self.ward)}"')


class QueryCountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = make_user("city", "city_staff")
        cls.goals = list(Goal.for_year(YEAR))

    def ward_of(self, size):
        ward = f.WardFactory()
        for n in range(size):
            area = f.ResidentialAreaFactory(ward=ward)
            f.AnnualResultFactory(residential_area=area, year=YEAR - 1)
            result = f.AnnualResultFactory(
                residential_area=area, year=YEAR, status=Status.DRAFT
            )
            if n % 2:
                GoalResult.objects.bulk_create(
                    GoalResult(annual_result=result, goal=goal) for goal in self.goals
                )
        return ward

    def queries(self, ward):
        self.client.force_login(self.user)
        self.client.get(entry_url(ward))  # warm the session and caches
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(entry_url(ward))
        self.assertEqual(response.status_code, 200)
        return len(captured)

    def test_queries_do_not_grow_with_the_ward(self):
        small, large = self.queries(self.ward_of(2)), self.queries(self.ward_of(12))
        self.assertEqual(small, large)
        self.assertLess(large, 30)
