"""Matching a file's headers to a resource's columns, however they were typed."""

import tablib
from django.utils.translation import gettext as _

from campaigns.spreadsheets import reading
from campaigns.spreadsheets.columns import WardWidget
from campaigns.spreadsheets.keys import header_key
from campaigns.spreadsheets.widgets import LookupWidget


class HeaderMatching:
    """Headers compare without accents, case or punctuation; missing and unknown
    columns are named in one message."""

    @classmethod
    def get_display_name(cls):
        return str(cls._meta.model._meta.verbose_name_plural).capitalize()

    def column_fields(self) -> list:
        return [f for f in self.get_export_fields() if f.column_name]

    def is_header(self, text: str) -> bool:
        return header_key(text) in {
            header_key(f.column_name) for f in self.column_fields()
        }

    def match_headers(self, dataset: tablib.Dataset) -> None:
        """Rename the file's headers to ours; raise SpreadsheetError for wrong or missing ones."""
        ours = {header_key(f.column_name): f.column_name for f in self.column_fields()}
        renamed, unknown = [], []
        for header in dataset.headers:
            key = header_key(header)
            if key in ours:
                renamed.append(ours[key])
            elif key in reading.IGNORED_HEADERS or header.startswith("__blank_"):
                renamed.append(header)
            else:
                renamed.append(header)
                unknown.append(header)
        present = set(renamed)
        missing = [
            f.column_name
            for f in self.column_fields()
            if getattr(f, "required", False) and f.column_name not in present
        ]
        missing += self.missing_column_groups(present)
        if unknown or missing:
            parts = []
            if missing:
                parts.append(
                    _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}
                )
            if unknown:
                parts.append(
                    _("Columns not recognised: %(columns)s.")
                    % {"columns": ", ".join(f"“{h}”" for h in unknown)}
                )
            parts.append(
                _("The columns of this import are: %(columns)s.")
                % {"columns": ", ".join(f.column_name for f in self.column_fields())}
            )
            raise reading.SpreadsheetError(" ".join(parts))
        dataset.headers = renamed
        # Key columns that are absent are read as empty (the other one may be given).
        for field in self.column_fields():
            if field.column_name not in present and self.is_lookup_column(field):
                dataset.append_col([None] * len(dataset), header=field.column_name)

    def missing_column_groups(self, present) -> list[str]:
        ward = self.fields.get(self.ward_field)
        if (
            ward is None
            or not isinstance(ward.widget, WardWidget)
            or not self.ward_required
        ):
            return []
        code = ward.column_name
        name = self.fields[ward.widget.name_field].column_name
        if code in present or name in present:
            return []
        return [_("%(code)s or %(name)s") % {"code": code, "name": name}]

    ward_required = True

    def is_lookup_column(self, field) -> bool:
        ward = self.fields.get(self.ward_field)
        name_field = getattr(getattr(ward, "widget", None), "name_field", None)
        return isinstance(field.widget, LookupWidget) or (
            name_field is not None and field is self.fields.get(name_field)
        )
