"""Trigram indexes on the folded names that search compares, on PostgreSQL only.

`selectors.Fold` is `translate(name, <letters>, <folded letters>)` on PostgreSQL. An index
on that same expression lets `LIKE '%word%'` read the index instead of folding 100,000
names per search. SQLite (the small quickstart database) needs none.
"""

import re
import unicodedata

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = (
    ("campaigns_ward", "ward_name_folded_trgm"),
    ("campaigns_residentialarea", "area_name_folded_trgm"),
)


# Frozen copies of campaigns.text.fold and selectors' fold_translation_table as they
# stood for this migration: the indexed expression must stay what it was then.
def fold(text: str) -> str:
    """Lower-case `text` without diacritics (NFD, marks dropped, đ/Đ mapped)."""
    text = unicodedata.normalize("NFD", text or "")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.replace("đ", "d").replace("Đ", "D")
    return re.sub(r"\s+", " ", text).strip().lower()


def fold_translation_table() -> tuple[str, str]:
    """Characters (Latin letters with diacritics, and A–Z) and their folded letters."""
    source, target = [], []
    for code in [*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        folded = fold(char)
        if len(folded) == 1 and folded.isascii() and folded != char:
            source.append(char)
            target.append(folded)
    return "".join(source), "".join(target)


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
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
