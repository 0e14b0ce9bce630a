"""Migrations run frozen copies of the code they need, and those copies stay right."""

import ast
import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from campaigns.access import roles

MIGRATIONS = Path(__file__).resolve().parent.parent.parent / "campaigns" / "migrations"
ROLES_MIGRATION = "0015_issue12_roles"


def migration(name: str):
    return importlib.import_module(f"campaigns.migrations.{name}")


def imported_modules(tree: ast.AST) -> set[str]:
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module)
        elif isinstance(node, ast.ImportFrom) and node.level:
            modules.add("." * node.level + (node.module or ""))
    return modules


def test_no_migration_imports_the_app():
    """Live code changes; a migration that imports it changes what it did back then."""
    found = {
        path.name: sorted(
            module
            for module in imported_modules(ast.parse(path.read_text()))
            if module == "campaigns" or module.startswith(("campaigns.", "."))
        )
        for path in sorted(MIGRATIONS.glob("*.py"))
    }
    assert {name: modules for name, modules in found.items() if modules} == {}


def test_the_import_check_sees_lazy_imports():
    tree = ast.parse(
        "def run(apps, schema_editor):\n    from campaigns.access.roles import x\n"
    )
    assert "campaigns.access.roles" in imported_modules(tree)


def models_at(name: str) -> set[tuple[str, str]]:
    state = MigrationLoader(None, ignore_no_migrations=True).project_state(
        ("campaigns", name)
    )
    return set(state.models)


@pytest.mark.django_db
def test_frozen_roles_match_the_live_roles_for_the_models_of_their_time():
    """Roles changed for a model that existed at 0002 need a new migration (a frozen
    copy of the new table, synced like 0002 does) so that existing databases follow;
    then point ROLES_MIGRATION at it.
    """
    frozen = migration(ROLES_MIGRATION)
    existed = models_at(ROLES_MIGRATION)
    assert ("campaigns", "annualresult") in existed
    assert frozen.ROLE_PERMISSIONS.keys() == roles.ROLE_PERMISSIONS.keys()
    for role, live_table in roles.ROLE_PERMISSIONS.items():
        live = {key: actions for key, actions in live_table.items() if key in existed}
        assert frozen.ROLE_PERMISSIONS[role] == live, role
    # The frozen sync gives the groups what the live sync gives them.
    frozen.roles_sync(apps)
    Group = apps.get_model("auth", "Group")
    for role in roles.ROLE_PERMISSIONS:
        held = set(
            Group.objects.get(name=role).permissions.values_list(
                "content_type__app_label", "codename"
            )
        )
        expected = {
            (app_label, codename)
            for app_label, codename in roles.role_permission_codenames(role)
            if (app_label, codename.split("_", 1)[1]) in existed
        }
        assert held == expected, role


@pytest.mark.django_db
def test_frozen_summary_refreshes_match_the_live_ones(reference):
    """0006 and 0008 rebuild the fund and work summaries as the live refresh does."""
    from campaigns.demo.seed import demo_data_seed
    from campaigns.models.summaries import FundSummary, WorkSummary

    demo_data_seed(seed=3, years=range(2024, 2026))

    def rows(model):
        fields = [f.attname for f in model._meta.concrete_fields if f.name != "id"]
        return sorted(model.objects.values_list(*fields), key=repr)

    live = {model: rows(model) for model in (FundSummary, WorkSummary)}
    assert all(live.values())

    class SchemaEditor:
        pass

    editor = SchemaEditor()
    editor.connection = connection
    migration("0006_issue6_fund_summary").build_fund_summaries(apps, editor)
    migration("0008_issue6_work_summary").build_work_summaries(apps, editor)
    assert {model: rows(model) for model in live} == live
