"""Staff printouts (issue 16): every area card of a ward in one PDF, and the poverty
fund's public notice as a page and a PDF, for the wards the user may view (the gate).

Mounted under ADMIN_URL + "bao-cao/" (document_urls.py) and wrapped in
`admin.site.admin_view`, so a visitor who is not signed in is sent to the login page;
a ward outside the user's scope is refused (403), an unknown ward or year is a 404.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns import selectors
from campaigns.access.pages import PAGES_BY_NAME, StaffPage
from campaigns.documents import cards as card_documents
from campaigns.documents import notice as notice_documents
from campaigns.models import MAX_YEAR, MIN_YEAR, Ward
from campaigns.public.views.cards import area_url

CARDS = PAGES_BY_NAME["printouts"]
NOTICE = StaffPage(
    "fund-notice",
    gettext_lazy("Fund notice"),
    "",
    permission="campaigns.view_support",
    namespace="campaigns_documents",
)


def _allowed(page: StaffPage, request) -> None:
    if not page.allows(request.user):
        raise PermissionDenied


def _ward_and_year(request, slug: str, year: int) -> Ward:
    """The ward of `slug` if the user may view it (403 if not, 404 if unknown)."""
    message = selectors.year_out_of_range(year)
    if message:
        raise Http404(message)
    ward = Ward.objects.filter(slug=slug).first()
    if ward is None:
        raise Http404(_("There is no ward or commune at this address."))
    if not Ward.objects.restrict(request.user, "view").filter(pk=ward.pk).exists():
        raise PermissionDenied(
            _("You may only print the documents of your own wards and communes.")
        )
    return ward


class PrintoutForm(forms.Form):
    ward = forms.ModelChoiceField(
        label=gettext_lazy("Ward or commune"), queryset=Ward.objects.none()
    )
    year = forms.IntegerField(
        label=gettext_lazy("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    document = forms.ChoiceField(
        label=gettext_lazy("Document"),
        choices=[
            ("cards", gettext_lazy("Every area's card (PDF)")),
            ("notice", gettext_lazy("Fund public notice (page)")),
            ("notice-pdf", gettext_lazy("Fund public notice (PDF)")),
        ],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward"].queryset = Ward.objects.restrict(user).order_by(
            "-valid_from", "code"
        )

    def clean_year(self):
        year = self.cleaned_data["year"]
        message = selectors.year_out_of_range(year)
        if message:
            raise forms.ValidationError(message)
        return year


DOCUMENT_URLS = {
    "cards": "ward-cards",
    "notice": "fund-notice",
    "notice-pdf": "fund-notice-pdf",
}


def printouts(request):
    """Choose a ward, a year and a document; go to the document."""
    _allowed(CARDS, request)
    form = PrintoutForm(
        request.GET or None,
        user=request.user,
        initial={"year": selectors.reporting_year(), "document": "cards"},
    )
    if form.is_valid():
        name = DOCUMENT_URLS[form.cleaned_data["document"]]
        return redirect(
            reverse(
                f"campaigns_documents:{name}",
                args=[form.cleaned_data["ward"].slug, form.cleaned_data["year"]],
            )
        )
    context = {
        **admin.site.each_context(request),
        "title": _("Area cards and fund notices"),
        "form": form,
    }
    return TemplateResponse(request, "admin/campaigns/printouts.html", context)


def ward_cards(request, slug: str, year: int):
    """Every approved residential area's card of the ward for `year`, one PDF."""
    _allowed(CARDS, request)
    ward = _ward_and_year(request, slug, year)
    cards = selectors.area_cards_of_ward(ward=ward, year=year)
    if not cards:
        raise Http404(
            _("%(ward)s has no approved residential area in force in %(year)s.")
            % {"ward": ward.name, "year": year}
        )
    content = card_documents.cards_pdf(
        [(card, area_url(request, card.area)) for card in cards],
        title_text=_("Cards of the residential areas of %(ward)s, %(year)s")
        % {"ward": ward.name, "year": year},
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="phieu-khu-dan-cu-{ward.slug}-{year}.pdf"'
    )
    return response


def _notice(request, slug: str, year: int) -> notice_documents.NoticeDocument:
    _allowed(NOTICE, request)
    ward = _ward_and_year(request, slug, year)
    return notice_documents.NoticeDocument(
        ward_name=ward.name,
        year=year,
        notice=selectors.fund_notice(ward=ward, year=year),
        beneficiaries=selectors.fund_notice_beneficiaries(
            user=request.user, ward=ward, year=year
        ),
        pending=selectors.fund_notice_pending(ward=ward, year=year),
    )


def fund_notice(request, slug: str, year: int):
    """The fund's public notice of the ward and year, as a page to print."""
    doc = _notice(request, slug, year)
    context = {
        **admin.site.each_context(request),
        "title": doc.title,
        "doc": doc,
        "balance_rows": notice_documents.balance_rows(doc),
        "category_header": notice_documents.category_header(),
        "category_rows": notice_documents.category_rows(doc),
        "beneficiary_header": notice_documents.beneficiary_header(),
        "beneficiary_rows": notice_documents.beneficiary_rows(doc),
        "beneficiaries_text": notice_documents.beneficiaries_text(doc),
        "notes": notice_documents.notes(doc),
        "pdf_url": reverse("campaigns_documents:fund-notice-pdf", args=[slug, year]),
    }
    return TemplateResponse(request, "admin/campaigns/fund_notice.html", context)


def fund_notice_pdf(request, slug: str, year: int):
    doc = _notice(request, slug, year)
    response = HttpResponse(
        notice_documents.notice_pdf(doc), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="niem-yet-quy-vi-nguoi-ngheo-{slug}-{year}.pdf"'
    )
    return response
