"""Replacing the year-end report's template: checked first, then kept, atomically."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from campaigns.models import ReportTemplate

MAX_TEMPLATE_BYTES = 5 * 1024 * 1024


def report_template_upload(*, data: bytes, name: str, by, year: int) -> ReportTemplate:
    """Keep `data` as the template in use, after it rendered the report of `year`.

    A template that cannot make the report raises ValidationError with the reason in
    Vietnamese; nothing is stored and the template in use stays in use.
    """
    from campaigns.documents.report_docx import check_template

    if not by.has_perm("campaigns.add_reporttemplate"):
        raise PermissionDenied
    if len(data) > MAX_TEMPLATE_BYTES:
        raise ValidationError(
            _("The template is larger than %(size)s MB.")
            % {"size": MAX_TEMPLATE_BYTES // (1024 * 1024)},
            code="size",
        )
    check_template(data, year=year)
    with transaction.atomic():
        ReportTemplate.objects.filter(active=True).update(active=False)
        template = ReportTemplate(uploaded_by=by, active=True)
        template.file.save(_safe_name(name), ContentFile(data), save=False)
        template.save()
    return template


def report_template_reset(*, by) -> int:
    """Go back to the default template: every upload is kept but none is in use."""
    if not by.has_perm("campaigns.add_reporttemplate"):
        raise PermissionDenied
    return ReportTemplate.objects.filter(active=True).update(active=False)


def _safe_name(name: str) -> str:
    from django.utils.text import slugify

    stem = slugify((name or "").rsplit(".", 1)[0]) or "mau-bao-cao"
    return f"{stem[:60]}.docx"
