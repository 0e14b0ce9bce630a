"""The data-entry screen of one ward and year: one row per residential area in force,
saved as a draft or submitted for the whole ward (issue 13).

Thin: the rows come from `selectors.entry`, the forms from `entry_forms`, the save
from `services.entry`, the warnings from `selectors.checks`.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns import selectors
from campaigns.access.pages import staff_page
from campaigns.access.scope import in_scope
from campaigns.admin.entry_forms import EntryRows, cells_html
from campaigns.admin.workflow import error_text
from campaigns.models import Ward
from campaigns.selectors import checks
from campaigns.selectors.entry import entry_grid
from campaigns.services.entry import ward_year_entry_save


def may_enter(user) -> bool:
    """Whether `user` enters yearly results at all (ward staff, city staff)."""
    return user.has_perm("campaigns.change_annualresult") and user.has_perm(
        "campaigns.add_annualresult"
    )


def entry_url(ward, year: int) -> str:
    return reverse(
        "campaigns_admin:ward-year-entry",
        kwargs={"ward_slug": ward.slug, "year": year},
    )


@staff_page("ward-year-entry")
def ward_year_entry(request, ward_slug: str, year: int):
    """Every residential area of the ward in force in `year`: figures and goals."""
    user = request.user
    ward = get_object_or_404(Ward, slug=ward_slug)
    if selectors.year_out_of_range(year) or not ward.is_in_force_for_year(year):
        raise Http404
    if not in_scope(user, ward):
        raise PermissionDenied
    grid = entry_grid(ward=ward, year=year, user=user)
    posted = request.method == "POST"
    rows = EntryRows(
        grid,
        user=user,
        data=request.POST if posted else None,
        may_enter=may_enter(user),
    )
    if posted:
        if not rows.editable:
            raise PermissionDenied
        submit = "submit" in request.POST
        if rows.is_valid():
            try:
                submitted = ward_year_entry_save(
                    ward=ward,
                    year=year,
                    rows=rows.records(),
                    fields=rows.fields,
                    by=user,
                    submit=submit,
                )
            except IntegrityError:
                # A database rule the forms do not check (a concurrent change).
                messages.error(
                    request,
                    _(
                        "Nothing was changed: the figures break a rule of the "
                        "database. Reload the page and check them."
                    ),
                )
            except (ValidationError, PermissionDenied) as exc:
                messages.error(
                    request,
                    _("Nothing was changed: %(error)s") % {"error": error_text(exc)},
                )
            else:
                if submit:
                    messages.success(
                        request,
                        _(
                            "Saved; %(count)d records of %(ward)s for %(year)s submitted."
                        )
                        % {"count": submitted, "ward": ward.name, "year": year},
                    )
                else:
                    messages.success(request, _("Saved as a draft."))
                return redirect(entry_url(ward, year))
        else:
            messages.error(
                request,
                _(
                    "Nothing was saved: %(count)d residential areas have errors, "
                    "marked in their cells."
                )
                % {"count": rows.error_count()},
            )
    warnings = checks.warnings_by_area(ward=ward, year=year, user=user)
    items = []
    for form in rows.forms:
        found = warnings.get(form.row.area.pk, ())
        cells = form.cells({check.field for check in found})
        items.append(
            {
                "form": form,
                "cells": cells,
                "cells_html": cells_html(cells, year - 1),
                "warnings": found,
            }
        )
    context = {
        **admin.site.each_context(request),
        # The grid needs the page's whole width; the menu stays one click away.
        "is_nav_sidebar_enabled": False,
        "title": _("Data entry: %(ward)s, %(year)s")
        % {"ward": ward.name, "year": year},
        "ward": ward,
        "year": year,
        "previous_year": year - 1,
        "grid": grid,
        "rows": items,
        "columns": items[0]["cells"] if items else [],
        "goals": grid.goals,
        "editable": rows.editable,
        "warning_count": sum(len(found) for found in warnings.values()),
    }
    return TemplateResponse(request, "admin/campaigns/entry.html", context)
