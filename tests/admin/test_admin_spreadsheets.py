"""Import and export through the admin pages: preview, confirm, permissions, formats."""

import csv
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import tablib
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from campaigns import models
from campaigns.models.choices import WorkflowStatusChoices

from .. import factories as f
from ..access.test_scope import make_user
from ..spreadsheets.test_imports import HEADER, csv_bytes, make_areas, ward
from .test_admin import make_rows

DATA = Path(__file__).resolve().parent.parent / "data"
# Photos are pictures, not rows: their list has no spreadsheets (docs/decisions.md).
EXPORTABLE = [
    m
    for m in admin.site._registry
    if m._meta.app_label == "campaigns" and m is not models.Photo
]


def url(model, view):
    return reverse(f"admin:campaigns_{model._meta.model_name}_{view}")


@pytest.fixture
def areas(reference):
    return make_areas()


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "", "x-password-1")
    client.force_login(user)
    return client


def upload(client, model, data, name="ket-qua.xlsx", status="draft"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        url(model, "import"),
        {
            "resource": "0",
            "format": "0",
            "status": status,
            "import_file": SimpleUploadedFile(name, data),
        },
    )


def confirm(client, model, response):
    form = response.context["confirm_form"]
    data = {name: form[name].value() for name in form.fields}
    return client.post(url(model, "process_import"), data)


def test_preview_then_confirm_imports_everything_once(areas, superuser_client):
    data = (DATA / "messy_annual_results.xlsx").read_bytes()
    response = upload(superuser_client, models.AnnualResult, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Không có lỗi. Khi xác nhận sẽ thêm 3 bản ghi mới" in page
    assert "Xác nhận nhập" in page
    # The preview wrote nothing; the file waits in the database for any app server.
    assert not models.AnnualResult.objects.exists()
    assert models.ImportUpload.objects.count() == 1
    response = confirm(superuser_client, models.AnnualResult, response)
    assert response.status_code == 302
    assert models.AnnualResult.objects.count() == 3
    assert set(models.AnnualResult.objects.values_list("status", flat=True)) == {
        "draft"
    }
    assert not models.ImportUpload.objects.exists()
    # The same file again: nothing changes.
    response = upload(superuser_client, models.AnnualResult, data)
    assert "thêm 0 bản ghi mới, cập nhật 0 bản ghi và giữ nguyên 3 bản ghi" in (
        response.content.decode()
    )


def test_status_submitted_can_be_chosen_never_approved(areas, superuser_client):
    data = (DATA / "messy_supports.csv").read_bytes()
    response = upload(
        superuser_client, models.Support, data, "ho-tro.csv", status="submitted"
    )
    confirm(superuser_client, models.Support, response)
    assert set(models.Support.objects.values_list("status", flat=True)) == {"submitted"}
    response = upload(
        superuser_client, models.Support, data, "ho-tro.csv", status="approved"
    )
    assert response.status_code == 200
    assert (
        "confirm_form" not in response.context or not response.context["confirm_form"]
    )
    assert not models.Support.objects.approved().exists()


def test_preview_lists_every_error_with_row_and_column_first(areas, superuser_client):
    data = csv_bytes(
        HEADER,
        "2024,01837,,Tổ 1,100,90,80,5,5",
        "2024,01837,,Tổ 99,100,90,80,5,5",
        "2024,01837,,Tổ 2,-5,90,80,5,5",
    )
    response = upload(superuser_client, models.AnnualResult, data, "kq.csv")
    page = response.content.decode()
    assert "Số lỗi tìm thấy: 2. Sẽ không nhập dòng nào." in page
    assert page.index("Số lỗi tìm thấy") < page.index("Xem trước")
    lines = response.context["result"].error_lines()
    assert (
        3,
        "Khu dân cư",
        "Phường Sông Cầu không có khu dân cư nào tên “Tổ 99”.",
    ) in lines
    assert (4, "Tổng số hộ", "Số liệu không được âm (-5).") in lines
    assert not response.context.get("confirm_form")
    assert not models.AnnualResult.objects.exists()
    assert not models.ImportUpload.objects.exists()


def test_file_problems_are_shown_on_the_form(areas, superuser_client):
    response = upload(superuser_client, models.AnnualResult, b"%PDF-1.4 x", "kq.pdf")
    assert "Tệp không phải bảng tính đọc được (XLSX hoặc CSV)." in (
        response.content.decode()
    )
    response = upload(superuser_client, models.AnnualResult, b"", "kq.csv")
    assert response.status_code == 200
    assert not models.AnnualResult.objects.exists()


def test_confirm_writes_nothing_when_the_data_changed_since_the_preview(
    areas, superuser_client
):
    data = csv_bytes(
        HEADER, "2024,01837,,Tổ 1,100,90,80,5,5", "2024,01837,,Tổ 2,100,90,80,5,5"
    )
    response = upload(superuser_client, models.AnnualResult, data, "kq.csv")
    # Meanwhile city staff enter and approve Tổ 2's result by hand.
    f.AnnualResultFactory(residential_area=areas["Tổ 2"], year=2024, households=300)
    response = confirm(superuser_client, models.AnnualResult, response)
    assert response.status_code == 200
    assert "Chưa nhập dòng nào: tệp có lỗi" in response.content.decode()
    assert models.AnnualResult.objects.count() == 1
    assert models.AnnualResult.objects.get().households == 300


def test_confirm_of_an_expired_upload_says_so(areas, superuser_client):
    data = csv_bytes(HEADER, "2024,01837,,Tổ 1,100,90,80,5,5")
    response = upload(superuser_client, models.AnnualResult, data, "kq.csv")
    models.ImportUpload.objects.all().delete()
    response = confirm(superuser_client, models.AnnualResult, response)
    assert response.status_code == 302
    assert not models.AnnualResult.objects.exists()


def test_leaders_export_but_cannot_import(areas, client, django_user_model):
    leader = make_user(django_user_model, "leader", "leaders")
    leader.user_permissions.add(Permission.objects.get(codename="view_annualresult"))
    client.force_login(leader)
    assert client.get(url(models.AnnualResult, "import")).status_code == 403
    assert client.get(url(models.AnnualResult, "export")).status_code == 200


def test_ward_staff_import_through_the_admin_is_limited_to_their_wards(
    areas, client, django_user_model
):
    staff = make_user(django_user_model, "sc", "ward_staff", [ward("01837")])
    staff.user_permissions.add(
        *Permission.objects.filter(
            codename__in=[
                "add_annualresult",
                "change_annualresult",
                "view_annualresult",
            ]
        )
    )
    client.force_login(staff)
    data = csv_bytes(HEADER, "2024,01840,,Tổ 1,100,90,80,5,5")
    response = upload(client, models.AnnualResult, data, "kq.csv")
    assert "Bạn chỉ được nhập dữ liệu của phường, xã mình phụ trách." in (
        response.content.decode()
    )
    assert not models.AnnualResult.objects.exists()


# --- Exports ------------------------------------------------------------------------


def export(client, model, file_format, query=""):
    formats = {"xlsx": "0", "csv": "1", "ods": "2"}
    resource = admin.site._registry[model].resource_classes[0]
    ticked = {
        f"{resource.__name__.lower()}_{name}": "on"
        for name in resource().get_export_order()
    }
    return client.post(
        url(model, "export") + query,
        {"format": formats[file_format], "resource": "0", **ticked},
    )


def content(response) -> bytes:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.parametrize("model", EXPORTABLE, ids=lambda m: m.__name__)
@pytest.mark.parametrize("file_format", ["xlsx", "csv", "ods"])
def test_every_admin_list_exports_in_three_formats(
    reference, superuser_client, django_user_model, model, file_format
):
    make_rows(2)
    scope = models.StaffScope.objects.create(user=django_user_model.objects.get())
    scope.wards.set(models.Ward.objects.all()[:2])
    response = export(superuser_client, model, file_format)
    assert response.status_code == 200, response.content[:500]
    data = content(response)
    if file_format == "csv":
        assert data.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    elif file_format == "xlsx":
        rows = list(openpyxl.load_workbook(io.BytesIO(data)).active.values)
    else:
        assert zipfile.ZipFile(io.BytesIO(data)).read("mimetype") == (
            b"application/vnd.oasis.opendocument.spreadsheet"
        )
        dataset = tablib.Dataset().load(data, format="ods")
        rows = [dataset.headers, *dataset]
    assert len(rows) - 1 == model.objects.count()
    header = " ".join(str(h) for h in rows[0])
    assert any(
        word in header
        for word in ("Mã", "Tên", "Số", "Xếp loại", "Văn bản", "Tài khoản")
    )


def test_export_holds_what_is_filtered_with_human_values(reference, superuser_client):
    song_cau = ward("01837")
    area = f.ResidentialAreaFactory(ward=song_cau, name="Tổ 1")
    f.SupportFactory(
        ward=song_cau, residential_area=area, amount=1_500_000, date="2024-11-18"
    )
    f.SupportFactory(ward=ward("01840"), amount=700_000, date="2024-11-18")
    response = export(
        superuser_client, models.Support, "xlsx", f"?ward__id__exact={song_cau.pk}"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(content(response))).active
    rows = list(sheet.values)
    assert len(rows) == 2
    header = rows[0]
    values = dict(zip(header, rows[1], strict=True))
    assert values["Mã đơn vị"] == "01837" and values["Tên đơn vị"] == "Phường Sông Cầu"
    assert values["Khu dân cư"] == "Tổ 1"
    assert values["Số tiền (đồng)"] == 1_500_000
    assert values["Trạng thái"] == "Đã duyệt"
    money = sheet.cell(row=2, column=header.index("Số tiền (đồng)") + 1)
    assert money.number_format == '#,##0" đ"'
    day = sheet.cell(row=2, column=header.index("Ngày") + 1)
    assert day.number_format == "dd/mm/yyyy" and day.value.day == 18
    assert sheet.freeze_panes == "A2"
    assert sheet.cell(row=1, column=1).font.b
    response = export(superuser_client, models.Support, "csv")
    text = content(response).decode("utf-8-sig")
    assert "18/11/2024" in text and "Phường Sông Cầu" in text and "1500000" in text


def test_exports_neutralise_formulas_in_every_format(reference, superuser_client):
    for i, text in enumerate(['=HYPERLINK("http://x")', "+1+2", "-3+4", "@SUM(A1)"]):
        f.CommendationFactory(recipient_name=text, reason=f"lý do {i}")
    csv_text = content(export(superuser_client, models.Commendation, "csv")).decode(
        "utf-8-sig"
    )
    for text in ["'=HYPERLINK", "'+1+2", "'-3+4", "'@SUM(A1)"]:
        assert text in csv_text
    assert "\n=HYPERLINK" not in csv_text and ",=HYPERLINK" not in csv_text
    book = openpyxl.load_workbook(
        io.BytesIO(content(export(superuser_client, models.Commendation, "xlsx")))
    )
    cells = [c for row in book.active.iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)
    assert '\'=HYPERLINK("http://x")' in [c.value for c in cells]
    ods = content(export(superuser_client, models.Commendation, "ods"))
    assert b"'=HYPERLINK" in zipfile.ZipFile(io.BytesIO(ods)).read("content.xml")


def test_csv_has_a_bom_and_correct_vietnamese(reference, superuser_client):
    f.ResidentialAreaFactory(ward=ward("01852"), name="Nà Mèo")
    data = content(export(superuser_client, models.ResidentialArea, "csv"))
    assert data[:3] == b"\xef\xbb\xbf"
    text = data[3:].decode("utf-8")
    assert text.splitlines()[0].startswith(
        "Mã đơn vị,Tên đơn vị,Khu dân cư,Loại khu dân cư"
    )
    assert "01852,Xã Nông Thượng,Nà Mèo,Tổ dân phố" in text


def test_ward_staff_export_only_their_wards(reference, client, django_user_model):
    song_cau, duc_xuan = ward("01837"), ward("01840")
    f.DonationFactory(ward=song_cau, donor_name="Người Sông Cầu")
    f.DonationFactory(ward=duc_xuan, donor_name="Người Đức Xuân")
    staff = make_user(django_user_model, "sc", "ward_staff", [song_cau])
    staff.user_permissions.add(Permission.objects.get(codename="view_donation"))
    client.force_login(staff)
    text = content(export(client, models.Donation, "csv")).decode("utf-8-sig")
    assert "Người Sông Cầu" in text and "Người Đức Xuân" not in text


def test_exported_status_is_human(reference, superuser_client):
    f.CommunityWorkFactory(status=WorkflowStatusChoices.SUBMITTED)
    text = content(export(superuser_client, models.CommunityWork, "csv")).decode(
        "utf-8-sig"
    )
    assert "Đã gửi duyệt" in text


def attachment_name(response) -> str:
    disposition = response["Content-Disposition"]
    match = re.search(r"filename\*?=(?:UTF-8'')?\"?([^\";]+)", disposition)
    return match.group(1)


@pytest.mark.parametrize("model", EXPORTABLE, ids=lambda m: m.__name__)
def test_export_file_names_are_vietnamese_without_diacritics(
    reference, superuser_client, model
):
    make_rows(1)
    name = attachment_name(export(superuser_client, model, "csv"))
    today = timezone.localdate().isoformat()
    assert re.fullmatch(rf"[a-z0-9-]+-{today}\.csv", name), name
    assert model._meta.model_name not in name  # "annualresult", "goalresult"…


def test_export_file_names_carry_the_years_of_the_rows(reference, superuser_client):
    results = [f.AnnualResultFactory(year=year) for year in (2025, 2026)]
    f.GoalResultFactory(annual_result=results[1])
    today = timezone.localdate().isoformat()
    name = attachment_name(export(superuser_client, models.AnnualResult, "xlsx"))
    assert name == f"ket-qua-nam-2025-2026-{today}.xlsx"
    filtered = export(superuser_client, models.AnnualResult, "xlsx", "?year=2026")
    assert attachment_name(filtered) == f"ket-qua-nam-2026-{today}.xlsx"
    goals = attachment_name(export(superuser_client, models.GoalResult, "ods"))
    assert goals.endswith(f"-2026-{today}.ods"), goals
    f.DonationFactory(date="2024-11-18")
    donations = attachment_name(export(superuser_client, models.Donation, "csv"))
    assert donations.startswith("khoan-ung-ho-") and f"-2024-{today}" in donations


def test_the_preview_shows_old_and_new_value_of_every_changed_cell(
    areas, superuser_client
):
    data = (DATA / "messy_annual_results.xlsx").read_bytes()
    confirm(
        superuser_client,
        models.AnnualResult,
        upload(superuser_client, models.AnnualResult, data),
    )
    changed = models.AnnualResult.objects.order_by("pk").first()
    file_value = changed.households
    models.AnnualResult.objects.filter(pk=changed.pk).update(households=file_value + 7)
    response = upload(superuser_client, models.AnnualResult, data)
    rows = [row for row in response.context["result"].rows if row.changes]
    assert [row.changes for row in rows] == [
        [("Tổng số hộ", f"{file_value + 7}", f"{file_value}")]
    ]
    page = response.content.decode()
    assert f"<del>{file_value + 7}</del> → <ins>{file_value}</ins>" in page
    # Rows the file leaves as they are list nothing.
    assert sum(1 for row in response.context["result"].rows if not row.changes) == 2
