"""Refusals and password rules speak Vietnamese: the 403 page (public and admin), the
CSRF failure page, and every password validator's message and help text."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import get_resolver, reverse

from campaigns.access.scope import CITY_STAFF, WARD_STAFF

from ..accounts import PASSWORD, make_user

ENGLISH = ("403 Forbidden", "Forbidden", "CSRF verification failed", "Permission")


def assert_vietnamese_403(response, *texts):
    assert response.status_code == 403
    assert response["Content-Language"] == "vi"
    page = response.content.decode()
    assert "Không có quyền truy cập" in page
    for text in texts:
        assert text in page, text
    for english in ENGLISH:
        assert english not in page, english
    return page


def test_the_403_handler_answers_public_refusals_in_vietnamese(db, rf):
    handler = get_resolver().resolve_error_handler(403)
    request = rf.get("/du-lieu/")
    request.user = AnonymousUser()
    page = assert_vietnamese_403(
        handler(request, PermissionDenied()),
        "Tài khoản của bạn không có quyền mở trang này.",
    )
    assert 'href="/"' in page  # the public page's chrome and a way out
    # A message of the refusal (the services give Vietnamese ones) is shown.
    assert_vietnamese_403(
        handler(request, PermissionDenied("Bạn không được sửa hồ sơ này.")),
        "Bạn không được sửa hồ sơ này.",
    )


def test_an_admin_refusal_is_the_vietnamese_403_page(db, client):
    client.force_login(make_user("ward-403", WARD_STAFF))
    page = assert_vietnamese_403(
        client.get(reverse("admin:axes_accessattempt_changelist")),
        "cán bộ MTTQ thành phố",
    )
    assert reverse("admin:index") in page


def test_a_csrf_failure_is_explained_in_vietnamese(db):
    client = Client(enforce_csrf_checks=True)
    make_user("csrf-user")
    response = client.post(
        reverse("admin:login"), {"username": "csrf-user", "password": PASSWORD}
    )
    assert_vietnamese_403(response, "tải lại trang rồi gửi lại biểu mẫu")
    assert "_auth_user_id" not in client.session


# --- Password rules -----------------------------------------------------------------


def password_change(client, account, password):
    return client.post(
        reverse("admin:auth_user_password_change", args=(account.pk,)),
        {"password1": password, "password2": password},
    )


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Ab1-x", "Mật khẩu quá ngắn: cần ít nhất 8 ký tự."),
        ("8731920465", "Mật khẩu không được chỉ gồm chữ số."),
        ("password123", "Mật khẩu này nằm trong số mật khẩu phổ biến nhất"),
        ("nguyenvanbinh1", "Mật khẩu quá giống tên đăng nhập của tài khoản."),
    ],
)
def test_the_admins_password_form_refuses_in_vietnamese(db, client, password, message):
    client.force_login(make_user("city-pw", CITY_STAFF))
    account = make_user("nguyenvanbinh", WARD_STAFF)
    response = password_change(client, account, password)
    assert response.status_code == 200  # the form again, with the errors
    page = response.content.decode()
    assert message in page
    for english in ("too short", "too common", "entirely numeric", "too similar"):
        assert english not in page
    account.refresh_from_db()
    assert account.check_password(PASSWORD)  # nothing changed


def test_password_help_texts_are_vietnamese(db, client):
    client.force_login(make_user("city-help", CITY_STAFF))
    account = make_user("help-target", WARD_STAFF)
    page = client.get(
        reverse("admin:auth_user_password_change", args=(account.pk,))
    ).content.decode()
    for text in (
        "Không giống tên đăng nhập, họ tên hoặc địa chỉ email của tài khoản.",
        "Có ít nhất 8 ký tự.",
        "Không phải một mật khẩu phổ biến.",
        "Không chỉ gồm chữ số.",
    ):
        assert text in page, text
    assert "Your password" not in page
    # A good password is accepted.
    response = password_change(client, account, "Tre-xanh-Bac-Kan-2025")
    assert response.status_code == 302
    account.refresh_from_db()
    assert account.check_password("Tre-xanh-Bac-Kan-2025")
