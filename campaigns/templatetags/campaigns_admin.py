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
