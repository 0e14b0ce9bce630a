"""Workflow in the admin: bulk actions, buttons on each record, read-only status.

The status changes only through `workflow.py`, never by editing the field: the
actions and buttons here call its services, which check permission and scope and
write the change history with the reason.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.access.scope import in_scope
from campaigns.models import Ward
from campaigns.services import workflow

ACTION_LABELS = {
    "submit": gettext_lazy("Submit for approval"),
    "withdraw": gettext_lazy("Withdraw to draft for correction"),
    "approve": gettext_lazy("Approve"),
    "return": gettext_lazy("Return with a reason"),
    "reopen": gettext_lazy("Reopen with a reason"),
}
BULK_SERVICES = {
    "submit": workflow.records_submit,
    "withdraw": workflow.records_withdraw,
    "approve": workflow.records_approve,
    "return": workflow.records_return,
    "reopen": workflow.records_reopen,
}
DONE_MESSAGES = {
    "submit": gettext_lazy("%(count)d records submitted for approval."),
    "withdraw": gettext_lazy("%(count)d records withdrawn to draft."),
    "approve": gettext_lazy("%(count)d records approved."),
    "return": gettext_lazy("%(count)d records returned."),
    "reopen": gettext_lazy("%(count)d records reopened."),
}


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=gettext_lazy("Kept in the change history and shown to ward staff."),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Give a reason."))
        return reason


def error_text(exc) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or _("You are not allowed to do this.")


class WorkflowAdminMixin:
    """For admin classes of records with a workflow status (use with ScopedAdminMixin)."""

    change_form_template = "admin/campaigns/workflow_change_form.html"
    actions = (
        "submit_selected",
        "submit_wards_years",
        "withdraw_selected",
        "approve_selected",
        "return_selected",
        "reopen_selected",
    )
    # Records that belong to a ward and a year (the rest have no ward's year to submit).
    ward_year_models = (
        "annualresult",
        "donation",
        "support",
        "communitywork",
        "commendation",
    )

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.opts.model_name not in self.ward_year_models:
            actions.pop("submit_wards_years", None)
        return actions

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + [f for f in ("status", "status_reason") if f not in fields]

    # --- one record: buttons on the change form ---------------------------------

    def allowed_transitions(self, request, obj) -> list[str]:
        allowed = []
        for name, transition in workflow.TRANSITIONS.items():
            if obj.status not in transition.sources:
                continue
            if name == "approve" and workflow.is_own_submission(obj, request.user):
                ok = False
            elif transition.needs_approver:
                ok = self.has_approve_permission(request, obj)
            else:
                # The model permission and the scope, not the record's lock: a
                # submitted record is read-only yet may be withdrawn.
                ok = self.has_change_permission(request) and in_scope(request.user, obj)
            if ok:
                allowed.append(name)
        return allowed

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        if obj is not None and obj.pk:
            info = self.opts.app_label, self.opts.model_name
            context["workflow_actions"] = [
                (
                    ACTION_LABELS[name],
                    reverse(
                        "admin:{}_{}_workflow".format(*info),
                        args=(obj.pk, name),
                        current_app=self.admin_site.name,
                    ),
                )
                for name in self.allowed_transitions(request, obj)
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/workflow/<str:action>/",
                self.admin_site.admin_view(self.workflow_view),
                name="{}_{}_workflow".format(*info),
            )
        ] + super().get_urls()

    def workflow_view(self, request, object_id, action):
        transition = workflow.TRANSITIONS.get(action)
        if transition is None:
            raise Http404
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if action not in self.allowed_transitions(request, obj):
            if obj.status not in transition.sources:
                self.message_user(
                    request,
                    str(transition.wrong_status)
                    % {"record": obj, "status": obj.get_status_display().lower()},
                    messages.ERROR,
                )
                return HttpResponseRedirect(self._change_url(obj))
            if action == "approve" and workflow.is_own_submission(obj, request.user):
                self.message_user(
                    request, workflow.own_submission_message(obj), messages.ERROR
                )
                return HttpResponseRedirect(self._change_url(obj))
            raise PermissionDenied
        form = ReasonForm(request.POST or None) if transition.needs_reason else None
        if request.method == "POST" and (form is None or form.is_valid()):
            reason = form.cleaned_data["reason"] if form else ""
            try:
                BULK_SERVICES[action](
                    records=[obj],
                    by=request.user,
                    **({"reason": reason} if transition.needs_reason else {}),
                )
            except (ValidationError, PermissionDenied) as exc:
                self.message_user(request, error_text(exc), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("“%(record)s”: %(action)s – done.")
                    % {"record": obj, "action": ACTION_LABELS[action]},
                    messages.SUCCESS,
                )
            return HttpResponseRedirect(self._change_url(obj))
        context = {
            **self.admin_site.each_context(request),
            "title": ACTION_LABELS[action],
            "opts": self.opts,
            "object": obj,
            "records": [obj],
            "form": form,
            "action_label": ACTION_LABELS[action],
            "change_url": self._change_url(obj),
        }
        return TemplateResponse(
            request, "admin/campaigns/workflow_confirm.html", context
        )

    def _change_url(self, obj):
        info = self.opts.app_label, self.opts.model_name
        return reverse(
            "admin:{}_{}_change".format(*info),
            args=(obj.pk,),
            current_app=self.admin_site.name,
        )

    # --- many records: changelist actions ---------------------------------------

    def _bulk(self, request, queryset, action, reason=""):
        kwargs = {"reason": reason} if workflow.TRANSITIONS[action].needs_reason else {}
        try:
            count = BULK_SERVICES[action](records=queryset, by=request.user, **kwargs)
        except (ValidationError, PermissionDenied) as exc:
            self.message_user(
                request,
                _("Nothing was changed: %(error)s") % {"error": error_text(exc)},
                messages.ERROR,
            )
        else:
            self.message_user(
                request, DONE_MESSAGES[action] % {"count": count}, messages.SUCCESS
            )

    def _bulk_with_reason(self, request, queryset, action):
        form = ReasonForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            self._bulk(request, queryset, action, form.cleaned_data["reason"])
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": ACTION_LABELS[action],
            "opts": self.opts,
            "records": queryset,
            "form": form,
            "action_label": ACTION_LABELS[action],
            "action_name": request.POST.get("action", ""),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "select_across": request.POST.get("select_across", "0"),
        }
        return TemplateResponse(
            request, "admin/campaigns/workflow_confirm.html", context
        )

    @admin.action(
        description=gettext_lazy("Submit the selected records for approval"),
        permissions=["change"],
    )
    def submit_selected(self, request, queryset):
        self._bulk(request, queryset, "submit")

    @admin.action(
        description=gettext_lazy(
            "Submit all drafts of the wards and years of the selected records"
        ),
        permissions=["change"],
    )
    def submit_wards_years(self, request, queryset):
        pairs = {workflow.ward_year_of(record) for record in queryset}
        pairs.discard(None)
        wards = Ward.objects.restrict(request.user).in_bulk({w for w, _ in pairs})
        try:
            with transaction.atomic():
                count = sum(
                    sum(
                        workflow.ward_year_submit(
                            ward=wards[ward_id], year=year, by=request.user
                        ).values()
                    )
                    for ward_id, year in sorted(pairs)
                    if ward_id in wards
                )
        except (ValidationError, PermissionDenied) as exc:
            self.message_user(
                request,
                _("Nothing was changed: %(error)s") % {"error": error_text(exc)},
                messages.ERROR,
            )
        else:
            self.message_user(
                request, DONE_MESSAGES["submit"] % {"count": count}, messages.SUCCESS
            )

    @admin.action(
        description=gettext_lazy("Withdraw the selected submitted records to draft"),
        permissions=["change"],
    )
    def withdraw_selected(self, request, queryset):
        self._bulk(request, queryset, "withdraw")

    @admin.action(
        description=gettext_lazy("Approve the selected records"),
        permissions=["approve"],
    )
    def approve_selected(self, request, queryset):
        self._bulk(request, queryset, "approve")

    @admin.action(
        description=gettext_lazy("Return the selected records with a reason"),
        permissions=["approve"],
    )
    def return_selected(self, request, queryset):
        return self._bulk_with_reason(request, queryset, "return")

    @admin.action(
        description=gettext_lazy("Reopen the selected approved records with a reason"),
        permissions=["approve"],
    )
    def reopen_selected(self, request, queryset):
        return self._bulk_with_reason(request, queryset, "reopen")
