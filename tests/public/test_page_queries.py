"""Uncached public pages make as many queries with more data as with less (issue 17):
their figures come from summary rows and bounded pages, never one query per row."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .. import citydata
from .. import factories as f

YEAR = 2025
PAGES = (
    "/",
    "/don-vi/",
    "/don-vi/phuong-bac-kan/",
    "/quy-vi-nguoi-ngheo/",
    "/ngay-hoi/",
    "/muc-tieu/",
    "/cong-trinh/",
)


def query_counts(client) -> dict[str, int]:
    found = {}
    for path in PAGES:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, {"nam": YEAR})
        assert response.status_code == 200, path
        found[path] = len(queries)
    return found


def more_data(units: int) -> None:
    """`units` new units, each with areas, results, fund records, works, commendations."""
    day = datetime.date(YEAR, 9, 1)
    for _ in range(units):
        ward = f.WardFactory()
        for _ in range(3):
            result = f.AnnualResultFactory(
                residential_area=f.ResidentialAreaFactory(ward=ward),
                year=YEAR,
                festival_date=datetime.date(YEAR, 11, 18),
                festival_participants=300,
            )
            f.GoalResultFactory(annual_result=result)
        f.DonationFactory(ward=ward, date=day, publish_donor_name=True)
        f.SupportFactory(ward=ward, date=day)
        f.CommunityWorkFactory(ward=ward, year=YEAR)
        f.CommendationFactory(ward=ward, year=YEAR)


@pytest.mark.django_db
def test_uncached_pages_query_counts_do_not_grow_with_the_data(
    client, reference, seed_once
):
    seed_once(citydata.build_city)
    more_data(1)  # every kind of row in the year, so no list is empty
    client.get("/")  # the process's first request (URL map, catalogue)
    before = query_counts(client)
    more_data(5)
    after = query_counts(client)
    assert after == before
    # The home page read about 260 cache keys before the approving bodies were read
    # once per table; its queries stay few.
    assert max(after.values()) <= 40, after
