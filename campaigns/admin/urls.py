"""Staff pages beside the model admins, mounted under ADMIN_URL (before the admin's
own patterns): the workflow pages under "workflow/", the data-entry screen under
"nhap-lieu/<ward slug>/<year>/", the documents under "bao-cao/"."""

from django.contrib import admin
from django.urls import path

from campaigns.admin import documents as admin_documents
from campaigns.admin import entry
from campaigns.admin import views as admin_views

app_name = "campaigns_admin"

urlpatterns = [
    path(
        "workflow/completeness/",
        admin.site.admin_view(admin_views.completeness),
        name="completeness",
    ),
    path(
        "workflow/submit-ward-year/",
        admin.site.admin_view(admin_views.ward_year_submit),
        name="submit-ward-year",
    ),
    path(
        "workflow/history/",
        admin.site.admin_view(admin_views.change_history),
        name="change-history",
    ),
    path(
        "nhap-lieu/<slug:ward_slug>/<int:year>/",
        admin.site.admin_view(entry.ward_year_entry),
        name="ward-year-entry",
    ),
    path(
        "bao-cao/tong-ket/",
        admin.site.admin_view(admin_documents.year_end_report),
        name="year-end-report",
    ),
    path(
        "bao-cao/tong-ket/mau/",
        admin.site.admin_view(admin_documents.year_end_template),
        name="year-end-template",
    ),
]
