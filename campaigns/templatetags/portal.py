"""Template filters for public pages: Vietnamese money, percentages and table cells."""

from django import template
from django.utils.translation import gettext as _

from campaigns import formatting
from campaigns.selectors.totals import NoStandard

register = template.Library()


@register.filter
def money(amount):
    return formatting.money_full(amount)


@register.filter
def money_short(amount):
    return formatting.money_short(amount)


@register.filter
def percent(value):
    return formatting.percent(value)


@register.filter
def number(value):
    if value is None:
        return "–"
    return formatting.group_digits(value)


@register.filter
def decimal(value, places=2):
    if value is None:
        return "–"
    return formatting.decimal_vi(value, int(places))


@register.filter
def cell(value, column):
    """One table cell as the page shows it; `column.kind` says how."""
    if value is None or value == "":
        return "–"
    if isinstance(value, NoStandard):
        return str(value)
    kind = column.kind
    if kind == "bool":
        return _("Yes") if value else _("No")
    if kind in {"int", "money"}:
        return formatting.group_digits(value)
    if kind == "percent":
        return formatting.decimal_vi(value, 1)
    if kind == "decimal":
        return formatting.decimal_vi(value, 2)
    if kind == "date":
        return value.strftime("%d/%m/%Y")
    if hasattr(value, "__html__"):
        # A cell with its own links ("history": UnitHistory); Django would str() it.
        return value.__html__()
    return value


@register.simple_tag
def query_string(request, **changes):
    """The current query string with `changes` applied (None removes a key)."""
    params = request.GET.copy()
    for key, value in changes.items():
        key = key.replace("_", "-")
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else ""


@register.simple_tag
def page_url(request, param, number):
    """The current address with page `number` of the table paged by `param`."""
    params = request.GET.copy()
    if number == 1:
        params.pop(param, None)
    else:
        params[param] = number
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else request.path
