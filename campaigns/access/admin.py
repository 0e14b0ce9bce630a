"""The scope gate and the workflow lock, applied to every admin class of the app.

Lists, change forms, foreign-key choices, autocomplete, actions, history pages,
imports and exports all reach rows through `get_queryset`/`get_field_queryset`, which
pass through `restrict(user, action)` (models/querysets.py); single rows are checked with the same
ward path by `permissions.in_scope`/`can_modify`/`can_remove`. Put `ScopedAdminMixin`
first in the bases of every ModelAdmin (before import-export's mixin) and
`ScopedInlineMixin` first in every inline.
"""

import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from campaigns.access.scope import (
    can_approve,
    can_modify,
    can_remove,
    has_model_action,
    in_scope,
    lock_reason,
    manageable_users,
)
from campaigns.services.records import (
    record_delete,
    record_save,
    records_delete,
    rows_save,
)

logger = logging.getLogger("campaigns.security")


def restrict(queryset, user, action: str = "view"):
    """`queryset` limited to the rows `user` may `action`: the gate for every admin read.

    Accounts go through their own rule (who may manage whom); a queryset of any other
    model without the gate gives no rows, so a new model cannot slip through open.
    """
    if hasattr(queryset, "restrict"):
        return queryset.restrict(user, action)
    if queryset.model is get_user_model():
        return manageable_users(user, queryset)
    logger.error("No permission gate on %s; no rows given.", queryset.model._meta.label)
    return queryset.none()


class ScopedFieldsMixin:
    """Foreign-key and many-to-many choices limited to what the user may reach.

    The same querysets validate the submitted ids, so an id typed into the POST
    data (or picked from a stale autocomplete) outside the user's wards is refused.
    """

    def get_field_queryset(self, db, db_field, request):
        queryset = super().get_field_queryset(db, db_field, request)
        if queryset is None:
            queryset = db_field.remote_field.model._default_manager.using(db).all()
        return restrict(queryset, request.user)


class ScopedAdminMixin(ScopedFieldsMixin):
    def get_queryset(self, request):
        return restrict(super().get_queryset(request), request.user)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and (
            obj is None or in_scope(request.user, obj)
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or can_modify(request.user, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or can_remove(request.user, obj)
        )

    def has_approve_permission(self, request, obj=None):
        """Approve, return and reopen (checked by the workflow actions)."""
        return can_approve(request.user, self.model) and (
            obj is None or in_scope(request.user, obj)
        )

    # django-import-export's admin mixin asks these before showing or running an
    # import or an export; the rows themselves come from get_queryset().
    def has_import_permission(self, request, *args, **kwargs):
        return has_model_action(request.user, "import", self.model)

    def has_export_permission(self, request, *args, **kwargs):
        return has_model_action(request.user, "export", self.model)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        user = request.user

        class ScopedForm(form):
            def _post_clean(self):
                super()._post_clean()
                # Choices are scoped already; this catches rows whose ward may be
                # left empty (a city fund donation, a city-level commendation) and
                # new rows added to a submitted or approved record (a goal result).
                if not in_scope(user, self.instance):
                    self.add_error(
                        None,
                        ValidationError(
                            _("You can only enter records of your own wards."),
                            code="out_of_scope",
                        ),
                    )
                elif (reason := lock_reason(user, self.instance)) is not None:
                    self.add_error(None, ValidationError(str(reason), code="locked"))

        ScopedForm.__name__ = form.__name__
        return ScopedForm

    # Writes go through the services, which check scope and lock again and leave the
    # summaries and the cache generation to the model signals.
    def save_model(self, request, obj, form, change):
        record_save(record=obj, by=request.user)

    def delete_model(self, request, obj):
        record_delete(record=obj, by=request.user)

    def save_formset(self, request, form, formset, change):
        rows = formset.save(commit=False)
        rows_save(saved=rows, deleted=formset.deleted_objects, by=request.user)
        formset.save_m2m()

    def delete_queryset(self, request, queryset):
        records_delete(records=queryset, by=request.user)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history saves a posted old version without checking the
        # change permission; reverting would also bypass the workflow.
        if request.method == "POST":
            logger.warning(
                "Refused a revert from history by %s on %s %s",
                request.user,
                self.opts.label,
                object_id,
            )
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ScopedInlineMixin(ScopedFieldsMixin):
    """Inline rows are part of their parent record: locked when it is."""

    def _parent_open(self, request, obj):
        return obj is None or can_modify(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._parent_open(
            request, obj
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._parent_open(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._parent_open(
            request, obj
        )
