"""Staff printouts (issue 16), mounted under ADMIN_URL + "bao-cao/"."""

from django.contrib import admin
from django.urls import path

from campaigns.admin import printouts

app_name = "campaigns_documents"

urlpatterns = [
    path("", admin.site.admin_view(printouts.printouts), name="printouts"),
    path(
        "phieu/<slug:slug>/<int:year>/",
        admin.site.admin_view(printouts.ward_cards),
        name="ward-cards",
    ),
    path(
        "niem-yet/<slug:slug>/<int:year>/",
        admin.site.admin_view(printouts.fund_notice),
        name="fund-notice",
    ),
    path(
        "niem-yet/<slug:slug>/<int:year>.pdf",
        admin.site.admin_view(printouts.fund_notice_pdf),
        name="fund-notice-pdf",
    ),
]
