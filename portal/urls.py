from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from campaigns.public.media import media_file

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
    # Staff pages beside the model admins (the workflow's under workflow/, the
    # data-entry screen under nhap-lieu/, the year-end report under bao-cao/tong-ket/);
    # before the admin's catch-all patterns.
    path(settings.ADMIN_URL, include("campaigns.admin.urls")),
    # Staff printouts: area cards and the fund's public notice (issue 16).
    path(f"{settings.ADMIN_URL}bao-cao/", include("campaigns.admin.document_urls")),
    path(settings.ADMIN_URL, admin.site.urls),
    path("", include("campaigns.public.urls")),
]
# Photos and their renditions from the default storage with long cache headers, when
# it is served from this site (nginx may serve var/media/ itself: docs/deploy.md; on
# an S3-compatible service MEDIA_URL is that service's address).
if settings.MEDIA_URL.startswith("/"):
    urlpatterns.insert(
        0,
        path(f"{settings.MEDIA_URL.strip('/')}/<path:name>", media_file, name="media"),
    )
