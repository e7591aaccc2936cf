"""Production: every secret and host comes from the environment; HTTPS-only cookies."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_str
from config.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY or SECRET_KEY.startswith("local-development"):
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY to a long random value in production.")
# Every link in a mail, a QR image and a message's {link} is built on this address: without it
# they would all point at localhost, so a server refuses to start until it is set.
YV_SITE_URL = env_str("YV_SITE_URL").rstrip("/")
if not YV_SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        "Set YV_SITE_URL to the address people reach the site at, e.g. "
        "https://valley.pohang.go.kr (mail, QR and message links are built on it)."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 60 * 60 * 24 * 30)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if not SECURE_HSTS_PRELOAD:
    # Preloading HSTS is a one-way commitment a city makes on purpose for its domain (opt in
    # with DJANGO_SECURE_HSTS_PRELOAD=1); until then the deploy check need not remind us.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
