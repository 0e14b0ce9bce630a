"""The year-end report (.docx): figures equal the selectors', the NĐ 30 page format,
the year-over-year sentences, uploaded templates, and who may have which report."""

import io

import docx
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from docx.shared import Pt

from campaigns import models, selectors
from campaigns.access.scope import CITY_STAFF, LEADERS, WARD_STAFF
from campaigns.documents.numbers import money, number, rate
from campaigns.documents.report_docx import year_end_report
from campaigns.documents.report_template import default_template_bytes
from campaigns.models.choices import WorkflowStatusChoices

from .. import citydata
from .. import factories as f
from ..accounts import make_user
from ..citydata import raw_fund

pytestmark = pytest.mark.django_db

URL = "/quan-tri/bao-cao/tong-ket/"
TEMPLATE_URL = "/quan-tri/bao-cao/tong-ket/mau/"


@pytest.fixture
def city(reference, seed_once):
    city = seed_once(citydata.build_city)
    f.CommendationFactory.create_batch(2, year=2025, ward=city.bac_kan)
    f.CommendationFactory(
        year=2025,
        ward=city.bac_kan,
        level="province",
        recipient_kind="individual",
    )
    # Not approved, or of another year: never counted.
    f.CommendationFactory(
        year=2025, ward=city.bac_kan, status=WorkflowStatusChoices.DRAFT
    )
    f.CommendationFactory(year=2024, ward=city.song_cau)
    return city


@pytest.fixture
def users(city):
    return {
        "city": make_user("city", CITY_STAFF),
        "leader": make_user("leader", LEADERS),
        "bac_kan": make_user("ward-bac-kan", WARD_STAFF, [city.bac_kan]),
        "song_cau": make_user("ward-song-cau", WARD_STAFF, [city.song_cau]),
    }


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def text_of(document) -> str:
    """Every paragraph, and every table cell row by row (" | " between cells)."""
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def rows_of(document) -> list[list[str]]:
    return [
        [cell.text for cell in row.cells]
        for table in document.tables
        for row in table.rows
    ]


# --- Figures equal the selectors' ----------------------------------------------------


@pytest.mark.parametrize("year", [2024, 2025])
@pytest.mark.parametrize("unit", [None, "bac_kan"])
def test_figures_equal_the_selectors(city, users, year, unit):
    ward = getattr(city, unit) if unit else None
    data = year_end_report(year=year, first_year=2010, ward=ward, user=users["city"])
    document = open_docx(data)
    text = text_of(document)
    with translation.override("vi"):
        now = selectors.city_overview(year=year, ward=ward)
        before = selectors.city_overview(year=year - 1, ward=ward)
        window = selectors.fund_over_years(first_year=2010, last_year=year, ward=ward)
        works = selectors.community_works_summary(year=year, ward=ward)
        standard = ", ".join(s.label for s in now.standards)
        standard_before = ", ".join(s.label for s in before.standards)
        expected = [
            f"Số khu dân cư báo cáo | {number(before.results.areas)} khu dân cư"
            f" | {number(now.results.areas)} khu dân cư",
            f"Số hộ | {number(before.results.households)} hộ"
            f" | {number(now.results.households)} hộ",
            f"Tỷ lệ hộ nghèo | {rate(before.results.poor_rate, standard_before)}"
            f" | {rate(now.results.poor_rate, standard)}",
            f"vận động được {money(now.fund_year.raised)} tiền mặt",
            f"đã chi {money(now.fund_year.spent)} cho "
            f"{number(now.fund_year.supports)} lượt hỗ trợ",
            f"xây mới {number(now.fund_year.houses_built)} và sửa chữa "
            f"{number(now.fund_year.houses_repaired)} nhà đại đoàn kết",
            f"({money(window.raised)}), đã chi {money(window.spent)}",
            f"sửa chữa {number(window.houses)} căn nhà đại đoàn kết",
            f"xây dựng {number(works.total.works)} công trình, trong đó "
            f"{number(works.roads_km)} km đường",
            f"Chuẩn nghèo áp dụng: {standard}.",
        ]
    for line in expected:
        assert line in text
    rows = rows_of(document)
    for spending in selectors.fund_spending_by_category(year=year, ward=ward):
        assert [
            spending.label,
            number(spending.supports),
            money(spending.amount),
            number(spending.houses_built),
            number(spending.houses_repaired),
        ] in rows
    if ward is None:  # an independent computation from raw rows agrees
        assert money(raw_fund(year)["raised"]) in text
        assert money(raw_fund(year, upto=True)["raised"]) in text


def test_the_window_adds_up_the_years_from_its_first(city):
    assert selectors.fund_over_years(first_year=2010, last_year=2025) == (
        selectors.city_overview(year=2025).fund_cumulative
    )
    only_2025 = selectors.fund_over_years(first_year=2025, last_year=2025)
    assert only_2025 == selectors.city_overview(year=2025).fund_year
    assert only_2025.raised == raw_fund(2025)["raised"]
    spending = selectors.fund_spending_by_category_over_years(
        first_year=2024, last_year=2025
    )
    assert sum(row.amount for row in spending) == (
        raw_fund(2024)["spent"] + raw_fund(2025)["spent"]
    )
    works = selectors.community_works_over_years(first_year=2010, last_year=2025)
    assert works.roads_m == citydata.raw_roads_m(2024) + citydata.raw_roads_m(2025)


def test_commendations_count_approved_ones_of_the_year(city, users):
    counts = selectors.commendations_by_level(year=2025, ward=city.bac_kan)
    assert [(c.level, c.recipient_kind, c.count) for c in counts] == [
        ("province", "individual", 1),
        ("city", "collective", 2),
    ]
    text = text_of(
        open_docx(
            year_end_report(
                year=2025, first_year=2010, ward=city.bac_kan, user=users["city"]
            )
        )
    )
    assert "- Cấp tỉnh, cá nhân: 1." in text
    assert "- Cấp thành phố, tập thể: 2." in text


def test_the_year_s_good_examples_are_told(city, users):
    f.StoryFactory(
        title="Bà Hoa hiến đất làm đường", ward=city.bac_kan, kind="nguoi_tot"
    )
    f.StoryFactory(title="Chưa duyệt", ward=city.bac_kan, status="submitted")
    f.StoryFactory(title="Năm trước", ward=city.bac_kan, year=2024)
    text = text_of(
        open_docx(
            year_end_report(
                year=2025, first_year=2010, ward=city.bac_kan, user=users["city"]
            )
        )
    )
    assert "giới thiệu 1 gương người tốt, việc tốt" in text
    assert "- Bà Hoa hiến đất làm đường (người tốt, việc tốt, Phường Bắc Kạn)." in text
    assert "Chưa duyệt" not in text and "Năm trước" not in text


def test_the_issuing_body_is_the_reference_datas_for_the_year_and_unit(city, users):
    text = text_of(
        open_docx(
            year_end_report(
                year=2025, first_year=2010, ward=city.bac_kan, user=users["city"]
            )
        )
    )
    assert "ỦY BAN MTTQ VIỆT NAM PHƯỜNG BẮC KẠN" in text
    assert "ỦY BAN MTTQ VIỆT NAM TỈNH THÁI NGUYÊN" in text  # the body above it
    old = text_of(
        open_docx(year_end_report(year=2024, first_year=2010, user=users["city"]))
    )
    assert "ỦY BAN MTTQ VIỆT NAM THÀNH PHỐ BẮC KẠN" in old
    assert "PHƯỜNG BẮC KẠN" not in old


def test_a_year_without_standard_says_so(city, users):
    assert selectors.standard_of_year(1996) is None
    text = text_of(
        open_docx(year_end_report(year=1996, first_year=1995, user=users["city"]))
    )
    assert "Chuẩn nghèo áp dụng: chuẩn nghèo chưa xác định." in text


# --- The page format of NĐ 30/2020/NĐ-CP ---------------------------------------------


def test_page_format_a4_margins_and_times_new_roman(city, users):
    document = open_docx(
        year_end_report(
            year=2025, first_year=2010, ward=city.bac_kan, user=users["city"]
        )
    )
    section = document.sections[0]

    def mm(length):  # Word stores twentieths of a point: compare to 0.1 mm
        return round(length.mm, 1)

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert 20 <= mm(section.top_margin) <= 25
    assert 20 <= mm(section.bottom_margin) <= 25
    assert 30 <= mm(section.left_margin) <= 35
    assert 15 <= mm(section.right_margin) <= 20
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert Pt(13) <= normal.font.size <= Pt(14)
    fonts = normal.element.rPr.rFonts
    assert fonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    ) == ("Times New Roman")
    text = text_of(document)
    for part in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: ……/BC-MTTQ",
        "Bắc Kạn, ngày …… tháng …… năm ……",
        "BÁO CÁO",
        "Nơi nhận:",
        "TM. BAN THƯỜNG TRỰC",
        "PHỤ LỤC",
    ):
        assert part in text
    # Every run the template sets a size for is 11–14 pt (nothing left at Word's 11
    # default below the decree's sizes, except "Nơi nhận"'s list).
    sizes = {
        run.font.size
        for paragraph in document.paragraphs
        for run in paragraph.runs
        if run.font.size
    }
    assert sizes <= {Pt(11), Pt(12), Pt(13), Pt(14)}


# --- Templates -----------------------------------------------------------------------


def edited_template(extra: str) -> bytes:
    """The default template with one paragraph added, as city staff would in Word."""
    document = docx.Document(io.BytesIO(default_template_bytes()))
    document.add_paragraph(extra)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def upload(client, data: bytes, name="mau.docx"):
    return client.post(URL, {"template": SimpleUploadedFile(name, data)})


def test_city_staff_upload_a_template_and_a_broken_one_is_refused(city, users, client):
    client.force_login(users["city"])
    response = upload(client, edited_template("MẪU RIÊNG năm {{ year }}"))
    assert response.status_code == 302
    assert models.ReportTemplate.objects.filter(active=True).count() == 1
    broken = {
        "not a docx": (b"not a zip at all", "không phải văn bản Word (.docx)"),
        "syntax": (edited_template("{{ year "), "Mẫu có lỗi ở một thẻ gần dòng"),
        "unknown tag": (edited_template("{% frobnicate %}"), "Mẫu có lỗi ở một thẻ"),
        "unknown name": (
            edited_template("{{ so_lieu_khong_co }}"),
            "Mẫu dùng một tên mà báo cáo không có",
        ),
    }
    for data, message in broken.values():
        response = upload(client, data)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Mẫu báo cáo chưa được thay" in page
        assert message in page
    assert models.ReportTemplate.objects.count() == 1
    # The template uploaded before stays in use.
    response = client.get(
        URL, {"year": 2025, "ward": city.bac_kan.pk, "first_year": 2010}
    )
    assert "MẪU RIÊNG năm 2025" in text_of(open_docx(response.content))
    downloaded = client.get(TEMPLATE_URL)
    assert "MẪU RIÊNG năm {{ year }}" in text_of(open_docx(downloaded.content))


def test_only_city_staff_upload_templates(city, users, client):
    for name in ("leader", "bac_kan"):
        client.force_login(users[name])
        response = upload(client, edited_template("MẪU CỦA PHƯỜNG"))
        assert response.status_code == 403
        # …but they may download the template in use to read it.
        assert client.get(TEMPLATE_URL).status_code == 200
    assert not models.ReportTemplate.objects.exists()


# --- The page and who may have which report ------------------------------------------


def test_anonymous_is_sent_to_the_login(city, client):
    for url in (URL, TEMPLATE_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]


def test_city_staff_download_the_whole_territory_and_a_ward(city, users, client):
    client.force_login(users["city"])
    page = client.get(URL)
    assert page.status_code == 200
    assert "Toàn địa bàn" in page.content.decode()
    response = client.get(URL, {"year": 2025, "ward": "", "first_year": 2010})
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    assert (
        'filename="bao-cao-tong-ket-2025-toan-dia-ban.docx"'
        in (response["Content-Disposition"])
    )
    response = client.get(
        URL, {"year": 2025, "ward": city.duc_xuan.pk, "first_year": 2010}
    )
    assert (
        'filename="bao-cao-tong-ket-2025-phuong-duc-xuan.docx"'
        in (response["Content-Disposition"])
    )
    assert "phường Đức Xuân" in text_of(open_docx(response.content))


def test_the_report_is_linked_from_the_admin_index(city, users, client):
    client.force_login(users["bac_kan"])
    assert URL in client.get("/quan-tri/").content.decode()


def test_ward_staff_get_their_own_units_report_only(city, users, client):
    client.force_login(users["bac_kan"])
    own = client.get(URL, {"year": 2025, "ward": city.bac_kan.pk, "first_year": 2010})
    assert own.status_code == 200
    assert "PHƯỜNG BẮC KẠN" in text_of(open_docx(own.content))
    for ward in ("", city.duc_xuan.pk, city.song_cau.pk):
        response = client.get(URL, {"year": 2025, "ward": ward, "first_year": 2010})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        assert "errorlist" in response.content.decode()
    # The report itself refuses too, whatever called it.
    with pytest.raises(PermissionDenied):
        year_end_report(
            year=2025, first_year=2010, ward=city.duc_xuan, user=users["bac_kan"]
        )
    with pytest.raises(PermissionDenied):
        year_end_report(year=2025, first_year=2010, ward=None, user=users["bac_kan"])


def test_a_bad_year_or_window_is_a_form_error(city, users, client):
    client.force_login(users["city"])
    for params in (
        {"year": "abc", "first_year": 2010},
        {"year": 2025, "first_year": 2030},
        {"year": 1800, "first_year": 1700},
    ):
        response = client.get(URL, {"ward": "", **params})
        assert response.status_code == 200
        assert "errorlist" in response.content.decode()
