"""Names folded for search: lower case without Vietnamese diacritics, stored.

A stored column (not the expression in every query) because a search of a word of one
or two letters has no trigram for an index to look up and reads every row: folding
100,000 area names on the fly took about 0.9 s at nation scale (issue 18); comparing a
stored column takes a few milliseconds. The database computes it (a generated column),
so every write path (forms, imports, the seed's COPY, raw SQL) keeps it right.
"""

from django.db import models
from django.db.models import Case, F, Value, When
from django.db.models.functions import Coalesce

from campaigns.models.choices import RecipientKindChoices


class Fold(models.Func):
    """Lower case without Vietnamese diacritics, as `campaigns.text.fold` does in Python.

    SQLite calls `fold` itself (registered on each connection by
    `selectors.search.register_sqlite_fold`); PostgreSQL calls `portal_fold()`,
    `lower(unaccent(…))` (migration 0016), declared IMMUTABLE, so a generated column
    may use it.
    """

    function = "portal_fold"
    output_field = models.TextField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="PORTAL_FOLD", **extra)


def _folded(expression) -> models.Func:
    # A plain Func, not `Fold`: migrations must not import the app (its code changes
    # later); SQLite's function names ignore case, so `portal_fold` is `PORTAL_FOLD`.
    return models.Func(
        expression, function="portal_fold", output_field=models.TextField()
    )


def folded(field: str) -> models.GeneratedField:
    """A stored column holding `field` folded."""
    return models.GeneratedField(
        expression=_folded(F(field)),
        output_field=models.TextField(),
        db_persist=True,
    )


def commendation_text() -> models.GeneratedField:
    """A commendation's public text folded, as search reads it: a collective's name
    (never an individual's, so no one can probe for one), the form, the decision number
    and the achievement, separated by spaces so no searched word spans two of them."""
    public_name = Case(
        When(recipient_kind=RecipientKindChoices.COLLECTIVE, then=F("recipient_name")),
        default=Value(""),
        output_field=models.TextField(),
    )
    # `||`, not CONCAT(): IMMUTABLE on PostgreSQL, as a generated column needs.
    text = models.Func(
        public_name,
        F("form"),
        F("decision_number"),
        Coalesce(F("reason"), Value("")),
        template="(%(expressions)s)",
        arg_joiner=" || ' ' || ",
        output_field=models.TextField(),
    )
    return models.GeneratedField(
        expression=_folded(text),
        output_field=models.TextField(),
        db_persist=True,
    )
