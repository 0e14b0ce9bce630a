"""Security: a login, deploy checks, security headers, configurable admin URL."""

import os
import re
import secrets

import pytest
from django.urls import reverse

from campaigns import models

from ..accounts import PASSWORD, World, make_user
from ..test_settings import run_python as run_with_env

# Test settings put these in the environment; production leaves them unset.
NOT_PRODUCTION = (
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_COOKIES",
    "SECURE_HSTS_SECONDS",
    # Set by browser tests for Playwright; check --deploy warns about it.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def run_python(code, **env):
    """Run `code` in a fresh interpreter with production defaults plus `env`."""
    saved = {
        name: os.environ.pop(name) for name in NOT_PRODUCTION if name in os.environ
    }
    try:
        return run_with_env(code, **env)
    finally:
        os.environ.update(saved)


LOGIN = "admin:login"


def login(client, username, password, address="10.0.0.1"):
    return client.post(
        reverse(LOGIN),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
    )


# Lockouts themselves: test_lockout.py.


def test_a_successful_login_works_and_is_not_throttled(db, client):
    make_user("ok-user")
    login(client, "ok-user", "wrong")
    response = login(client, "ok-user", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_check_deploy_is_clean_under_production_settings():
    result = run_python(
        "import sys; from django.core.management import execute_from_command_line;"
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        DJANGO_SETTINGS_MODULE="portal.settings.base",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="mttq.example.vn",
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output
    assert "WARNING" not in output


def test_admin_url_is_configurable():
    result = run_python(
        "import django; django.setup(); from django.urls import reverse;"
        "print(reverse('admin:index'), reverse('campaigns_admin:completeness'))",
        DJANGO_SETTINGS_MODULE="portal.settings.base",
        SECRET_KEY=secrets.token_urlsafe(50),
        ADMIN_URL="bi-mat-2024/",
    )
    assert result.stdout.split() == [
        "/bi-mat-2024/",
        "/bi-mat-2024/workflow/completeness/",
    ]


def assert_security_headers(response):
    csp = response["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in csp.split(";") if part.strip()
    )
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["default-src"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_security_headers_on_public_and_login_pages(db, client):
    for url in ("/", reverse(LOGIN), "/khong-co-trang-nay/"):
        assert_security_headers(client.get(url))


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


def test_admin_pages_have_headers_and_no_inline_scripts(reference, client):
    """The CSP forbids inline scripts: no admin page may rely on one."""
    world = World()
    client.force_login(world.users["city"])
    result = world.a[models.AnnualResult]
    urls = [
        reverse("admin:index"),
        reverse("admin:campaigns_annualresult_changelist"),
        reverse("admin:campaigns_annualresult_add"),
        reverse("admin:campaigns_annualresult_change", args=(result.pk,)),
        reverse("admin:campaigns_annualresult_history", args=(result.pk,)),
        reverse("admin:campaigns_annualresult_workflow", args=(result.pk, "submit")),
        reverse("admin:auth_user_change", args=(world.users["ward_a"].pk,)),
        reverse("campaigns_admin:completeness"),
        reverse("campaigns_admin:submit-ward-year"),
        reverse("campaigns_admin:change-history"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_security_headers(response)
        page = response.content.decode()
        assert not INLINE_SCRIPT.findall(page), url
        assert not INLINE_HANDLER.findall(page), url


@pytest.mark.parametrize("value", ["", "   "])
def test_production_settings_refuse_an_empty_secret_key(value):
    result = run_python(
        "import django; django.setup()",
        DJANGO_SETTINGS_MODULE="portal.settings.base",
        SECRET_KEY=value,
    )
    assert result.returncode != 0
