"""The forms of the data-entry screen: one form per residential area of a ward's year,
validated together and saved all or none (services/entry.py)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import construct_instance
from django.forms.utils import ErrorDict
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from campaigns.access.scope import can_modify
from campaigns.models import AnnualResult, GoalResult
from campaigns.models.choices import WorkflowStatusChoices as Status

# The yearly figures of the grid, in column order, with their short headers.
COLUMNS = {
    "households": gettext_lazy("Households"),
    "cultural_families_registered": gettext_lazy("Registered families"),
    "cultural_families_recognised": gettext_lazy("Cultural families"),
    "cultural_families_three_years": gettext_lazy("3 years running"),
    "cultural_title": gettext_lazy("Area title"),
    "cultural_title_year": gettext_lazy("Title year"),
    "poor_households": gettext_lazy("Poor"),
    "near_poor_households": gettext_lazy("Near-poor"),
    "newly_poor_households": gettext_lazy("Newly poor"),
    "festival_held": gettext_lazy("Festival held"),
    "festival_date": pgettext_lazy("column", "Festival date"),
    "festival_participants": gettext_lazy("Participants"),
    "committee_score": gettext_lazy("Committee score"),
}
CHECKBOXES = ("cultural_title", "festival_held")
DATE_FORMAT = "%d/%m/%Y"


def _text(value) -> str:
    # As the template's `{{ value|stringformat:'s' }}`: safe strings stay as they are.
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


class QuickInput:
    """Renders the `<input>` Django's input.html and attrs.html would, in Python.

    The grid of a ward of 100 areas has 2,300 inputs; through the template engine
    they took most of the screen's time (issue 17). The standard library's escape is
    Django's without its lazy-string wrapper.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        html = [f'<input type="{escape(widget["type"])}" name="{escape(name)}"']
        if widget["value"] is not None:
            html.append(f' value="{_text(widget["value"])}"')
        for key, each in widget["attrs"].items():
            if each is True:
                html.append(f" {escape(key)}")
            elif each is not False:
                html.append(f' {escape(key)}="{_text(each)}"')
        html.append(">")
        return mark_safe("".join(html))


class QuickTextInput(QuickInput, forms.TextInput):
    pass


class QuickDateInput(QuickInput, forms.DateInput):
    pass


class QuickCheckboxInput(QuickInput, forms.CheckboxInput):
    pass


def _number():
    # Text with a numeric keypad rather than type=number: arrow keys move between
    # cells instead of changing the value, and no spinner widens the column.
    return QuickTextInput(
        attrs={"inputmode": "numeric", "autocomplete": "off", "size": 5}
    )


@dataclass(frozen=True)
class Cell:
    field: forms.BoundField
    label: str
    hint: int | None
    warned: bool


def cells_html(cells: list[Cell], previous_year: int) -> str:
    """A row's `<td>` cells: the input, last year's figure, the errors.

    Written here rather than in a `{% for %}` of the template: a ward of 100 areas
    has 2,300 cells, and the template engine took most of the screen's time on them.
    """
    html = []
    for cell in cells:
        field = cell.field
        errors = field.errors
        classes = (
            ("entry-error " if errors else "")
            + ("entry-warned " if cell.warned else "")
            + (
                "entry-check"
                if isinstance(field.field.widget, forms.CheckboxInput)
                else ""
            )
        )
        hint = (
            f'<span class="entry-hint">{previous_year:d}: '
            f"{escape(str(localize(cell.hint)))}</span>"
            if cell.hint is not None
            else ""
        )
        html.append(
            f'<td data-label="{escape(str(cell.label))}" class="{classes}">'
            f"{field}{hint}{errors.__html__() if errors else ''}</td>"
        )
    return mark_safe("".join(html))


def column_labels(goals) -> dict[str, str]:
    """The grid's columns in order, name -> short header: the figures, then the goals."""
    return {name: str(label) for name, label in COLUMNS.items()} | {
        f"goal_{goal.number}": _("Goal %(number)s") % {"number": goal.number}
        for goal in goals
    }


class EntryRowForm(forms.ModelForm):
    """The yearly figures and goals achieved of one residential area."""

    festival_date = forms.DateField(
        required=False,
        input_formats=[DATE_FORMAT, "%Y-%m-%d"],
        widget=QuickDateInput(
            format=DATE_FORMAT,
            attrs={"placeholder": "dd/mm/yyyy", "size": 10, "autocomplete": "off"},
        ),
    )

    class Meta:
        model = AnnualResult
        fields = tuple(COLUMNS)
        widgets = {
            name: QuickCheckboxInput() if name in CHECKBOXES else _number()
            for name in COLUMNS
            if name != "festival_date"
        }

    def __init__(self, data=None, *, row, grid, user, may_enter: bool, labels=None):
        self.row = row
        self.goals = grid.goals
        # Column name -> header, translated once per grid rather than per row.
        self.labels = labels if labels is not None else column_labels(grid.goals)
        instance = row.result or AnnualResult(
            residential_area=row.area,
            year=grid.year,
            poverty_standard=grid.poverty_standard,
            status=Status.DRAFT,
        )
        initial = {
            f"goal_{goal.number}": row.goal_results[goal.pk].achieved
            for goal in grid.goals
            if goal.pk in row.goal_results
        }
        super().__init__(
            data, instance=instance, initial=initial, prefix=f"area-{row.area.pk}"
        )
        self.fields["committee_score"].max_value = 100
        for goal in grid.goals:
            self.fields[f"goal_{goal.number}"] = forms.BooleanField(
                required=False, label=goal.name, widget=QuickCheckboxInput
            )
        self.editable = may_enter and can_modify(user, instance)
        for name, field in self.fields.items():
            field.widget.attrs["aria-label"] = f"{self.labels[name]} – {row.area.name}"
            field.disabled = not self.editable

    @property
    def status(self) -> str:
        return self.row.result.status if self.row.result else ""

    def cells(self, warned_fields=frozenset()) -> list[Cell]:
        previous = self.row.previous
        return [
            Cell(
                field=self[name],
                label=label,
                hint=previous.get(name),
                warned=name in warned_fields,
            )
            for name, label in self.labels.items()
        ]

    def clean(self):
        """The database's rules across figures, each reported at its own cell."""
        data = super().clean()

        def value(name):
            return data.get(name)

        def over(small, big):
            return (
                value(small) is not None
                and value(big) is not None
                and (value(small) > value(big))
            )

        if over("cultural_families_recognised", "cultural_families_registered"):
            self.add_error(
                "cultural_families_recognised",
                _("Recognised families cannot exceed registered families."),
            )
        if over("cultural_families_registered", "households"):
            self.add_error(
                "cultural_families_registered",
                _("Registered families cannot exceed households."),
            )
        if over("cultural_families_three_years", "cultural_families_recognised"):
            self.add_error(
                "cultural_families_three_years",
                _(
                    "Families recognised three years running cannot exceed families "
                    "recognised this year."
                ),
            )
        poor, near_poor = value("poor_households"), value("near_poor_households")
        households = value("households")
        if None not in (poor, near_poor, households) and poor + near_poor > households:
            self.add_error(
                "near_poor_households",
                _("Poor plus near-poor households cannot exceed households."),
            )
        if over("newly_poor_households", "poor_households"):
            self.add_error(
                "newly_poor_households",
                _("Newly poor households cannot exceed poor households."),
            )
        score = value("committee_score")
        if score is not None and score > 100:
            # The model's check constraint, no longer asked of the database per row.
            self.add_error(
                "committee_score", _("The committee score must be between 0 and 100.")
            )
        title_year = value("cultural_title_year")
        if title_year is not None and title_year > self.instance.year:
            self.add_error(
                "cultural_title_year",
                _("The title cannot be recognised after the year of the result."),
            )
        return data

    def _post_clean(self):
        # ModelForm's own, but without the model's check constraints: Django asks the
        # database once per constraint and row (600 queries for a ward of 100 areas),
        # and clean() above checks the same rules in Python; the database still
        # enforces them when the rows are written (the view reports an IntegrityError).
        exclude = self._get_validation_exclusions()
        try:
            self.instance = construct_instance(
                self, self.instance, self._meta.fields, self._meta.exclude
            )
        except ValidationError as error:
            self._update_errors(error)
        try:
            self.instance.full_clean(
                exclude=exclude, validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            self._update_errors(error)
        if self._validate_unique:
            self.validate_unique()

    def goal_results(self) -> list[GoalResult]:
        """The goal results whose "achieved" this form changes (new ones included)."""
        changed = []
        for goal in self.goals:
            name = f"goal_{goal.number}"
            achieved = self.cleaned_data.get(name, False)
            existing = self.row.goal_results.get(goal.pk)
            if existing is not None and existing.achieved == achieved:
                continue
            if existing is None and name not in self.changed_data:
                continue
            goal_result = existing or GoalResult(goal=goal)
            goal_result.achieved = achieved
            changed.append(goal_result)
        return changed


class EntryRows:
    """Every row form of a ward's year; saving takes the rows staff changed."""

    # The columns a save writes: the grid's, and the standard clean() fills in.
    fields = (*EntryRowForm._meta.fields, "poverty_standard")

    def __init__(self, grid, *, user, data=None, may_enter: bool):
        self.grid = grid
        labels = column_labels(grid.goals)
        self.forms = [
            EntryRowForm(
                data,
                row=row,
                grid=grid,
                user=user,
                may_enter=may_enter,
                labels=labels,
            )
            for row in grid.rows
        ]
        if data is not None:
            for form in self.forms:
                if not (form.editable and form.has_changed()):
                    # Rows left as they were are not validated again (no queries).
                    form._errors = ErrorDict()

    @property
    def editable(self) -> bool:
        return any(form.editable for form in self.forms)

    def changed(self) -> list[EntryRowForm]:
        return [form for form in self.forms if form.editable and form.has_changed()]

    def is_valid(self) -> bool:
        # Every changed row is checked (no short cut), so every bad cell is marked.
        return all([form.is_valid() for form in self.changed()])

    def error_count(self) -> int:
        return sum(1 for form in self.changed() if form.errors)

    def records(self) -> list[tuple[AnnualResult, list[GoalResult]]]:
        """(result, changed goal results) of each changed row, not yet saved."""
        return [
            (form.save(commit=False), form.goal_results()) for form in self.changed()
        ]
