"""Links to the staff pages on the admin index, for the users allowed to open them."""

from django import template
from django.urls import reverse

from campaigns.access.pages import pages_for

register = template.Library()


@register.simple_tag(takes_context=True)
def workflow_links(context):
    """(label, url, description) of each staff page the user may open."""
    return [
        (page.label, reverse(page.url_name), page.description)
        for page in pages_for(context["request"].user)
    ]


@register.simple_tag(takes_context=True)
def years_without_standard(context):
    """Years up to this one that no poverty standard covers, for the staff who keep the
    standards (city staff): their results are accepted, with rates undetermined."""
    from campaigns import selectors
    from campaigns.access.scope import has_model_action
    from campaigns.models import PovertyStandard

    user = context["request"].user
    if not has_model_action(user, "change", PovertyStandard):
        return ()
    return selectors.years_without_standard(user=user, until=selectors.reporting_year())


@register.inclusion_tag("admin/campaigns/index_completeness.html", takes_context=True)
def reporting_completeness(context):
    """The completeness table of the year being collected, for users who may open
    the completeness page (the admin index opens on it)."""
    from campaigns import selectors
    from campaigns.access.pages import PAGES_BY_NAME
    from campaigns.admin.views import completeness_context

    request = context["request"]
    if not PAGES_BY_NAME["completeness"].allows(request.user):
        return {"show": False}
    year = selectors.reporting_year()
    return {
        "show": True,
        "request": request,
        "can_submit": request.user.has_perm("campaigns.change_annualresult"),
        **completeness_context(request, year),
    }


@register.inclusion_tag("admin/campaigns/index_ward_home.html", takes_context=True)
def ward_home(context):
    """The home of ward staff (users who cover some wards): their wards, the year's
    records by status, what came back to them and the days left to the deadline."""
    from campaigns.selectors.staff_home import ward_home as home_of

    request = context["request"]
    home = home_of(user=request.user)
    if home is None:
        return {"show": False}
    returned = [
        (item, _admin_url(item.record, "change", item.record.pk))
        for item in home.returned
    ]
    counts = [(row, _admin_url(row.model, "changelist")) for row in home.counts]
    return {"show": True, "home": home, "returned": returned, "counts": counts}


def _admin_url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)
