"""After many rows arrive at once, PostgreSQL's planner is told (issue 18)."""

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns import models
from campaigns.services import maintenance
from campaigns.spreadsheets.resources import AnnualResultResource

from ..spreadsheet_helpers import run_import
from ..spreadsheets.test_imports import make_areas

DATA = Path(__file__).parent.parent / "data"
POSTGRESQL = connection.vendor == "postgresql"


@pytest.mark.django_db
def test_tidying_inside_a_transaction_analyses_and_never_vacuums():
    statements = maintenance.tables_tidy([models.Donation, models.Support])
    if POSTGRESQL:
        # VACUUM cannot run in a transaction; ANALYZE can, and the plans need it.
        assert statements == [
            'ANALYZE "campaigns_donation"',
            'ANALYZE "campaigns_support"',
        ]
    else:
        assert statements == []


@pytest.mark.parametrize("limit, analysed", [(1, POSTGRESQL), (1000, False)])
def test_a_large_import_leaves_its_tables_analysed(
    reference, monkeypatch, django_capture_on_commit_callbacks, limit, analysed
):
    make_areas()
    monkeypatch.setattr(maintenance, "LARGE_IMPORT_ROWS", limit)
    data = (DATA / "messy_annual_results.xlsx").read_bytes()
    with django_capture_on_commit_callbacks() as callbacks:
        result = run_import(AnnualResultResource, data)
    assert result.totals["new"] == 3
    with CaptureQueriesContext(connection) as queries:
        for callback in callbacks:
            callback()
    analysed_tables = {
        q["sql"].split()[1].strip('"')
        for q in queries.captured_queries
        if q["sql"].startswith("ANALYZE")
    }
    expected = {
        "campaigns_annualresult",
        "campaigns_goalresult",
        "campaigns_historicalannualresult",
        "campaigns_historicalgoalresult",
    }
    assert analysed_tables == (expected if analysed else set())


def test_a_dry_run_analyses_nothing(
    reference, monkeypatch, django_capture_on_commit_callbacks
):
    make_areas()
    monkeypatch.setattr(maintenance, "LARGE_IMPORT_ROWS", 1)
    data = (DATA / "messy_annual_results.xlsx").read_bytes()
    with django_capture_on_commit_callbacks() as callbacks:
        run_import(AnnualResultResource, data, dry_run=True)
    assert callbacks == []
