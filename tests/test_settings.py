"""Settings come from the environment and refuse to run unsafely."""

import os
import subprocess
import sys
from pathlib import Path

import polib
from django.conf import settings
from django.utils import formats, translation

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "campaigns" / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def run_python(code: str, **env) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
    )


SETUP = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"


def test_production_settings_refuse_to_start_without_secret_key():
    result = run_python(SETUP, DJANGO_SETTINGS_MODULE="portal.settings.base")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_start_with_secret_key_and_debug_off():
    result = run_python(
        SETUP, DJANGO_SETTINGS_MODULE="portal.settings.base", SECRET_KEY="x" * 50
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_dev_settings_start_without_secret_key():
    result = run_python(SETUP, DJANGO_SETTINGS_MODULE="portal.settings.dev")
    assert result.returncode == 0, result.stderr


def test_database_url_selects_postgresql():
    code = (
        SETUP
        + "; print(settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'])"
    )
    result = run_python(
        code,
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        DATABASE_URL="postgres://u@127.0.0.1:5432/portal_x",
    )
    assert "django.db.backends.postgresql portal_x" in result.stdout, result.stderr


def test_vietnamese_locale_time_zone_and_formats():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ
    with translation.override("vi"):
        assert formats.number_format(1234567, force_grouping=True) == "1.234.567"
        import datetime

        assert (
            formats.date_format(datetime.date(2024, 11, 18), "SHORT_DATE_FORMAT")
            == "18/11/2024"
        )
        assert translation.gettext("Approved") == "Đã duyệt"


def test_translation_catalogue_is_complete_and_compiled():
    po = polib.pofile(str(PO))
    untranslated = [
        e.msgid
        for e in po
        if not e.obsolete
        and not (e.msgstr or (e.msgstr_plural and all(e.msgstr_plural.values())))
    ]
    fuzzy = [e.msgid for e in po if "fuzzy" in e.flags]
    assert not untranslated, untranslated
    assert not fuzzy, fuzzy
    mo = polib.mofile(str(PO.with_suffix(".mo")))
    # Keyed with the context: pgettext("column", "Households") is its own entry.
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in mo}
    stale = [
        e.msgid
        for e in po
        if not e.obsolete
        and compiled.get((e.msgctxt, e.msgid)) != (e.msgstr, e.msgstr_plural)
    ]
    assert not stale, f"run `make messages`: {stale[:5]}"


def test_pages_stay_vietnamese_for_a_browser_asking_for_english(client):
    response = client.get("/quan-tri/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert 'lang="vi"' in response.content.decode()
    assert "Đăng nhập" in response.content.decode()
