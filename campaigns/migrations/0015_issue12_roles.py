# Issue 12: the ward/commune approver and the province reader roles.

from django.contrib.auth.management import create_permissions
from django.db import migrations

# A frozen copy of campaigns.access.roles as it stood for this migration (issue 12):
# later changes to the live roles must not change what this migration does.
CITY_STAFF = "city_staff"
WARD_STAFF = "ward_staff"
LEADERS = "leaders"
WARD_APPROVERS = "ward_approvers"
PROVINCE_READERS = "province_readers"
WARD_DATA_MODELS = (
    "residentialarea",
    "annualresult",
    "goalresult",
    "donation",
    "household",
    "support",
    "communitywork",
    "commendation",
)
REFERENCE_MODELS = (
    "ward",
    "wardsuccession",
    "content",
    "goal",
    "povertystandard",
    "ratinggrade",
    "campaignphase",
    "goalset",
    "titledefinition",
    "approvingbody",
)
WORKFLOW_MODELS = (
    "residentialarea",
    "annualresult",
    "donation",
    "household",
    "support",
    "communitywork",
    "commendation",
)
ALL_DATA = ("add", "change", "delete", "view", "import", "export")
ROLE_PERMISSIONS = {
    CITY_STAFF: {
        **{
            ("campaigns", model): ALL_DATA
            + (("approve",) if model in WORKFLOW_MODELS else ())
            for model in WARD_DATA_MODELS + REFERENCE_MODELS
        },
        ("campaigns", "staffscope"): ("add", "change", "delete", "view"),
        ("auth", "user"): ("add", "change", "delete", "view"),
        ("axes", "accessattempt"): ("view", "delete"),
        ("axes", "accesslog"): ("view",),
    },
    WARD_STAFF: {
        **{("campaigns", model): ALL_DATA for model in WARD_DATA_MODELS},
        **{("campaigns", model): ("view",) for model in REFERENCE_MODELS},
    },
    LEADERS: {
        ("campaigns", model): ("view", "export")
        for model in WARD_DATA_MODELS + REFERENCE_MODELS
    },
    WARD_APPROVERS: {
        **{
            ("campaigns", model): ("view", "export")
            + (("approve",) if model in WORKFLOW_MODELS else ())
            for model in WARD_DATA_MODELS
        },
        **{("campaigns", model): ("view",) for model in REFERENCE_MODELS},
    },
    PROVINCE_READERS: {
        ("campaigns", model): ("view", "export")
        for model in WARD_DATA_MODELS + REFERENCE_MODELS
    },
}


def roles_sync(apps):
    """Give each group exactly the permissions of its role that exist in `apps`."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, table in ROLE_PERMISSIONS.items():
        wanted = {
            (app_label, f"{action}_{model}")
            for (app_label, model), actions in table.items()
            for action in actions
        }
        found = Permission.objects.filter(
            content_type__app_label__in={app for app, _ in wanted},
            codename__in={codename for _, codename in wanted},
        ).select_related("content_type")
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(
            [p for p in found if (p.content_type.app_label, p.codename) in wanted]
        )


def create_roles(apps, schema_editor):
    """Create the new groups and give every role its permissions (the approving
    bodies' model is new, so its permissions are created here first)."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    roles_sync(apps)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[WARD_APPROVERS, PROVINCE_READERS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0014_issue12_approving_bodies"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
