"""Staff pages beside the model admins: reporting completeness, submitting a ward's
year, and the change history of all records. Wrapped in `admin.site.admin_view`
(admin_urls.py), so only logged-in staff reach them; each checks its permission.
"""

import dataclasses
import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns import selectors
from campaigns.access.pages import staff_page
from campaigns.access.scope import ALL_WARDS, ward_scope
from campaigns.admin.entry import may_enter
from campaigns.admin.lists import BoundedCountPaginator
from campaigns.admin.workflow import error_text
from campaigns.models import MAX_YEAR, MIN_YEAR, Ward
from campaigns.selectors import checks, history
from campaigns.selectors import completeness as reporting
from campaigns.services import workflow

HISTORY_PAGE_SIZE = 50
WARDS_PER_PAGE = 100


def _context(request, title, **extra):
    return {**admin.site.each_context(request), "title": title, **extra}


def _year(request, value) -> int:
    """The year asked for, or the reporting year; a year outside the campaign's years
    gives the same message as the public pages and shows the reporting year."""
    default = selectors.reporting_year()
    if value in (None, ""):
        return default
    try:
        year = int(value)
    except (TypeError, ValueError):
        messages.error(
            request,
            _(
                "“%(value)s” is not a year: write it with four digits, e.g. "
                "%(year)s. The table shows %(year)s."
            )
            % {"value": value, "year": default},
        )
        return default
    message = selectors.year_out_of_range(year)
    if message:
        messages.error(request, message)
        return default
    return year


def completeness_context(request, year: int) -> dict:
    """The completeness table of `year` for the user (also shown on the admin index):
    WARDS_PER_PAGE wards a page, so that a user who sees the nation's 10,000 units
    is not sent 10,000 rows, nor made to wait for their warnings (issue 17)."""
    user = request.user
    all_wards = reporting.wards_of_year(year=year, user=user)
    wards = list(all_wards[: WARDS_PER_PAGE + 1])
    page = None
    if len(wards) > WARDS_PER_PAGE:
        # Counted only when there is more than one page.
        page = Paginator(all_wards, WARDS_PER_PAGE).get_page(request.GET.get("wp"))
        wards = list(page.object_list)
    warnings = checks.warning_counts_by_ward(year=year, user=user, wards=wards)
    rows = [
        dataclasses.replace(row, warnings=warnings.get(row.ward.pk, 0))
        for row in reporting.completeness_by_ward(year=year, user=user, wards=wards)
    ]
    return {
        "year": year,
        "years": list(reversed(selectors.campaign_years()))[:20],
        "rows": rows,
        "ward_page": page,
        "can_enter": may_enter(user),
        "totals": {
            name: sum(getattr(row, name) for row in rows)
            for name in (
                "areas",
                "not_entered",
                "draft",
                "returned",
                "submitted",
                "approved",
                "warnings",
            )
        },
    }


@staff_page("completeness")
def completeness(request):
    """Per-year, per-ward table of residential areas that have (not) reported."""
    user = request.user
    year = _year(request, request.GET.get("year"))
    table = completeness_context(request, year)
    ward = None
    areas = []
    if request.GET.get("ward"):
        ward = Ward.objects.restrict(user).filter(pk=request.GET["ward"]).first()
        if ward is not None:
            areas = reporting.completeness_of_ward(ward=ward, year=year, user=user)
    context = _context(
        request,
        _("Reporting completeness %(year)s") % {"year": year},
        **table,
        ward=ward,
        areas=areas,
        can_submit=user.has_perm("campaigns.change_annualresult"),
        can_add=user.has_perm("campaigns.add_annualresult"),
    )
    return TemplateResponse(request, "admin/campaigns/completeness.html", context)


class WardYearForm(forms.Form):
    ward = forms.ModelChoiceField(
        label=gettext_lazy("Ward or commune"), queryset=Ward.objects.none()
    )
    year = forms.IntegerField(
        label=gettext_lazy("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = Ward.objects.restrict(user).order_by(
            "-valid_from", "code"
        )

    def clean_year(self):
        year = self.cleaned_data["year"]
        message = selectors.year_out_of_range(year)
        if message:
            raise ValidationError(message)
        return year


@staff_page("submit-ward-year")
def ward_year_submit(request):
    """Submit all drafts of one ward for one year (after a preview of the counts)."""
    user = request.user
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = WardYearForm(data, user=user)
    preview = []
    if form.is_valid():
        ward, year = form.cleaned_data["ward"], form.cleaned_data["year"]
        if request.method == "POST" and "confirm" in request.POST:
            try:
                counts = workflow.ward_year_submit(ward=ward, year=year, by=user)
            except (ValidationError, PermissionDenied) as exc:
                messages.error(
                    request,
                    _("Nothing was changed: %(error)s") % {"error": error_text(exc)},
                )
            else:
                messages.success(
                    request,
                    _("%(count)d draft records of %(ward)s for %(year)s submitted.")
                    % {"count": sum(counts.values()), "ward": ward.name, "year": year},
                )
                return redirect(
                    f"{reverse('campaigns_admin:completeness')}?year={year}"
                )
        preview = [
            (model._meta.verbose_name_plural, queryset.count())
            for model, queryset in workflow.ward_year_drafts(
                ward=ward, year=year
            ).items()
        ]
    context = _context(
        request,
        _("Submit all drafts of a ward for a year"),
        form=form,
        preview=preview,
        preview_total=sum(n for _, n in preview),
    )
    return TemplateResponse(request, "admin/campaigns/ward_year_submit.html", context)


class WardCodeField(forms.ModelChoiceField):
    """A ward typed by its code (the code the completeness table shows), for users
    who see every ward; the newest ward of that code when a code was reused, or the
    ward of that id (links made for the select)."""

    widget = forms.TextInput(attrs={"size": 8})

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text", gettext_lazy("The unit's code, as in the completeness table.")
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Ward):
            return value.code
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        value = str(value).strip()
        ward = self.queryset.filter(code=value).first()
        if ward is None and value.isdigit():
            # A link made for the select (its value is the ward's id).
            ward = self.queryset.filter(pk=int(value)).first()
        if ward is None:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return ward


class HistoryFilterForm(forms.Form):
    changed_by = forms.ModelChoiceField(
        label=gettext_lazy("Changed by"),
        queryset=get_user_model().objects.none(),
        required=False,
    )
    date_from = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    date_to = forms.DateField(
        label=gettext_lazy("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    model_name = forms.ChoiceField(label=gettext_lazy("Kind of record"), required=False)
    history_type = forms.ChoiceField(
        label=gettext_lazy("Change"),
        required=False,
        choices=[
            ("", "---------"),
            ("+", gettext_lazy("Created")),
            ("~", gettext_lazy("Changed")),
            ("-", gettext_lazy("Deleted")),
        ],
    )

    ward = forms.ModelChoiceField(
        label=gettext_lazy("Ward or commune"),
        queryset=Ward.objects.none(),
        required=False,
    )
    year = forms.IntegerField(
        label=gettext_lazy("Year"),
        required=False,
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        widget=forms.NumberInput(attrs={"size": 5}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        wards = Ward.objects.restrict(user).order_by("-valid_from", "code")
        if ward_scope(user) is ALL_WARDS:
            # 10,000 <option>s at nation scale took 2.5 s to render (issue 17).
            self.fields["ward"] = WardCodeField(
                label=self.fields["ward"].label, queryset=wards, required=False
            )
        else:
            self.fields["ward"].queryset = wards
        self.fields["changed_by"].queryset = (
            get_user_model().objects.filter(is_staff=True).order_by("username")
        )
        self.fields["model_name"].choices = [("", "---------")] + sorted(
            (
                (name, str(model._meta.verbose_name_plural).capitalize())
                for name, model in history.tracked_models().items()
            ),
            key=lambda choice: choice[1],
        )


@staff_page("change-history")
def change_history(request):
    """Every change of every record, filterable; for users who see all wards."""
    form = HistoryFilterForm(request.GET or None, user=request.user)
    filters = {}
    if form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v}
    entries = history.history_entries(user=request.user, **filters)
    paginator = BoundedCountPaginator(entries, HISTORY_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    context = _context(
        request,
        _("Change history"),
        form=form,
        page=page,
        entries=history.history_details(list(page.object_list)),
        query=query.urlencode(),
        today=datetime.date.today(),
    )
    return TemplateResponse(request, "admin/campaigns/change_history.html", context)
