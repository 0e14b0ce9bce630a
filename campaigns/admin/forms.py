"""Forms of the spreadsheet import/export pages and the yearly report."""

from django import forms
from django.utils.translation import gettext_lazy as _
from import_export.forms import (
    ConfirmImportForm,
    ImportForm,
    SelectableFieldsExportForm,
)

from campaigns.models.choices import WorkflowStatusChoices
from campaigns.spreadsheets.reading import MAX_UPLOAD_BYTES

IMPORT_STATUS_CHOICES = [
    (WorkflowStatusChoices.DRAFT, _("Draft (to be checked and submitted later)")),
    (WorkflowStatusChoices.SUBMITTED, _("Submitted for approval")),
]


class SpreadsheetImportForm(ImportForm):
    status = forms.ChoiceField(
        label=_("Imported records start as"),
        choices=IMPORT_STATUS_CHOICES,
        initial=WorkflowStatusChoices.DRAFT,
        help_text=_("Imported records are never approved; city staff approve them."),
    )

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.fields["import_file"].label = _("Spreadsheet file (XLSX or CSV)")
        self.fields["import_file"].widget.attrs["accept"] = ".xlsx,.csv"
        self.fields["format"].label = _("Format")
        self.fields["resource"].label = _("List")

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB; split it into smaller files.")
                % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload

    @property
    def media(self):
        # One format, told apart by content: the format-guessing script is not needed.
        return forms.Media()


class SpreadsheetConfirmForm(ConfirmImportForm):
    status = forms.ChoiceField(
        choices=IMPORT_STATUS_CHOICES, widget=forms.HiddenInput()
    )


class SpreadsheetExportForm(SelectableFieldsExportForm):
    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.fields["format"].label = _("File format")
        self.fields["resource"].label = _("List")

    def _get_field_label(self, resource, field_name):
        field = resource.fields.get(field_name)
        return field.column_name if field is not None else field_name


class YearlyReportForm(forms.Form):
    """Year and scope of the yearly report; ward staff choose among their own wards."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    ward = forms.ModelChoiceField(
        label=_("Scope"),
        queryset=None,
        required=False,
        empty_label=_("Whole city"),
    )

    def __init__(self, *args, user, **kwargs):
        from campaigns.access.scope import ALL_WARDS, ward_scope
        from campaigns.models import AnnualResult, Ward

        super().__init__(*args, **kwargs)
        years = sorted(
            set(
                AnnualResult.objects.restrict(user)
                .values_list("year", flat=True)
                .distinct()
            ),
            reverse=True,
        )
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["ward"].queryset = Ward.objects.restrict(user).order_by(
            "code", "valid_from"
        )
        if ward_scope(user) is not ALL_WARDS:
            self.fields["ward"].required = True
            self.fields["ward"].empty_label = None
