"""What each role may do, as Django groups with model permissions.

`roles_sync()` makes the five groups hold exactly these permissions; the migrations
`0002_issue5_roles_and_permissions` and `0012_issue11_lockout_permissions` (frozen
copies) and `load_reference` run it. Which *rows* a role
reaches is decided separately by the scope gate (`access.scope.ward_scope`,
`restrict`); which rows are locked (approved records) by `permissions.can_modify`.
"""

from django.apps import apps as global_apps

from campaigns.access.scope import (
    CITY_STAFF,
    LEADERS,
    PROVINCE_READERS,
    WARD_APPROVERS,
    WARD_STAFF,
)

# Records entered for a ward; ward staff work on their own wards' rows.
WARD_DATA_MODELS = (
    "residentialarea",
    "annualresult",
    "goalresult",
    "donation",
    "household",
    "support",
    "communitywork",
    "commendation",
    "story",
    "fundbalanceentry",
)
# Photos belong to a story or a festival and are entered with it; they have no
# spreadsheets, hence no import or export.
PHOTO_MODELS = ("photo",)
PHOTO_DATA = ("add", "change", "delete", "view")
# Reference data: units and their links, contents, goals, standards, rating scale.
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
# Models with a workflow status have the "approve" permission as well.
WORKFLOW_MODELS = (
    "residentialarea",
    "annualresult",
    "donation",
    "household",
    "support",
    "communitywork",
    "commendation",
    "story",
    "fundbalanceentry",
)

ALL_DATA = ("add", "change", "delete", "view", "import", "export")

ROLE_PERMISSIONS: dict[str, dict[tuple[str, str], tuple[str, ...]]] = {
    CITY_STAFF: {
        **{
            ("campaigns", model): ALL_DATA
            + (("approve",) if model in WORKFLOW_MODELS else ())
            for model in WARD_DATA_MODELS + REFERENCE_MODELS
        },
        **{("campaigns", model): PHOTO_DATA for model in PHOTO_MODELS},
        # Accounts of ward staff and their wards (admin_accounts.py limits which users).
        ("campaigns", "staffscope"): ("add", "change", "delete", "view"),
        ("auth", "user"): ("add", "change", "delete", "view"),
        # Login lockouts (django-axes): see them and unlock them (delete attempts).
        ("axes", "accessattempt"): ("view", "delete"),
        ("axes", "accesslog"): ("view",),
        # The year-end report's template (issue 16): only city staff replace it.
        ("campaigns", "reporttemplate"): ("add", "view"),
    },
    WARD_STAFF: {
        **{("campaigns", model): ALL_DATA for model in WARD_DATA_MODELS},
        **{("campaigns", model): PHOTO_DATA for model in PHOTO_MODELS},
        **{("campaigns", model): ("view",) for model in REFERENCE_MODELS},
    },
    LEADERS: {
        **{
            ("campaigns", model): ("view", "export")
            for model in WARD_DATA_MODELS + REFERENCE_MODELS
        },
        **{("campaigns", model): ("view",) for model in PHOTO_MODELS},
    },
    # Approve, return and reopen the records of their StaffScope's units; read and
    # export them; never add, change or delete (the ward staff enter the data).
    WARD_APPROVERS: {
        **{
            ("campaigns", model): ("view", "export")
            + (("approve",) if model in WORKFLOW_MODELS else ())
            for model in WARD_DATA_MODELS
        },
        **{
            ("campaigns", model): ("view",) for model in REFERENCE_MODELS + PHOTO_MODELS
        },
    },
    # The province committee reads and exports everything and approves nothing.
    PROVINCE_READERS: {
        **{
            ("campaigns", model): ("view", "export")
            for model in WARD_DATA_MODELS + REFERENCE_MODELS
        },
        **{("campaigns", model): ("view",) for model in PHOTO_MODELS},
    },
}


def role_permission_codenames(role: str) -> set[tuple[str, str]]:
    """(app_label, codename) pairs of every permission `role` holds."""
    return {
        (app_label, f"{action}_{model}")
        for (app_label, model), actions in ROLE_PERMISSIONS[role].items()
        for action in actions
    }


def roles_sync(apps=global_apps, *, strict: bool = True) -> dict[str, int]:
    """Create the groups and give each exactly its permissions; idempotent.

    Returns the number of permissions per group. `strict` refuses to continue when a
    permission is missing (it is off only inside the migration, whose model state
    may predate later models).
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    counts = {}
    for role in ROLE_PERMISSIONS:
        wanted = role_permission_codenames(role)
        found = list(
            Permission.objects.filter(
                content_type__app_label__in={app for app, _ in wanted},
                codename__in={codename for _, codename in wanted},
            ).select_related("content_type")
        )
        permissions = [
            p for p in found if (p.content_type.app_label, p.codename) in wanted
        ]
        missing = wanted - {(p.content_type.app_label, p.codename) for p in permissions}
        if missing and strict:
            raise LookupError(
                f"Permissions missing for role {role}: {sorted(missing)}; run migrate."
            )
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(permissions)
        counts[role] = len(permissions)
    return counts
