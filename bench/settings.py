"""Production settings plus one extra URL: the minimal view the home page is compared with."""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-key-" + "x" * 40)
# Loopback HTTP: no TLS redirect, no secure-only cookies.
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")

from portal.settings.base import *  # noqa: E402,F403

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
LOGGING = {"version": 1, "disable_existing_loggers": False}
