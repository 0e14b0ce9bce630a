"""Public pages: parse the year and the place, call selectors (through datasets), render.

`page_not_found` and `permission_denied` are also Django's handler404 and handler403
(portal/urls.py); `csrf_failure` is CSRF_FAILURE_VIEW.
"""

from campaigns.public.views.api import dataset_json, openapi
from campaigns.public.views.base import (
    BadParameter,
    csrf_failure,
    page_not_found,
    permission_denied,
    public_page,
)
from campaigns.public.views.cards import area_card, area_card_pdf
from campaigns.public.views.celebrations import (
    commendations,
    cultural_families,
    festivals,
)
from campaigns.public.views.data import dataset_download, healthz, open_data
from campaigns.public.views.images import chart_image
from campaigns.public.views.places import (
    area_detail,
    overview,
    search,
    ward_detail,
    ward_list,
)
from campaigns.public.views.stories import story_detail, story_list
from campaigns.public.views.topics import fund, goal_detail, goal_list, works

__all__ = [
    "BadParameter",
    "chart_image",
    "csrf_failure",
    "area_card",
    "area_card_pdf",
    "area_detail",
    "commendations",
    "cultural_families",
    "festivals",
    "dataset_download",
    "dataset_json",
    "fund",
    "goal_detail",
    "goal_list",
    "healthz",
    "open_data",
    "openapi",
    "overview",
    "page_not_found",
    "permission_denied",
    "public_page",
    "search",
    "story_detail",
    "story_list",
    "ward_detail",
    "ward_list",
    "works",
]
