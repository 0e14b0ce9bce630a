"""Households reached by imported supports: their columns, and saving new and
changed ones before the supports that point to them.
"""

from django.utils.translation import gettext as _

from campaigns.models import Household
from campaigns.spreadsheets.bulk import insert_with_history
from campaigns.spreadsheets.keys import name_key
from campaigns.spreadsheets.widgets import (
    clean_text,
)

HOUSEHOLD_FIELDS = (
    "head_name",
    "id_number",
    "phone",
    "address",
    "members",
    "household_status",
)


def household_id_number(value) -> str:
    text = clean_text(value).replace(" ", "").replace(".", "")
    # Excel drops the leading zero of a 12-digit CCCD or 9-digit CMND typed as a number.
    if text.isdigit() and len(text) in (8, 11):
        text = "0" + text
    return text


class HouseholdRows:
    """The household part of a support row (`SupportResource`)."""

    def household_key(self, head, id_number):
        if id_number:
            return ("id", id_number)
        if head:
            return ("name", name_key(head))
        return None

    def apply_household_columns(
        self, household, row, columns, errors, head, id_number
    ) -> bool:
        before = tuple(getattr(household, name) for name in HOUSEHOLD_FIELDS)
        if head:
            household.head_name = head
        if id_number:
            household.id_number = id_number
        for name in ("phone", "address"):
            if columns[name] in row:
                setattr(household, name, clean_text(row.get(columns[name])))
        if columns["members"] in row and clean_text(row.get(columns["members"])):
            try:
                household.members = self.fields["members"].widget.clean(
                    row.get(columns["members"])
                )
            except ValueError as error:
                errors.setdefault(columns["members"], []).append(str(error))
        if columns["household_status"] in row and clean_text(
            row.get(columns["household_status"])
        ):
            try:
                household.household_status = self.fields[
                    "household_status"
                ].widget.clean(row.get(columns["household_status"]))
            except ValueError as error:
                errors.setdefault(columns["household_status"], []).append(str(error))
        if household.members is not None and household.members < 1:
            errors.setdefault(columns["members"], []).append(
                _("A household has at least one member.")
            )
        changed = before != tuple(getattr(household, name) for name in HOUSEHOLD_FIELDS)
        if changed and household.pk:
            household.updated_at = self.now
            household.status = self.import_status
            household.status_changed_at = self.now
            self.changed_households[household.pk] = household
        return changed

    def before_bulk_create(self, instances):
        from simple_history.utils import (
            bulk_update_with_history,
        )

        new = {}
        for instance in instances:
            household = instance._state.fields_cache.get("household")
            if household is not None and household.pk is None:
                new[id(household)] = household
        options = {
            "default_user": self.history_user(),
            "default_change_reason": self.change_reason(),
            "default_date": self.now,
        }
        if new:
            insert_with_history(
                Household,
                list(new.values()),
                user=self.history_user(),
                reason=self.change_reason(),
                when=self.now,
            )
        changed = [h for h in self.changed_households.values()]
        if changed:
            bulk_update_with_history(
                changed,
                Household,
                [*HOUSEHOLD_FIELDS, "updated_at", "status", "status_changed_at"],
                batch_size=1000,
                **options,
            )
            self.changed_households = {}
        for instance in instances:
            household = instance._state.fields_cache.get("household")
            if household is not None:
                instance.household_id = household.pk
