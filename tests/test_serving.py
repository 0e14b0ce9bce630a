"""Production serving setup: connections, cache, replica routing, static files, gunicorn."""

import json
import os
import socket
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import RequestFactory

from portal import db_routers

from .test_settings import ROOT, SETUP, run_python

PRODUCTION = {"DJANGO_SETTINGS_MODULE": "portal.settings.base", "SECRET_KEY": "x" * 50}


def test_database_connections_persist_with_health_checks():
    default = settings.DATABASES["default"]
    assert default["CONN_MAX_AGE"] == 60
    assert default["CONN_HEALTH_CHECKS"] is True


def test_redis_url_selects_redis_cache_and_local_memory_otherwise():
    code = SETUP + "; print(settings.CACHES['default']['BACKEND'])"
    with_redis = run_python(code, REDIS_URL="redis://127.0.0.1:6379/6", **PRODUCTION)
    assert "RedisCache" in with_redis.stdout, with_redis.stderr
    without = run_python(code, REDIS_URL="", **PRODUCTION)
    assert "LocMemCache" in without.stdout, without.stderr


def test_an_unreachable_redis_is_skipped_not_fatal():
    # Nothing listens on port 1: the real client's errors, not a test double's.
    code = SETUP + (
        "; import json"
        "; from campaigns import cache as c"
        "; from django.core.cache import caches"
        "; c.bump_generation()"
        "; value = c.cached('t', compute=lambda: 'computed')"
        "; print(json.dumps([value, c.status(), caches['default']._options]))"
    )
    result = run_python(code, REDIS_URL="redis://127.0.0.1:1/0", **PRODUCTION)
    value, status, options = json.loads(result.stdout.splitlines()[-1])
    assert (value, status) == ("computed", "degraded"), result.stderr
    assert options == {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}
    assert "Cache unavailable (ConnectionError" in result.stderr


def redis_is_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not redis_is_up(), reason="no Redis on 127.0.0.1:6379")
def test_generation_cache_works_through_the_local_redis():
    code = SETUP + (
        "; from campaigns import cache as c"
        "; from django.core.cache import cache"
        "; cache.delete(c.GENERATION_KEY)"
        "; first = c.cached('t', compute=lambda: 'one')"
        "; again = c.cached('t', compute=lambda: 'two')"
        "; c.bump_generation()"
        "; after = c.cached('t', compute=lambda: 'three')"
        "; from django.core.cache import caches"
        "; client = caches['default']._cache.get_client"
        "; reused = client() is client() and client(write=True) is client()"
        "; print(first, again, after, type(caches['default']).__name__, reused)"
    )
    result = run_python(code, REDIS_URL="redis://127.0.0.1:6379/6", **PRODUCTION)
    # One redis-py client per pool, not one per call (portal/cache_backend.py).
    assert result.stdout.split()[-5:] == [
        "one",
        "one",
        "three",
        "RedisCache",
        "True",
    ], result.stderr


def test_replica_url_adds_a_mirrored_replica_and_the_router():
    code = SETUP + (
        "; import json"
        "; print(json.dumps([sorted(settings.DATABASES),"
        " settings.DATABASES['replica']['NAME'],"
        " settings.DATABASES['replica']['TEST']['MIRROR'],"
        " settings.DATABASE_ROUTERS,"
        " 'portal.db_routers.PublicReadsOnReplicaMiddleware' in settings.MIDDLEWARE]))"
    )
    result = run_python(
        code,
        DATABASE_URL="postgres://u@10.0.0.1:5432/portal",
        DATABASE_REPLICA_URL="postgres://u@10.0.0.2:5432/portal",
        **PRODUCTION,
    )
    assert json.loads(result.stdout.splitlines()[-1]) == [
        ["default", "replica"],
        "portal",
        "default",
        ["portal.db_routers.ReplicaRouter"],
        True,
    ], result.stderr
    plain = run_python(
        SETUP + "; print(sorted(settings.DATABASES), settings.DATABASE_ROUTERS)",
        **PRODUCTION,
    )
    assert plain.stdout.splitlines()[-1] == "['default'] []", plain.stderr


class Probe:
    def __init__(self):
        self.seen = None

    def __call__(self, request):
        self.seen = db_routers.ReplicaRouter().db_for_read(None)
        return self.seen


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("get", "/", "replica"),
        ("head", "/quy-vi-nguoi-ngheo/", "replica"),
        ("post", "/", "default"),
        ("get", "/quan-tri/campaigns/annualresult/", "default"),
    ],
)
def test_only_public_reads_go_to_the_replica(monkeypatch, method, path, expected):
    monkeypatch.setattr(db_routers, "replica_configured", lambda: True)
    probe = Probe()
    middleware = db_routers.PublicReadsOnReplicaMiddleware(probe)
    middleware(getattr(RequestFactory(), method)(path))
    assert probe.seen == expected
    router = db_routers.ReplicaRouter()
    # Outside a request, and for every write or migration: the primary.
    assert router.db_for_read(None) == "default"
    assert router.db_for_write(None) == "default"
    assert router.allow_migrate("replica", "campaigns") is False


def test_without_a_replica_public_reads_stay_on_the_primary():
    assert "replica" not in settings.DATABASES
    probe = Probe()
    db_routers.PublicReadsOnReplicaMiddleware(probe)(RequestFactory().get("/"))
    assert probe.seen == "default"


def test_collectstatic_writes_hashed_and_compressed_files(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(PRODUCTION, PORTAL_VAR_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    static = tmp_path / "static"
    manifest = json.loads((static / "staticfiles.json").read_text())
    hashed = manifest["paths"]["admin/css/base.css"]
    assert hashed != "admin/css/base.css"
    assert (static / hashed).exists()
    assert (static / f"{hashed}.gz").exists()


def test_gunicorn_config_is_valid_and_sized_for_the_cores():
    env = {k: v for k, v in os.environ.items() if k != "WEB_CONCURRENCY"}
    env.update(PRODUCTION)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--check-config",
            "--print-config",
            "-c",
            "gunicorn.conf.py",
            "portal.wsgi",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    config = {
        key.strip(): value.strip()
        for key, value in (
            line.split(" = ", 1) for line in result.stdout.splitlines() if " = " in line
        )
    }
    assert config["workers"].strip() == str(2 * os.cpu_count())
    assert config["worker_class"].strip() == "sync"
    assert config["preload_app"].strip() == "True"


def test_cached_aggregates_are_computed_on_the_primary(monkeypatch):
    from campaigns.cache import bump_generation, cached

    monkeypatch.setattr(db_routers, "replica_configured", lambda: True)
    router = db_routers.ReplicaRouter()
    seen = {}

    def view(request):
        seen["page"] = router.db_for_read(None)
        return cached(
            "probe",
            compute=lambda: seen.setdefault("compute", router.db_for_read(None)),
        )

    bump_generation()
    db_routers.PublicReadsOnReplicaMiddleware(view)(RequestFactory().get("/"))
    assert seen == {"page": "replica", "compute": "default"}
