"""Search folds names with `unaccent` inside an SQL function the planner knows is costly.

Migration 0007 indexed `translate(name, <about 600 letters>, …)`. translate() scans
that whole table for every plain letter (about 12 µs a name), and its declared cost
of 1 made the planner prefer a sequential scan of all 10,011 wards over the trigram
index, three times per search: about 0.9 s on a freshly seeded nation database
(issue 18). `portal_fold()` is `lower(unaccent(…))` (about 2 µs a name, the same text
as `campaigns.text.fold` for Vietnamese), declared IMMUTABLE with a cost of 100 so
the planner reads the trigram index, and not inlined (its body is only STABLE), so
the index and the queries keep naming the function itself.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

INDEXES = (
    ("campaigns_ward", "ward_name_folded_trgm"),
    ("campaigns_residentialarea", "area_name_folded_trgm"),
)

FUNCTION = """
CREATE OR REPLACE FUNCTION portal_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 100
AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$
"""


def fold_indexes_create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION)
    for table, name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
        schema_editor.execute(
            f"CREATE INDEX {name} ON {table} USING gin (portal_fold(name) gin_trgm_ops)"
        )


def fold_indexes_drop(apps, schema_editor):
    # Back to 0007's indexes: that migration's own code builds them again.
    if schema_editor.connection.vendor != "postgresql":
        return
    from importlib import import_module

    previous = import_module("campaigns.migrations.0007_issue6_search_indexes")
    for _table, name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    previous.create_indexes(apps, schema_editor)
    schema_editor.execute("DROP FUNCTION IF EXISTS portal_fold(text)")


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0015_issue12_roles"),
    ]

    operations = [
        UnaccentExtension(),
        migrations.RunPython(fold_indexes_create, fold_indexes_drop),
    ]
