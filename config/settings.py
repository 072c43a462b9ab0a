"""Settings, read from the environment with production-safe defaults.

Development mode is switched on explicitly with DJANGO_DEBUG=1. The secret key
comes from DJANGO_SECRET_KEY, or else from a private file made on first use.
The README lists every variable.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")


def secret_from_file(path: Path) -> str:
    """This installation's own random key, made on first use and kept private.

    Several instances behind one name must share a key: give them
    DJANGO_SECRET_KEY instead.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it a moment ago
            pass
        else:
            with os.fdopen(descriptor, "w") as file:
                file.write(secrets.token_urlsafe(50))
    key = path.read_text().strip()
    if len(key) < 50:
        raise ImproperlyConfigured(
            f"{path} holds no usable secret key; delete it or set DJANGO_SECRET_KEY"
        )
    return key


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or secret_from_file(
    Path(os.environ.get("DJANGO_SECRET_KEY_FILE", str(BASE_DIR / "var" / "secret-key")))
)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Public pages have no accounts and no sessions: their answers live in the URL.
# Only the staff console (/staff/) logs people in, with Django's own auth,
# sessions and admin; their middleware runs on /staff/ paths alone (see
# wizard.staff.middleware), since each one Django runs on a thread under ASGI
# costs every request.
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "csp",
    "wizard.questions",
    "wizard.probe",
    "wizard.staff",
]

MIDDLEWARE = [
    # Django's own, with their hooks on the event loop (see wizard.web.middleware).
    "wizard.web.middleware.SecurityMiddleware",
    # A page seen lately, answered whole from memory past everything below.
    "wizard.web.page_cache.PageCacheMiddleware",
    # Async-capable (unlike WhiteNoise's), so no request is pushed onto a thread.
    "servestatic.middleware.ServeStaticMiddleware",
    # Before anything that changes the body, so repeat views get a 304.
    "wizard.web.middleware.ConditionalGetMiddleware",
    "wizard.web.middleware.LocaleMiddleware",
    "wizard.web.middleware.CommonMiddleware",
    # Sessions, the logged-in user and messages, for /staff/ paths only.
    "wizard.staff.middleware.StaffOnlyMiddleware",
    "wizard.web.middleware.CsrfViewMiddleware",
    "wizard.web.middleware.XFrameOptionsMiddleware",
    "wizard.web.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                # Both read only what the staff middleware set: nothing on public pages.
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wizard.web.context_processors.language_switch",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("DJANGO_DB_PATH", str(BASE_DIR / "var" / "db.sqlite3")),
        # Probe results are written from a background thread while pages read:
        # wait for a lock rather than fail.
        "OPTIONS": {"timeout": 20},
    }
}
# PostgreSQL (or any database dj-database-url reads) for several instances, e.g.
# postgres://user:pass@db:5432/wizard. Under ASGI each request's sync work runs
# on a thread of its own, so a persistent connection would be one per thread:
# connections come from Django's psycopg pool instead, and go back to it at the
# end of each request (CONN_MAX_AGE 0).
if os.environ.get("DATABASE_URL"):
    DATABASES["default"] = dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=0)
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"]["OPTIONS"] = {
            "pool": {
                "min_size": 1,
                "max_size": int(os.environ.get("DJANGO_DB_POOL_SIZE", "10")),
                # Seconds a request waits for a connection: while PostgreSQL
                # is down, a 503 after this wait (wizard.web.site_views).
                "timeout": 5,
            }
        }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Tokyo"
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "servestatic.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Security --------------------------------------------------------------------
# Production serves HTTPS only. DJANGO_HTTPS=0 is for plain HTTP on loopback
# (`make run`, tests); behind a proxy that terminates TLS, keep it on and set
# DJANGO_SECURE_PROXY_SSL_HEADER=1.
HTTPS = env_bool("DJANGO_HTTPS", default=not DEBUG)
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
# Sessions and CSRF tokens belong to the staff console: their cookies are sent
# to /staff/ paths only, so public pages stay cookie-free and cacheable.
SESSION_COOKIE_PATH = CSRF_COOKIE_PATH = "/staff/"
SESSION_COOKIE_NAME, CSRF_COOKIE_NAME = "staff_session", "staff_csrftoken"
SESSION_COOKIE_AGE = 12 * 3600  # one working day
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Strict"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
LOGIN_URL = "staff:login"
LOGIN_REDIRECT_URL = "staff:home"
LOGOUT_REDIRECT_URL = "staff:login"
# The admin's checks look for the session, auth and messages middleware in
# MIDDLEWARE; here they run inside wizard.staff.middleware, on /staff/ paths.
SILENCED_SYSTEM_CHECKS = ["admin.E408", "admin.E409", "admin.E410"]
# Django's security middleware checks look for their dotted paths; ours are
# subclasses (wizard.web.middleware), which its own check looks for instead.
SILENCED_SYSTEM_CHECKS += ["security.W001", "security.W002", "security.W003"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer's check may speak plain HTTP

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Everything is served from here: htmx, our script and CSS. No inline script or
# style anywhere, so the policy needs no 'unsafe-inline'.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# Caches hold the probe's rate limits and per-target results; set
# DJANGO_REDIS_URL (redis://host:6379/0) to share them between instances.
if os.environ.get("DJANGO_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["DJANGO_REDIS_URL"],
            # Never an unbounded wait on a Redis that hangs: a 503 instead.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rendered pages: per process and apart from the limits, so no flood of page
# addresses can push a rate-limit counter out.
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "pages",
    "OPTIONS": {"MAX_ENTRIES": 1000},
}

# Behind a reverse proxy, its addresses (CIDRs): only then is X-Forwarded-For
# read to find the client. Never trusted by default.
WIZARD_TRUSTED_PROXIES = env_list("WIZARD_TRUSTED_PROXIES")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# The wizard --------------------------------------------------------------------
# DNS servers for the connection hint and the probe, e.g. "127.0.0.1:5353";
# empty means the system resolver.
WIZARD_DNS_NAMESERVERS = env_list("WIZARD_DNS_NAMESERVERS")

# The probe (SPEC section 8) ----------------------------------------------------
WIZARD_PROBE_TIMEOUT = float(os.environ.get("WIZARD_PROBE_TIMEOUT", "10"))
WIZARD_PROBE_PORT_MAP = os.environ.get("WIZARD_PROBE_PORT_MAP", "")
# CIDRs exempt from the deny-list, for test labs only; none by default.
WIZARD_PROBE_ALLOW_NETWORKS = env_list("WIZARD_PROBE_ALLOW_NETWORKS")
# A CA bundle to trust instead of the system's (test labs with their own CA).
WIZARD_PROBE_CA_FILE = os.environ.get("WIZARD_PROBE_CA_FILE", "")
WIZARD_PROBE_EHLO_NAME = os.environ.get("WIZARD_PROBE_EHLO_NAME", "localhost")
WIZARD_PROBE_RETENTION_DAYS = int(os.environ.get("WIZARD_PROBE_RETENTION_DAYS", "30"))
# Per client address, e.g. "10/m", "100/h"; empty turns the limit off.
WIZARD_PROBE_RATE_LIMIT = os.environ.get("WIZARD_PROBE_RATE_LIMIT", "10/m")
# Probes running at once in one process; more get 503 with Retry-After.
WIZARD_PROBE_MAX_IN_FLIGHT = int(os.environ.get("WIZARD_PROBE_MAX_IN_FLIGHT", "20"))
# A target probed this recently gets the last report again instead of a new probe.
WIZARD_PROBE_CACHE_SECONDS = int(os.environ.get("WIZARD_PROBE_CACHE_SECONDS", "300"))
# If set, the probe only ever connects inside these CIDRs (staging, tests).
WIZARD_PROBE_ONLY_NETWORKS = env_list("WIZARD_PROBE_ONLY_NETWORKS")

# Counts for the staff console ---------------------------------------------------
# Result pages and probes counted per day by case, mail program, language and
# outcome (no address, answer or target is kept); 0 switches counting off.
WIZARD_COUNTS = env_bool("WIZARD_COUNTS", True)
# How often at most a process writes its counts to the database.
WIZARD_COUNTS_FLUSH_SECONDS = float(os.environ.get("WIZARD_COUNTS_FLUSH_SECONDS", "5"))

# Configuration profiles (SPEC section 8) ------------------------------------------
# PEM files to sign the Apple setup profiles with (the certificate file may hold
# the chain after the leaf); both empty: profiles are served unsigned.
WIZARD_PROFILE_SIGNING_CERT = os.environ.get("WIZARD_PROFILE_SIGNING_CERT", "")
WIZARD_PROFILE_SIGNING_KEY = os.environ.get("WIZARD_PROFILE_SIGNING_KEY", "")
