"""Links to the staff pages on the admin index, for the users allowed to open them."""

from django import template
from django.urls import reverse

from campaigns.access.pages import pages_for

register = template.Library()


@register.simple_tag(takes_context=True)
def workflow_links(context):
    """(label, url, description) of each staff page the user may open."""
    return [
        (page.label, reverse(f"campaigns_admin:{page.name}"), page.description)
        for page in pages_for(context["request"].user)
    ]


@register.simple_tag(takes_context=True)
def years_without_standard(context):
    """Years up to this one that no poverty standard covers, for the staff who keep the
    standards (city staff): their results are accepted, with rates undetermined."""
    from django.utils import timezone

    from campaigns.access.scope import has_model_action
    from campaigns.models import PovertyStandard
    from campaigns.selectors import years_without_standard as missing

    user = context["request"].user
    if not has_model_action(user, "change", PovertyStandard):
        return ()
    return missing(user=user, until=timezone.localdate().year)
