"""User accounts in the admin: city staff manage ward-staff accounts and their wards.

Superusers manage everything. City staff see and change only accounts that are not
superusers, city staff or leaders, can give them only the ward-staff role, and never
see the superuser flag or individual permissions, so they cannot raise anyone's
rights (their own included).
"""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.contrib.auth.models import Group
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from campaigns.access.scope import (
    ROLE_LABELS,
    WARD_STAFF,
    manageable_users,
)
from campaigns.models import StaffScope

User = get_user_model()

RESTRICTED_FIELDS = {"is_superuser", "user_permissions"}


def _role_link_label(link) -> str:
    return str(ROLE_LABELS.get(link.group.name, link.group.name))


# Deleting an account lists the rows of Django's auto-created user-group table; without
# these it reads "User-group relationship: User_groups object (1)".
User.groups.through.__str__ = _role_link_label
User.groups.through._meta.verbose_name = _("role of an account")
User.groups.through._meta.verbose_name_plural = _("roles of accounts")


def role_label(group) -> str:
    return str(ROLE_LABELS.get(group.name, group.name))


# Django stores permission names in English ("Can add yearly result") when it creates
# them; the label is rebuilt from the action and the model's translated name instead.
PERMISSION_ACTIONS = {
    "add": pgettext_lazy("permission", "add"),
    "change": pgettext_lazy("permission", "change"),
    "delete": pgettext_lazy("permission", "delete"),
    "view": pgettext_lazy("permission", "view"),
}


def permission_label(permission) -> str:
    model = permission.content_type.model_class()
    action, _sep, model_name = permission.codename.partition("_")
    if model is None or action not in PERMISSION_ACTIONS:
        return gettext(permission.name)
    opts = model._meta
    if model_name != opts.model_name:
        return gettext(permission.name)
    return gettext("%(model)s: %(action)s") % {
        "model": capfirst(opts.verbose_name),
        "action": PERMISSION_ACTIONS[action],
    }


class PasswordChangeForm(AdminPasswordChangeForm):
    """Django's form, whose help text ends in an English warning outside gettext."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "usable_password" in self.fields:
            self.fields["usable_password"].help_text = format_html(
                '{}<ul id="id_unusable_warning" class="messagelist">'
                '<li class="warning">{}</li></ul>',
                SetUnusablePasswordMixin.usable_password_help_text,
                _("If disabled, the current password for this user will be lost."),
            )


class RoleFilter(admin.SimpleListFilter):
    title = _("role")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return [(name, label) for name, label in ROLE_LABELS.items()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(groups__name=self.value())
        return queryset


class StaffScopeInline(admin.StackedInline):
    model = StaffScope
    fields = ("wards",)
    autocomplete_fields = ("wards",)
    verbose_name = _("wards of this ward-staff account")
    verbose_name_plural = _("wards of this ward-staff account")


admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(UserAdmin):
    list_display = (
        "username",
        "first_name",
        "last_name",
        "roles",
        "is_active",
        "is_staff",
        "last_login",
    )
    list_filter = (RoleFilter, "is_active", "is_staff", "is_superuser")
    inlines = (StaffScopeInline,)
    change_password_form = PasswordChangeForm

    def get_queryset(self, request):
        return manageable_users(
            request.user, super().get_queryset(request).prefetch_related("groups")
        )

    def get_list_filter(self, request):
        if request.user.is_superuser:
            return self.list_filter
        return [f for f in self.list_filter if f != "is_superuser"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [
            (
                name,
                {
                    **options,
                    "fields": [
                        f for f in options["fields"] if f not in RESTRICTED_FIELDS
                    ],
                },
            )
            for name, options in fieldsets
        ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name=WARD_STAFF)
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "groups":
            field.label_from_instance = role_label
            field.label = _("roles")
        if db_field.name == "user_permissions":
            field.label_from_instance = permission_label
        return field

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or manageable_users(request.user).filter(pk=obj.pk).exists()
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or manageable_users(request.user).filter(pk=obj.pk).exists()
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        account = form.instance
        if (
            not account.is_staff
            and account.groups.filter(name__in=ROLE_LABELS).exists()
        ):
            # Every role works in the admin; without the flag the account looks ready
            # but cannot sign in.
            account.is_staff = True
            account.save(update_fields=["is_staff"])
            self.message_user(
                request,
                _(
                    "“%(account)s” has a role, so it may now sign in to the "
                    "administration (staff status turned on)."
                )
                % {"account": account.get_username()},
                messages.INFO,
            )

    @admin.display(description=_("roles"))
    def roles(self, obj):
        return ", ".join(role_label(group) for group in obj.groups.all())


admin.site.unregister(Group)


@admin.register(Group)
class RoleGroupAdmin(GroupAdmin):
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "permissions":
            field.label_from_instance = permission_label
        return field
