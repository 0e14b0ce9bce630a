"""The permission matrix: role × model × action through the admin, and every way a
ward-A account might reach a ward-B record (URL, foreign-key choice, autocomplete,
history, actions, export, import)."""

import csv
import io

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.test import RequestFactory, TestCase
from django.urls import reverse

from campaigns import models
from campaigns.access.admin import ScopedAdminMixin
from campaigns.services.reference import reference_data_load
from campaigns.spreadsheets.resources import (
    EXPORT_RESOURCES,
    CommunityWorkResource,
    SupportResource,
)

from ..accounts import APPROVED, DRAFT, World, make_user
from ..spreadsheet_helpers import export_csv, read, run_import, table

User = get_user_model()

DATA = [
    models.ResidentialArea,
    models.AnnualResult,
    models.GoalResult,
    models.Donation,
    models.Household,
    models.Support,
    models.CommunityWork,
    models.Commendation,
]
REFERENCE = [
    models.Ward,
    models.WardSuccession,
    models.Content,
    models.Goal,
    models.PovertyStandard,
    models.RatingGrade,
    models.ApprovingBody,
]
ACCOUNTS = [models.StaffScope, User]


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def csv_bytes(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


ACTIONS = ("list", "view", "add", "change", "delete", "approve", "import", "export")

# Expected answers for a DRAFT record of ward A (Y = allowed, - = refused), columns
# in the order of ACTIONS: list view add change delete approve import export.
MATRIX = {
    "data": {
        "anonymous": "--------",
        "ward_a": "YYYYY-YY",
        "ward_b": "Y-Y---YY",
        "leader": "YY-----Y",
        "city": "YYYYYYYY",
        # Approvers of ward A: read, export and approve ward A's records only.
        "approver_a": "YY---Y-Y",
        "approver_b": "Y------Y",
        # The province committee reads and exports everything.
        "province": "YY-----Y",
    },
    "reference": {
        "anonymous": "--------",
        "ward_a": "YY------",
        "ward_b": "YY------",
        "leader": "YY-----Y",
        "city": "YYYYY-YY",
        "approver_a": "YY------",
        "approver_b": "YY------",
        "province": "YY-----Y",
    },
    "accounts": {
        "anonymous": "--------",
        "ward_a": "--------",
        "ward_b": "--------",
        "leader": "--------",
        "city": "YYYYY---",
        "approver_a": "--------",
        "approver_b": "--------",
        "province": "--------",
    },
}
# Cells that differ from their row: goal results have no status of their own, and
# ward-B staff cannot see ward A itself.
EXCEPTIONS = {
    ("city", models.GoalResult, "approve"): False,
    ("ward_b", models.Ward, "view"): False,
    ("approver_a", models.GoalResult, "approve"): False,
    ("approver_b", models.Ward, "view"): False,
}
# For an APPROVED record of ward A: only city staff may still change it, only city
# staff may delete it (list view add approve import export as above).
APPROVED_CHANGE = {"anonymous": False, "ward_a": False, "ward_b": False}
APPROVED_CHANGE |= {"leader": False, "city": True}
APPROVED_CHANGE |= {"approver_a": False, "approver_b": False, "province": False}


# The data-entry screen of ward A's reporting year (open, save): read-only roles see
# it without the save buttons; other wards' accounts are refused (403).
ENTRY_MATRIX = {
    "anonymous": "--",
    "ward_a": "YY",
    "ward_b": "--",
    "leader": "Y-",
    "city": "YY",
    "approver_a": "Y-",
    "approver_b": "--",
    "province": "Y-",
}


def kind(model):
    if model in DATA:
        return "data"
    if model in REFERENCE:
        return "reference"
    return "accounts"


def expected(role, model, action):
    if (role, model, action) in EXCEPTIONS:
        return EXCEPTIONS[(role, model, action)]
    row = MATRIX[kind(model)][role]
    return row[ACTIONS.index(action)] == "Y"


def admin_url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


class PermissionMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        reference_data_load()
        cls.world = World()

    def setUp(self):
        self.factory = RequestFactory()
        self.pages = {}

    def target(self, model):
        world = self.world
        if model in DATA:
            return world.a[model]
        return {
            models.Ward: world.ward_a,
            models.WardSuccession: world.succession,
            models.StaffScope: world.scope_a,
            User: world.users["ward_a"],
        }.get(model) or model.objects.order_by("pk").first()

    def request_as(self, role):
        request = self.factory.get("/")
        request.user = self.world.users[role] or AnonymousUser()
        return request

    def login(self, role):
        self.client.logout()
        self.pages = {}  # the answers of one role: a GET changes nothing
        if self.world.users[role]:
            self.client.force_login(self.world.users[role])

    def answer(self, role, model, action, obj):
        """What the admin actually allows `role` to do with `obj`."""
        model_admin = admin.site.get_model_admin(model)
        if action in {"approve", "import", "export"}:
            request = self.request_as(role)
            method = getattr(model_admin, f"has_{action}_permission", None)
            if method is None:
                return False
            if action == "approve":
                shown = "approve_selected" in model_admin.get_actions(request)
                return shown and method(request, obj)
            return method(request)
        url = {
            "list": admin_url(model, "changelist"),
            "view": admin_url(model, "change", obj.pk),
            "add": admin_url(model, "add"),
            "change": admin_url(model, "change", obj.pk),
            "delete": admin_url(model, "delete", obj.pk),
        }[action]
        # "view" and "change" read the same page: it is asked for once per role.
        if url not in self.pages:
            self.pages[url] = self.client.get(url)
        response = self.pages[url]
        if action == "change":
            return response.status_code == 200 and 'name="_save"' in (
                response.content.decode()
            )
        return response.status_code == 200

    def test_matrix(self):
        for role in MATRIX["data"]:
            self.login(role)
            for model in DATA + REFERENCE + ACCOUNTS:
                obj = self.target(model)
                for action in ACTIONS:
                    with self.subTest(role=role, model=model.__name__, action=action):
                        self.assertEqual(
                            self.answer(role, model, action, obj),
                            expected(role, model, action),
                        )

    def test_entry_screen(self):
        from campaigns import selectors

        url = reverse(
            "campaigns_admin:ward-year-entry",
            kwargs={
                "ward_slug": self.world.ward_a.slug,
                "year": selectors.reporting_year(),
            },
        )
        area = self.world.a[models.ResidentialArea].name
        for role, (opens, saves) in ENTRY_MATRIX.items():
            with self.subTest(role=role):
                self.login(role)
                response = self.client.get(url)
                content = response.content.decode()
                self.assertEqual(response.status_code == 200, opens == "Y")
                self.assertEqual(area in content, opens == "Y")
                self.assertEqual('name="save"' in content, saves == "Y")
                if role.startswith(("ward_b", "approver_b")):
                    self.assertEqual(response.status_code, 403)

    def test_approved_records_are_read_only_except_for_city_staff(self):
        for role, allowed in APPROVED_CHANGE.items():
            self.login(role)
            for model in DATA:
                obj = self.world.a_approved[model]
                with self.subTest(role=role, model=model.__name__):
                    self.assertEqual(self.answer(role, model, "change", obj), allowed)
                    self.assertEqual(self.answer(role, model, "delete", obj), allowed)
                    # Reading stays as in the matrix.
                    self.assertEqual(
                        self.answer(role, model, "view", obj),
                        expected(role, model, "view"),
                    )

    def test_submitted_records_are_read_only_for_everyone(self):
        # Under review: the ward staff withdraw it to correct it; approvers return or
        # approve it, they do not edit it (issue 13).
        result = self.world.a[models.AnnualResult]
        models.AnnualResult.objects.filter(pk=result.pk).update(status="submitted")
        result.refresh_from_db()
        for role in ("ward_a", "city", "approver_a"):
            with self.subTest(role=role):
                self.login(role)
                self.assertFalse(
                    self.answer(role, models.AnnualResult, "change", result)
                )
                self.assertFalse(
                    self.answer(role, models.AnnualResult, "delete", result)
                )
                self.assertTrue(self.answer(role, models.AnnualResult, "view", result))

    def test_every_admin_class_passes_through_the_scope_gate(self):
        for model, model_admin in admin.site._registry.items():
            if model._meta.app_label == "campaigns" or model is User:
                with self.subTest(model=model.__name__):
                    if model is not User:
                        self.assertIsInstance(model_admin, ScopedAdminMixin)
                    for inline in model_admin.inlines:
                        self.assertTrue(
                            hasattr(inline, "get_field_queryset")
                            and inline.__module__ != "django.contrib.admin.options"
                        )


class WardBoundaryTests(TestCase):
    """Ward-A staff against ward-B records, through every door."""

    @classmethod
    def setUpTestData(cls):
        reference_data_load()
        cls.world = World()

    def setUp(self):
        self.user = self.world.users["ward_a"]
        self.client.force_login(self.user)

    def test_url_of_a_ward_b_record_is_refused(self):
        for model, obj in self.world.b.items():
            with self.subTest(model=model.__name__):
                for view in ("change", "delete", "history"):
                    response = self.client.get(admin_url(model, view, obj.pk))
                    self.assertNotEqual(response.status_code, 200, view)
                # A posted change does not reach the row either.
                before = model.objects.filter(pk=obj.pk).values().get()
                self.client.post(admin_url(model, "change", obj.pk), {"note": "x"})
                self.assertEqual(model.objects.filter(pk=obj.pk).values().get(), before)

    def test_changelists_show_only_ward_a(self):
        for model in DATA:
            response = self.client.get(admin_url(model, "changelist"))
            listed = {row.pk for row in response.context["cl"].result_list}
            with self.subTest(model=model.__name__):
                self.assertIn(self.world.a[model].pk, listed)
                self.assertNotIn(self.world.b[model].pk, listed)

    def test_filtering_by_ward_b_shows_nothing(self):
        url = admin_url(models.Donation, "changelist")
        response = self.client.get(url, {"ward__id__exact": self.world.ward_b.pk})
        self.assertEqual(list(response.context["cl"].result_list), [])

    def test_foreign_key_choices_offer_only_ward_a(self):
        response = self.client.get(admin_url(models.Support, "add"))
        form = response.context["adminform"].form
        self.assertEqual(list(form.fields["ward"].queryset), [self.world.ward_a])
        areas = set(form.fields["residential_area"].queryset)
        self.assertIn(self.world.a[models.ResidentialArea], areas)
        self.assertNotIn(self.world.b[models.ResidentialArea], areas)
        households = set(form.fields["household"].queryset)
        self.assertEqual(households, set(models.Household.objects.restrict(self.user)))
        self.assertNotIn(self.world.b[models.Household], households)

    def test_posting_a_ward_b_choice_is_refused_and_changes_nothing(self):
        count = models.AnnualResult.objects.count()
        data = {
            "residential_area": self.world.b[models.ResidentialArea].pk,
            "year": 2021,
            "households": 100,
            "cultural_families_registered": 90,
            "cultural_families_recognised": 80,
            "poor_households": 5,
            "near_poor_households": 5,
            "newly_poor_households": 0,
            "goal_results-TOTAL_FORMS": 0,
            "goal_results-INITIAL_FORMS": 0,
            "goal_results-MIN_NUM_FORMS": 0,
            "goal_results-MAX_NUM_FORMS": 1000,
        }
        response = self.client.post(admin_url(models.AnnualResult, "add"), data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("residential_area", response.context["adminform"].form.errors)
        self.assertEqual(models.AnnualResult.objects.count(), count)
        # The same form with a ward-A area goes through.
        data["residential_area"] = self.world.a[models.ResidentialArea].pk
        response = self.client.post(admin_url(models.AnnualResult, "add"), data)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(models.AnnualResult.objects.count(), count + 1)

    def test_a_record_without_a_ward_is_refused_for_ward_staff(self):
        data = {
            "date": "01/11/2021",
            "fund_level": "city",
            "donor_name": "Công ty X",
            "donor_kind": "business",
            "amount": 1000000,
            "in_kind_value": 0,
        }
        response = self.client.post(admin_url(models.Donation, "add"), data)
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "Bạn chỉ được nhập hồ sơ của phường/xã mình",
            response.content.decode(),
        )
        self.assertFalse(
            models.Donation.objects.filter(donor_name="Công ty X").exists()
        )

    def test_no_goal_result_can_be_added_to_an_approved_result(self):
        approved = self.world.a_approved[models.AnnualResult]
        goal = models.Goal.objects.get(number=2)
        data = {"annual_result": approved.pk, "goal": goal.pk, "achieved": "on"}
        response = self.client.post(admin_url(models.GoalResult, "add"), data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Hồ sơ đã duyệt không sửa được nữa", response.content.decode())
        self.assertFalse(approved.goal_results.filter(goal=goal).exists())
        # City staff may: they can approve.
        self.client.force_login(self.world.users["city"])
        response = self.client.post(admin_url(models.GoalResult, "add"), data)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(approved.goal_results.filter(goal=goal).exists())

    def test_autocomplete_offers_only_ward_a(self):
        url = reverse("admin:autocomplete")
        cases = [
            ("annualresult", "residential_area", models.ResidentialArea),
            ("support", "household", models.Household),
            ("support", "ward", None),
        ]
        for model_name, field_name, related in cases:
            response = self.client.get(
                url,
                {
                    "app_label": "campaigns",
                    "model_name": model_name,
                    "field_name": field_name,
                    "term": "",
                },
            )
            self.assertEqual(response.status_code, 200)
            ids = {int(item["id"]) for item in response.json()["results"]}
            with self.subTest(field=field_name):
                if related is None:
                    self.assertEqual(ids, {self.world.ward_a.pk})
                else:
                    self.assertIn(self.world.a[related].pk, ids)
                    self.assertNotIn(self.world.b[related].pk, ids)
        # Searching by ward B's name finds nothing either.
        response = self.client.get(
            url,
            {
                "app_label": "campaigns",
                "model_name": "annualresult",
                "field_name": "residential_area",
                "term": "Phường B",
            },
        )
        self.assertEqual(response.json()["results"], [])

    def test_history_pages_of_ward_b_are_refused(self):
        obj = self.world.b[models.Household]
        history_id = obj.history.latest().history_id
        response = self.client.get(
            reverse(
                "admin:campaigns_household_simple_history", args=(obj.pk, history_id)
            )
        )
        self.assertEqual(response.status_code, 403)

    def test_actions_do_not_reach_ward_b_records(self):
        obj = self.world.b[models.CommunityWork]
        self.client.post(
            admin_url(models.CommunityWork, "changelist"),
            {"action": "submit_selected", "_selected_action": [obj.pk]},
        )
        obj.refresh_from_db()
        self.assertEqual(obj.status, "draft")
        self.client.post(
            admin_url(models.CommunityWork, "changelist"),
            {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
        )
        self.assertTrue(models.CommunityWork.objects.filter(pk=obj.pk).exists())

    def test_bulk_delete_spares_records_under_review(self):
        draft = self.world.a[models.Donation]
        approved = self.world.a_approved[models.Donation]
        self.client.post(
            admin_url(models.Donation, "changelist"),
            {
                "action": "delete_selected",
                "_selected_action": [draft.pk, approved.pk],
                "post": "yes",
            },
        )
        # All or nothing: the approved record blocks the whole deletion.
        self.assertTrue(models.Donation.objects.filter(pk=approved.pk).exists())
        self.assertTrue(models.Donation.objects.filter(pk=draft.pk).exists())
        self.client.post(
            admin_url(models.Donation, "changelist"),
            {
                "action": "delete_selected",
                "_selected_action": [draft.pk],
                "post": "yes",
            },
        )
        self.assertFalse(models.Donation.objects.filter(pk=draft.pk).exists())

    def test_export_queryset_holds_only_ward_a(self):
        request = RequestFactory().get("/")
        request.user = self.user
        for model in DATA:
            model_admin = admin.site.get_model_admin(model)
            with self.subTest(model=model.__name__):
                self.assertTrue(model_admin.has_export_permission(request))
                rows = set(model_admin.get_queryset(request))
                self.assertIn(self.world.a[model], rows)
                self.assertNotIn(self.world.b[model], rows)

    # --- Imports and exports, through the real resources -------------------------

    def work_file(self, work, **changes) -> bytes:
        """`work` as its export writes it (CSV), with some columns changed by field."""
        rows = csv_rows(
            export_csv(
                CommunityWorkResource, models.CommunityWork.objects.filter(pk=work.pk)
            )
        )
        columns = CommunityWorkResource().fields
        for name, value in changes.items():
            rows[1][rows[0].index(columns[name].column_name)] = value
        return csv_bytes(rows)

    def import_works(self, data, status="draft"):
        return run_import(CommunityWorkResource, data, user=self.user, status=status)

    def test_import_refuses_rows_of_ward_b(self):
        victim = self.world.b[models.CommunityWork]
        count = models.CommunityWork.objects.count()
        # Ward B's own row, as ward B's export gives it: never matched, never written.
        result = self.import_works(self.work_file(victim, note="Kẻ mạo danh"))
        self.assertTrue(result.has_validation_errors())
        self.assertIn(
            "Bạn chỉ được nhập dữ liệu của phường, xã mình phụ trách.",
            [message for _row, _column, message in result.error_lines()],
        )
        self.assertEqual(models.CommunityWork.objects.count(), count)
        victim.refresh_from_db()
        self.assertNotEqual(victim.note, "Kẻ mạo danh")

    def test_import_refuses_a_household_of_ward_b_by_its_id_number(self):
        victim = self.world.b[models.Household]
        support = self.world.a[models.Support]
        rows = csv_rows(
            export_csv(SupportResource, models.Support.objects.filter(pk=support.pk))
        )
        column = rows[0].index(SupportResource().fields["id_number"].column_name)
        rows[1][column] = victim.id_number
        count = models.Household.objects.count()
        result = run_import(SupportResource, csv_bytes(rows), user=self.user)
        self.assertIn(
            "Hộ có số CCCD này thuộc phường, xã khác.",
            [message for _row, _column, message in result.error_lines()],
        )
        self.assertEqual(models.Household.objects.count(), count)
        victim.refresh_from_db()
        self.assertEqual(victim.ward, self.world.ward_b)

    def test_import_changes_no_approved_record(self):
        approved = self.world.a_approved[models.CommunityWork]
        result = self.import_works(self.work_file(approved, note="Đổi"))
        self.assertTrue(result.has_validation_errors())
        approved.refresh_from_db()
        self.assertNotEqual(approved.note, "Đổi")
        self.assertEqual(approved.status, APPROVED)

    def test_import_changes_a_draft_and_its_history_names_file_and_user(self):
        draft = self.world.a[models.CommunityWork]
        result = self.import_works(self.work_file(draft, note="Đã sửa"))
        self.assertFalse(result.has_errors() or result.has_validation_errors())
        draft.refresh_from_db()
        self.assertEqual(draft.note, "Đã sửa")
        entry = draft.history.latest()
        self.assertEqual(entry.history_user, self.user)
        self.assertIn("test.xlsx", entry.history_change_reason)

    def test_import_does_not_approve(self):
        draft = self.world.a[models.CommunityWork]
        data = self.work_file(draft, name="Công trình mới", status="Đã duyệt")
        # Neither the file's status column nor the import's status approves a row.
        result = self.import_works(data, status=APPROVED)
        self.assertFalse(result.has_errors() or result.has_validation_errors())
        created = models.CommunityWork.objects.get(name="Công trình mới")
        self.assertEqual(created.status, DRAFT)
        self.assertIsNone(created.approved_at)

    def test_import_deletes_nothing(self):
        count = models.CommunityWork.objects.count()
        draft = self.world.a[models.CommunityWork]
        self.import_works(self.work_file(draft, note="Chỉ một dòng"))
        # Rows missing from the file stay; a delete would need can_remove anyway.
        self.assertEqual(models.CommunityWork.objects.count(), count)
        resource = CommunityWorkResource(user=self.user)
        for record in (
            self.world.b[models.CommunityWork],
            self.world.a_approved[models.CommunityWork],
        ):
            with self.subTest(record=record.pk):
                with self.assertRaises(ValidationError):
                    resource.delete_instance(record, {})
        self.assertEqual(models.CommunityWork.objects.count(), count)

    def test_import_needs_a_user_allowed_to_import(self):
        draft = self.world.a[models.CommunityWork]
        data = self.work_file(draft, name="Không ai nhập")
        for user in (None, AnonymousUser(), self.world.users["leader"]):
            with self.subTest(user=str(user)):
                resource = CommunityWorkResource(user=user)
                dataset = read(resource, data)
                result = resource.import_data(dataset, file_name="x.csv", user=user)
                self.assertTrue(result.has_errors())
                self.assertIn("chưa nhập dòng nào", result.error_lines()[0][2])
        self.assertFalse(
            models.CommunityWork.objects.filter(name="Không ai nhập").exists()
        )

    def test_export_without_a_user_gives_no_rows(self):
        for model, resource_class in EXPORT_RESOURCES.items():
            with self.subTest(model=model.__name__):
                self.assertTrue(model.objects.exists())
                for user in (None, AnonymousUser()):
                    resource = resource_class(user=user)
                    self.assertEqual(list(resource.iter_export()), [])
                    # A queryset given by the caller goes through the gate as well.
                    self.assertEqual(
                        list(resource.iter_export(model.objects.all())), []
                    )
                    self.assertEqual(len(resource_class().export()), 0)

    def test_ward_staff_export_only_their_wards(self):
        ward_codes = {self.world.ward_a.code}
        for model in DATA:
            resource_class = EXPORT_RESOURCES[model]
            with self.subTest(model=model.__name__):
                rows = table(resource_class, None, user=self.user)
                self.assertEqual(
                    len(rows),
                    model.objects.restrict(self.user, "export").count(),
                )
                every = table(resource_class, None, user=self.world.superuser)
                self.assertGreater(len(every), len(rows))
                code = resource_class().fields["ward"].column_name
                dataset = resource_class(user=self.user).export()
                self.assertEqual(set(dataset[code]), ward_codes)


class AccountAdminTests(TestCase):
    """City staff manage ward-staff accounts without being able to raise rights."""

    @classmethod
    def setUpTestData(cls):
        reference_data_load()
        cls.world = World()
        cls.other_city = make_user("city-2", "city_staff")

    def setUp(self):
        self.client.force_login(self.world.users["city"])

    def test_city_staff_see_only_ward_staff_accounts(self):
        response = self.client.get(admin_url(User, "changelist"))
        listed = {user.username for user in response.context["cl"].result_list}
        self.assertIn("ward-a", listed)
        self.assertFalse(listed & {"root", "leader", "city", "city-2"})
        for username in ("root", "leader", "city-2"):
            user = User.objects.get(username=username)
            response = self.client.get(admin_url(User, "change", user.pk))
            self.assertNotEqual(response.status_code, 200)
            response = self.client.get(admin_url(User, "password_change", user.pk))
            self.assertNotEqual(response.status_code, 200)

    def test_city_staff_cannot_grant_superuser_or_other_roles(self):
        target = self.world.users["ward_a"]
        response = self.client.get(admin_url(User, "change", target.pk))
        form = response.context["adminform"].form
        self.assertNotIn("is_superuser", form.fields)
        self.assertNotIn("user_permissions", form.fields)
        self.assertEqual(
            [group.name for group in form.fields["groups"].queryset], ["ward_staff"]
        )
        self.assertIn("Cán bộ MTTQ phường/xã", response.content.decode())
        city_group = self.world.users["city"].groups.get()
        data = {
            "username": "ward-a",
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "groups": [city_group.pk],
            "staff_scope-TOTAL_FORMS": 1,
            "staff_scope-INITIAL_FORMS": 1,
            "staff_scope-MIN_NUM_FORMS": 0,
            "staff_scope-MAX_NUM_FORMS": 1,
            "staff_scope-0-id": target.staff_scope.pk,
            "staff_scope-0-user": target.pk,
            "staff_scope-0-wards": [self.world.ward_a.pk],
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "01/01/2024",
            "date_joined_1": "00:00:00",
        }
        self.client.post(admin_url(User, "change", target.pk), data)
        target.refresh_from_db()
        self.assertFalse(target.is_superuser)
        self.assertEqual([g.name for g in target.groups.all()], ["ward_staff"])

    def test_city_staff_give_a_ward_staff_account_its_wards(self):
        target = make_user("new-ward-staff")
        data = {
            "username": "new-ward-staff",
            "is_active": "on",
            "is_staff": "on",
            "groups": [self.world.users["ward_a"].groups.get().pk],
            "staff_scope-TOTAL_FORMS": 1,
            "staff_scope-INITIAL_FORMS": 0,
            "staff_scope-MIN_NUM_FORMS": 0,
            "staff_scope-MAX_NUM_FORMS": 1,
            "staff_scope-0-user": target.pk,
            "staff_scope-0-wards": [self.world.ward_b.pk],
            "date_joined_0": "01/01/2024",
            "date_joined_1": "00:00:00",
        }
        response = self.client.post(admin_url(User, "change", target.pk), data)
        self.assertEqual(response.status_code, 302, response.content.decode()[:2000])
        target = User.objects.get(pk=target.pk)
        self.assertEqual(list(target.staff_scope.wards.all()), [self.world.ward_b])
        self.assertEqual(set(models.Ward.objects.restrict(target)), {self.world.ward_b})
