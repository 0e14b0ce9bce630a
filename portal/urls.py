from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Campaign results portal – MTTQ Bắc Kạn")
admin.site.site_title = _("MTTQ Bắc Kạn administration")
# The list of every model beside each page took a quarter of a laptop screen from the
# lists and forms (issue 13); the index and the breadcrumbs lead to them instead.
admin.site.enable_nav_sidebar = False
admin.site.index_title = _("Data management")

# Unknown paths and refusals get the public (Vietnamese) 404 and 403 pages, in the
# admin too.
handler404 = "campaigns.public.views.page_not_found"
handler403 = "campaigns.public.views.permission_denied"

urlpatterns = [
    # Staff pages of the workflow (completeness, history) and the data-entry screen;
    # before the admin's catch-all patterns.
    path(settings.ADMIN_URL, include("campaigns.admin.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
    path("", include("campaigns.public.urls")),
]
