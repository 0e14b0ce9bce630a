"""The machinery under every import resource: natural keys, bulk lookups, checks.

`CampaignResource` is a django-import-export `ModelResource` that
- matches Vietnamese headers however they were typed (accents, case, spaces);
- looks up wards, residential areas, goals and existing rows by natural key from
  an in-memory index built with a few queries before the first row (`KeyIndex`),
  so the number of queries does not grow with the number of rows;
- validates each row in Python (model `clean()`, field validators, and a mirror of
  every check constraint) instead of one query per constraint per row;
- writes with `bulk_create`/`bulk_update` in batches, with history rows naming the
  file and the person who imported it; a dry run writes nothing;
- fails closed: without a user allowed to import the model nothing is read or
  written; existing rows are read through the one gate,
  `Model.objects.restrict(user, "import")`, and each row is checked with the row
  rules of `access.scope` (in scope, approved lock, delete); duplicate rows for the
  same natural key are refused. Exports read `restrict(user, "export")` rows only.
"""

import datetime
import re
from collections import defaultdict
from collections.abc import Iterator

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.db.models import signals
from django.db.models.fields import NOT_PROVIDED
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.results import Result
from simple_history.utils import bulk_update_with_history

from campaigns.access.admin import restrict
from campaigns.access.scope import (
    can_modify,
    can_remove,
    has_model_action,
    in_scope,
    lock_holder,
)
from campaigns.cache import bump_generation
from campaigns.models import Goal, PovertyStandard, ResidentialArea, Ward
from campaigns.models.choices import WorkflowStatusChoices
from campaigns.models.querysets import year_reference_date
from campaigns.spreadsheets import files as sheets
from campaigns.spreadsheets.bulk import gc_paused, insert_with_history
from campaigns.spreadsheets.cells import csv_text
from campaigns.spreadsheets.widgets import LookupWidget, TextWidget, clean_text
from campaigns.text import fold, nfc

IMPORT_STATUSES = (WorkflowStatusChoices.DRAFT, WorkflowStatusChoices.SUBMITTED)
# Values whose equal copies are interchangeable, so a field's check can be remembered.
_MEMO_TYPES = frozenset({int, str, bool, datetime.date, type(None)})


class DependentError(ValueError):
    """A cell that cannot be read because another one (the ward) failed first."""


def header_key(text) -> str:
    """Headers compare without accents, case, punctuation or repeated spaces."""
    return re.sub(r"[^a-z0-9]+", " ", fold(str(text))).strip()


def name_key(text) -> str:
    return re.sub(r"\s+", " ", nfc(str(text))).casefold()


def loose_key(text) -> str:
    """ "Tổ 01", "to 1" and "TỔ 1" are the same area name."""
    return re.sub(r"\d+", lambda m: str(int(m.group())), header_key(text))


def ward_name_key(text) -> str:
    return re.sub(r"^(phuong|xa|thi tran) ", "", loose_key(text))


def key_part(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, str):
        return name_key(value)
    return value


class KeyIndex:
    """Wards, residential areas, goals and poverty standards by natural key, in memory."""

    def __init__(self):
        self.wards = list(Ward.objects.all())
        self.by_code = defaultdict(list)
        self.by_name = defaultdict(list)
        for ward in self.wards:
            self.by_code[ward.code].append(ward)
            self.by_name[ward_name_key(ward.name)].append(ward)
        self.goals = {goal.number: goal for goal in Goal.objects.all()}
        self.standards = list(PovertyStandard.objects.order_by("-valid_from_year"))
        self.areas: dict[int, dict] = {}
        self.wards_by_id = {ward.pk: ward for ward in self.wards}

    #: What lookups and checks read of an area (name, ward, validity); not the
    #: timestamps, which cost more to load than the rest for 10,000 areas.
    AREA_FIELDS = ("id", "ward_id", "name", "kind", "valid_from", "valid_to", "status")

    def load_areas(self, ward_ids) -> None:
        missing = {ward_id for ward_id in ward_ids if ward_id not in self.areas}
        if not missing:
            return
        for ward_id in missing:
            self.areas[ward_id] = {"exact": {}, "raw": {}, "all": [], "loose": None}
        rows = ResidentialArea.objects.filter(ward_id__in=missing).values_list(
            *self.AREA_FIELDS
        )
        alias = rows.db
        for values in rows:
            area = _loaded(ResidentialArea, alias, self.AREA_FIELDS, values)
            area.ward = self.wards_by_id[area.ward_id]
            index = self.areas[area.ward_id]
            index["exact"][name_key(area.name)] = area
            index["all"].append(area)
        for ward_id in missing:
            # What a name spelt as stored finds (most files, and every export, spell
            # it so), without working out its key for each row.
            index = self.areas[ward_id]
            index["raw"] = {
                a.name: index["exact"][name_key(a.name)] for a in index["all"]
            }

    def _loose(self, ward_id) -> dict:
        """Areas by loose name ("to 1" for "Tổ 01"), built when a name first misses."""
        index = self.areas[ward_id]
        if index["loose"] is None:
            loose = defaultdict(list)
            for area in index["all"]:
                loose[loose_key(area.name)].append(area)
            index["loose"] = loose
        return index["loose"]

    def ward(self, code: str, name: str, day) -> Ward | None:
        if not code and not name:
            return None
        if code:
            candidates = self.by_code.get(code, [])
            if not candidates:
                raise ValueError(
                    _("No ward or commune has the code %(code)s.") % {"code": code}
                )
            if name:
                named = [
                    w
                    for w in candidates
                    if ward_name_key(w.name) == ward_name_key(name)
                ]
                if not named:
                    raise ValueError(
                        _(
                            "The code %(code)s and the name “%(name)s” are not the same unit."
                        )
                        % {"code": code, "name": name}
                    )
                candidates = named
        else:
            candidates = self.by_name.get(ward_name_key(name), [])
            if not candidates:
                raise ValueError(
                    _("No ward or commune is named “%(name)s”.") % {"name": name}
                )
        label = code or name
        if day is not None:
            in_force = [w for w in candidates if _valid_on(w, day)]
            if len(in_force) == 1:
                return in_force[0]
            if not in_force:
                raise ValueError(
                    _("%(ward)s was not in force on %(day)s.")
                    % {"ward": candidates[0], "day": day.strftime("%d/%m/%Y")}
                )
        elif len(candidates) == 1:
            return candidates[0]
        else:
            today = timezone.localdate()
            current = [w for w in candidates if _valid_on(w, today)]
            if len(current) == 1:
                return current[0]
        raise ValueError(
            _(
                "“%(label)s” matches several units; give both the code and the date or year."
            )
            % {"label": label}
        )

    def area(self, ward: Ward, name: str) -> ResidentialArea | None:
        if not name:
            return None
        if ward.pk not in self.areas:
            self.load_areas([ward.pk])
        index = self.areas[ward.pk]
        found = index["raw"].get(name)
        if found is None:
            found = index["exact"].get(name_key(name))
        if found is None:
            loose = self._loose(ward.pk).get(loose_key(name), [])
            if len(loose) == 1:
                found = loose[0]
        if found is None:
            raise ValueError(
                _("%(ward)s has no residential area named “%(name)s”.")
                % {"ward": ward.name, "name": name}
            )
        return found

    def standard_for_year(self, year: int):
        for standard in self.standards:
            if standard.covers(year):
                return standard
        return None

    def standard_by_code(self, text: str):
        for standard in self.standards:
            if standard.code == text:
                return standard
        wanted = loose_key(text)
        for standard in self.standards:
            if loose_key(standard.code) == wanted:
                return standard
        raise ValueError(
            _("“%(value)s” is not a known poverty standard.") % {"value": text}
        )

    def goal(self, number: int) -> Goal:
        try:
            return self.goals[number]
        except KeyError:
            raise ValueError(
                _("There is no goal number %(number)s.") % {"number": number}
            ) from None


def _loaded(model, alias: str, attnames, values):
    """What `model.from_db(alias, attnames, values)` returns (the other fields
    deferred), built in a third of the time: 10,000 areas are loaded per import."""
    signals.pre_init.send(sender=model, args=(), kwargs={})
    instance = model.__new__(model)
    state = instance._state = models.base.ModelState()
    state.adding, state.db = False, alias
    instance.__dict__.update(zip(attnames, values, strict=True))
    signals.post_init.send(sender=model, instance=instance)
    return instance


def _valid_on(obj, day) -> bool:
    return (obj.valid_from is None or obj.valid_from <= day) and (
        obj.valid_to is None or obj.valid_to >= day
    )


class Col(fields.Field):
    """A spreadsheet column: header, widget, and the ORM path that exports it.

    `path` (or `expression`, an annotation) lets exports read rows with
    `values_list()`; `readonly` columns are exported and only read on import to
    find keys (a ward's name beside its code, a status).
    """

    def __init__(
        self,
        attribute,
        header,
        widget=None,
        *,
        path=None,
        expression=None,
        readonly=False,
        required=False,
        default=NOT_PROVIDED,
        saves_null_values=True,
    ):
        super().__init__(
            attribute=attribute,
            column_name=header,
            widget=widget or TextWidget(),
            readonly=readonly,
            default=default,
            saves_null_values=saves_null_values,
        )
        self.path = path or attribute
        self.expression = expression
        self.required = required


class WardWidget(LookupWidget):
    """A ward by GSO code or name, in force on the row's date (or 31/12 of its year).

    Codes were reused in 2025, so the code alone is not enough: the resource tells
    the day the row is about (`row_day`).
    """

    def __init__(self, code_field="ward", name_field="ward_name", **kwargs):
        super().__init__(Ward, field="code")
        self.code_field, self.name_field = code_field, name_field

    def get_queryset(self, value, row, *args, **kwargs):
        return Ward.objects.all()

    def clean(self, value, row=None, **kwargs):
        return self.resource.row_ward(row)


class ResidentialAreaWidget(LookupWidget):
    """A residential area by name within the row's ward ("Tổ 1" exists in many wards)."""

    def __init__(self, **kwargs):
        super().__init__(ResidentialArea, field="name")

    def get_queryset(self, value, row, *args, **kwargs):
        ward = self.resource.row_ward(row)
        return ResidentialArea.objects.filter(ward=ward)

    def clean(self, value, row=None, **kwargs):
        name = clean_text(value)
        if not name:
            return None
        ward = self.resource.row_ward(row, dependent=True)
        if ward is None:
            raise ValueError(_("Give the ward code or name of this residential area."))
        return self.resource.keys.area(ward, name)


class ImportResult(Result):
    """django-import-export's result with the sheet's row numbers and a flat error list."""

    row_numbers: list[int] | None = None
    resource = None

    def sheet_row(self, number: int) -> int:
        if self.row_numbers and 0 < number <= len(self.row_numbers):
            return self.row_numbers[number - 1]
        return number + 1

    @property
    def preview(self) -> list[tuple[int, object]]:
        """(sheet row, row result) of the first rows, for the preview table."""
        numbered = []
        for number, row in enumerate(self.rows[:200], start=1):
            numbered.append((self.sheet_row(number), row))
        return numbered

    def error_lines(self) -> list[tuple[int, str, str]]:
        """(sheet row, column, message) for every error, in sheet order."""
        lines = []
        for row in self.invalid_rows:
            for column, messages in row.error_dict.items():
                label = "" if column == NON_FIELD_ERRORS else column
                for message in messages:
                    lines.append((self.sheet_row(row.number), label, str(message)))
        for error_row in self.error_rows:
            for error in error_row.errors:
                lines.append((self.sheet_row(error_row.number), "", str(error.error)))
        for error in self.base_errors:
            lines.append((0, "", str(error.error)))
        return sorted(lines, key=lambda line: line[0])


class CampaignResource(resources.ModelResource):
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

    # --- headers -------------------------------------------------------------

    @classmethod
    def get_display_name(cls):
        return str(cls._meta.model._meta.verbose_name_plural).capitalize()

    def column_fields(self) -> list:
        return [f for f in self.get_export_fields() if f.column_name]

    def is_header(self, text: str) -> bool:
        return header_key(text) in {
            header_key(f.column_name) for f in self.column_fields()
        }

    def match_headers(self, dataset: tablib.Dataset) -> None:
        """Rename the file's headers to ours; raise SpreadsheetError for wrong or missing ones."""
        ours = {header_key(f.column_name): f.column_name for f in self.column_fields()}
        renamed, unknown = [], []
        for header in dataset.headers:
            key = header_key(header)
            if key in ours:
                renamed.append(ours[key])
            elif key in sheets.IGNORED_HEADERS or header.startswith("__blank_"):
                renamed.append(header)
            else:
                renamed.append(header)
                unknown.append(header)
        present = set(renamed)
        missing = [
            f.column_name
            for f in self.column_fields()
            if getattr(f, "required", False) and f.column_name not in present
        ]
        missing += self.missing_column_groups(present)
        if unknown or missing:
            parts = []
            if missing:
                parts.append(
                    _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}
                )
            if unknown:
                parts.append(
                    _("Columns not recognised: %(columns)s.")
                    % {"columns": ", ".join(f"“{h}”" for h in unknown)}
                )
            parts.append(
                _("The columns of this import are: %(columns)s.")
                % {"columns": ", ".join(f.column_name for f in self.column_fields())}
            )
            raise sheets.SpreadsheetError(" ".join(parts))
        dataset.headers = renamed
        # Key columns that are absent are read as empty (the other one may be given).
        for field in self.column_fields():
            if field.column_name not in present and self.is_lookup_column(field):
                dataset.append_col([None] * len(dataset), header=field.column_name)

    def missing_column_groups(self, present) -> list[str]:
        ward = self.fields.get(self.ward_field)
        if (
            ward is None
            or not isinstance(ward.widget, WardWidget)
            or not self.ward_required
        ):
            return []
        code = ward.column_name
        name = self.fields[ward.widget.name_field].column_name
        if code in present or name in present:
            return []
        return [_("%(code)s or %(name)s") % {"code": code, "name": name}]

    ward_required = True

    def is_lookup_column(self, field) -> bool:
        ward = self.fields.get(self.ward_field)
        name_field = getattr(getattr(ward, "widget", None), "name_field", None)
        return isinstance(field.widget, LookupWidget) or (
            name_field is not None and field is self.fields.get(name_field)
        )

    # --- row context ------------------------------------------------------------

    def row_day(self, row):
        for name in self.day_fields:
            field = self.fields[name]
            try:
                value = field.widget.clean(row.get(field.column_name))
            except ValueError:
                continue
            if isinstance(value, int):
                return year_reference_date(value)
            if value:
                return value
        return None

    def row_ward(self, row, dependent=False):
        """The row's ward (cached for the row); errors raise ValueError once."""
        if getattr(self, "_ward_row", None) is not row:
            self._ward_row = row
            self._ward, self._ward_error = None, None
            field = self.fields[self.ward_field]
            widget = field.widget
            code = self.fields[widget.code_field]
            name = self.fields[widget.name_field]
            lookup = (
                row.get(code.column_name),
                row.get(name.column_name),
                self.row_day(row),
            )
            cache = self.__dict__.setdefault("_ward_lookups", {})
            if lookup not in cache:
                try:
                    cache[lookup] = (
                        self.keys.ward(
                            _clean_code(lookup[0]), clean_text(lookup[1]), lookup[2]
                        ),
                        None,
                    )
                except ValueError as error:
                    cache[lookup] = (None, str(error))
            self._ward, self._ward_error = cache[lookup]
        if self._ward_error:
            if dependent:
                raise DependentError(self._ward_error)
            raise ValueError(self._ward_error)
        return self._ward

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
        return field.clean(row)

    @classmethod
    def get_result_class(cls):
        return ImportResult

    def before_import(self, dataset, **kwargs):
        """Done by `prepare()` before the transaction starts."""

    def prepare(self, dataset, **kwargs):
        if not self.importable:
            raise sheets.SpreadsheetError(
                _("This list can be exported but not imported.")
            )
        if "user" in kwargs and kwargs["user"] is not None:
            self.user = kwargs["user"]
        self.refuse_without_permission()
        self.file_name = kwargs.get("file_name") or ""
        self.match_headers(dataset)
        self.keys = KeyIndex()
        self.now = timezone.now()
        self.row_keys: list = []
        self.duplicate_of: dict[int, int] = {}
        ward_ids, first_seen = set(), {}
        numbers = getattr(dataset, "row_numbers", None) or range(2, len(dataset) + 2)
        headers = dataset.headers
        rows = [dict(zip(headers, values, strict=True)) for values in dataset]
        for row in rows:
            try:
                ward = self.row_ward(row)
            except ValueError:
                ward = None
            if ward is not None:
                ward_ids.add(ward.pk)
        self.keys.load_areas(ward_ids)
        self.ward_ids = ward_ids
        for index, row in enumerate(rows):
            key = self.row_key(row)
            self.row_keys.append(key)
            if key is None:
                continue
            if key in first_seen:
                self.duplicate_of[index] = first_seen[key]
            else:
                first_seen[key] = numbers[index]
        self.existing = self.load_existing(rows)

    def refuse_without_permission(self) -> None:
        """Fail closed: an import with no user, or one who may not import the model,
        reads and writes nothing (a missing user once meant "every ward")."""
        if self.user is None or not getattr(self.user, "is_authenticated", False):
            raise sheets.SpreadsheetError(
                _(
                    "An import must be made by a signed-in account; "
                    "nothing was imported."
                )
            )
        model = self._meta.model
        if not has_model_action(self.user, "import", model):
            raise sheets.SpreadsheetError(
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
                if called or type(default) not in _MEMO_TYPES:
                    fresh.append(field)
                else:
                    fixed[field.attname] = default
            plan = self._new_instance_plan = (fixed, fresh)
        fixed, fresh = plan
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
        self.was_approved = not new and not self.may_change(instance)

    def may_change(self, original) -> bool:
        """Whether this import may change the existing row `original`.

        `can_modify` decides (scope; approved records are read-only to all but
        approvers), and an import changes no approved record at all, an approver's
        neither: it writes draft or submitted, which would reopen the record unseen.
        """
        holder = lock_holder(original)
        if holder is not None and holder.status == WorkflowStatusChoices.APPROVED:
            return False
        return can_modify(self.user, original)

    def snapshot_names(self) -> list[str]:
        if not hasattr(self, "_snapshot_names"):
            names = []
            for field in self.get_import_fields():
                if field.readonly or not field.attribute or "__" in field.attribute:
                    continue
                try:
                    names.append(
                        self._meta.model._meta.get_field(field.attribute).attname
                    )
                except Exception:
                    names.append(field.attribute)
            self._snapshot_names = names
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
        # Field.save() for each column, unrolled: it runs 300,000 times in a
        # 10,000-row import and its generic path (lookups, nested attributes) shows.
        for column, attribute, clean, default, saves_null in self.import_plan():
            if column not in row:
                continue
            try:
                # Our widgets read the row, never the import's keyword arguments.
                value = clean(row[column], row=row)
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
        if not hasattr(self, "_import_plan"):
            self._import_plan = [
                (
                    f.column_name,
                    f.attribute,
                    f.widget.clean,
                    f.default,
                    f.saves_null_values,
                )
                for f in self.get_import_fields()
                if not f.readonly and f.attribute and "__" not in f.attribute
            ]
        return self._import_plan

    def after_fields(self, instance, row, errors) -> None:
        """Set what the columns imply (defaults, derived values) before validation."""

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or self.is_new:
            return False
        return self.snapshot(instance) == self.before

    def validate_instance(
        self, instance, import_validation_errors=None, validate_unique=True
    ):
        errors = defaultdict(list)
        for column, messages in (import_validation_errors or {}).items():
            for message in messages:
                if isinstance(message, ValidationError):
                    errors[column].extend(message.messages)
                else:
                    errors[column].append(str(message))
        key_column = self.fields[self.get_import_id_fields()[-1]].column_name
        if self.row_index in self.duplicate_of:
            errors[key_column].append(
                _("Same record as row %(row)s of the file.")
                % {"row": self.duplicate_of[self.row_index]}
            )
        if getattr(self, "_ambiguous", False):
            self._ambiguous = False
            errors[key_column].append(
                _(
                    "Several existing records match this row; correct them in the admin first."
                )
            )
        if not in_scope(self.user, instance):
            column = self.fields[self.ward_field].column_name
            errors[column].append(
                _("You may only import rows of the wards you are responsible for.")
            )
        if self.was_approved:
            errors[NON_FIELD_ERRORS].append(
                _(
                    "This record is approved and locked; ask city staff to reopen it "
                    "before changing it."
                )
            )
        exclude = set(self.failed_fields)
        for name, attname in self._relation_fields(instance):
            if getattr(instance, attname) is not None:
                exclude.add(name)
        # Model.full_clean(validate_unique=False, validate_constraints=False), with
        # the fields' own checks remembered per value (see clean_fields).
        model_errors = self.clean_fields(instance, exclude)
        try:
            instance.clean()
        except ValidationError as error:
            model_errors = error.update_error_dict(model_errors)
        if model_errors:
            for name, messages in ValidationError(model_errors).message_dict.items():
                errors[self.column_for(name)].extend(messages)
        if not errors:
            for name, (check, field_name) in self.constraint_checks.items():
                if not check(instance):
                    errors[self.column_for(field_name)].append(
                        self.constraint_message(name)
                    )
        if errors:
            raise ValidationError(
                {column: list(dict.fromkeys(m)) for column, m in errors.items()}
            )

    #: How many (field, value) answers clean_fields() remembers in one import.
    FIELD_MEMO_SIZE = 50_000

    def clean_fields(self, instance, exclude) -> dict:
        """Model.clean_fields() as a dict of errors, without raising.

        A field's `clean()` (to_python, choices, null/blank, validators) depends on the
        value alone, so its answer is remembered per (field, type, value): 10,000 rows
        repeat the same years, statuses and small counts. Only plain values are
        remembered (Decimal("1.0") equals Decimal("1.000") but may fail max_digits);
        relations, whose check may query the database, are cleaned every time.
        """
        memo = self.__dict__.setdefault("_field_memo", {})
        errors = {}
        for field, name, attname, blank, remembered in self._field_plan(instance):
            if name in exclude:
                continue
            raw = getattr(instance, attname)
            if blank and raw in field.empty_values:
                continue
            if isinstance(raw, models.expressions.DatabaseDefault):
                continue
            if remembered and type(raw) in _MEMO_TYPES:
                key = (attname, type(raw), raw)
                answer = memo.get(key)
            else:
                key, answer = None, None
            if answer is None:
                try:
                    answer = (True, field.clean(raw, instance))
                except ValidationError as error:
                    answer = (False, error.error_list)
                if key is not None and len(memo) < self.FIELD_MEMO_SIZE:
                    memo[key] = answer
            if not answer[0]:
                # A copy: the model's clean() may add to this field's list.
                errors[name] = list(answer[1])
            elif answer[1] is not raw:
                setattr(instance, attname, answer[1])
        return errors

    def _field_plan(self, instance) -> list[tuple]:
        """(field, name, attname, blank, remembered) of the fields clean_fields() checks."""
        plans = self.__dict__.setdefault("_field_plans", {})
        model = type(instance)
        if model not in plans:
            plans[model] = [
                (f, f.name, f.attname, f.blank, not f.is_relation)
                for f in model._meta.fields
                if not f.generated
            ]
        return plans[model]

    def _relation_fields(self, instance) -> list[tuple[str, str]]:
        """(name, attname) of the instance's foreign keys."""
        relations = self.__dict__.setdefault("_relation_plans", {})
        model = type(instance)
        if model not in relations:
            relations[model] = [
                (f.name, f.attname)
                for f in model._meta.concrete_fields
                if f.is_relation
            ]
        return relations[model]

    def column_for(self, model_field: str) -> str:
        if model_field == NON_FIELD_ERRORS:
            return NON_FIELD_ERRORS
        name = self.error_columns.get(model_field, model_field)
        field = self.fields.get(name)
        if field is None:
            for candidate in self.fields.values():
                if candidate.attribute == model_field:
                    return candidate.column_name
            return NON_FIELD_ERRORS
        return field.column_name

    def constraint_message(self, name: str) -> str:
        for constraint in self._meta.model._meta.constraints:
            if constraint.name == name:
                return str(constraint.get_violation_error_message())
        return name

    def save_instance(self, instance, is_create, row, **kwargs):
        if hasattr(instance, "status"):
            if is_create or instance.status != self.import_status:
                instance.status_changed_at = self.now
            instance.status = self.import_status
            instance.approved_at = None
        if hasattr(instance, "updated_at"):
            instance.updated_at = self.now
        if is_create and hasattr(instance, "created_at"):
            # Rows are inserted without save(), so auto_now_add is ours to set.
            instance.created_at = self.now
        super().save_instance(instance, is_create, row, **kwargs)

    def delete_instance(self, instance, row, **kwargs):
        # No resource deletes today (no `for_delete`); if one ever does, the row rule
        # of access.scope applies, as in the admin.
        if not can_remove(self.user, instance):
            raise ValidationError(_("You are not allowed to delete this record."))
        super().delete_instance(instance, row, **kwargs)

    # --- writing --------------------------------------------------------------------

    def change_reason(self) -> str:
        return _("Imported from the file %(name)s") % {"name": self.file_name or "?"}

    def bulk_create(
        self, using_transactions, dry_run, raise_errors, batch_size=None, result=None
    ):
        if not self.create_instances:
            return
        try:
            if not dry_run:
                self.before_bulk_create(self.create_instances)
                insert_with_history(
                    self._meta.model,
                    self.create_instances,
                    user=self.history_user(),
                    reason=self.change_reason(),
                    when=self.now,
                )
                self.after_bulk_save(self.create_instances, created=True)
        except Exception as error:
            self.handle_import_error(result, error, raise_errors)
        finally:
            self.create_instances.clear()

    def bulk_update(
        self, using_transactions, dry_run, raise_errors, batch_size=None, result=None
    ):
        if not self.update_instances:
            return
        try:
            if not dry_run:
                self.before_bulk_create(self.update_instances)
                bulk_update_with_history(
                    self.update_instances,
                    self._meta.model,
                    self.get_bulk_update_fields(),
                    # One UPDATE … CASE per 1,000 rows: larger ones get slow to plan.
                    batch_size=min(batch_size or 1000, 1000),
                    default_user=self.history_user(),
                    default_change_reason=self.change_reason(),
                    default_date=self.now,
                )
                self.after_bulk_save(self.update_instances, created=False)
        except Exception as error:
            self.handle_import_error(result, error, raise_errors)
        finally:
            self.update_instances.clear()

    def history_user(self):
        return self.user if getattr(self.user, "pk", None) else None

    def get_bulk_update_fields(self):
        names = set()
        for field in self.get_import_fields():
            if field.readonly or not field.attribute or "__" in field.attribute:
                continue
            try:
                names.add(self._meta.model._meta.get_field(field.attribute).name)
            except Exception:
                continue
        names |= set(self.extra_update_fields)
        model_fields = {f.name for f in self._meta.model._meta.concrete_fields}
        for name in ("status", "status_changed_at", "approved_at", "updated_at"):
            if name in model_fields:
                names.add(name)
        return sorted(names & model_fields)

    extra_update_fields: tuple[str, ...] = ()

    def before_bulk_create(self, instances) -> None:
        """Save what the instances point to (new households) before them."""

    def after_bulk_save(self, instances, *, created: bool) -> None:
        """Save what belongs to the saved instances (goal results)."""

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if not kwargs.get("dry_run") and (
            result.totals["new"] or result.totals["update"]
        ):
            transaction.on_commit(bump_generation)

    # --- export ------------------------------------------------------------------------

    def export_columns(self, selected_fields=None) -> list[sheets.Column]:
        return [
            sheets.Column(f.column_name, f.widget.kind)
            for f in self.get_export_fields(selected_fields)
        ]

    def export_queryset(self, queryset):
        return queryset

    def exportable(self, queryset=None):
        """`queryset` (default: every row) limited by the one gate to what the
        resource's user may export: nothing without a user."""
        if queryset is None:
            queryset = self._meta.model.objects.all()
        return restrict(queryset, self.user, "export")

    def iter_export(self, queryset=None, selected_fields=None) -> Iterator[list]:
        """Rows of native values (dates, whole numbers, labels), read with values_list(),
        of the rows the resource's user may export."""
        queryset = self.export_queryset(self.exportable(queryset))
        export_fields = self.get_export_fields(selected_fields)
        paths = []
        for index, field in enumerate(export_fields):
            if field.expression is not None:
                alias = f"_export_{index}"
                queryset = queryset.annotate(**{alias: field.expression})
                paths.append(alias)
            else:
                paths.append(field.path)
        # Most columns are exported as read: convert only the others.
        converters = [
            (index, convert)
            for index, field in enumerate(export_fields)
            if (convert := field.widget.export_converter()) is not None
        ]
        for values in queryset.values_list(*paths).iterator(chunk_size=2000):
            row = list(values)
            for index, convert in converters:
                row[index] = convert(row[index])
            yield row

    def export(self, queryset=None, **kwargs):
        """The same rows as the streamed exports, as a tablib Dataset of CSV text."""
        selected = kwargs.get("export_fields")
        headers = self.get_export_headers(selected_fields=selected)
        dataset = tablib.Dataset(headers=headers)
        for row in self.iter_export(queryset, selected_fields=selected):
            dataset.append([csv_text(value) for value in row])
        return dataset


def _clean_code(value) -> str:
    text = clean_text(value)
    if text.isdigit() and len(text) < 5:
        text = text.zfill(5)
    return text
