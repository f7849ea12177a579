"""One settings file for every environment, read from environment variables.

DJANGO_SECRET_KEY, DJANGO_DEBUG, DJANGO_ALLOWED_HOSTS and DATABASE_URL; see the README.
"""

import ipaddress
import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    # First: the first app to name a command wins, and content's loaddata (the content rules
    # checked before a load is committed) must win over modeltranslation's.
    "safetyquiz.content",
    # Before the admin, so the admin sees each translated field in both languages.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_guid",
    "django_htmx",
    "template_partials",
    "csp",
    "safetyquiz.training",
    "safetyquiz.crews",
    "safetyquiz.reports",
]

# `make bench` only: turns on the bench-only URL (a bare view running one query, the
# ceiling the other pages are measured against) and lets seed_scale run without DEBUG.
SAFETYQUIZ_BENCH = env_bool("SAFETYQUIZ_BENCH", False)

# Development and bench tooling (seed_demo, seed_scale, the simulator, the bench view)
# is left out of a production build.
if DEBUG or SAFETYQUIZ_BENCH:
    INSTALLED_APPS.append("safetyquiz.devtools")

MIDDLEWARE = [
    # First, so that every line logged for the request carries its id.
    "django_guid.middleware.guid_middleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads the form: an unreadable request is a 400 here.
    "safetyquiz.middleware.ReadableRequestMiddleware",
    # Outside the session middleware, so it sees the session cookie it sets.
    "safetyquiz.middleware.PrivatePagesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: a signed-in person's saved language comes before the browser's.
    "safetyquiz.middleware.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "safetyquiz.middleware.HtmxSignInMiddleware",
    "safetyquiz.middleware.LearnerHeaderMiddleware",
    "csp.middleware.CSPMiddleware",
    "safetyquiz.middleware.DatabaseTroubleMiddleware",
]

ROOT_URLCONF = "safetyquiz.urls"
WSGI_APPLICATION = "safetyquiz.wsgi.application"

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
                "safetyquiz.context_processors.pages",
                "safetyquiz.crews.context_processors.account",
            ],
        },
    },
]

# SQLite in the project folder unless DATABASE_URL names another database.
SQLITE_OPTIONS = {
    # IMMEDIATE takes the write lock at BEGIN, so concurrent writers wait on the
    # busy timeout instead of failing half-way through a transaction.
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=600, conn_health_checks=True)
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(BASE_DIR / "db.sqlite3"),
            "OPTIONS": SQLITE_OPTIONS,
            # A file, not memory, so tests of concurrent writers meet SQLite's real locking.
            # One per test process, so two runs side by side never share it.
            "TEST": {
                "NAME": str(Path(tempfile.gettempdir()) / f"safetyquiz-test-{os.getpid()}.sqlite3")
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/modules/"  # crew; instructors and admins land on /instructor/

# The pages an app links to that a layer above it serves, by URL name, as LOGIN_URL names
# the sign-in page, so that no app names a layer above its own (`manage.py check_layout`).
# The learner's pages read productions and assignments, so crews serves them; the
# instructor home is reports'. Templates read them as `pages` (context_processors.pages).
PAGES = {
    "module": "crews:module",  # a module's briefing: Module.get_absolute_url
    "modules": "crews:modules",
    "next_module": "crews:next-module",
    "certificate_check": "crews:certificate-check",  # Certificate.get_absolute_url
    "certificate_print": "crews:certificate-print",
    "instructor_home": "reports:home",
}
LOGOUT_REDIRECT_URL = "/"

# The interface and the content in English and Spanish (docs/translations.md). The language
# of a page: a signed-in person's saved choice, else the language switch's cookie, else the
# browser's Accept-Language, else English.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "safetyquiz" / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# The content's texts in both languages, side by side in each row (django-modeltranslation:
# `title_en`, `title_es`). A text with no Spanish reads as its English.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "es")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# Under check_content --strict, every published module's Spanish: missing, unchecked or
# stale translations, the Spanish surface cues, reading ease and glossary terms. On by
# default: every module's Spanish is loaded and stamped. A database still holding content
# without its Spanish sets it False until it loads these fixtures; while False they warn,
# even under --strict (fixtures/FORMAT.md, "Translations").
TRANSLATIONS_ENFORCED = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# The folder of source texts that excerpts quote (content.checks): ../shared/sources beside
# the project unless SAFETYQUIZ_SOURCES_DIR names another. `check_content --require-sources`
# fails when it is missing.
SOURCES_DIR = Path(os.environ.get("SAFETYQUIZ_SOURCES_DIR", BASE_DIR.parent / "shared" / "sources"))

# Rules the curriculum written for separate pools meets and the content before it cannot:
# every slot of a published module with 3 certifying questions and 1 practice question (the
# pool rule: the admin, loaddata and check_content), and under check_content --strict the
# blind panels of every published module, the surface-cue readers and the reading grade.
# In force, as fixtures/ holds that curriculum. A database that still holds the earlier
# content sets it False until it has loaded this curriculum: while False they warn, even
# under --strict.
ASSESSMENT_RULES_ENFORCED = True

# Item-quality thresholds (training.quality; fixtures/FORMAT.md, "Item-quality checks").
# `check_content` warns when a module falls short, and fails with --strict.
QUALITY = {
    "LONGEST_RIGHT_SHARE": 0.35,  # single/decision questions keyed on the strictly longest choice
    "LENGTH_RATIO": 1.15,  # mean right-choice length / mean wrong-choice length
    "TRUE_SHARE_MIN": 0.35,  # true/false questions keyed True, as a share, once a module
    "TRUE_SHARE_MAX": 0.65,  # (or the course) has TRUE_FALSE_MIN of them
    "TRUE_FALSE_MIN": 4,
    "NEGATED_FALSE": 0,  # negated stems keyed False (double negatives) allowed
    "MULTIPLE_MIN": 3,  # once there are this many multiple-select questions,
    "RIGHT_COUNTS_MIN_DISTINCT": 2,  # their numbers of right boxes must differ at least this much
    "ABOVE_CHOICES": 0,  # "all/none of the above" choices allowed
    "NEAR_DUPLICATE": 0.8,  # stem-and-key similarity from which two questions are flagged
    "CASE_FACT_SHARE": 0.2,  # the most of a form that may be case-fact questions
    # A reader who follows one surface feature of the choices (length rank, absolute or
    # action words, always True or False), or picks at random, passes a first certifying
    # form less often than this (an exact chance, over every form the draw can make).
    "CUE_PASS": 0.01,
    # A feature finds the key at most this much more often than chance would, judged once
    # it points somewhere on CUE_MIN_ITEMS questions with one right choice, and only when
    # so many hits would come by chance less often than CUE_P.
    "CUE_MARGIN": 0.15,
    "CUE_MIN_ITEMS": 8,
    "CUE_P": 0.01,
    "READING_GRADE": 8,  # Flesch-Kincaid grade of a module's briefing, prompts and feedback
    "PANEL_CAUTIOUS_PASS": 0.01,  # a cautious non-expert of the panel passes less often
    # Item analysis by slot: a certifying question whose facility differs from its slot's
    # other questions' by more than this, once both have SLOT_MIN_ANSWERS answers.
    "SLOT_FACILITY_MARGIN": 0.15,
    "SLOT_MIN_ANSWERS": 30,
}

# Security: headers on every response, cookies and HTTPS outside debug, sign-in throttling.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # htmx sends the token from the page (hx-headers), not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]  # load balancers check health over plain HTTP
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]

# Only the app's own scripts (htmx is served from our static files) and styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# The client's address, which every throttle counts by (safetyquiz/clients.py): behind a
# reverse proxy, the header it sets and the proxies trusted to set it. Without a header,
# the address the connection comes from.
SAFETYQUIZ_CLIENT_IP_HEADER = os.environ.get("SAFETYQUIZ_CLIENT_IP_HEADER", "").strip()


def networks(name: str, default: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    found = []
    for entry in os.environ.get(name, default).split(","):
        if entry.strip():
            try:
                found.append(ipaddress.ip_network(entry.strip(), strict=False))
            except ValueError:
                raise ImproperlyConfigured(
                    f"{name}: {entry.strip()!r} is not an address or a network."
                ) from None
    return found


SAFETYQUIZ_TRUSTED_PROXIES = networks("SAFETYQUIZ_TRUSTED_PROXIES", "127.0.0.1,::1")

# Failed sign-ins (crews/lockout.py): an account pauses after this many in a row, from
# anywhere, for 15 minutes, doubled by each failure after; one address may fail this many
# times in any hour, across accounts, before it is slowed (browsers that have signed in to
# the account before excepted).
SAFETYQUIZ_LOGIN_FAILURES = int(os.environ.get("SAFETYQUIZ_LOGIN_FAILURES", 5))
SAFETYQUIZ_LOGIN_FAILURES_PER_ADDRESS = int(
    os.environ.get("SAFETYQUIZ_LOGIN_FAILURES_PER_ADDRESS", 60)
)

# Email: off unless a deployment names an SMTP host (or a backend). Without it, password help
# is the one-time sign-in link an instructor makes, and reminders are a page to copy from.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
SAFETYQUIZ_EMAIL_ENABLED = bool(EMAIL_HOST or os.environ.get("DJANGO_EMAIL_BACKEND"))
EMAIL_BACKEND = (
    os.environ.get("DJANGO_EMAIL_BACKEND") or "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", 587))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "safetyquiz <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address of the site as crew reach it, for links in emails sent outside a request
# (`manage.py send_reminders`), e.g. https://quiz.example.com
SAFETYQUIZ_SITE_URL = os.environ.get("SAFETYQUIZ_SITE_URL", "").rstrip("/")

# Every log line carries the request's id (django-guid: the proxy's X-Request-ID when it
# is a valid UUID, a new one otherwise, and sent back in the response), so the lines of one
# request can be found together; "None" outside a request (a command). Each module logs
# under its own name; the app's at DJANGO_LOG_LEVEL (INFO by default: attempts, results,
# certificates, regrades, changes to people), everything else at WARNING.
DJANGO_GUID = {"GUID_HEADER_NAME": "X-Request-ID", "VALIDATE_GUID": True, "EXPOSE_HEADER": False}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "django_guid.log_filters.CorrelationId"}},
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s [%(correlation_id)s] %(name)s: %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "line",
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "safetyquiz": {"level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
        "django_guid": {"level": "WARNING"},
    },
}

# Database connections stay open between requests (CONN_MAX_AGE, set with DATABASE_URL
# above), which each gunicorn worker reuses; see the README's deployment section.

# The covering indexes for the roster and the module analysis (training 0002) list
# non-key columns, which only PostgreSQL uses; SQLite builds them as plain indexes.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
