from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen (issue 11): city staff see login lockouts and unlock them. Later changes to
# the live roles (campaigns.access.roles) must not change what this migration does.
CITY_STAFF = "city_staff"
LOCKOUT_PERMISSIONS = (
    ("axes", "view_accessattempt"),
    ("axes", "delete_accessattempt"),
    ("axes", "view_accesslog"),
)


def lockout_permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in LOCKOUT_PERMISSIONS
    ]


def give_city_staff_lockouts(apps, schema_editor):
    # Permissions are normally created after all migrations ran (post_migrate);
    # create_permissions skips an app state without a models module.
    app_config = apps.get_app_config("axes")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=CITY_STAFF)
    group.permissions.add(*lockout_permissions(apps))


def take_lockouts_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=CITY_STAFF):
        group.permissions.remove(*lockout_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0011_issue6_goal_result_history_indexes"),
        ("axes", "0010_accessattemptexpiration"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(give_city_staff_lockouts, take_lockouts_back),
    ]
