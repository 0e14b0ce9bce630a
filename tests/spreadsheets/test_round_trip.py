"""Export every model, import the files into an empty database, export again."""

import pytest

from campaigns import models
from campaigns.demo.existing import demo_data_delete
from campaigns.demo.seed import demo_data_seed
from campaigns.models.choices import WorkflowStatusChoices
from campaigns.spreadsheets.resources import (
    AnnualResultResource,
    CommendationResource,
    CommunityWorkResource,
    DonationResource,
    GoalResultResource,
    HouseholdResource,
    ResidentialAreaResource,
    SupportResource,
)

from ..spreadsheet_helpers import export_csv, export_xlsx, run_import, superuser, table

# Parents before children: areas before their yearly results, results before goals.
ORDER = [
    (models.ResidentialArea, ResidentialAreaResource),
    (models.AnnualResult, AnnualResultResource),
    (models.GoalResult, GoalResultResource),
    (models.Donation, DonationResource),
    (models.Support, SupportResource),
    (models.CommunityWork, CommunityWorkResource),
    (models.Commendation, CommendationResource),
]
COMPARED = [*ORDER, (models.Household, HouseholdResource)]
STATUS = "Trạng thái"


def public_figures():
    """What the public pages show, through their selectors (cache cleared first)."""
    from django.core.cache import cache

    from campaigns import selectors

    cache.clear()
    figures = {}
    for year in (2024, 2025):
        figures[year] = (
            selectors.city_overview(year=year),
            selectors.ward_summaries(year=year),
            selectors.area_summaries(year=year),
            selectors.goal_achievement_by_content(year=year),
            selectors.goal_achievement_by_ward(year=year),
            selectors.fund_spending_by_category(year=year),
            selectors.fund_spending_by_ward(year=year),
            selectors.named_donors(year=year),
            selectors.community_works_summary(year=year),
            selectors.community_works_by_ward(year=year),
        )
    figures["years"] = (selectors.fund_by_year(), selectors.results_by_year())
    return figures


def approve_as_in_source(source_tables):
    """Approve the imported rows whose source row was approved (matched by content)."""
    for model, resource_class in COMPARED:
        approved_rows = {
            row[:-1] for row in source_tables[model] if row[-1] == "Đã duyệt"
        } | {row[:-1] for row in source_tables[model] if row[-1] == "Approved"}
        resource = resource_class(user=superuser())
        fields = resource.get_export_fields()
        ids = []
        rows = resource.iter_export(model.objects.all().order_by("pk"))
        pks = model.objects.order_by("pk").values_list("pk", flat=True).iterator()
        from campaigns.spreadsheets.cells import csv_text

        for pk, row in zip(pks, rows, strict=True):
            text = tuple(csv_text(v) for v in row)
            if text[:-1] in approved_rows:
                ids.append(pk)
        assert fields[-1].column_name == STATUS
        if model is models.GoalResult:
            continue  # goal results follow their yearly result
        model.objects.filter(pk__in=ids).update(status=WorkflowStatusChoices.APPROVED)
    # A queryset update skips what the workflow services do after an approval:
    # refresh the yearly summaries and retire the cached figures.
    from campaigns.cache import bump_generation
    from campaigns.services.summaries import summaries_rebuild

    summaries_rebuild()
    bump_generation()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_import_export_gives_the_same_data_and_figures(reference, file_format):
    demo_data_seed(seed=7, years=range(2024, 2026))
    export = export_csv if file_format == "csv" else export_xlsx
    files = {model: export(res, model.objects.all()) for model, res in ORDER}
    source_tables = {model: table(res, model.objects.all()) for model, res in COMPARED}
    source_figures = public_figures()
    assert all(source_tables[model] for model, _ in COMPARED)
    assert source_figures[2024][0].results.households > 0

    demo_data_delete()
    assert not models.AnnualResult.objects.exists()
    for model, resource_class in ORDER:
        result = run_import(resource_class, files[model])
        assert not result.error_lines(), (model, result.error_lines()[:5])
        totals = result.totals
        # Goal results were made by the yearly results' goal columns; their file adds
        # the measured values.
        assert totals["new"] + totals["update"] + totals["skip"] == len(
            source_tables[model]
        )
        assert model.objects.count() == len(source_tables[model])
    assert not models.AnnualResult.objects.approved().exists()
    assert set(models.Support.objects.values_list("status", flat=True)) == {"draft"}

    approve_as_in_source(source_tables)
    for model, resource_class in COMPARED:
        again = table(resource_class, model.objects.all(), without=(STATUS,))
        before = [row[:-1] for row in source_tables[model]]
        assert again == sorted(before), model
    assert public_figures() == source_figures


def test_reimporting_the_same_file_changes_nothing(reference):
    demo_data_seed(seed=3, years=range(2025, 2026))
    for model, resource_class in ORDER:
        data = export_xlsx(resource_class, model.objects.all())
        before = list(model.objects.order_by("pk").values())
        history = model.history.count()
        result = run_import(resource_class, data)
        assert not result.error_lines()
        assert result.totals["new"] == result.totals["update"] == 0
        assert result.totals["skip"] == model.objects.count()
        assert list(model.objects.order_by("pk").values()) == before
        assert model.history.count() == history
