"""Ward-staff scopes and uploaded import files."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from campaigns.models import querysets
from campaigns.models.base import (
    TimeStampedModel,
)
from campaigns.models.units import Ward


class StaffScope(TimeStampedModel):
    """The wards a ward-staff account may see and edit (used by the permission gate)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_scope",
        verbose_name=_("user"),
    )
    wards = models.ManyToManyField(
        Ward, related_name="staff_scopes", verbose_name=_("wards")
    )

    objects = querysets.StaffScopeQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff scope")
        verbose_name_plural = _("staff scopes")
        ordering = ["user__username"]

    def __str__(self):
        return str(self.user)


# Deleting an account lists the rows of this auto-created link table; without these
# it reads "StaffScope-ward relationship: StaffScope_wards object (1)".
StaffScope.wards.through.__str__ = lambda link: str(link.ward)
StaffScope.wards.through._meta.verbose_name = _("ward in a staff scope")
StaffScope.wards.through._meta.verbose_name_plural = _("wards in staff scopes")


class ImportUpload(models.Model):
    """An uploaded spreadsheet kept between an import's preview and its confirmation.

    Kept in the database, not one server's /tmp, so any app server behind the load
    balancer can finish an import that another one previewed.
    """

    name = models.CharField(_("name"), max_length=64, unique=True)
    data = models.BinaryField(_("content"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("uploaded import file")
        verbose_name_plural = _("uploaded import files")
        ordering = ["-created_at"]

    def __str__(self):
        return self.name
