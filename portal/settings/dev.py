"""Local development: a fixed throwaway key, DEBUG on, plain HTTP."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-not-for-production")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")

from .base import *  # noqa: E402,F403

ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
