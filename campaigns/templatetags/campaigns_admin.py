"""Links to the workflow pages on the admin index, for the users allowed to use them."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns.access.scope import ALL_WARDS, ward_scope

register = template.Library()


@register.simple_tag(takes_context=True)
def workflow_links(context):
    """(label, url, description) of each workflow page the user may open."""
    user = context["request"].user
    links = []
    if user.has_perm("campaigns.view_annualresult"):
        links.append(
            (
                _("Reporting completeness"),
                reverse("campaigns_admin:completeness"),
                _("Which residential areas have submitted or been approved, by year."),
            )
        )
    if user.has_perm("campaigns.change_annualresult"):
        links.append(
            (
                _("Submit a ward's year"),
                reverse("campaigns_admin:submit-ward-year"),
                _("Submit all drafts of a ward for a year at once."),
            )
        )
    if ward_scope(user) is ALL_WARDS:
        links.append(
            (
                _("Change history"),
                reverse("campaigns_admin:change-history"),
                _("Every change of every record: who, when, what and why."),
            )
        )
    return links
