"""Helpers shared by the spreadsheet tests: run an import as the admin does."""

from campaigns.spreadsheets import files as sheets


def read(resource, data: bytes):
    dataset = sheets.read_spreadsheet(data, is_header=resource.is_header)
    resource.match_headers(dataset)
    return dataset


def run_import(
    resource_class, data: bytes, *, dry_run=False, user=None, status="draft"
):
    """Dry run or commit one file; returns the import Result."""
    resource = resource_class(user=user, status=status)
    dataset = read(resource, data)
    return resource.import_data(
        dataset, dry_run=dry_run, file_name="test.xlsx", user=user
    )


def export_csv(resource_class, queryset) -> bytes:
    resource = resource_class()
    return b"".join(
        sheets.csv_chunks(resource.export_columns(), resource.iter_export(queryset))
    )


def export_xlsx(resource_class, queryset) -> bytes:
    resource = resource_class()
    handle = sheets.xlsx_file(
        "x", resource.export_columns(), resource.iter_export(queryset)
    )
    return handle.read()


def table(resource_class, queryset, *, without=()):
    """The export as a sorted list of rows (text), leaving out some columns."""
    resource = resource_class()
    dataset = resource.export(queryset)
    keep = [i for i, h in enumerate(dataset.headers) if h not in without]
    return sorted(tuple(row[i] for i in keep) for row in dataset)
