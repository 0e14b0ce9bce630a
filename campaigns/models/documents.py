"""Templates of the documents the portal writes (the year-end report)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from campaigns.models.base import TimeStampedModel


class ReportTemplate(TimeStampedModel):
    """A year-end report template (.docx with docxtpl tags) uploaded by city staff.

    The newest active one is used; none active means the default built by
    `campaigns.documents.report_template`. A template is stored only after it
    rendered a sample report (services/report_templates.py).
    """

    file = models.FileField(_("file"), upload_to="report-templates/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.file.name
