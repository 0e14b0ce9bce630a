"""Settings shared by every environment; production-safe on their own.

Everything that differs between machines comes from the environment:
DATABASE_URL, DATABASE_REPLICA_URL, CONN_MAX_AGE, SECRET_KEY, DEBUG, ALLOWED_HOSTS,
REDIS_URL, ADMIN_URL, and for login throttling LOGIN_FAILURE_LIMIT,
LOGIN_ADDRESS_FAILURE_LIMIT, LOGIN_LOCKOUT_MINUTES, LOGIN_PROXY_COUNT.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


# Outside dev and test a missing key must stop the process instead of running
# with a guessable one.
SECRET_KEY = os.environ.get("SECRET_KEY", "").strip()
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set in the environment (use portal.settings.dev for local work)."
    )

DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "import_export",
    "simple_history",
    "imagekit",
    # django-axes, named in Vietnamese (campaigns/access/apps.py).
    "campaigns.access.apps.LoginSecurityConfig",
    "csp",
    "campaigns",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Whole public pages from the cache (campaigns/middleware.py); inside every
    # middleware that adds headers, so cached pages get them too.
    "campaigns.public.middleware.PublicPageCacheMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Scaling out: public pages read from a streaming replica (see docs/deploy.md).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    # Tests run against the primary only; the replica alias mirrors it.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["portal.db_routers.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "portal.db_routers.PublicReadsOnReplicaMiddleware",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # Django's, with one redis-py client per pool (portal/cache_backend.py).
            "BACKEND": "portal.cache_backend.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "portal",
            # Short timeouts: an unreachable Redis is skipped (campaigns/cache.py), and
            # must not hold a worker for redis-py's default 5 s per call. Ample for the
            # largest page (12 MB) on a local network: the timeout is per socket read.
            "OPTIONS": {
                "socket_connect_timeout": float(
                    os.environ.get("REDIS_CONNECT_TIMEOUT", "0.25")
                ),
                "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "portal",
        }
    }

# Django's four validators, worded in Vietnamese by the portal (Django's catalogue
# leaves some in English).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "campaigns.access.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "campaigns.access.passwords.MinimumLengthValidator"},
    {"NAME": "campaigns.access.passwords.CommonPasswordValidator"},
    {"NAME": "campaigns.access.passwords.NumericPasswordValidator"},
]

# Vietnamese is the language of every user; English exists only as msgids. No
# LocaleMiddleware: a browser asking for English must still get the Vietnamese portal.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese"))]
LOCALE_PATHS = [BASE_DIR / "campaigns" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Django's vi formats give 18/11/2024 and 1.234.567 once grouping is on.
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["portal.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"
# The data-entry screen posts a ward's whole year: 23 fields per residential area, so
# Django's 1,000 refused a ward of 44 areas or more with a 400 (issue 17). 10,000 is
# 400 areas; the body stays capped by DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
MEDIA_URL = "/media/"
# Photos (issue 14): the upload cap, and renditions made when a photo is saved, so a
# page never asks the storage whether a rendition exists (a request each on S3).
PHOTO_MAX_UPLOAD_BYTES = int(os.environ.get("PHOTO_MAX_UPLOAD_MB", "10")) * 1024 * 1024
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"
IMAGEKIT_CACHEFILE_DIR = "renditions"
# Production on an S3-compatible service (django-storages, extra "s3"): see docs/deploy.md.
if os.environ.get("MEDIA_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["MEDIA_S3_BUCKET"],
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            # Photos are public: plain URLs on a domain in MEDIA_ORIGINS (the CSP).
            "custom_domain": os.environ.get("MEDIA_S3_CUSTOM_DOMAIN") or None,
            "access_key": os.environ.get("MEDIA_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("MEDIA_S3_SECRET_ACCESS_KEY") or None,
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {
                "CacheControl": "public, max-age=31536000, immutable"
            },
        },
    }

ADMIN_URL = os.environ.get("ADMIN_URL", "quan-tri/").strip("/") + "/"
LOGIN_URL = "admin:login"

# Behind a TLS-terminating reverse proxy; each can be turned off for plain-HTTP setups.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Load balancers probe /healthz over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# A refused form (expired or forged CSRF token) is explained in Vietnamese.
CSRF_FAILURE_VIEW = "campaigns.public.views.csrf_failure"

IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
# Uploads wait for confirmation in the database, not in one app server's /tmp.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "campaigns.admin.spreadsheets.DatabaseImportStorage"
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# Import and export need their own permissions (import_<model>, export_<model>).
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"

# Reverting from the history page would bypass the approval workflow and the scope
# checks of the forms; changes go through the change form or the workflow actions.
SIMPLE_HISTORY_REVERT_DISABLED = True
# Reasons for returns and reopenings, and import file names, can be long.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# --- Login throttling (django-axes) ---------------------------------------------
AUTHENTICATION_BACKENDS = [
    "campaigns.access.login.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failed logins are counted per account and address, and per address, never per
# account alone: anyone could otherwise lock any account by typing its name
# (campaigns/access/login.py). The address limit is higher so that the staff of one
# office behind one NAT address are not locked by each other's typos.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", "30"))
AXES_HANDLER = "campaigns.access.login.LoginThrottleHandler"
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15"))
)
AXES_RESET_ON_SUCCESS = True
# A login refused during a lockout does not extend it: the page tells the time from
# which to try again, and that time must hold.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "campaigns.access.login.lockout_response"
# Behind reverse proxies every request comes from the last proxy's address; set
# LOGIN_PROXY_COUNT to their number (1 behind the nginx of docs/deploy.md) and the
# client's address is read from X-Forwarded-For, counted from the right where our
# proxies append it. Without it X-Forwarded-For is ignored: a client can forge it.
LOGIN_PROXY_COUNT = int(os.environ.get("LOGIN_PROXY_COUNT", "").strip() or "0")
AXES_CLIENT_IP_CALLABLE = "campaigns.access.login.client_address"

# The data-entry screen warns (never refuses) when an area's households differ from
# the year before by more than this share, in per cent (selectors/checks.py).
ENTRY_HOUSEHOLD_CHANGE_PERCENT = int(
    os.environ.get("ENTRY_HOUSEHOLD_CHANGE_PERCENT", "20")
)

# --- Content-Security-Policy (django-csp) ---------------------------------------
# No inline or third-party scripts anywhere (the admin of Django 5.2 has none).
# Inline styles stay allowed: server-drawn SVG charts and third-party admin
# templates use style attributes, and styles cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        # Photos served from an S3-compatible service's domain, when set.
        "img-src": [SELF, "data:", *env_list("MEDIA_ORIGINS")],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Lockouts and the permission gate's refusals are always logged.
        "campaigns.security": {"level": "INFO"},
        "axes": {"level": os.environ.get("AXES_LOG_LEVEL", "WARNING")},
    },
}
