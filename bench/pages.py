"""The public pages the benchmark times, with the same arguments at every scale.

The unit and area are Bắc Kạn's own (present at every scale), so query counts can be
compared between city and nation; the year is the portal's default (latest) year.
"""

from django.urls import reverse

from campaigns.models import ResidentialArea

WARD = "phuong-bac-kan"


def public_pages() -> list[tuple[str, str]]:
    area = (
        ResidentialArea.objects.filter(ward__slug=WARD, status="approved")
        .order_by("name")
        .first()
    )
    pages = [
        ("overview /", reverse("campaigns:overview")),
        ("ward list", reverse("campaigns:ward-list")),
        ("ward detail", reverse("campaigns:ward-detail", kwargs={"slug": WARD})),
        ("goal list", reverse("campaigns:goal-list")),
        ("goal detail", reverse("campaigns:goal-detail", kwargs={"number": 4})),
        ("fund", reverse("campaigns:fund")),
        ("works", reverse("campaigns:works")),
        ("open data", reverse("campaigns:open-data")),
        ("search", reverse("campaigns:search") + "?q=duc+xuan"),
    ]
    if area is not None:
        pages.insert(
            3,
            (
                "area detail",
                reverse("campaigns:area-detail", kwargs={"slug": area.slug}),
            ),
        )
    return pages
