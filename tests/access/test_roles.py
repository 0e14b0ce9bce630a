"""The five roles exist as groups with exactly their permissions."""

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from campaigns.access.roles import (
    ROLE_PERMISSIONS,
    role_permission_codenames,
    roles_sync,
)
from campaigns.access.scope import ROLE_LABELS


def codenames(group):
    return {
        (p.content_type.app_label, p.codename)
        for p in group.permissions.select_related("content_type")
    }


def test_migration_creates_the_groups_with_their_permissions(db):
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLE_PERMISSIONS)
    for role in ROLE_PERMISSIONS:
        assert codenames(Group.objects.get(name=role)) == role_permission_codenames(
            role
        )


def test_what_each_role_holds(db):
    city = codenames(Group.objects.get(name="city_staff"))
    ward = codenames(Group.objects.get(name="ward_staff"))
    leaders = codenames(Group.objects.get(name="leaders"))
    assert ("campaigns", "approve_annualresult") in city
    assert ("campaigns", "change_goal") in city and ("auth", "change_user") in city
    assert not any(codename.startswith("approve_") for _, codename in ward)
    assert ("campaigns", "import_annualresult") in ward
    assert ("campaigns", "change_goal") not in ward
    assert ("campaigns", "view_goal") in ward
    assert {codename.split("_")[0] for _, codename in leaders} == {"view", "export"}
    assert ("campaigns", "export_annualresult") in leaders
    approvers = codenames(Group.objects.get(name="ward_approvers"))
    assert ("campaigns", "approve_annualresult") in approvers
    assert {codename.split("_")[0] for _, codename in approvers} == {
        "view",
        "export",
        "approve",
    }
    province = codenames(Group.objects.get(name="province_readers"))
    assert province == leaders
    assert not any(app == "auth" for app, _ in ward | leaders)


def test_load_reference_repairs_the_groups(db, capsys):
    group = Group.objects.get(name="ward_staff")
    group.permissions.add(Permission.objects.get(codename="approve_annualresult"))
    group.permissions.remove(Permission.objects.get(codename="add_household"))
    call_command("load_reference")
    assert codenames(group) == role_permission_codenames("ward_staff")
    # 54 until issue 12, which added the view permission of four reference models;
    # 58 until issue 14 (stories: 6, photos: 4) and 16 (fund balance entries: 6).
    assert "ward_staff=74" in capsys.readouterr().out


def test_sync_is_idempotent(db):
    first = roles_sync()
    assert roles_sync() == first
    assert Group.objects.filter(name__in=ROLE_PERMISSIONS).count() == 5


def test_roles_have_vietnamese_labels():
    from django.utils import translation

    with translation.override("vi"):
        assert [str(label) for label in ROLE_LABELS.values()] == [
            "Cán bộ MTTQ thành phố",
            "Cán bộ MTTQ phường/xã",
            "Lãnh đạo",
            "Lãnh đạo MTTQ phường/xã (duyệt)",
            "MTTQ tỉnh (chỉ xem)",
        ]


def test_giving_a_role_turns_on_staff_status(reference, rf):
    """A ward-staff account made by city staff can sign in without another checkbox."""
    from django.contrib import admin as django_admin
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.contrib.messages.storage.fallback import FallbackStorage

    from campaigns.access.scope import WARD_STAFF

    from ..accounts import World

    world = World()
    account = get_user_model().objects.create_user("moi", password="x" * 12)
    assert not account.is_staff
    model_admin = django_admin.site._registry[get_user_model()]
    request = rf.post("/")
    request.user = world.users["city"]
    request.session = {}
    request._messages = FallbackStorage(request)
    form_class = model_admin.get_form(request, account, change=True)
    data = {
        "username": "moi",
        "is_active": "on",
        "groups": [Group.objects.get(name=WARD_STAFF).pk],
        "date_joined_0": "27/11/2026",
        "date_joined_1": "08:00:00",
    }
    form = form_class(data, instance=account)
    assert form.is_valid(), form.errors
    model_admin.save_model(request, form.save(commit=False), form, change=True)
    model_admin.save_related(request, form, [], change=True)
    account.refresh_from_db()
    assert account.is_staff
    assert list(account.groups.values_list("name", flat=True)) == [WARD_STAFF]
    # Without a role nothing changes.
    other = get_user_model().objects.create_user("khach", password="x" * 12)
    form = form_class({**data, "username": "khach", "groups": []}, instance=other)
    assert form.is_valid(), form.errors
    model_admin.save_model(request, form.save(commit=False), form, change=True)
    model_admin.save_related(request, form, [], change=True)
    other.refresh_from_db()
    assert not other.is_staff
