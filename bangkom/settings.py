"""Settings, read from the environment with defaults that work on a fresh machine
(SQLite file, no broker, console email). Production values are documented in docs/operations.md."""
import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
# The fallback key is only for development; production must set SECRET_KEY (check --deploy says so).
SECRET_KEY = os.environ.get("SECRET_KEY", "django-insecure-bangkom-dev-only-key-change-me")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "axes",
    "bangkom.pegawai",
    "bangkom.notifikasi",
    "bangkom.sesi",
    "bangkom.kompetensi",
    "bangkom.dokumen",
    "bangkom.dasbor",
    "jp_conversion",
    "coaching",
    "mentoring",
    "belajar_mandiri",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "bangkom.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "bangkom.pegawai.middleware.HeaderKeamananMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "bangkom.pegawai.middleware.WajibMasukMiddleware",
    "bangkom.pegawai.middleware.DatabaseTidakTersediaMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bangkom.urls"
WSGI_APPLICATION = "bangkom.wsgi.application"

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
                "bangkom.pegawai.context_processors.peran",
                "bangkom.notifikasi.context_processors.jumlah_menunggu",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        # A persistent connection that died with the database (restart, failover) is replaced at the
        # start of the next request instead of failing it: without this, after PostgreSQL came back,
        # every gunicorn worker answered one 503 (found by scripts/uji_topologi.py).
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The embedded default must survive concurrent writes (several approvals at once on `make run`,
    # the live server, eager Celery tasks): WAL lets readers and the one writer work together;
    # IMMEDIATE transactions take the write lock at BEGIN, so two readers that both want to write
    # queue on the busy timeout instead of deadlocking into "database is locked". PostgreSQL
    # (DATABASE_URL) gets none of this.
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "timeout": 20,  # seconds a writer waits for the lock
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    })

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "masuk"
LOGIN_URL_PATH = "/masuk/"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "masuk"

LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "id")
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploaded evidence is personal data: kept outside static files and served only through views
# that check access (never by the web server directly).
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media-tidak-dilayani/"
UNGGAHAN_MAKS_BYTE = int(os.environ.get("UNGGAHAN_MAKS_BYTE", str(5 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "bangkom@localhost")

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# Without a broker, tasks run in a background thread of the web process once the request's writes
# commit, so "runs in the background" holds on the embedded default too (bangkom/lib/tugas.py).
# False runs them inside the request instead (the tests do, to assert their result right after).
TUGAS_LOKAL_DI_LATAR = env_bool("TUGAS_LOKAL_DI_LATAR", True)
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_TIMEZONE = TIME_ZONE  # beat schedules (bangkom/celery.py) in local time
# Jobs are acknowledged after they finish (acks_late on the tasks), one at a time per worker
# process. A job whose worker process dies is handed back: at once when only the pool process died
# (reject on worker lost), after the Redis visibility timeout when the whole worker died (SIGKILL,
# OOM, power). Keep the timeout longer than the longest export, or a slow job is delivered twice.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600"))}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }
    if os.environ.get("REDIS_URL")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}


def proxy_tepercaya(nilai: str) -> int | list[str]:
    """PROXY_TEPERCAYA: empty/0 = no proxy (X-Forwarded-For ignored); a number = how many proxies
    stand in front of the app (1 for one nginx); otherwise a comma-separated list of proxy
    addresses or networks. See docs/operations.md "Behind a proxy"."""
    nilai = nilai.strip()
    if not nilai:
        return 0
    if nilai.isascii() and nilai.isdigit():
        return int(nilai)
    daftar = [bagian.strip() for bagian in nilai.split(",") if bagian.strip()]
    for bagian in daftar:
        ipaddress.ip_network(bagian, strict=False)  # a typo fails at start-up, not on each request
    return daftar


PROXY_TEPERCAYA = proxy_tepercaya(os.environ.get("PROXY_TEPERCAYA", ""))

# Sign-in throttling (django-axes): 5 failures lock the NIP+IP pair for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The client address behind nginx: the same function for the lockout and the rate limits.
AXES_CLIENT_IP_CALLABLE = "bangkom.lib.batas.alamat_ip_klien"
AXES_LOCKOUT_TEMPLATE = "registration/terkunci.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    # COOKIE_SECURE=0 only for plain-HTTP loopback runs (the load benchmark); production keeps HTTPS cookies.
    SESSION_COOKIE_SECURE = env_bool("COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("COOKIE_SECURE", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # Inline style attributes (progress bars, chart sizes) are allowed; inline scripts are not.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Files the application makes for itself and keeps (never in git): the demo signing identity.
DATA_DIR = Path(os.environ.get("DATA_DIR", BASE_DIR / "data"))

# Signing of activity sheets (pyHanko, PAdES; bangkom/dokumen/tandatangan.py, docs/operations.md):
# a PKCS#11 token/HSM when its module is set, else a PKCS#12 file when set, else the demo identity
# (created on first use; `check --deploy` warns about it), unless PENANDATANGAN_DEMO=0 (unsigned).
PENANDATANGAN_PKCS11_MODUL = os.environ.get("PENANDATANGAN_PKCS11_MODUL", "")
PENANDATANGAN_PKCS11_TOKEN = os.environ.get("PENANDATANGAN_PKCS11_TOKEN", "")
PENANDATANGAN_PKCS11_PIN = os.environ.get("PENANDATANGAN_PKCS11_PIN", "")
PENANDATANGAN_PKCS11_KUNCI = os.environ.get("PENANDATANGAN_PKCS11_KUNCI", "")
PENANDATANGAN_PKCS11_SERTIFIKAT = os.environ.get("PENANDATANGAN_PKCS11_SERTIFIKAT", "")
PENANDATANGAN_P12 = os.environ.get("PENANDATANGAN_P12", "")
PENANDATANGAN_P12_SANDI = os.environ.get("PENANDATANGAN_P12_SANDI", "")
PENANDATANGAN_RANTAI = os.environ.get("PENANDATANGAN_RANTAI", "")  # PEM: intermediate CA certificates
PENANDATANGAN_DEMO = env_bool("PENANDATANGAN_DEMO", True)
PENANDATANGAN_DEMO_DIR = Path(os.environ.get("PENANDATANGAN_DEMO_DIR", DATA_DIR / "tandatangan-demo"))
PENANDATANGAN_TSA_URL = os.environ.get("PENANDATANGAN_TSA_URL", "")  # RFC 3161 timestamps (PAdES B-T)

# The public address printed in QR codes and e-mails. Required in production: a printed sheet must
# lead a phone to the real site. In development a sheet issued from a request uses that request's host.
SITUS_URL = os.environ.get("SITUS_URL", "").strip()
if not SITUS_URL:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SITUS_URL wajib diisi bila DEBUG=0 (alamat publik untuk kode QR lembar kegiatan, mis. "
            "https://bangkom.example.go.id). / SITUS_URL is required when DEBUG=0 (the public address "
            "printed in the QR codes of activity sheets)."
        )
    SITUS_URL = "http://127.0.0.1:8000"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Every handler masks NIPs and passwords (bangkom/pegawai/log.py); add the filter to new handlers.
    "filters": {"samarkan": {"()": "bangkom.pegawai.log.SamarkanDataPribadi"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["samarkan"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# The JSON API (bangkom.api, docs/integrasi-api.md): keys only (no session, so no CSRF), JSON only
# (no browsable HTML with inline scripts), calls per minute per client in the shared cache.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["bangkom.api.autentikasi.KunciAPI"],
    "DEFAULT_PERMISSION_CLASSES": ["bangkom.api.autentikasi.WajibKlien"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "bangkom.api.dasar.penangan_galat",
    "COERCE_DECIMAL_TO_STRING": False,
}
API_BATAS_PER_MENIT = int(os.environ.get("API_BATAS_PER_MENIT", "120"))
SPECTACULAR_SETTINGS = {
    "TITLE": "Bangkom API",
    "DESCRIPTION": "API pengembangan kompetensi ASN: pegawai, JP, pemenuhan 20 JP, lembar kegiatan, dan kiriman "
                   "kegiatan pengembangan eksternal. Kunci API dibuat Pengelola BPSDM (menu Data Induk → Klien API).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}
