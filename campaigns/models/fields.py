"""The year field: a small whole number that is never printed with a thousands
separator (the Vietnamese locale would print 2025 as "2.025")."""

from django.db import models

# Wide enough for any year a record may hold; display_for_field() shows the empty
# value for a number it does not find.
_DISPLAYED_YEARS = range(1900, 2201)


class _YearLabels:
    """{year: "year"} read by the admin's display_for_field(), built on demand."""

    def keys(self):
        return _DISPLAYED_YEARS

    def __getitem__(self, year):
        return str(year)


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
        return _YearLabels()
