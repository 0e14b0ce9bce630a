"""Public pages; paths in unaccented Vietnamese, names in the `campaigns` namespace."""

from django.urls import path, register_converter

from campaigns.public import views


class DownloadFormat:
    regex = "csv|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class ImageFormat(DownloadFormat):
    regex = "png|svg"


register_converter(DownloadFormat, "fmt")
register_converter(ImageFormat, "imgfmt")

app_name = "campaigns"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("don-vi/", views.ward_list, name="ward-list"),
    path("don-vi/<slug:slug>/", views.ward_detail, name="ward-detail"),
    path("khu-dan-cu/<slug:slug>/", views.area_detail, name="area-detail"),
    path("khu-dan-cu/<slug:slug>/phieu/", views.area_card, name="area-card"),
    path("khu-dan-cu/<slug:slug>/phieu.pdf", views.area_card_pdf, name="area-card-pdf"),
    path("muc-tieu/", views.goal_list, name="goal-list"),
    path("muc-tieu/<int:number>/", views.goal_detail, name="goal-detail"),
    path("quy-vi-nguoi-ngheo/", views.fund, name="fund"),
    path("cong-trinh/", views.works, name="works"),
    path("ngay-hoi/", views.festivals, name="festivals"),
    path("gia-dinh-van-hoa/", views.cultural_families, name="cultural-families"),
    path("khen-thuong/", views.commendations, name="commendations"),
    path("guong-sang/", views.story_list, name="story-list"),
    path("guong-sang/<slug:slug>/", views.story_detail, name="story-detail"),
    path("du-lieu/", views.open_data, name="open-data"),
    # Before the downloads: "api.json" would otherwise read as dataset "api", "json".
    path("du-lieu/api.json", views.openapi, name="openapi"),
    path("du-lieu/<slug:dataset>.json", views.dataset_json, name="dataset-json"),
    path(
        "du-lieu/<slug:dataset>.<fmt:fmt>",
        views.dataset_download,
        name="dataset-download",
    ),
    path(
        "bieu-do/<slug:dataset>.<imgfmt:fmt>",
        views.chart_image,
        name="chart-image",
    ),
    path("tim-kiem/", views.search, name="search"),
    path("healthz", views.healthz, name="healthz"),
]
