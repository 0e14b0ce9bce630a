"""Helpers shared by the spreadsheet tests: run an import as the admin does.

Imports and exports fail closed (no user, nothing read or written), so the helpers
act as a superuser unless a test passes the account whose scope it checks.
"""

from django.contrib.auth import get_user_model

from campaigns.spreadsheets import reading, writing


def superuser():
    """The superuser the spreadsheet tests import and export as (made once per test)."""
    user, created = get_user_model().objects.get_or_create(
        username="sheets-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    return user


def read(resource, data: bytes):
    dataset = reading.read_spreadsheet(data, is_header=resource.is_header)
    resource.match_headers(dataset)
    return dataset


def run_import(
    resource_class, data: bytes, *, dry_run=False, user=None, status="draft"
):
    """Dry run or commit one file as `user` (a superuser by default); the Result."""
    user = user or superuser()
    resource = resource_class(user=user, status=status)
    dataset = read(resource, data)
    return resource.import_data(
        dataset, dry_run=dry_run, file_name="test.xlsx", user=user
    )


def export_csv(resource_class, queryset, *, user=None) -> bytes:
    resource = resource_class(user=user or superuser())
    return b"".join(
        writing.csv_chunks(resource.export_columns(), resource.iter_export(queryset))
    )


def export_xlsx(resource_class, queryset, *, user=None) -> bytes:
    resource = resource_class(user=user or superuser())
    handle = writing.xlsx_file(
        "x", resource.export_columns(), resource.iter_export(queryset)
    )
    return handle.read()


def table(resource_class, queryset, *, without=(), user=None):
    """The export as a sorted list of rows (text), leaving out some columns."""
    resource = resource_class(user=user or superuser())
    dataset = resource.export(queryset)
    keep = [i for i, h in enumerate(dataset.headers) if h not in without]
    return sorted(tuple(row[i] for i in keep) for row in dataset)
