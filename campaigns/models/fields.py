"""The year field: a small whole number that is never printed with a thousands
separator (the Vietnamese locale would print 2025 as "2.025")."""

from django.db import models

# Wide enough for any year a record may hold; display_for_field() shows the empty
# value for a number it does not find.
_DISPLAYED_YEARS = range(1900, 2201)


# {year: "year"} read by the admin's display_for_field(), which copies it with dict()
# for every cell: a dict built once copies in C (an object answering keys() and
# __getitem__ took 301 Python calls a cell, 30,000 a list page; issue 17).
_YEAR_LABELS = {year: str(year) for year in _DISPLAYED_YEARS}


class YearField(models.PositiveSmallIntegerField):
    """A calendar year. The admin shows a model field's value through
    `display_for_field()`, which groups digits of every number unless the field has
    `flatchoices`; year fields answer with their value as plain text, without
    becoming a choice field (no select widget, no choices validation)."""

    def deconstruct(self):
        # Stored exactly as a PositiveSmallIntegerField; migrations never import the
        # app (tests/models/test_migrations.py), so they see the plain field.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.PositiveSmallIntegerField", args, kwargs

    @property
    def flatchoices(self):
        if self.choices:
            return super().flatchoices
        return _YEAR_LABELS


def year_path(model) -> str | None:
    """The lookup giving a row's year: its year field, its parent's (a goal result's
    yearly result), or the year of its date; None for rows without a year."""
    fields = {field.name: field for field in model._meta.concrete_fields}
    if isinstance(fields.get("year"), YearField):
        return "year"
    for field in fields.values():
        if field.many_to_one and field.related_model is not None:
            parent = {f.name: f for f in field.related_model._meta.concrete_fields}
            if isinstance(parent.get("year"), YearField):
                return f"{field.name}__year"
    if isinstance(fields.get("date"), models.DateField):
        return "date__year"
    return None
