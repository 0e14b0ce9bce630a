"""The scope gate for django-import-export resources, and import history.

Put `ScopedResourceMixin` first in the bases of every resource used for imports.
With the `user` and `file_name` that the import-export admin passes to
`import_data()`, it loads existing rows only from the user's wards, refuses rows
that would land outside them or change an approved record the user may not change,
and makes each saved row's history say which file it came from and who imported it.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from campaigns.access.admin import restrict
from campaigns.access.scope import can_modify, can_remove, in_scope, is_approver_for
from campaigns.models.choices import WorkflowStatusChoices
from campaigns.selectors.history import mark_imported


class ScopedResourceMixin:
    import_user = None
    import_file_name = ""

    def before_import(self, dataset, **kwargs):
        self.import_user = kwargs.get("user")
        self.import_file_name = kwargs.get("file_name") or ""
        super().before_import(dataset, **kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.import_user is None:
            return queryset
        return restrict(queryset, self.import_user)

    def scope_errors(self, instance) -> list[str]:
        user = self.import_user
        if user is None:
            return []
        if not in_scope(user, instance):
            return [_("You can only enter records of your own wards.")]
        original = None
        if instance._state.adding and instance.pk is not None:
            # An id the loader did not find in the user's scope: it either does not
            # exist or belongs to another ward; saving would overwrite the latter.
            if type(instance)._default_manager.filter(pk=instance.pk).exists():
                return [_("You can only enter records of your own wards.")]
        elif not instance._state.adding:
            original = type(instance)._default_manager.get(pk=instance.pk)
            if not can_modify(user, original):
                return [_("Approved records can no longer be changed.")]
        if hasattr(instance, "status") and not is_approver_for(user, instance):
            before = original.status if original else WorkflowStatusChoices.DRAFT
            if instance.status != before:
                return [_("The status changes only through submission and approval.")]
        return []

    def validate_instance(
        self, instance, import_validation_errors=None, validate_unique=True
    ):
        errors = dict(import_validation_errors or {})
        messages = self.scope_errors(instance)
        if messages:
            errors.setdefault(NON_FIELD_ERRORS, []).extend(messages)
            raise ValidationError(errors)
        super().validate_instance(instance, errors, validate_unique)

    def before_save_instance(self, instance, row, **kwargs):
        mark_imported(
            instance,
            file_name=kwargs.get("file_name") or self.import_file_name,
            user=kwargs.get("user") or self.import_user,
        )
        super().before_save_instance(instance, row, **kwargs)

    def delete_instance(self, instance, row, **kwargs):
        if self.import_user is not None and not can_remove(self.import_user, instance):
            raise ValidationError(_("You are not allowed to delete this record."))
        super().delete_instance(instance, row, **kwargs)
