"""Public pages: parse the year and the place, call selectors (through datasets), render.

`campaigns.public.views.page_not_found` is also Django's handler404 (portal/urls.py).
"""

from campaigns.public.views.base import BadParameter, page_not_found, public_page
from campaigns.public.views.data import dataset_download, healthz, open_data
from campaigns.public.views.places import (
    area_detail,
    overview,
    search,
    ward_detail,
    ward_list,
)
from campaigns.public.views.topics import fund, goal_detail, goal_list, works

__all__ = [
    "BadParameter",
    "area_detail",
    "dataset_download",
    "fund",
    "goal_detail",
    "goal_list",
    "healthz",
    "open_data",
    "overview",
    "page_not_found",
    "public_page",
    "search",
    "ward_detail",
    "ward_list",
    "works",
]
