from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Campaign results portal – MTTQ Bắc Kạn")
admin.site.site_title = _("MTTQ Bắc Kạn administration")
admin.site.index_title = _("Data management")

# Unknown paths and refusals get the public (Vietnamese) 404 and 403 pages, in the
# admin too.
handler404 = "campaigns.public.views.page_not_found"
handler403 = "campaigns.public.views.permission_denied"

urlpatterns = [
    # Staff pages of the workflow (completeness, history); before the admin's
    # catch-all patterns.
    path(f"{settings.ADMIN_URL}workflow/", include("campaigns.admin.urls")),
    # Staff printouts: area cards and the fund's public notice (issue 16).
    path(f"{settings.ADMIN_URL}bao-cao/", include("campaigns.admin.document_urls")),
    path(settings.ADMIN_URL, admin.site.urls),
    path("", include("campaigns.public.urls")),
]
