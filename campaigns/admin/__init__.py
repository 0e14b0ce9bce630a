"""Django admin, in Vietnamese, for staff who enter and check the campaign data.

`autodiscover` imports this package; importing the ModelAdmins registers them.
"""

from campaigns.admin import model_admins  # noqa: F401
