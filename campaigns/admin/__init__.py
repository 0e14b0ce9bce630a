"""Django admin, in Vietnamese, for staff who enter and check the campaign data.

`autodiscover` imports this package; importing the ModelAdmins registers them.
"""

from campaigns.admin import (  # noqa: F401
    accounts,
    catalogue,
    fund,
    lockouts,
    organisation,
    results,
    scopes,
    stories,
    units,
    works,
)
