# Issue 17: the festival's participants and dates in the yearly result summaries (its
# public figures read them instead of a year's raw results), and indexes for a year's
# approved commendations and the approved areas in force.

from django.db import migrations, models

HELD_SUMS = (
    "COALESCE(SUM(CASE WHEN ar.festival_held THEN ar.festival_participants END), 0)"
    " AS participants,"
    " MIN(CASE WHEN ar.festival_held THEN ar.festival_date END) AS first,"
    " MAX(CASE WHEN ar.festival_held THEN ar.festival_date END) AS last"
)


def fill_festival_columns(apps, schema_editor):
    """The new columns of existing summary rows, as `summaries_refresh` computes them."""
    same = "IS" if schema_editor.connection.vendor == "sqlite" else "IS NOT DISTINCT FROM"
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "UPDATE campaigns_resultsummary AS rs SET festival_participants ="
            " s.participants, festival_first = s.first, festival_last = s.last"
            f" FROM (SELECT ra.ward_id, ar.year, ar.poverty_standard_id, {HELD_SUMS}"
            " FROM campaigns_annualresult ar JOIN campaigns_residentialarea ra"
            " ON ra.id = ar.residential_area_id"
            " WHERE ar.status = 'approved' AND ra.status = 'approved'"
            " GROUP BY ra.ward_id, ar.year, ar.poverty_standard_id) AS s"
            " WHERE rs.ward_id = s.ward_id AND rs.year = s.year"
            f" AND rs.poverty_standard_id {same} s.poverty_standard_id"
        )
        cursor.execute(
            "UPDATE campaigns_resultsummary AS rs SET festival_participants ="
            " s.participants, festival_first = s.first, festival_last = s.last"
            " FROM (SELECT year, poverty_standard_id,"
            " SUM(festival_participants) AS participants,"
            " MIN(festival_first) AS first, MAX(festival_last) AS last"
            " FROM campaigns_resultsummary WHERE ward_id IS NOT NULL"
            " GROUP BY year, poverty_standard_id) AS s"
            " WHERE rs.ward_id IS NULL AND rs.year = s.year"
            f" AND rs.poverty_standard_id {same} s.poverty_standard_id"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0022_issue17_admin_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="resultsummary",
            name="festival_participants",
            field=models.PositiveBigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="resultsummary",
            name="festival_first",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="resultsummary",
            name="festival_last",
            field=models.DateField(null=True),
        ),
        migrations.AddIndex(
            model_name="commendation",
            index=models.Index(
                condition=models.Q(("status", "approved")),
                fields=["year"],
                include=["id", "ward", "level", "recipient_kind", "decision_number"],
                name="commendation_approved_year",
            ),
        ),
        migrations.AddIndex(
            model_name="residentialarea",
            index=models.Index(
                condition=models.Q(("status", "approved")),
                fields=["valid_from", "valid_to"],
                name="area_approved_validity",
            ),
        ),
        migrations.RunPython(fill_festival_columns, migrations.RunPython.noop),
    ]
