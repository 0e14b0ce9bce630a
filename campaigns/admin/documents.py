"""The year-end report page: choose a year, a unit and a window, get a .docx; city
staff also replace its template. Units come through the gate (`restrict`), so ward
staff choose among their own units only."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns import selectors
from campaigns.access.pages import staff_page
from campaigns.access.scope import ALL_WARDS, ward_scope
from campaigns.documents.report_docx import (
    DOCX_CONTENT_TYPE,
    active_template,
    current_template_bytes,
)
from campaigns.documents.report_docx import (
    year_end_report as make_report,
)
from campaigns.models import MAX_YEAR, MIN_YEAR, Ward
from campaigns.services.report_templates import report_template_upload

# The campaign's own reports count their cumulative figures from 2010.
DEFAULT_FIRST_YEAR = 2010


class YearEndReportForm(forms.Form):
    year = forms.IntegerField(
        label=gettext_lazy("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    ward = forms.ModelChoiceField(
        label=gettext_lazy("Unit"),
        queryset=Ward.objects.none(),
        required=False,
        empty_label=gettext_lazy("The whole territory"),
    )
    first_year = forms.IntegerField(
        label=gettext_lazy("Cumulative figures from"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        help_text=gettext_lazy(
            "The fund, houses and works are also added up from this year to the "
            "report's year (e.g. 2010–2025, “15 years”)."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # The gate: a ward's staff see (and may choose) their own units only.
        self.fields["ward"].queryset = Ward.objects.restrict(user).order_by(
            "-valid_from", "code"
        )
        if ward_scope(user) is not ALL_WARDS:
            self.fields["ward"].required = True
            self.fields["ward"].empty_label = None

    def clean_year(self):
        year = self.cleaned_data["year"]
        message = selectors.year_out_of_range(year)
        if message:
            raise ValidationError(message)
        return year

    def clean(self):
        data = super().clean()
        year, first = data.get("year"), data.get("first_year")
        if year is not None and first is not None and first > year:
            self.add_error(
                "first_year",
                _("The window must start in or before %(year)s.") % {"year": year},
            )
        return data


class TemplateUploadForm(forms.Form):
    template = forms.FileField(
        label=gettext_lazy("New template (.docx)"),
        help_text=gettext_lazy(
            "Download the template in use, edit its wording in Word or LibreOffice "
            "keeping the names between {{ }} and {% %}, and upload it here. It is "
            "checked by making a sample report; a template that fails is refused "
            "and the one in use stays."
        ),
    )


def file_name(year: int, ward) -> str:
    """bao-cao-tong-ket-2025-phuong-duc-xuan.docx: ASCII, from the unit's slug."""
    scope = ward.slug if ward is not None else "toan-dia-ban"
    return f"bao-cao-tong-ket-{year}-{scope}.docx"


def _download(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _initial() -> dict:
    year = selectors.latest_year() or selectors.reporting_year()
    return {"year": year, "first_year": min(DEFAULT_FIRST_YEAR, year)}


@staff_page("year-end-report")
def year_end_report(request):
    """The form; with a year in the query, the report itself (a .docx download).
    A POST from city staff replaces the template."""
    user = request.user
    can_upload = user.has_perm("campaigns.add_reporttemplate")
    upload = TemplateUploadForm()
    if request.method == "POST":
        if not can_upload:
            raise PermissionDenied
        upload = TemplateUploadForm(request.POST, request.FILES)
        if upload.is_valid():
            handle = upload.cleaned_data["template"]
            try:
                report_template_upload(
                    data=handle.read(),
                    name=handle.name,
                    by=user,
                    year=selectors.latest_year() or selectors.reporting_year(),
                )
            except ValidationError as exc:
                upload.add_error(
                    "template",
                    _("The template was not changed: %(error)s")
                    % {"error": " ".join(exc.messages)},
                )
            else:
                messages.success(request, _("The new template is in use."))
                return redirect(reverse("campaigns_admin:year-end-report"))
    form = YearEndReportForm(
        request.GET if "year" in request.GET else None,
        user=user,
        initial=_initial(),
    )
    if form.is_bound and form.is_valid():
        year, ward = form.cleaned_data["year"], form.cleaned_data["ward"]
        data = make_report(
            year=year,
            first_year=form.cleaned_data["first_year"],
            ward=ward,
            user=user,
        )
        return _download(data, file_name(year, ward))
    context = {
        **admin.site.each_context(request),
        "title": _("Year-end report"),
        "form": form,
        "upload": upload,
        "can_upload": can_upload,
        "template": active_template(),
    }
    return TemplateResponse(request, "admin/campaigns/year_end_report.html", context)


@staff_page("year-end-report")
def year_end_template(request):
    """The template in use, to edit and upload again (for those who make the report)."""
    return _download(current_template_bytes(), "mau-bao-cao-tong-ket.docx")
