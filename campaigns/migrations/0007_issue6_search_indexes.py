"""Trigram indexes on the folded names that search compares, on PostgreSQL only.

`selectors.Fold` is `translate(name, <letters>, <folded letters>)` on PostgreSQL. An index
on that same expression lets `LIKE '%word%'` read the index instead of folding 100,000
names per search. SQLite (the small quickstart database) needs none.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = (
    ("campaigns_ward", "ward_name_folded_trgm"),
    ("campaigns_residentialarea", "area_name_folded_trgm"),
)


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from campaigns.selectors.public import fold_translation_table

    source, target = (schema_editor.quote_value(s) for s in fold_translation_table())
    for table, name in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table}"
            f" USING gin (translate(name, {source}, {target}) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0006_issue6_fund_summary"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
