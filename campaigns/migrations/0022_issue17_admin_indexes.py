"""Indexes for the staff lists' name search at nation scale (issue 17).

The admin searches names folded (`portal_fold`, migration 0016) and tests codes for
equality (campaigns/admin/lists.py). The names of areas and units had trigram indexes
already; the donors', the household heads' and the community works' names get theirs,
and the codes searched for equality a plain B-tree, so that each branch of the
search's OR reads an index (a BitmapOr) instead of every row: about 1.1 s for a donor
over 640,000 donations before (plans in docs/decisions.md). PostgreSQL only; SQLite
searches its small tables without them.
"""

from django.db import migrations

TRIGRAM = (
    ("campaigns_donation", "donation_donor_folded_trgm", "donor_name"),
    ("campaigns_household", "household_head_folded_trgm", "head_name"),
    ("campaigns_communitywork", "community_work_name_folded_trgm", "name"),
)
BTREE = (
    ("campaigns_donation", "donation_receipt_number", "receipt_number"),
    ("campaigns_support", "support_decision_number", "decision_number"),
    ("campaigns_household", "household_phone", "phone"),
)


def indexes_create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, name, column in TRIGRAM:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
            f"USING gin (portal_fold({column}) gin_trgm_ops)"
        )
    for table, name, column in BTREE:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column})"
        )


def indexes_drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, name, _column in (*TRIGRAM, *BTREE):
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0021_issue18_search_folded"),
    ]

    operations = [
        migrations.RunPython(indexes_create, indexes_drop),
    ]
