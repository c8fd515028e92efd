"""Backsite settings: one module, driven by environment variables.

Nothing secret lives here. A developer runs the site with no configuration at all
(`make run` supplies a generated SECRET_KEY); a deployment sets the variables below.

- DEBUG: "1"/"true" turns debug on; off otherwise.
- SECRET_KEY: required whenever DEBUG is off (a checkout's .secret_key, made by `make run`,
  stands in for it; SECRET_KEY_FILE names another file).
- ALLOWED_HOSTS: comma-separated; defaults to the loopback names.
- DATABASE_URL: defaults to SQLite in the project folder; postgres://... for PostgreSQL.
- REDIS_URL: optional; the cache uses Redis when set, local memory otherwise.
- HTTPS: "1" behind a TLS-terminating proxy: secure cookies, HSTS and redirects.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
# A checkout that `make run` has started keeps its generated key in .secret_key, so the
# README's manage.py commands work there as pasted. A deployment has no such file and must
# set SECRET_KEY.
KEY_FILE = Path(os.environ.get("SECRET_KEY_FILE", BASE_DIR / ".secret_key"))
if not SECRET_KEY and KEY_FILE.is_file():
    SECRET_KEY = KEY_FILE.read_text().strip()
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = "django-insecure-development-only-key"  # noqa: S105 (debug only)
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set, and there is no .secret_key file (`make run` makes one). Set the "
            "SECRET_KEY environment variable to a long random "
            "string (python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DEBUG=1 for local development."
        )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.redirects",
    "django.contrib.postgres",  # search vectors and trigrams on PostgreSQL; inert on SQLite
    "django.contrib.sitemaps",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "simple_history",
    "axes",
    "core",
    "exercises",
    "articles",
    "programs",
    "backsite",  # the project package: commands that span the apps (export_catalogue)
]

MIDDLEWARE = [
    # An id for every request, in the X-Request-ID header and on every log line.
    "backsite.requestlog.RequestIdMiddleware",
    # A page that needs the database while it is down gets a 503, not a 500 (backsite/outage.py).
    "backsite.outage.DatabaseOutageMiddleware",
    # Lets anonymous reads use the read replica, when there is one (backsite/routers.py).
    "backsite.routers.PublicReadMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Access-Control-Allow-Origin: * on the read-only API (/api/ only), cached copies included.
    "corsheaders.middleware.CorsMiddleware",
    # Permissions-Policy, and private, no-store for signed-in sessions (backsite/security.py).
    "backsite.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag/If-None-Match -> 304, for cached and fresh pages alike.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Anonymous pages from the cache, keyed by the content version (core/pagecache.py).
    "core.pagecache.PageCacheMiddleware",
    # Gzip for public pages only, never for a response that may hold a secret (BREACH); the
    # page cache above stores the compressed bytes (core/compression.py).
    "core.compression.CompressPublicMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records who made each change for the revision history.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Answers 404s from renamed pages with a 301 to their new address (core/redirects.py).
    "django.contrib.redirects.middleware.RedirectFallbackMiddleware",
    # Locks out repeated failed admin logins (django-axes); last, as its docs ask.
    "axes.middleware.AxesMiddleware",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# After 5 failed logins for one username from one address, that pair waits 15 minutes. The
# address is the reader's, not a proxy's: set TRUSTED_PROXIES to the number of proxies in
# front that append to X-Forwarded-For (backsite/security.py); see docs/operations.md.
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
AXES_CLIENT_IP_CALLABLE = "backsite.security.client_ip"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_VERBOSE = False  # no start-up banner in every command's output
# The admin lives at /admin/ unless ADMIN_PATH moves it (for example "backstage-7f3a/").
ADMIN_PATH = os.environ.get("ADMIN_PATH", "admin/").strip("/") + "/"
SITE_ID = 1

ROOT_URLCONF = "backsite.urls"

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
                # The header's links and the open section (reversed once, not per page).
                "backsite.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "backsite.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if os.environ.get("DATABASE_REPLICA_URL"):
    # Anonymous page reads go to the replica; everything else to the primary (backsite/routers.py).
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["backsite.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "backsite.cache.RedisCache",  # Django's, with a circuit breaker
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "backsite",
            # Passed to redis-py's connection pool: a frozen Redis costs a request at most this.
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.05")),
                "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.05")),
            },
        }
    }
else:
    # Per process, bounded: at most PAGE_CACHE_ENTRIES pages (about 50 KB each); when full, a
    # third of the entries are dropped (docs/deploy.md has Redis's bound, maxmemory + LRU).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_ENTRIES", "500")), "CULL_FREQUENCY": 3},
        }
    }

# Whole pages for anonymous readers; any content change invalidates them at once.
PAGE_CACHE = env_bool("PAGE_CACHE", default=True)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# What shared caches in front (nginx, a CDN) may do with public pages (docs/deploy.md): keep
# them SHARED_CACHE_SECONDS (a change reaches readers within it), answer once from a stale copy
# while refreshing, and keep serving stale copies while the site fails.
SHARED_CACHE_SECONDS = int(os.environ.get("SHARED_CACHE_SECONDS", "10"))
STALE_WHILE_REVALIDATE_SECONDS = int(os.environ.get("STALE_WHILE_REVALIDATE_SECONDS", "30"))
STALE_IF_ERROR_SECONDS = int(os.environ.get("STALE_IF_ERROR_SECONDS", "86400"))
BENCHMARK = env_bool("BENCHMARK")  # routes /bench/bare for `make bench`; never in production

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploaded images. Locally they are served by Django itself when SERVE_MEDIA is on (`make run`
# turns it on); in production a web server or object storage serves MEDIA_ROOT, see
# docs/operations.md.
MEDIA_URL = os.environ.get("MEDIA_URL", "media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=DEBUG)
IMAGE_MAX_UPLOAD_BYTES = 8 * 1024 * 1024
IMAGE_MAX_SIDE = 6000

# The open data package (`manage.py export_catalogue`, listed at /data/): built into
# DATA_PACKAGE_ROOT, served under MEDIA_URL like uploads. SITE_URL makes its links absolute.
DATA_PACKAGE_ROOT = Path(os.environ.get("DATA_PACKAGE_ROOT", MEDIA_ROOT / "data"))
DATA_PACKAGE_URL = os.environ.get("DATA_PACKAGE_URL", f"/{MEDIA_URL.strip('/')}/data/")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Security headers. A strict Content Security Policy: no inline scripts or styles, nothing
# from other origins. Templates must keep it that way.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

if env_bool("HTTPS"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)

# One JSON object per line on stdout, each with the request id (backsite/requestlog.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "backsite.requestlog.RequestIdFilter"}},
    "formatters": {"json": {"()": "backsite.requestlog.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Anyone can send a bad Host header; each is answered with a 400 and is not worth an
        # error line (a scanner would flood the log).
        "django.security.DisallowedHost": {"level": "CRITICAL", "propagate": True},
    },
}

# Site-wide wording that editors do not change often enough to need a model.
SITE_NAME = "Backsite"

# The read-only JSON API (/api/v1/, docs/api.md): published content for anyone, as JSON only
# (no browsable pages, whose scripts a strict CSP would block), anonymous clients throttled.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_PAGINATION_CLASS": "core.pagination.ForgivingPagination",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("API_THROTTLE_RATE", "120/min")},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Backsite API",
    "DESCRIPTION": (
        "Read-only access to Backsite's published back-training catalogue: exercises with "
        "their muscles, equipment and goals, muscles, back regions, equipment and goals. "
        "Content is published under CC BY-SA 4.0."
    ),
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "LICENSE": {"name": "CC BY-SA 4.0 (content)", "url": "https://creativecommons.org/licenses/by-sa/4.0/"},
    "ENUM_NAME_OVERRIDES": {
        "ExerciseKindEnum": "exercises.models.Exercise.Kind",
        "EquipmentKindEnum": "exercises.models.Equipment.Kind",
        "LevelEnum": "programs.models.Level",
    },
}
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
