"""Staff pages beside the model admins, mounted under ADMIN_URL + "workflow/"."""

from django.contrib import admin
from django.urls import path

from campaigns.admin import views as admin_views

app_name = "campaigns_admin"

urlpatterns = [
    path(
        "completeness/",
        admin.site.admin_view(admin_views.completeness),
        name="completeness",
    ),
    path(
        "submit-ward-year/",
        admin.site.admin_view(admin_views.ward_year_submit),
        name="submit-ward-year",
    ),
    path(
        "history/",
        admin.site.admin_view(admin_views.change_history),
        name="change-history",
    ),
]
