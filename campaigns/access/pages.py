"""Who may open each staff page beside the model admins: written once, for the page
itself (a decorator) and for the links to it on the admin index (a template tag)."""

from dataclasses import dataclass
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from campaigns.access.scope import ALL_WARDS, ward_scope


@dataclass(frozen=True)
class StaffPage:
    name: str  # the URL name in the campaigns_admin namespace
    label: str
    description: str
    permission: str | None = None  # a model permission the user must hold
    all_wards: bool = False  # only for users who see every ward
    namespace: str = "campaigns_admin"  # of the URL name

    @property
    def url_name(self) -> str:
        return f"{self.namespace}:{self.name}"

    def allows(self, user) -> bool:
        if user is None or not getattr(user, "is_authenticated", False):
            return False
        if not (user.is_active and user.is_staff):
            return False
        if self.permission and not user.has_perm(self.permission):
            return False
        return not self.all_wards or ward_scope(user) is ALL_WARDS


STAFF_PAGES = (
    StaffPage(
        "completeness",
        _("Reporting completeness"),
        _("Which residential areas have submitted or been approved, by year."),
        permission="campaigns.view_annualresult",
    ),
    StaffPage(
        "submit-ward-year",
        _("Submit a ward's year"),
        _("Submit all drafts of a ward for a year at once."),
        permission="campaigns.change_annualresult",
    ),
    StaffPage(
        "change-history",
        _("Change history"),
        _("Every change of every record: who, when, what and why."),
        permission="campaigns.view_annualresult",
        all_wards=True,
    ),
    StaffPage(
        "year-end-report",
        _("Year-end report (Word)"),
        _(
            "The year's narrative report in the administrative format, with the "
            "figures of the pages; its template can be edited."
        ),
        permission="campaigns.view_annualresult",
    ),
    StaffPage(
        "printouts",
        _("Area cards and fund notices"),
        _(
            "Print every residential area's card of a ward for its Great Solidarity "
            "Festival, and the poverty fund's public notice."
        ),
        permission="campaigns.view_annualresult",
        namespace="campaigns_documents",
    ),
)
# Opened per ward and year from the completeness table, not from the menu.
ENTRY_PAGE = StaffPage(
    "ward-year-entry",
    _("Data entry of a ward's year"),
    _("Every residential area of a ward in one grid."),
    permission="campaigns.view_annualresult",
)
PAGES_BY_NAME = {page.name: page for page in (*STAFF_PAGES, ENTRY_PAGE)}


def pages_for(user) -> list[StaffPage]:
    """The staff pages `user` may open, in menu order."""
    return [page for page in STAFF_PAGES if page.allows(user)]


def staff_page(name: str):
    """Refuse a view to users the page `name` does not allow (403)."""
    page = PAGES_BY_NAME[name]

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not page.allows(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.staff_page = page
        return wrapped

    return decorator
