"""Import and export in the admin, on top of django-import-export's admin mixins.

Import: upload → dry run → preview listing every row's errors (sheet row, column,
Vietnamese message) → confirm → one transaction that writes all rows or none. The
upload waits for the confirmation in the database (`DatabaseImportStorage`), so any
app server can confirm. Export: what the changelist shows (filters, search, the
user's scope) as XLSX, CSV with a BOM or ODS, streamed from `values_list()`.
"""

import datetime
import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Min
from django.http import FileResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from import_export.admin import ExportMixin, ImportMixin
from import_export.formats.base_formats import Format
from import_export.signals import post_export, post_import
from import_export.tmp_storages import BaseStorage

from campaigns.access.admin import restrict
from campaigns.admin.export_formats import EXPORT_FORMATS, XLSXExport, export_filename
from campaigns.admin.forms import (
    SpreadsheetConfirmForm,
    SpreadsheetExportForm,
    SpreadsheetImportForm,
)
from campaigns.models import ImportUpload
from campaigns.models.fields import year_path
from campaigns.spreadsheets import reading, writing

UPLOAD_LIFETIME = datetime.timedelta(days=1)


class DatabaseImportStorage(BaseStorage):
    """django-import-export temporary storage backed by the `ImportUpload` table."""

    def save(self, data):
        if isinstance(data, str):
            data = data.encode(self.encoding or "utf-8")
        if not self.name:
            self.name = uuid.uuid4().hex
        ImportUpload.objects.filter(
            created_at__lt=timezone.now() - UPLOAD_LIFETIME
        ).delete()
        ImportUpload.objects.update_or_create(
            name=self.name, defaults={"data": bytes(data)}
        )

    def read(self):
        upload = ImportUpload.objects.filter(name=self.name).first()
        if upload is None:
            raise reading.SpreadsheetError(
                _(
                    "The uploaded file is no longer waiting for confirmation "
                    "(already imported or expired); upload it again."
                )
            )
        data = bytes(upload.data)
        if "b" not in self.read_mode:
            return data.decode(self.encoding or "utf-8-sig")
        return data

    def remove(self):
        ImportUpload.objects.filter(name=self.name).delete()


class SpreadsheetFormat(Format):
    """The one import format: XLSX or CSV, told apart by the file's content."""

    def get_title(self):
        return _("Excel (XLSX) or CSV")

    def create_dataset(self, in_stream):
        return reading.read_spreadsheet(in_stream)

    def can_import(self):
        return True

    def is_binary(self):
        return True


class SpreadsheetExportMixin(ExportMixin):
    """Export of every admin list: what is filtered and visible to the user.

    Whether a user may import or export at all is the scope gate's answer
    (`ScopedAdminMixin.has_import_permission` / `has_export_permission`).
    """

    export_form_class = SpreadsheetExportForm
    export_template_name = "admin/campaigns/export.html"
    import_export_change_list_template = "admin/import_export/change_list_export.html"

    def get_export_formats(self):
        return EXPORT_FORMATS

    def get_export_queryset(self, request):
        # get_queryset() already went through the gate for viewing; exporting is an
        # action of its own (leaders export, not every viewer may).
        return restrict(super().get_export_queryset(request), request.user, "export")

    def get_export_resource_kwargs(self, request, **kwargs):
        return {"user": request.user}

    def get_export_filename(self, request, queryset, file_format):
        path = year_path(self.model)
        years = None
        if path is not None:
            span = queryset.order_by().aggregate(first=Min(path), last=Max(path))
            years = (span["first"], span["last"])
        return export_filename(self.model, file_format.get_extension(), years)

    def _do_file_export(self, file_format, request, queryset, export_form=None):
        if not self.has_export_permission(request):
            raise PermissionDenied
        resource_class = self.choose_export_resource_class(export_form, request)
        resource = resource_class(**self.get_export_resource_kwargs(request))
        selected = self.get_export_resource_fields_from_form(export_form)
        columns = resource.export_columns(selected)
        rows = resource.iter_export(queryset, selected)
        title = writing.safe_sheet_title(str(self.model._meta.verbose_name_plural))
        filename = self.get_export_filename(request, queryset, file_format)
        response = file_format.response(title, columns, rows, filename)
        post_export.send(sender=None, model=self.model)
        return response


class SpreadsheetImportMixin(ImportMixin):
    """Import with a dry-run preview and an all-or-nothing confirmation."""

    import_form_class = SpreadsheetImportForm
    confirm_form_class = SpreadsheetConfirmForm
    import_template_name = "admin/campaigns/import.html"
    tmp_storage_class = DatabaseImportStorage
    preview_rows = 200

    def get_import_formats(self):
        return [SpreadsheetFormat]

    def new_resource(self, request, form):
        resource_class = self.choose_import_resource_class(form, request)
        return resource_class(
            user=request.user, status=form.cleaned_data.get("status") or "draft"
        )

    def import_context(self, request, form, **extra):
        context = self.admin_site.each_context(request)
        resource = self.get_import_resource_classes(request)[0]()
        context.update(
            {
                "title": _("Import %(things)s from a spreadsheet")
                % {"things": self.model._meta.verbose_name_plural},
                "form": form,
                "opts": self.model._meta,
                "media": self.media + form.media,
                "columns": [f.column_name for f in resource.column_fields()],
                "required_columns": [
                    f.column_name for f in resource.column_fields() if f.required
                ],
                "preview_limit": self.preview_rows,
                **extra,
            }
        )
        request.current_app = self.admin_site.name
        return context

    def read_dataset(self, resource, data):
        dataset = reading.read_spreadsheet(data, is_header=resource.is_header)
        resource.match_headers(dataset)
        return dataset

    def import_action(self, request, **kwargs):
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = self.create_import_form(request)
        extra = {}
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["import_file"]
            data = b"".join(upload.chunks())
            resource = self.new_resource(request, form)
            try:
                dataset = self.read_dataset(resource, data)
            except reading.SpreadsheetError as error:
                form.add_error("import_file", error.message)
            else:
                result = resource.import_data(
                    dataset,
                    dry_run=True,
                    raise_errors=False,
                    file_name=upload.name,
                    user=request.user,
                )
                extra["result"] = result
                if not result.has_errors() and not result.has_validation_errors():
                    storage = self.get_tmp_storage_class()(
                        read_mode="rb", **self.get_tmp_storage_class_kwargs()
                    )
                    storage.save(data)
                    upload.tmp_storage_name = storage.name
                    extra["confirm_form"] = self.create_confirm_form(
                        request, import_form=form
                    )
        context = self.import_context(request, form, **extra)
        return TemplateResponse(request, [self.import_template_name], context)

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["status"] = import_form.cleaned_data.get("status")
        return initial

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        if not self.has_import_permission(request):
            raise PermissionDenied
        confirm_form = self.create_confirm_form(request)
        if not confirm_form.is_valid():
            raise PermissionDenied
        storage = self.get_tmp_storage_class()(
            name=confirm_form.cleaned_data["import_file_name"],
            read_mode="rb",
            **self.get_tmp_storage_class_kwargs(),
        )
        resource = self.new_resource(request, confirm_form)
        file_name = confirm_form.cleaned_data["original_file_name"]
        form = self.create_import_form(request)
        form.is_bound = False
        try:
            dataset = self.read_dataset(resource, storage.read())
        except reading.SpreadsheetError as error:
            messages.error(request, error.message)
            return HttpResponseRedirect(self.import_url())
        result = resource.import_data(
            dataset,
            dry_run=False,
            raise_errors=False,
            use_transactions=True,
            rollback_on_validation_errors=True,
            file_name=file_name,
            user=request.user,
            retain_instance_in_row_result=True,
        )
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                _("Nothing was imported: the file has errors (listed below)."),
            )
            context = self.import_context(request, form, result=result)
            return TemplateResponse(request, [self.import_template_name], context)
        storage.remove()
        self.generate_log_entries(result, request)
        post_import.send(sender=None, model=self.model)
        totals = result.totals
        messages.success(
            request,
            _(
                "Import of %(file)s finished: %(new)s new, %(updated)s updated, "
                "%(skipped)s unchanged."
            )
            % {
                "file": file_name,
                "new": totals["new"],
                "updated": totals["update"],
                "skipped": totals["skip"],
            },
        )
        return HttpResponseRedirect(
            reverse(
                "admin:{}_{}_changelist".format(*self.get_model_info()),
                current_app=self.admin_site.name,
            )
        )

    def import_url(self):
        return reverse(
            "admin:{}_{}_import".format(*self.get_model_info()),
            current_app=self.admin_site.name,
        )


class SpreadsheetAdminMixin(SpreadsheetImportMixin, SpreadsheetExportMixin):
    """Import and export for the lists staff fill in from their Excel files."""

    import_export_change_list_template = (
        "admin/import_export/change_list_import_export.html"
    )


class YearlyReportAdminMixin:
    """Adds the yearly report workbook ("Báo cáo năm") page to an admin."""

    def get_urls(self):
        from django.urls import path

        return [
            path(
                "bao-cao-nam/",
                self.admin_site.admin_view(self.yearly_report_view),
                name="campaigns_yearly_report",
            ),
            *super().get_urls(),
        ]

    def yearly_report_view(self, request):
        from campaigns.admin.forms import YearlyReportForm
        from campaigns.report.workbook import yearly_report

        if not self.has_view_permission(request):
            raise PermissionDenied
        form = YearlyReportForm(request.POST or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            year, ward = form.cleaned_data["year"], form.cleaned_data["ward"]
            scope = ward.slug if ward else "thanh-pho"
            return FileResponse(
                yearly_report(year=year, ward=ward, user=request.user),
                as_attachment=True,
                filename=f"bao-cao-nam-{year}-{scope}.xlsx",
                content_type=XLSXExport.content_type,
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Yearly report workbook"),
            "form": form,
            "opts": self.model._meta,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/campaigns/yearly_report.html", context)
