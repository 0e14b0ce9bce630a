"""The JSON API: the CSV's rows typed as JSON, its OpenAPI description, CORS, errors."""

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openapi_spec_validator import validate

from campaigns import models, selectors
from campaigns.public import datasets as tables
from campaigns.spreadsheets.cells import neutralise

from .. import citydata

pytestmark = pytest.mark.django_db

# Every parameter every dataset may read; a dataset ignores those it does not take.
QUERIES = [
    {},
    {"nam": 2024, "khu-dan-cu": "song-cau-to-mot"},
    {"nam": 2024, "don-vi": "phuong-song-cau", "muc-tieu": 4},
    {"nam": 2025, "don-vi": "phuong-bac-kan", "khu-dan-cu": "bac-kan-to-ba"},
]


@pytest.fixture
def city(reference, seed_once):
    return seed_once(citydata.build_city)


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def as_csv(value, kind: str) -> str | set:
    """The CSV text of a JSON value (a set: any of these texts)."""
    if value is None:
        # A rate under no poverty standard is text in the CSV, null in JSON.
        return {"", str(selectors.NO_STANDARD)} if kind == "percent" else ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if kind == "date":
        return datetime.date.fromisoformat(value).strftime("%d/%m/%Y")
    if isinstance(value, int | float):
        return value  # compared as numbers below
    return neutralise(value)


def same_cell(csv_cell: str, value, kind: str) -> bool:
    expected = as_csv(value, kind)
    if isinstance(expected, set):
        return csv_cell in expected
    if isinstance(expected, int | float) and not isinstance(expected, bool):
        return Decimal(csv_cell) == Decimal(str(expected))
    return csv_cell == expected


@pytest.mark.parametrize("slug", sorted(tables.DATASETS))
def test_every_json_endpoint_has_exactly_the_rows_of_the_csv(client, city, slug):
    from .. import factories as f

    # The shared city has no commendations; the commendation datasets need rows.
    for year, area_slug in ((2024, "song-cau-to-mot"), (2025, "bac-kan-to-ba")):
        area = models.ResidentialArea.objects.get(slug=area_slug)
        f.CommendationFactory(year=year, ward=area.ward, residential_area=area)
        f.CommendationFactory(
            year=year, ward=area.ward, recipient_kind="individual", recipient_name="X"
        )
    rows_seen = 0
    for query in QUERIES:
        if tables.AREA in tables.DATASETS[slug].required and "khu-dan-cu" not in query:
            continue
        answer = client.get(f"/du-lieu/{slug}.json", query)
        assert answer.status_code == 200, (slug, query, answer.content[:300])
        assert answer["Content-Type"] == "application/json"
        data = answer.json()
        expected = csv_rows(client.get(f"/du-lieu/{slug}.csv", query))
        columns = data["columns"]
        assert [c["heading"] for c in columns] == expected[0]
        assert [c["key"] for c in columns] == [
            c.key for c in tables.DATASETS[slug].columns
        ]
        assert len(data["rows"]) == len(expected) - 1, query
        for row, line in zip(data["rows"], expected[1:], strict=True):
            assert list(row) == [c["key"] for c in columns]
            for column, cell in zip(columns, line, strict=True):
                value = row[column["key"]]
                assert same_cell(cell, value, column["kind"]), (column, cell, value)
        rows_seen += len(data["rows"])
        # The JSON links its own downloads, with the same parameters.
        assert (
            client.get(data["csv"]).content
            == client.get(f"/du-lieu/{slug}.csv", query).content
        )
    assert rows_seen > 0, slug  # else the comparison proved nothing


def test_json_values_are_typed(client, city):
    data = client.get("/du-lieu/don-vi.json", {"nam": 2024}).json()
    song_cau = next(r for r in data["rows"] if r["unit"] == "Phường Sông Cầu")
    raw = citydata.raw_result_figures(2024, [city.song_cau])
    assert song_cau["households"] == raw["households"]
    assert isinstance(song_cau["households"], int)
    assert song_cau["poor_rate"] == float(raw["poor_rate"])
    assert song_cau["raised"] == citydata.raw_fund(2024, [city.song_cau])["raised"]
    assert isinstance(song_cau["raised"], int)
    assert song_cau["code"] == city.song_cau.code  # codes stay in the data
    assert data["parameters"] == {"nam": 2024}
    units = client.get("/du-lieu/don-vi-hanh-chinh.json").json()["rows"]
    old = next(r for r in units if r["unit"] == "Phường Sông Cầu")
    assert old["valid_to"] == "2025-06-30"


def test_formula_like_text_is_plain_in_json(client, city):
    from .. import factories as f

    f.DonationFactory(
        ward=city.song_cau,
        date=datetime.date(2024, 12, 1),
        donor_name="=1+1 Công ty",
        publish_donor_name=True,
    )
    from campaigns.cache import bump_generation

    bump_generation()
    names = [
        r["donor"]
        for r in client.get("/du-lieu/nha-hao-tam.json?nam=2024").json()["rows"]
    ]
    assert "=1+1 Công ty" in names


def test_cors_is_open_on_the_api_only(client, city):
    for path in ("/du-lieu/don-vi.json?nam=2024", "/du-lieu/api.json"):
        response = client.get(path)
        assert response["Access-Control-Allow-Origin"] == "*"
        # From the cache as well.
        cached = client.get(path)
        assert cached["X-Page-Cache"] == "hit"
        assert cached["Access-Control-Allow-Origin"] == "*"
        assert cached.content == response.content
    for path in ("/du-lieu/", "/du-lieu/don-vi.csv", "/"):
        assert "Access-Control-Allow-Origin" not in client.get(path)


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/du-lieu/khong-co.json", 404, "Không có bảng dữ liệu"),
        ("/du-lieu/don-vi.json?nam=abc", 400, "không phải là một năm"),
        ("/du-lieu/don-vi.json?nam=1999", 404, "1999"),
        ("/du-lieu/quy-theo-nam.json?don-vi=khong-co", 404, "phường, xã"),
        ("/du-lieu/muc-tieu-theo-don-vi.json?muc-tieu=99", 404, "mục tiêu"),
        ("/du-lieu/khu-dan-cu-theo-nam.json", 404, "khu dân cư"),
    ],
)
def test_errors_are_json_with_the_csv_status(client, city, path, status, message):
    response = client.get(path)
    assert response.status_code == status
    assert response["Access-Control-Allow-Origin"] == "*"
    assert message.lower() in response.json()["error"].lower()
    assert client.get(path.replace(".json", ".csv")).status_code == status


def test_the_api_is_read_only(client, city):
    assert client.post("/du-lieu/don-vi.json").status_code == 405


def test_openapi_document_validates_and_lists_every_dataset(client, city):
    response = client.get("/du-lieu/api.json")
    assert response.status_code == 200
    document = response.json()
    validate(document)
    assert set(document["paths"]) == {
        f"/du-lieu/{slug}.json" for slug in tables.DATASETS
    }
    for slug, dataset in tables.DATASETS.items():
        operation = document["paths"][f"/du-lieu/{slug}.json"]["get"]
        names = {p["name"] for p in operation["parameters"]}
        assert ("nam" in names) == (tables.YEAR in dataset.params)
        assert ("don-vi" in names) == (tables.WARD in dataset.params)
        row = document["components"]["schemas"][f"Row_{slug.replace('-', '_')}"]
        assert list(row["properties"]) == [c.key for c in dataset.columns]
        for column in dataset.columns:
            # The Vietnamese CSV heading describes each key.
            assert row["properties"][column.key]["title"] == column.heading


def test_rows_match_their_openapi_schema(client, city):
    from jsonschema import Draft202012Validator

    document = client.get("/du-lieu/api.json").json()
    for slug in tables.DATASETS:
        schema = document["components"]["schemas"][f"Row_{slug.replace('-', '_')}"]
        validator = Draft202012Validator(schema)
        query = {"nam": 2024, "khu-dan-cu": "song-cau-to-mot"}
        for row in client.get(f"/du-lieu/{slug}.json", query).json()["rows"]:
            validator.validate(row)


def test_open_data_page_documents_the_api(client, city):
    html = client.get("/du-lieu/").content.decode()
    assert 'href="/du-lieu/api.json"' in html
    assert 'href="/du-lieu/don-vi.json?nam=' in html


@pytest.mark.parametrize(
    "path",
    [
        "/du-lieu/don-vi.json?nam=2024",
        "/du-lieu/api.json",
        "/du-lieu/don-vi-hanh-chinh.json",
    ],
)
def test_api_query_counts_are_bounded(client, city, path):
    with CaptureQueriesContext(connection) as cold:
        client.get(path)
    with CaptureQueriesContext(connection) as warm:
        client.get(path)
    assert len(cold) <= 30
    assert len(warm) <= 3
    json.loads(client.get(path).content)
