"""The import path of every resource: `CampaignResource`, a django-import-export
`ModelResource` that
- matches Vietnamese headers however they were typed (headers.py);
- looks up wards, residential areas, goals and existing rows by natural key from
  an in-memory index built with a few queries before the first row (keys.py), so
  the number of queries does not grow with the number of rows;
- validates each row in Python (checks.py) instead of one query per constraint;
- writes in batches with history naming the file and the importer (saving.py); a
  dry run writes nothing; exports live in exporting.py;
- fails closed: without a user allowed to import the model nothing is read or
  written; existing rows are read through the one gate,
  `Model.objects.restrict(user, "import")`, and each row is checked with the row
  rules of `access.scope` (in scope, approved lock, delete); duplicate rows for the
  same natural key are refused.
"""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import signals
from django.db.models.fields import NOT_PROVIDED
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import resources

from campaigns.access.scope import has_model_action
from campaigns.models.choices import WorkflowStatusChoices
from campaigns.spreadsheets import reading
from campaigns.spreadsheets.bulk import gc_paused
from campaigns.spreadsheets.checks import MEMO_TYPES, RowChecks
from campaigns.spreadsheets.columns import (
    MEMO_KEYS,
    DependentError,
    RowContext,
    remembered_clean,
)
from campaigns.spreadsheets.exporting import Exporting
from campaigns.spreadsheets.headers import HeaderMatching
from campaigns.spreadsheets.import_result import ImportResult
from campaigns.spreadsheets.keys import KeyIndex, key_part
from campaigns.spreadsheets.saving import Saving
from campaigns.spreadsheets.widgets import LookupWidget

IMPORT_STATUSES = (WorkflowStatusChoices.DRAFT, WorkflowStatusChoices.SUBMITTED)


class CampaignResource(
    HeaderMatching, RowContext, RowChecks, Saving, Exporting, resources.ModelResource
):
    """Base of the import/export resources (see the module docstring)."""

    #: Fields whose values tell the day a row's ward must be in force.
    day_fields: tuple[str, ...] = ()
    #: Field that holds the ward code (its widget is a WardWidget).
    ward_field = "ward"
    #: model field name -> column field name, for errors raised by the model.
    error_columns: dict[str, str] = {}
    #: check-constraint name -> (test on the instance, field whose column shows the error)
    constraint_checks: dict = {}
    #: related objects loaded with existing rows, so comparing them needs no query.
    existing_related: tuple[str, ...] = ()
    #: Import and export, or only export (reference lists, households).
    importable = True

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_bulk = True
        # Rows are written in batches of this many (with their goal results): fewer
        # statements per import; updates go in smaller batches (see bulk_update).
        batch_size = 5000
        # Our own comparison (`skip_row`) is cheaper than copying every instance.
        skip_diff = True
        store_row_values = True
        use_transactions = True

    def __init__(self, *, user=None, status=WorkflowStatusChoices.DRAFT, **kwargs):
        super().__init__(**kwargs)
        for field in self.fields.values():
            field.column_name = str(field.column_name)
            if isinstance(field.widget, LookupWidget):
                field.widget.resource = self
        self.user = user
        self.import_status = status if status in IMPORT_STATUSES else IMPORT_STATUSES[0]
        self.keys = None
        self.file_name = ""
        self._cells_seen = None

    # --- the import run -----------------------------------------------------------

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        with gc_paused():
            return self._import_data(dataset, dry_run, raise_errors, **kwargs)

    def _import_data(self, dataset, dry_run, raise_errors, **kwargs):
        kwargs.setdefault("rollback_on_validation_errors", True)
        try:
            self.prepare(dataset, **kwargs)
        except Exception as error:
            # A file-level problem (headers, lookups): no row is worth reading.
            if raise_errors:
                raise
            result = self.get_result_class()()
            result.total_rows = len(dataset)
            self.handle_import_error(result, error)
        else:
            result = super().import_data(
                dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs
            )
        result.row_numbers = getattr(dataset, "row_numbers", None)
        result.resource = self
        return result

    def cell(self, row, name):
        """The cleaned value of a column, or None when the file lacks the column."""
        field = self.fields[name]
        if field.column_name not in row:
            return None
        value = field.clean(row)
        # prepare() keeps the cells a row's key was read from, for import_instance.
        if self._cells_seen is not None and field.default is NOT_PROVIDED:
            self._cells_seen[field.column_name] = value
        return value

    @classmethod
    def get_result_class(cls):
        return ImportResult

    def before_import(self, dataset, **kwargs):
        """Done by `prepare()` before the transaction starts."""

    def prepare(self, dataset, **kwargs):
        if not self.importable:
            raise reading.SpreadsheetError(
                _("This list can be exported but not imported.")
            )
        if "user" in kwargs and kwargs["user"] is not None:
            self.user = kwargs["user"]
        self.refuse_without_permission()
        self.file_name = kwargs.get("file_name") or ""
        self.match_headers(dataset)
        headers = dataset.headers
        rows = [dict(zip(headers, values, strict=True)) for values in dataset]
        self.keys = KeyIndex(codes=self.file_ward_codes(rows))
        self.now = timezone.now()
        self.row_keys: list = []
        self.duplicate_of: dict[int, int] = {}
        # Each row's ward and key cells, worked out here once and reused when the
        # row is imported (see before_import_row and import_instance).
        self.row_wards: list[tuple] = []
        self.key_cells: list[dict] = []
        self.__dict__.pop("_import_plan", None)
        ward_ids, first_seen = set(), {}
        numbers = getattr(dataset, "row_numbers", None) or range(2, len(dataset) + 2)
        for row in rows:
            try:
                ward = self.row_ward(row)
            except ValueError:
                ward = None
            self.row_wards.append((self._ward, self._ward_error))
            if ward is not None:
                ward_ids.add(ward.pk)
        self.keys.load_areas(ward_ids)
        self.ward_ids = ward_ids
        for index, row in enumerate(rows):
            self.use_row_ward(row, index)
            self._cells_seen = {}
            key = self.row_key(row)
            self.key_cells.append(self._cells_seen)
            self.row_keys.append(key)
            if key is None:
                continue
            if key in first_seen:
                self.duplicate_of[index] = first_seen[key]
            else:
                first_seen[key] = numbers[index]
        self._cells_seen = None
        self.existing = self.load_existing(rows)

    def refuse_without_permission(self) -> None:
        """Fail closed: an import with no user, or one who may not import the model,
        reads and writes nothing (a missing user once meant "every ward")."""
        if self.user is None or not getattr(self.user, "is_authenticated", False):
            raise reading.SpreadsheetError(
                _(
                    "An import must be made by a signed-in account; "
                    "nothing was imported."
                )
            )
        model = self._meta.model
        if not has_model_action(self.user, "import", model):
            raise reading.SpreadsheetError(
                _("Your account may not import %(things)s; nothing was imported.")
                % {"things": model._meta.verbose_name_plural}
            )

    def import_rows(self, model=None):
        """Existing rows of `model` (default: the resource's) that the user may import
        over: the one gate, so rows of other wards are never read, matched or changed."""
        model = model or self._meta.model
        return model.objects.restrict(self.user, "import")

    def load_existing(self, rows) -> dict:
        found = defaultdict(list)
        # Unordered: rows are found by key, and the models' orderings join and sort
        # thousands of rows for nothing.
        for instance in self.existing_queryset(rows).order_by():
            found[self.instance_key(instance)].append(instance)
        return found

    def existing_queryset(self, rows):
        model = self._meta.model
        path = model.objects.all().ward_path
        condition = models.Q(**{f"{path}__in": self.ward_ids})
        if path == "ward" and model._meta.get_field("ward").null:
            condition |= models.Q(ward__isnull=True)
        return (
            self.import_rows().filter(condition).select_related(*self.existing_related)
        )

    def row_key(self, row):
        try:
            return tuple(
                key_part(self.cell(row, name)) for name in self.get_import_id_fields()
            )
        except (ValueError, KeyError, AttributeError):
            return None

    def instance_key(self, instance):
        parts = []
        for name in self.get_import_id_fields():
            attribute = self.fields[name].attribute
            field = instance._meta.get_field(attribute)
            parts.append(key_part(getattr(instance, field.attname)))
        return tuple(parts)

    def before_import_row(self, row, **kwargs):
        self.row_index = kwargs["row_number"] - 1
        self.use_row_ward(row, self.row_index)

    def get_instance(self, instance_loader, row):
        key = self.row_keys[self.row_index]
        if key is None:
            return None
        matches = self.existing.get(key, [])
        if len(matches) > 1:
            self._ambiguous = True
        return matches[0] if matches else None

    def init_instance(self, row=None):
        """`Model()` for a new row, from the defaults worked out once per import.

        Model.__init__ asks every field for its default and sends two signals; for
        10,000 rows that shows. Here the plain defaults are copied, callable and
        mutable ones are asked for again, and pre_init/post_init are still sent.
        """
        model = self._meta.model
        plan = self.__dict__.get("_new_instance_plan")
        if plan is None:
            fixed, fresh = {}, []
            for field in model._meta.concrete_fields:
                if field.generated:  # computed by the database; __init__ skips it
                    continue
                default = field.get_default()
                called = field.has_default() and callable(field.default)
                if called or type(default) not in MEMO_TYPES:
                    fresh.append(field)
                else:
                    fixed[field.attname] = default
            # pre_init has no receiver in the portal: not sent 10,000 times for none.
            plan = (fixed, fresh, signals.pre_init.has_listeners(model))
            self._new_instance_plan = plan
        fixed, fresh, pre_init = plan
        if pre_init:
            signals.pre_init.send(sender=model, args=(), kwargs={})
        instance = model.__new__(model)
        instance._state = models.base.ModelState()
        values = instance.__dict__
        values.update(fixed)
        for field in fresh:
            values[field.attname] = field.get_default()
        signals.post_init.send(sender=model, instance=instance)
        return instance

    def after_init_instance(self, instance, new, row, **kwargs):
        self.is_new = new
        self.before = None if new else self.snapshot(instance)
        self.locked = None if new else self.lock_message(instance)

    def snapshot_names(self) -> list[str]:
        if not hasattr(self, "_snapshot_names"):
            names, fields = [], []
            for field in self.get_import_fields():
                if field.readonly or not field.attribute or "__" in field.attribute:
                    continue
                try:
                    names.append(
                        self._meta.model._meta.get_field(field.attribute).attname
                    )
                except Exception:
                    names.append(field.attribute)
                fields.append(field)
            self._snapshot_names = names
            # The column of each snapshot value, for the preview's old → new cells.
            self._snapshot_fields = fields
        return self._snapshot_names

    def snapshot(self, instance) -> tuple:
        values = tuple(getattr(instance, name, None) for name in self.snapshot_names())
        return (values, self.extra_snapshot(instance))

    def get_import_fields(self):
        if not hasattr(self, "_import_fields"):
            self._import_fields = super().get_import_fields()
        return self._import_fields

    def extra_snapshot(self, instance):
        return None

    def import_instance(self, instance, row, **kwargs):
        errors: dict[str, list[str]] = {}
        self.failed_fields = set()
        known = self.known_cells()
        # Field.save() for each column, unrolled: it runs 300,000 times in a
        # 10,000-row import and its generic path (lookups, nested attributes) shows.
        for column, attribute, clean, default, saves_null, memo in self.import_plan():
            if column not in row:
                continue
            try:
                raw = row[column]
                if column in known:
                    # Cleaned when prepare() worked out the row's key.
                    value = known[column]
                elif memo is None:
                    # Our widgets read the row, never the import's keyword arguments.
                    value = clean(raw, row=row)
                else:
                    # Inline: most cells repeat a value already cleaned.
                    kind = raw.__class__
                    answer = memo.get((kind, raw)) if kind in MEMO_KEYS else None
                    if answer is not None and answer[0]:
                        value = answer[1]
                    else:
                        value = remembered_clean(memo, clean, raw)
            except DependentError:
                self.failed_fields.add(attribute)
                continue
            except ValueError as error:
                self.failed_fields.add(attribute)
                errors.setdefault(column, []).append(str(error))
                continue
            if (value is None or value == "") and default is not NOT_PROVIDED:
                value = default() if callable(default) else default
            if value is not None or saves_null:
                setattr(instance, attribute, value)
        if self.fields.get(self.ward_field) is not None:
            try:
                self.row_ward(row)
            except ValueError as error:
                column = self.fields[self.ward_field].column_name
                if str(error) not in errors.get(column, []):
                    errors.setdefault(column, []).append(str(error))
        self.after_fields(instance, row, errors)
        if errors:
            raise ValidationError(errors)

    def import_plan(self) -> list[tuple]:
        """(column, attribute, clean, default, saves null, memo) of the written columns;
        memo (a dict per import) is None where clean() depends on more than the cell."""
        if not hasattr(self, "_import_plan"):
            self._import_plan = [
                (
                    f.column_name,
                    f.attribute,
                    f.widget.clean,
                    f.default,
                    f.saves_null_values,
                    {} if getattr(f.widget, "value_only", False) else None,
                )
                for f in self.get_import_fields()
                if not f.readonly and f.attribute and "__" not in f.attribute
            ]
        return self._import_plan

    def known_cells(self) -> dict:
        cells = getattr(self, "key_cells", None)
        index = getattr(self, "row_index", None)
        if cells is None or index is None or index >= len(cells):
            return {}
        return cells[index]

    def after_fields(self, instance, row, errors) -> None:
        """Set what the columns imply (defaults, derived values) before validation."""
