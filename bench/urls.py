from django.http import HttpResponse
from django.urls import include, path


def minimal(request):
    """Django's floor: the full middleware stack, no database, no template."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("bench/minimal/", minimal),
    path("", include("portal.urls")),
]
