"""The JSON API views: a dataset as JSON, and the OpenAPI description of them all.

Read-only and public, so any web page may read them: `Access-Control-Allow-Origin: *`
on these responses only (a GET without custom headers needs no preflight, so OPTIONS
is not answered). Errors are JSON too, with the pages' Vietnamese messages.
"""

from __future__ import annotations

import functools

from django.http import Http404, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from campaigns import selectors
from campaigns.public import api
from campaigns.public import datasets as tables
from campaigns.public.middleware import cached_page
from campaigns.public.views.base import PUBLIC_LANGUAGE, BadParameter
from campaigns.public.views.data import dataset_params

JSON_PARAMS = {"ensure_ascii": False}


def json_answer(data: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params=JSON_PARAMS)
    response["Access-Control-Allow-Origin"] = "*"
    response["Content-Language"] = PUBLIC_LANGUAGE
    return response


def json_endpoint(view):
    """Vietnamese, GET only, CORS open; a bad parameter or a 404 answers JSON."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        with translation.override(PUBLIC_LANGUAGE):
            try:
                return view(request, *args, **kwargs)
            except BadParameter as exc:
                return json_answer({"error": str(exc)}, status=400)
            except selectors.PageNotFound:
                return json_answer({"error": _("There is no such page.")}, status=404)
            except Http404 as exc:
                message = exc.args[0] if exc.args else ""
                return json_answer(
                    {"error": str(message) or _("There is no such page.")}, status=404
                )

    return require_GET(wrapper)


@cached_page("nam", "don-vi", "khu-dan-cu", "muc-tieu")
@json_endpoint
def dataset_json(request, dataset):
    params = dataset_params(request, dataset)
    return json_answer(api.table_json(tables.build(dataset, **params)))


@cached_page()
@json_endpoint
def openapi(request):
    return json_answer(api.openapi_document(lambda slug: tables.json_url(slug, {})))
