"""The change history of every data record (django-simple-history), across models.

Each record's own history (who, when, old → new values, reason) is on its admin
page; `history_entries()` lists all changes of all models for the admin's history
page, filterable by user, date, model and kind of change, limited to what the
user may see. Imports write their rows' history themselves, naming the file and the
person (spreadsheets/saving.py).
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.db import models as db
from django.db.models import CharField, OuterRef, Q, Subquery, Value
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext
from simple_history.template_utils import HistoricalRecordContextHelper

from campaigns.access.scope import ALL_WARDS, has_model_action, scope_path, ward_scope
from campaigns.models.fields import YearField, year_path

EMPTY = "—"

HISTORY_FIELDS = (
    "history_id",
    "history_date",
    "history_type",
    "history_user_id",
    "history_change_reason",
    "id",
)


def tracked_models() -> dict[str, type]:
    """The app's models with a change history, by model name."""
    return {
        model._meta.model_name: model
        for model in apps.get_app_config("campaigns").get_models()
        if hasattr(model._meta, "simple_history_manager_attribute")
    }


def history_model(model):
    return getattr(model, model._meta.simple_history_manager_attribute).model


def history_entries(
    *,
    user,
    changed_by=None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    model_name: str | None = None,
    history_type: str | None = None,
    ward=None,
    year: int | None = None,
):
    """All matching history rows of the tracked models `user` may view, newest first,
    as dicts: the rows of `user`'s wards only, nothing without the permission.
    With `ward` or `year`, only the models whose rows have one (reference data has
    neither).

    One UNION query; pagination slices it in the database.
    """
    models = tracked_models()
    if model_name:
        models = {model_name: models[model_name]} if model_name in models else {}
    parts = []
    for name, model in models.items():
        if not has_model_action(user, "view", model):
            continue
        queryset = _in_scope(history_model(model).objects.all(), model, user)
        if ward is not None:
            path = scope_path(model)
            if path is None:
                continue
            queryset = queryset.filter(**{"id" if path == "pk" else path: ward.pk})
        if year is not None:
            path = year_path(model)
            if path is None:
                continue
            queryset = queryset.filter(**{path: year})
        if changed_by is not None:
            queryset = queryset.filter(history_user=changed_by)
        if date_from:
            queryset = queryset.filter(history_date__date__gte=date_from)
        if date_to:
            queryset = queryset.filter(history_date__date__lte=date_to)
        if history_type:
            queryset = queryset.filter(history_type=history_type)
        parts.append(
            queryset.annotate(model_name=Value(name, output_field=CharField()))
            .values(*HISTORY_FIELDS, "model_name")
            # A UNION's parts may not be ordered (historical models are by default).
            .order_by()
        )
    if not parts:
        return []
    first, *rest = parts
    combined = first.union(*rest, all=True) if rest else first
    return combined.order_by("-history_date", "-history_id")


def _in_scope(rows, model, user):
    """Historical `rows` of `model` limited as `model.objects.restrict(user)` limits
    its rows (through the live parents of each version; a version whose parent is
    gone is left out, failing closed)."""
    scope = ward_scope(user)
    path = scope_path(model)
    if scope is ALL_WARDS or path is None:
        return rows
    # The historical row's "pk" is its history_id; the record's own id is "id".
    return rows.filter(**{"id__in" if path == "pk" else f"{path}__in": scope})


def related_paths(model, depth: int = 3, prefix: str = "") -> list[str]:
    """select_related() paths along the app's foreign keys, so `str()` of a row
    (which names its area and ward) needs no query of its own."""
    paths = []
    for field in model._meta.concrete_fields:
        related = field.related_model
        if field.many_to_one and related._meta.app_label == model._meta.app_label:
            path = f"{prefix}{field.name}"
            paths.append(path)
            if depth > 1:
                paths += related_paths(related, depth - 1, f"{path}__")
    return paths


@dataclass(frozen=True)
class HistoryEntry:
    model: type
    record: object  # the historical row
    changes: list  # [{"field", "old", "new"}]
    label: str  # the record as it is now (as it was, if deleted)
    has_previous: bool  # an earlier version exists to compare with

    @property
    def model_label(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def history_url(self) -> str:
        """The record's own history page in the admin (also for deleted records)."""
        opts = self.model._meta
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_history", args=(self.record.id,)
        )


def history_details(rows) -> list[HistoryEntry]:
    """Historical rows for a page of `history_entries()`, each with its changes.

    Three queries per model on the page: the rows with their users, the versions
    just before them, and the records as they are now.
    """
    models = tracked_models()
    by_model: dict[str, list[int]] = {}
    for row in rows:
        by_model.setdefault(row["model_name"], []).append(row["history_id"])
    records = {}
    for name, ids in by_model.items():
        historical = history_model(models[name])
        previous_id = (
            # Rows written in one import share their time: the id breaks the tie.
            historical.objects.filter(
                Q(history_date__lt=OuterRef("history_date"))
                | Q(
                    history_date=OuterRef("history_date"),
                    history_id__lt=OuterRef("history_id"),
                ),
                id=OuterRef("id"),
            )
            .order_by("-history_date", "-history_id")
            .values("history_id")[:1]
        )
        page = list(
            historical.objects.filter(history_id__in=ids)
            .select_related("history_user")
            .annotate(previous_id=Subquery(previous_id))
        )
        previous = historical.objects.in_bulk(
            [r.previous_id for r in page if r.previous_id]
        )
        model = models[name]
        current = (
            model._default_manager.select_related(*related_paths(model))
            .order_by()
            .in_bulk({r.id for r in page})
        )
        for record in page:
            changes = []
            before = previous.get(record.previous_id)
            if before is not None and record.history_type == "~":
                delta = record.diff_against(before, foreign_keys_are_objs=True)
                helper = ReadableChanges(models[name], record)
                changes = helper.context_for_delta_changes(delta)
            obj = current.get(record.id) or record.history_object
            records[(name, record.history_id)] = (
                model,
                record,
                changes,
                str(obj),
                before is not None,
            )
    return [
        HistoryEntry(*records[(row["model_name"], row["history_id"])])
        for row in rows
        if (row["model_name"], row["history_id"]) in records
    ]


def display_value(field, value) -> str:
    """`value` of model `field` as staff read it: choice labels, Có/Không, local
    dd/mm/yyyy HH:MM, plain years, grouped numbers, "—" for nothing."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, db.Model) or field.many_to_one:
        return str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, db.BooleanField):
        return gettext("Yes") if value else gettext("No")
    if isinstance(field, YearField):
        return str(value)
    if isinstance(field, db.DateTimeField):
        return formats.date_format(timezone.localtime(value), "d/m/Y H:i")
    if isinstance(field, db.DateField):
        return formats.date_format(value, "d/m/Y")
    if isinstance(field, (db.IntegerField, db.DecimalField, db.FloatField)):
        return formats.number_format(value, use_l10n=True)
    return str(value)


class ReadableChanges(HistoricalRecordContextHelper):
    """simple_history's old → new context with values as `display_value()` shows
    them (the record's own history page and the history of all records)."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        field = self.model._meta.get_field(change.field)
        if isinstance(value, list):
            return ", ".join(str(item) for item in value) or EMPTY
        return display_value(field, value)
