"""The admin's yes/no icons with Vietnamese text for screen readers.

Django writes `alt="True"` / `alt="False"` / `alt="None"` (the Python value) in every
boolean column and read-only field, outside gettext; its helpers import
`admin_list._boolean_icon` when called, so replacing that one function covers lists,
read-only fields and `display_for_value` alike.
"""

from django.contrib.admin.templatetags import admin_list
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext

ICONS = {True: "yes", False: "no", None: "unknown"}


def boolean_icon(value):
    labels = {True: gettext("Yes"), False: gettext("No"), None: gettext("Unknown")}
    return format_html(
        '<img src="{}" alt="{}">',
        static(f"admin/img/icon-{ICONS[value]}.svg"),
        labels[value],
    )


def install() -> None:
    admin_list._boolean_icon = boolean_icon
