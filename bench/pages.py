"""The public pages the benchmark times, with real arguments from the database."""

from django.urls import NoReverseMatch, reverse

from campaigns.models import Ward


def public_pages() -> list[tuple[str, str]]:
    """(name, path) of every public page, for the latest year and the largest unit."""
    pages = []
    candidates = [("home", "campaigns:home", {})]
    ward = Ward.objects.order_by("-valid_from", "code").first()
    if ward is not None:
        candidates.append(("ward", "campaigns:ward-detail", {"slug": ward.slug}))
    for label, name, kwargs in candidates:
        try:
            pages.append((label, reverse(name, kwargs=kwargs)))
        except NoReverseMatch:
            continue
    return pages
