"""Login lockout: per account-and-address and per address, never per account alone;
the client's address behind trusted proxies; the retry time; unlocking."""

import datetime
import logging
import re
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib.admin import helpers
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

from campaigns.access.login import client_address, retry_time
from campaigns.access.scope import CITY_STAFF, LEADERS, WARD_STAFF

from ..accounts import PASSWORD, make_user

DEPLOY = Path(__file__).resolve().parent.parent.parent / "docs" / "deploy.md"
LOCKED = "Tạm khóa đăng nhập"
NGINX = "127.0.0.1"


def login(client, username, password, address="10.0.0.1", **headers):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
        **headers,
    )


def fail(client, username, times, address="10.0.0.1", **headers):
    for _ in range(times):
        login(client, username, "wrong", address, **headers)


def logged_in(response):
    return response.status_code == 302 and response["Location"] == reverse(
        "admin:index"
    )


def test_failures_lock_the_account_from_that_address_only(db, client, settings, caplog):
    make_user("canbo")
    fail(client, "canbo", settings.AXES_FAILURE_LIMIT - 2)
    assert login(client, "canbo", "wrong").status_code == 200  # the form again
    with caplog.at_level(logging.WARNING, logger="campaigns.security"):
        response = login(client, "canbo", "wrong")
        assert login(client, "canbo", "wrong").status_code == 429
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert any(
        "locked out" in r.getMessage() and "canbo" in r.getMessage()
        for r in caplog.records
        if r.name == "campaigns.security"
    )
    # The right password does not help from this address...
    assert login(client, "canbo", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
    # ...but the owner elsewhere is not locked out.
    assert logged_in(login(client, "canbo", PASSWORD, address="10.0.0.2"))


def test_made_up_and_real_names_from_one_address_never_lock_an_account_elsewhere(
    db, client, settings
):
    make_user("leader")
    make_user("city")
    attacker = "10.66.0.1"
    for n in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT + 5):
        login(client, f"made-up-{n}", "wrong", attacker)
    fail(client, "leader", settings.AXES_FAILURE_LIMIT + 2, attacker)
    # The attacker's own address is locked, for every name...
    assert login(client, "city", PASSWORD, attacker).status_code == 429
    # ...and the real accounts are not, from any other address.
    assert logged_in(login(client, "leader", PASSWORD, "10.0.0.2"))
    assert logged_in(login(client, "city", PASSWORD, "10.0.0.3"))


def test_the_address_lock_has_its_own_higher_limit(db, client, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    make_user("staff-a")
    office = "10.1.1.1"
    # Seven staff behind one NAT address each mistype once: nobody is locked.
    for n in range(7):
        login(client, f"staff-{n}", "wrong", office)
    assert logged_in(login(client, "staff-a", PASSWORD, office))
    client.logout()
    # The eighth failure from the address locks the address.
    login(client, "staff-7", "wrong", office)
    response = login(client, "staff-a", PASSWORD, office)
    assert response.status_code == 429
    assert (
        "Đăng nhập sai quá nhiều lần (8 lần) từ địa chỉ này."
        in response.content.decode()
    )
    assert logged_in(login(client, "staff-a", PASSWORD, "10.1.1.2"))


def test_logging_in_with_ones_own_account_does_not_reset_the_guessing(
    db, client, settings
):
    """A success clears only its own account-and-address count."""
    make_user("victim")
    make_user("insider")
    fail(client, "victim", settings.AXES_FAILURE_LIMIT - 1, "10.2.0.1")
    assert logged_in(login(client, "insider", PASSWORD, "10.2.0.1"))
    client.logout()
    assert login(client, "victim", "wrong", "10.2.0.1").status_code == 429
    assert login(client, "victim", PASSWORD, "10.2.0.1").status_code == 429


def test_the_locked_out_page_tells_when_to_try_again(db, client, settings):
    make_user("canbo")
    fail(client, "canbo", settings.AXES_FAILURE_LIMIT - 1)
    response = login(client, "canbo", "wrong")
    attempt = AccessAttempt.objects.get(username="canbo")
    until = timezone.localtime(attempt.attempt_time + settings.AXES_COOLOFF_TIME)
    # The next whole minute, in Hanoi time.
    shown = until.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
    assert until.tzinfo.key == "Asia/Ho_Chi_Minh"
    page = response.content.decode()
    assert f"Bạn có thể thử lại sau {shown:%H:%M}" in page, page
    # A refused try during the lockout does not push the time back.
    login(client, "canbo", PASSWORD)
    attempt.refresh_from_db()
    assert (
        timezone.localtime(attempt.attempt_time + settings.AXES_COOLOFF_TIME) == until
    )


def test_retry_time_names_the_day_when_it_is_not_today():
    hanoi = timezone.get_default_timezone()
    today = timezone.localdate()
    at = datetime.datetime.combine(today, datetime.time(14, 31, 20), tzinfo=hanoi)
    assert retry_time(at) == "14:32"
    assert retry_time(at.replace(second=0)) == "14:31"
    tomorrow = at + datetime.timedelta(days=1)
    assert retry_time(tomorrow) == f"14:32 {tomorrow:%d/%m/%Y}"


# --- The client's address -------------------------------------------------------


def address(xff=None, remote=NGINX):
    headers = {"REMOTE_ADDR": remote}
    if xff is not None:
        headers["HTTP_X_FORWARDED_FOR"] = xff
    return client_address(RequestFactory().post("/", **headers))


@override_settings(LOGIN_PROXY_COUNT=0)
def test_without_proxies_x_forwarded_for_is_ignored():
    assert address("203.0.113.5", remote="198.51.100.1") == "198.51.100.1"
    assert address(None, remote="198.51.100.1") == "198.51.100.1"


@override_settings(LOGIN_PROXY_COUNT=1)
def test_behind_one_proxy_the_rightmost_entry_is_the_client():
    assert address("203.0.113.5") == "203.0.113.5"
    assert address("10.9.9.9, 203.0.113.5") == "203.0.113.5"
    assert address("evil, , 10.9.9.9,203.0.113.5") == "203.0.113.5"
    assert address("2001:db8::7") == "2001:db8::7"
    # Not through the proxy, or not an address: counted under the proxy's address.
    assert address(None) == NGINX
    assert address("") == NGINX
    assert address("10.9.9.9, not-an-ip") == NGINX


@override_settings(LOGIN_PROXY_COUNT=2)
def test_behind_two_proxies_the_second_entry_from_the_right_is_the_client():
    assert address("10.9.9.9, 203.0.113.5, 192.0.2.10") == "203.0.113.5"
    assert address("203.0.113.5, 192.0.2.10") == "203.0.113.5"
    assert address("192.0.2.10") == NGINX


@override_settings(LOGIN_PROXY_COUNT=1)
def test_a_spoofed_left_hand_address_is_ignored_behind_one_proxy(db, client, settings):
    make_user("victim")
    make_user("canbo")
    # A single-entry header (nginx with no header from the client) is recorded.
    login(client, "canbo", "wrong", NGINX, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert AccessAttempt.objects.get(username="canbo").ip_address == "203.0.113.5"
    # Changing the left-hand entry each time does not escape the lock.
    for n in range(settings.AXES_FAILURE_LIMIT):
        login(
            client,
            "victim",
            "wrong",
            NGINX,
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 203.0.113.66",
        )
    assert set(
        AccessAttempt.objects.filter(username="victim").values_list(
            "ip_address", flat=True
        )
    ) == {"203.0.113.66"}
    refused = login(
        client, "victim", PASSWORD, NGINX, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.66"
    )
    assert refused.status_code == 429
    # Spoofing the victim's own address on the left does not lock the victim.
    allowed = login(
        client,
        "victim",
        PASSWORD,
        NGINX,
        HTTP_X_FORWARDED_FOR="203.0.113.66, 198.51.100.7",
    )
    assert logged_in(allowed)


def deploy_docs():
    """The X-Forwarded-For lines of the nginx configuration and the LOGIN_PROXY_COUNT
    lines of the environment file that docs/deploy.md tells to install."""
    text = DEPLOY.read_text()
    blocks = re.findall(r"^```(\w*)\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
    nginx = "".join(body for kind, body in blocks if kind == "nginx")
    env = "".join(body for _, body in blocks if "DJANGO_SETTINGS_MODULE=" in body)
    headers = re.findall(r"proxy_set_header\s+X-Forwarded-For\s+(\S+);", nginx)
    counts = re.findall(r"^LOGIN_PROXY_COUNT=(\d+)$", env, re.MULTILINE)
    return headers, counts


def nginx_forwarded_for(variable, client_header, remote_addr):
    """X-Forwarded-For as nginx sends it upstream for the documented variable."""
    if variable == "$remote_addr":
        return remote_addr
    assert variable == "$proxy_add_x_forwarded_for", variable
    return f"{client_header}, {remote_addr}" if client_header else remote_addr


def test_the_documented_nginx_setting_gives_the_code_the_clients_address():
    headers, counts = deploy_docs()
    assert len(headers) == 1, "docs/deploy.md: one X-Forwarded-For line for nginx"
    assert counts == ["1"], "docs/deploy.md: LOGIN_PROXY_COUNT=1 in the environment"
    with override_settings(LOGIN_PROXY_COUNT=int(counts[0])):
        for sent_by_client in (None, "203.0.113.99", "1.1.1.1, 2.2.2.2"):
            forwarded = nginx_forwarded_for(headers[0], sent_by_client, "198.51.100.7")
            assert address(forwarded) == "198.51.100.7", forwarded


# --- Unlocking from the admin -----------------------------------------------------


def lockout(client, settings, username="canbo", at="10.0.0.1"):
    make_user(username)
    fail(client, username, settings.AXES_FAILURE_LIMIT, at)
    assert login(client, username, PASSWORD, at).status_code == 429
    return AccessAttempt.objects.get(username=username, ip_address=at)


CHANGELIST = "admin:axes_accessattempt_changelist"


def unlock(client, attempt):
    return client.post(
        reverse(CHANGELIST),
        {"action": "unlock", helpers.ACTION_CHECKBOX_NAME: [attempt.pk]},
    )


def test_city_staff_see_lockouts_and_unlock_them(db, client, settings):
    attempt = lockout(client, settings)
    city = make_user("city-1", CITY_STAFF)
    client.force_login(city)
    index = client.get(reverse("admin:index")).content.decode()
    assert "Bảo mật đăng nhập" in index
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert "canbo" in page and "Khóa đến" in page and "Mở khóa" in page
    response = unlock(client, attempt)
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(pk=attempt.pk).exists()
    client.logout()
    assert logged_in(login(client, "canbo", PASSWORD))


@pytest.mark.parametrize("role", [WARD_STAFF, LEADERS])
def test_ward_staff_and_leaders_cannot_see_or_unlock(db, client, settings, role):
    attempt = lockout(client, settings)
    client.force_login(make_user("other-1", role))
    assert client.get(reverse(CHANGELIST)).status_code == 403
    assert unlock(client, attempt).status_code == 403
    log = reverse("admin:axes_accesslog_changelist")
    assert client.get(log).status_code == 403
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()
