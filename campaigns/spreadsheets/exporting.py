"""The export path of every resource: the rows the user may export, read with
`values_list()` and converted only where a column needs it.
"""

from collections.abc import Iterator

import tablib

from campaigns.access.admin import restrict
from campaigns.spreadsheets import writing
from campaigns.spreadsheets.cells import csv_text


class Exporting:
    """Exports of `CampaignResource`, through the one gate."""

    def export_columns(self, selected_fields=None) -> list[writing.Column]:
        return [
            writing.Column(f.column_name, f.widget.kind)
            for f in self.get_export_fields(selected_fields)
        ]

    def export_queryset(self, queryset):
        return queryset

    def exportable(self, queryset=None):
        """`queryset` (default: every row) limited by the one gate to what the
        resource's user may export: nothing without a user."""
        if queryset is None:
            queryset = self._meta.model.objects.all()
        return restrict(queryset, self.user, "export")

    def iter_export(self, queryset=None, selected_fields=None) -> Iterator[list]:
        """Rows of native values (dates, whole numbers, labels), read with values_list(),
        of the rows the resource's user may export."""
        queryset = self.export_queryset(self.exportable(queryset))
        export_fields = self.get_export_fields(selected_fields)
        paths = []
        for index, field in enumerate(export_fields):
            if field.expression is not None:
                alias = f"_export_{index}"
                queryset = queryset.annotate(**{alias: field.expression})
                paths.append(alias)
            else:
                paths.append(field.path)
        # Most columns are exported as read: convert only the others.
        converters = [
            (index, convert)
            for index, field in enumerate(export_fields)
            if (convert := field.widget.export_converter()) is not None
        ]
        for values in queryset.values_list(*paths).iterator(chunk_size=2000):
            row = list(values)
            for index, convert in converters:
                row[index] = convert(row[index])
            yield row

    def export(self, queryset=None, **kwargs):
        """The same rows as the streamed exports, as a tablib Dataset of CSV text."""
        selected = kwargs.get("export_fields")
        headers = self.get_export_headers(selected_fields=selected)
        dataset = tablib.Dataset(headers=headers)
        for row in self.iter_export(queryset, selected_fields=selected):
            dataset.append([csv_text(value) for value in row])
        return dataset
