"""Admins of good examples (stories) and their photos; festival photos are entered
on the photo list, or inline on a yearly result (`PhotoInline` fits both parents)."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from campaigns.access.admin import ScopedAdminMixin, ScopedInlineMixin
from campaigns.admin.base import (
    TIMESTAMPS,
    WORKFLOW_FIELDS,
    CampaignRecordAdmin,
    ReadableHistoryAdmin,
)
from campaigns.admin.spreadsheets import SpreadsheetExportMixin
from campaigns.models import Photo, Story
from campaigns.spreadsheets import resources

ACCEPTED_TYPES = "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"


class PhotoForm(forms.ModelForm):
    """A plain file field: the model's clean decodes the upload once, with the size
    cap and the pixel limit, and gives its Vietnamese message (not Django's ImageField
    check, which would decode it a second time with a message of its own)."""

    image = forms.FileField(
        label=_("photo"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_TYPES}),
        help_text=Photo._meta.get_field("image").help_text,
    )

    class Meta:
        model = Photo
        fields = ("image", "alt_text", "caption", "order")


def photo_preview(photo) -> str:
    if not photo or not photo.pk or not photo.image:
        return "—"
    return format_html(
        '<img src="{}" alt="{}" width="160" loading="lazy">',
        photo.thumbnail.url,
        photo.alt_text,
    )


class PhotoInline(ScopedInlineMixin, admin.StackedInline):
    model = Photo
    form = PhotoForm
    extra = 1
    fields = ("preview", "image", "alt_text", "caption", "order")
    readonly_fields = ("preview",)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return photo_preview(obj)


@admin.register(Story)
class StoryAdmin(SpreadsheetExportMixin, CampaignRecordAdmin):
    resource_classes = [resources.StoryResource]
    list_display = ("title", "kind", "ward", "year", "names_private_person", "status")
    list_filter = (
        "year",
        "kind",
        "status",
        "names_private_person",
        ("ward", admin.RelatedOnlyFieldListFilter),
        "is_demo",
    )
    list_select_related = ("ward",)
    search_fields = ("title", "summary", "residential_area__name", "ward__name")
    autocomplete_fields = ("ward", "residential_area")
    ordering = ("-year", "title")
    inlines = (PhotoInline,)
    readonly_fields = (*CampaignRecordAdmin.readonly_fields, "consent_recorded_by")
    fieldsets = (
        (None, {"fields": ("kind", "title", "slug", "summary", "body")}),
        (_("Where and when"), {"fields": ("ward", "residential_area", "year")}),
        (
            _("Consent of the person named"),
            {
                "fields": (
                    "names_private_person",
                    "consent_given_by",
                    "consent_recorded_at",
                    "consent_note",
                    "consent_recorded_by",
                ),
                "description": _(
                    "A story that names or shows a private person is approved only "
                    "with their signed consent recorded here."
                ),
            },
        ),
        (
            _("Workflow"),
            {"fields": (*WORKFLOW_FIELDS, "is_demo", *TIMESTAMPS)},
        ),
    )

    def save_model(self, request, obj, form, change):
        if obj.consent_recorded_at and obj.consent_recorded_by_id is None:
            obj.consent_recorded_by = request.user
        elif not obj.consent_recorded_at:
            obj.consent_recorded_by = None
        super().save_model(request, obj, form, change)


@admin.register(Photo)
class PhotoAdmin(ScopedAdminMixin, ReadableHistoryAdmin):
    """Every photo in the user's wards; festival photos are added here."""

    form = PhotoForm
    list_display = ("__str__", "preview", "story", "annual_result", "ward")
    list_select_related = (
        "story",
        "ward",
        "annual_result__residential_area__ward",
    )
    list_filter = (("ward", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("alt_text", "caption", "story__title")
    autocomplete_fields = ("story", "annual_result")
    readonly_fields = ("preview", "ward", "width", "height", *TIMESTAMPS)
    list_per_page = 50

    def get_fields(self, request, obj=None):
        return (
            "preview",
            "image",
            "alt_text",
            "caption",
            "story",
            "annual_result",
            "order",
            "ward",
            "width",
            "height",
            *TIMESTAMPS,
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["fields"] = (
            "image",
            "alt_text",
            "caption",
            "story",
            "annual_result",
            "order",
        )
        return super().get_form(request, obj, change, **kwargs)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return photo_preview(obj)
