"""The admin's export formats and file names: XLSX, CSV with a BOM and ODS, written by
`campaigns.spreadsheets.writing` from `values_list()` rows."""

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from import_export.formats.base_formats import Format

from campaigns.spreadsheets import writing
from campaigns.text import vn_slugify


class ExportFormat(Format):
    extension = ""
    content_type = "application/octet-stream"

    def get_title(self):
        return self.title

    def get_extension(self):
        return self.extension

    def get_content_type(self):
        return self.content_type

    def can_export(self):
        return True


class XLSXExport(ExportFormat):
    title = "XLSX (Excel)"
    extension = "xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def response(self, title, columns, rows, filename):
        return FileResponse(
            writing.xlsx_file(title, columns, rows),
            as_attachment=True,
            filename=filename,
            content_type=self.content_type,
        )


class CSVExport(ExportFormat):
    title = "CSV (UTF-8)"
    extension = "csv"
    content_type = "text/csv; charset=utf-8"

    def response(self, title, columns, rows, filename):
        response = StreamingHttpResponse(
            writing.csv_chunks(columns, rows), content_type=self.content_type
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class ODSExport(ExportFormat):
    title = "ODS (LibreOffice)"
    extension = "ods"
    content_type = writing.ODS_MIMETYPE

    def response(self, title, columns, rows, filename):
        return FileResponse(
            writing.ods_file(title, columns, rows),
            as_attachment=True,
            filename=filename,
            content_type=self.content_type,
        )


EXPORT_FORMATS = [XLSXExport, CSVExport, ODSExport]


def export_filename(model, extension: str, years=None) -> str:
    """ "ket-qua-nam-2026-2026-12-01.xlsx": the list's Vietnamese name without
    diacritics, the years the rows cover (one year, or first-last), today's date."""
    name = vn_slugify(str(model._meta.verbose_name_plural)) or model._meta.model_name
    parts = [name]
    if years and years[0] is not None:
        first, last = years
        parts.append(str(first) if first == last else f"{first}-{last}")
    parts.append(timezone.localtime().strftime("%Y-%m-%d"))
    return f"{'-'.join(parts)}.{extension}"
