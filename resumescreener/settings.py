"""Settings for the Resume Screener project.

Every setting that differs between machines comes from the environment variable of the same name, with a
default that is safe for development. Production sets at least SECRET_KEY, DEBUG=false, ALLOWED_HOSTS,
DATABASE_URL and REDIS_URL.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def env_int(name, default):
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value[:40]!r}.") from None


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Development only: a fixed, clearly-marked key so sessions survive restarts.
    SECRET_KEY = "django-insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "resumescreener.errors.csrf_failure"

# Behind HTTPS (production): secure cookies, redirect plain HTTP, and HSTS. A TLS-terminating proxy
# must set X-Forwarded-Proto.
HTTPS = env_bool("HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Joining the browsers' preload list is a deliberate, hard-to-undo choice: opt in with the setting above.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_rq",
    "axes",
    "progress",
    "resumes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files from the web process itself, in production too (no separate server to set up).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "resumescreener.middleware.DatabaseUnavailableMiddleware",
    "resumescreener.middleware.JsonApiErrorsMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

# CORS for a front end on another origin (off unless CORS_ALLOWED_ORIGINS is set). Credentials are
# allowed so that EventSource(url, {withCredentials: true}) and fetch(..., {credentials: "include"}) carry
# the session; such a front end also needs its origin in CSRF_TRUSTED_ORIGINS and, across sites,
# SESSION_COOKIE_SAMESITE=None over HTTPS.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", [])
CORS_MIDDLEWARE = "corsheaders.middleware.CorsMiddleware"
if CORS_ALLOWED_ORIGINS:
    INSTALLED_APPS.append("corsheaders")
    from corsheaders.defaults import default_headers

    MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.common.CommonMiddleware"), CORS_MIDDLEWARE)
    CORS_ALLOW_CREDENTIALS = True
    CORS_ALLOW_HEADERS = (*default_headers, "last-event-id")
SESSION_COOKIE_SAMESITE = os.environ.get("SESSION_COOKIE_SAMESITE", "Lax")
CSRF_COOKIE_SAMESITE = SESSION_COOKIE_SAMESITE

# Pushpin (or another GRIP proxy) in front of the stream endpoint: it holds the streams, the web process
# none. GRIP_URL is its publish endpoint with the key it signs requests with, e.g.
# http://127.0.0.1:5561?iss=pushpin&key=<secret>. See docs/deploy.md.
GRIP_URL = os.environ.get("GRIP_URL", "")
if GRIP_URL:
    MIDDLEWARE.insert(0, "django_grip.GripMiddleware")

ROOT_URLCONF = "resumescreener.urls"

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

WSGI_APPLICATION = "resumescreener.wsgi.application"
ASGI_APPLICATION = "resumescreener.asgi.application"

# SQLite by default; PostgreSQL (or anything dj-database-url understands) when DATABASE_URL is set.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=0,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web process and RQ workers write concurrently: wait for the lock instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = env_int("DATABASE_LOCK_TIMEOUT_SECONDS", 20)
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A request waits this long for a lock, then fails (503) instead of hanging.
    timeout_ms = env_int("DATABASE_LOCK_TIMEOUT_SECONDS", 20) * 1000
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = f"-c lock_timeout={timeout_ms}"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"

# Login throttling (django-axes), for the site's login form and the admin's alike: after
# LOGIN_FAILURE_LIMIT failed logins from one address, or for one user name, further attempts from that
# address or for that name are refused for LOGIN_COOLOFF_MINUTES, with a page that says so (HTTP 429).
# A successful login clears the address's and name's failures. The address is REMOTE_ADDR: behind a proxy,
# let the server set it from X-Forwarded-For (uvicorn --forwarded-allow-ips=<the proxy's address>).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "resumescreener.lockout.locked_out"
AXES_VERBOSE = False
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# WhiteNoise (see MIDDLEWARE) serves the apps' static folders as they are, so there is no collectstatic
# step to forget. STATIC_ROOT is only for someone who wants to collect them for a CDN.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = os.environ.get("STATIC_ROOT") or None
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))

# Redis: progress streams, live delivery and the RQ queues.
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")

RQ_QUEUES = {
    "default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600},
}
# `rqworker` runs this class unless told otherwise: jobs in the worker's own process (the file is read
# in a forked child), and a dead worker's job failed within about 20 s instead of 90 s or more
# (resumes/workers.py).
RQ = {"WORKER_CLASS": "resumes.workers.ScreeningWorker"}

# Redis through Sentinel (failover): REDIS_SENTINELS=host:port,host:port and the master's name. Both the
# progress streams and the RQ queues then follow the master; REDIS_URL is not used.
REDIS_SENTINELS = [
    (host, int(port)) for host, port in (item.rsplit(":", 1) for item in env_list("REDIS_SENTINELS", []))
]
REDIS_SENTINEL_MASTER = os.environ.get("REDIS_SENTINEL_MASTER", "mymaster")
if REDIS_SENTINELS:
    RQ_QUEUES["default"] = {
        "SENTINELS": REDIS_SENTINELS,
        "MASTER_NAME": REDIS_SENTINEL_MASTER,
        "DB": 0,
        "DEFAULT_TIMEOUT": 600,
    }

# Live progress (the `progress` app). See progress/conf.py for what each one does.
SSE_KEEPALIVE_SECONDS = env_int("SSE_KEEPALIVE_SECONDS", 30)
SSE_RETRY_MS = env_int("SSE_RETRY_MS", 3000)
SSE_MAX_STREAMS_PER_USER = env_int("SSE_MAX_STREAMS_PER_USER", 10)
PROGRESS_STREAM_MAXLEN = env_int("PROGRESS_STREAM_MAXLEN", 1000)
PROGRESS_TTL_SECONDS = env_int("PROGRESS_TTL_SECONDS", 86400)
SSE_MAX_QUEUED_EVENTS = env_int("SSE_MAX_QUEUED_EVENTS", 1000)
SSE_GZIP = env_bool("SSE_GZIP", True)
SSE_PRESENCE_INTERVAL_SECONDS = env_int("SSE_PRESENCE_INTERVAL_SECONDS", 10)
SSE_ACCESS_CHECK_SECONDS = env_int("SSE_ACCESS_CHECK_SECONDS", 10)

# django-eventstream publishes through our storage: each user's Redis stream.
EVENTSTREAM_STORAGE_CLASS = "progress.storage.ProgressStreamStorage"

# Logs go to stderr; LOG_FORMAT=json makes each line one JSON object (with the `extra` fields).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "resumescreener.log_format.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if os.environ.get("LOG_FORMAT") == "json" else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# /metrics: staff, or a scraper that sends `Authorization: Bearer <METRICS_TOKEN>`.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")

# Screening limits (the `resumes` app; see resumes/limits.py). Each one hit fails that file with a reason.
RESUME_MAX_FILE_BYTES = env_int("RESUME_MAX_FILE_BYTES", 10 * 1024 * 1024)
RESUME_MAX_FILES = env_int("RESUME_MAX_FILES", 500)
RESUME_ZIP_MAX_ENTRIES = env_int("RESUME_ZIP_MAX_ENTRIES", 500)
RESUME_ZIP_MAX_TOTAL_BYTES = env_int("RESUME_ZIP_MAX_TOTAL_BYTES", 200 * 1024 * 1024)
RESUME_ZIP_MAX_RATIO = env_int("RESUME_ZIP_MAX_RATIO", 100)
RESUME_EXTRACT_TIMEOUT_SECONDS = env_int("RESUME_EXTRACT_TIMEOUT_SECONDS", 30)
RESUME_EXTRACT_MEMORY_BYTES = env_int("RESUME_EXTRACT_MEMORY_BYTES", 512 * 1024 * 1024)
# Django refuses more than 100 files in one request by default (in HTML, before our view): allow a batch.
DATA_UPLOAD_MAX_NUMBER_FILES = RESUME_MAX_FILES
