"""Checks of each imported row, in Python: the scope and lock rules of
`access.scope`, model `clean()`, field validators (remembered per value) and a mirror
of every check constraint, instead of one query per constraint per row.
"""

import copy
import datetime
from collections import defaultdict

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.access.scope import can_modify, can_remove, in_scope, lock_holder
from campaigns.models.choices import WorkflowStatusChoices

SUBMITTED_MESSAGE = gettext_lazy(
    "This record is submitted for approval and locked; withdraw it to draft in the "
    "admin (or wait until it is returned) before importing changes to it."
)

# Values whose equal copies are interchangeable, so a field's check can be remembered.
MEMO_TYPES = frozenset({int, str, bool, datetime.date, type(None)})


def cell(field, instance) -> str:
    """A cell as the export writes it; "—" when empty."""
    try:
        value = field.export(instance)
    except Exception:
        value = getattr(instance, field.attribute, None)
    return "—" if value in (None, "") else str(value)


class RowChecks:
    """Whether an imported row may be written, and every reason it may not."""

    def lock_message(self, original):
        """Why this import may not change the existing row `original`, or None.

        `can_modify` decides (scope; submitted records are read-only to everyone,
        approved ones to all but approvers), and an import changes no approved
        record at all, an approver's neither: it writes draft or submitted, which
        would reopen the record unseen.
        """
        holder = lock_holder(original)
        status = getattr(holder, "status", None)
        if status == WorkflowStatusChoices.APPROVED:
            return _(
                "This record is approved and locked; ask city staff to reopen it "
                "before changing it."
            )
        if status == WorkflowStatusChoices.SUBMITTED:
            return SUBMITTED_MESSAGE
        if not can_modify(self.user, original):
            return _("You are not allowed to change this record.")
        return None

    def skip_row(self, instance, original, row, import_validation_errors=None):
        self.changes = []
        if import_validation_errors or self.is_new:
            return False
        after = self.snapshot(instance)
        if after == self.before:
            return True
        self.changes = self.changed_cells(instance, after)
        return False

    def changed_cells(self, instance, after) -> list[tuple[str, str, str]]:
        """(column header, old, new) of every changed cell, written as the export
        writes them, so the preview reads like the sheet."""
        before = self.before[0]
        pairs = enumerate(zip(before, after[0], strict=True))
        changed = [i for i, (old, new) in pairs if old != new]
        if not changed:
            return []
        names, fields = self.snapshot_names(), self._snapshot_fields
        # A copy holding the old values; its own relation cache, so that a changed
        # foreign key is read again rather than taken from the new value's cache.
        old = copy.copy(instance)
        old._state = copy.copy(instance._state)
        old._state.fields_cache = dict(instance._state.fields_cache)
        for i in changed:
            setattr(old, names[i], before[i])
        return [
            (
                str(fields[i].column_name),
                cell(fields[i], old),
                cell(fields[i], instance),
            )
            for i in changed
        ]

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        row_result.changes = getattr(self, "changes", [])
        self.changes = []

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
        if self.locked:
            errors[NON_FIELD_ERRORS].append(str(self.locked))
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

    #: How many answers clean_fields() remembers per field in one import.
    FIELD_MEMO_SIZE = 5_000

    def clean_fields(self, instance, exclude) -> dict:
        """Model.clean_fields() as a dict of errors, without raising.

        A field's `clean()` (to_python, choices, null/blank, validators) depends on the
        value alone, so its answer is remembered per (field, type, value): 10,000 rows
        repeat the same years, statuses and small counts. Only plain values are
        remembered (Decimal("1.0") equals Decimal("1.000") but may fail max_digits);
        relations, whose check may query the database, are cleaned every time.
        """
        errors = {}
        values = instance.__dict__
        size = self.FIELD_MEMO_SIZE
        for field, name, attname, blank, empty, memo in self._field_plan(instance):
            if name in exclude:
                continue
            raw = values[attname] if attname in values else getattr(instance, attname)
            if blank and raw in empty:
                continue
            kind = raw.__class__
            if memo is not None and kind in MEMO_TYPES:
                key = (kind, raw)
                answer = memo.get(key)
            else:
                if isinstance(raw, models.expressions.DatabaseDefault):
                    continue
                key, answer = None, None
            if answer is None:
                try:
                    answer = (True, field.clean(raw, instance))
                except ValidationError as error:
                    answer = (False, error.error_list)
                if key is not None and len(memo) < size:
                    memo[key] = answer
            if not answer[0]:
                # A copy: the model's clean() may add to this field's list.
                errors[name] = list(answer[1])
            elif answer[1] is not raw:
                setattr(instance, attname, answer[1])
        return errors

    def _field_plan(self, instance) -> list[tuple]:
        """(field, name, attname, blank, empty values, memo) of the fields
        clean_fields() checks; memo (per field and import) is None for relations."""
        plans = self.__dict__.setdefault("_field_plans", {})
        model = type(instance)
        if model not in plans:
            plans[model] = [
                (
                    f,
                    f.name,
                    f.attname,
                    f.blank,
                    f.empty_values,
                    None if f.is_relation else {},
                )
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

    def delete_instance(self, instance, row, **kwargs):
        # No resource deletes today (no `for_delete`); if one ever does, the row rule
        # of access.scope applies, as in the admin.
        if not can_remove(self.user, instance):
            raise ValidationError(_("You are not allowed to delete this record."))
        super().delete_instance(instance, row, **kwargs)
