"""Whole public pages cached under the generation key (see `campaigns.cache`).

Selectors already cache their figures, but at nation scale rendering the tables and
SVG charts of a page costs more than computing its figures. Anonymous GET requests
for public HTML pages are therefore answered from the cache; one approval or import
bumps the generation and retires every cached page with every cached figure.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from campaigns.cache import current_generation

PAGE_TIMEOUT = 60 * 60
# Nation-scale pages listing 10,000 units run to 12 MB; Redis holds them easily.
MAX_BYTES = 16 * 1024 * 1024
KEPT_HEADERS = ("Content-Type", "Content-Language")


class PublicPageCacheMiddleware:
    """Serve and store rendered public pages; never for staff, forms or the admin.

    Innermost in MIDDLEWARE, so security headers, cookies and CSRF handling of the
    outer middleware apply to cached pages exactly as to fresh ones.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_URL

    def cacheable_request(self, request) -> bool:
        return (
            request.method == "GET"
            and not request.path.startswith(self.admin_prefix)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )

    def __call__(self, request):
        if not self.cacheable_request(request):
            return self.get_response(request)
        digest = hashlib.sha1(request.get_full_path().encode()).hexdigest()
        key = f"campaigns:{current_generation()}:page:{digest}"
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self.cacheable_response(request, response):
            headers = [
                (name, response[name]) for name in KEPT_HEADERS if name in response
            ]
            cache.set(key, (response.content, headers), PAGE_TIMEOUT)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def cacheable_response(request, response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and "Cache-Control" not in response
            and not response.cookies
            # A page that rendered a CSRF token is personal to this visitor.
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and len(response.content) <= MAX_BYTES
        )
