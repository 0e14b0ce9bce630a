"""Whole public pages cached under the generation key (see `campaigns.cache`).

Selectors already cache their figures, but at nation scale rendering the tables and
SVG charts of a page costs more than computing its figures. Anonymous GET requests
for public HTML pages (and the JSON API) are therefore answered from the cache; one approval or import
bumps the generation and retires every cached page with every cached figure.

Only views marked with `@cached_page(...)` are cached, and they are keyed on the query
parameters they declare, nothing else: `/?junk=1` is the page `/`, from the same key.
The view is given only those parameters, so a page cannot depend on one its key
leaves out. When the cache is unavailable pages are rendered as if it did not exist.

Right after a bump one request renders a page (`cache.fill`, a lock per page); the
others are served the page of the previous generation meanwhile ("X-Page-Cache:
stale", never stored under the new one), or wait for the new page when there is none.
"""

from __future__ import annotations

import dataclasses
import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve

from campaigns import cache

PAGE_TIMEOUT = 60 * 60
# Nation-scale pages listing 10,000 units run to 12 MB; Redis holds them easily.
MAX_BYTES = 16 * 1024 * 1024
KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Disposition",
    "Access-Control-Allow-Origin",
)
# Pages, the share images of their charts, and the JSON API (views/api.py).
CACHED_TYPES = ("text/html", "image/png", "image/svg+xml", "application/json")
# Longer values are malformed for every declared parameter: the view answers 400.
MAX_VALUE_LENGTH = 20


@dataclasses.dataclass(frozen=True)
class PageQuery:
    """The query parameters a cached page reads: `params`, and page numbers of its tables."""

    params: tuple[str, ...]
    pages: tuple[str, ...]
    max_length: int = MAX_VALUE_LENGTH

    def canonical(self, query: QueryDict) -> list[tuple[str, str]]:
        """The declared parameters as the view reads them (last value, stripped), sorted."""
        items = []
        for name in sorted(self.params + self.pages):
            value = query.get(name, "").strip()
            if value.isascii() and value.isdigit() and len(value) <= 6:
                value = str(int(value))  # ?trang=002 is ?trang=2
            if value:
                items.append((name, value))
        return items

    def bounded(self, items: list[tuple[str, str]]) -> bool:
        """Whether the page may be stored: keys per page stay within years × pages.

        At most one table paged away from its first page, so the keys of a page grow
        with the sum of its tables' pages, not with their product.
        """
        paged = [name for name, value in items if name in self.pages and value != "1"]
        return len(paged) <= 1 and all(len(v) <= self.max_length for _, v in items)


def cached_page(
    *params: str, pages: tuple[str, ...] = (), max_length: int = MAX_VALUE_LENGTH
):
    """Cache this public view's page, keyed on `params` and its tables' page parameters.

    `max_length` bounds each value; a view allowing long values (slugs) must refuse
    the parameters it does not read, so that every stored key is a real page.
    """
    query = PageQuery(params=tuple(params), pages=tuple(pages), max_length=max_length)

    def decorate(view):
        view.page_query = query
        return view

    return decorate


class PublicPageCacheMiddleware:
    """Serve and store rendered public pages; never for staff, forms or the admin.

    Innermost in MIDDLEWARE, so security headers, cookies and CSRF handling of the
    outer middleware apply to cached pages exactly as to fresh ones.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_URL

    def page_query(self, request) -> PageQuery | None:
        if request.path.startswith(self.admin_prefix):
            return None
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return None
        return getattr(match.func, "page_query", None)

    def cacheable_request(self, request) -> bool:
        return (
            request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )

    def __call__(self, request):
        query = self.page_query(request)
        if query is None:
            return self.get_response(request)
        items = query.canonical(request.GET)
        # Signed in or not, the view reads what the key holds and nothing more.
        request.GET = QueryDict(urlencode(items))
        generation = cache.current_generation()
        if generation is None:  # the cache is down: render as if it did not exist
            return self.get_response(request)
        with cache.generation_pinned(generation):
            if not (self.cacheable_request(request) and query.bounded(items)):
                return self.get_response(request)
            return self.cached_response(request, items, generation)

    def cached_response(self, request, items, generation: int):
        address = f"{request.path}?{urlencode(items)}"
        digest = hashlib.sha1(address.encode()).hexdigest()
        filled = cache.fill(
            generation,
            ("page", digest),
            lambda: self.get_response(request),
            timeout=PAGE_TIMEOUT,
            keep=lambda response: self.kept(request, response),
            stale=True,
        )
        if filled.computed:
            response = filled.value
            if self.cacheable_response(request, response):
                response["X-Page-Cache"] = "miss"
            return response
        stored, label = filled.value, "stale" if filled.stale else "hit"
        content, headers = stored
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        response["X-Page-Cache"] = label
        return response

    def kept(self, request, response) -> tuple[bytes, list] | None:
        """What the cache keeps of a rendered page; None when it must not keep it."""
        if not self.cacheable_response(request, response):
            return None
        headers = [(name, response[name]) for name in KEPT_HEADERS if name in response]
        return response.content, headers

    @staticmethod
    def cacheable_response(request, response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith(CACHED_TYPES)
            and "Cache-Control" not in response
            and not response.cookies
            # A page that rendered a CSRF token is personal to this visitor.
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and len(response.content) <= MAX_BYTES
        )
