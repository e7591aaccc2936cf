"""Test settings: fast hashing, in-memory mail, the database from DATABASE_URL or SQLite."""

import os
import tempfile

from config.settings.base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
YV_PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="yv-private-")  # uploads of one test run
MEDIA_ROOT = tempfile.mkdtemp(prefix="yv-media-")  # pictures of one test run
YV_SERVE_MEDIA = True  # the live server of browser tests shows uploaded pictures
YV_SCHEDULER_INLINE = True  # run the scheduler in the request, so tests see the result at once
YV_MATCHING_AUTO_INDEX = False  # tests that need the match index build it themselves
YV_MATCHING_INLINE = True
YV_MATCHING_SNAPSHOT_DIR = tempfile.mkdtemp(prefix="yv-matching-")  # mapped vector files
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["mail", "default", "bulk"],
    }
}
YV_WARM_UP = False
YV_PUBLIC_CACHE_SECONDS = 0  # tests see every change at once
YV_OPERATOR_CHART_CACHE_SECONDS = 0
YV_SUGGESTION_CACHE_SECONDS = 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not the shared-cache memory database: concurrency tests need SQLite's real
    # locking (WAL, busy timeout) to behave as the embedded default does. One file per test
    # run (its processes share the run's id), so two runs on one machine do not collide.
    run = os.environ.setdefault("YV_TEST_RUN", str(os.getpid()))
    test_file = f"{tempfile.gettempdir()}/yv-test-{run}.sqlite3"
    DATABASES["default"]["TEST"] = {"NAME": test_file}  # noqa: F405
# Social log-in providers as a site configures them (no network: tests complete the log-in
# with allauth's helpers).
SOCIALACCOUNT_PROVIDERS = {
    name: {"APPS": [{"client_id": f"test-{name}", "secret": "test-secret"}], "SCOPE": []}
    for name in ("google", "kakao", "naver")
}
