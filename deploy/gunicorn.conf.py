"""gunicorn settings for Yeongilman Valley (`gunicorn -c deploy/gunicorn.conf.py config.wsgi`).

Every value can be changed through the environment (see docs/operations.md); the defaults suit a
machine behind a TLS-terminating proxy such as deploy/nginx/yeongilman.conf.
"""

from __future__ import annotations

import os
from typing import Any

from config.env import env_int, env_str

wsgi_app = "config.wsgi:application"
bind = env_str("GUNICORN_BIND", "127.0.0.1:8000")
# Threads share one copy of the match index, the encoder and Kiwi per process (about 0.6 GB
# with 20,000 profiles); one process more than cores keeps every core busy while a thread
# waits for the database. Measured with bench/load_test.py: see docs/operations.md, sizing.
workers = env_int("GUNICORN_WORKERS", (os.cpu_count() or 1) + 1)
worker_class = env_str("GUNICORN_WORKER_CLASS", "gthread")
threads = env_int("GUNICORN_THREADS", 3)
# Long work runs in task workers, so a request above this is a bug: kill it.
timeout = env_int("GUNICORN_TIMEOUT", 60)
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Behind a proxy that keeps connections open (nginx `keepalive`), longer than its idle timeout.
keepalive = env_int("GUNICORN_KEEPALIVE", 75)
# Recycle workers now and then (memory fragmentation), rarely: a new worker spends 10-20 s
# loading the index. Jitter, so they do not restart together.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 100_000)
max_requests_jitter = env_int("GUNICORN_MAX_REQUESTS_JITTER", 10_000)
forwarded_allow_ips = env_str("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = env_str("GUNICORN_ACCESS_LOG", "-")
errorlog = env_str("GUNICORN_ERROR_LOG", "-")
loglevel = env_str("GUNICORN_LOG_LEVEL", "info")
# The worker's pid on every line, so a slow or failing request can be traced to its process.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms pid=%(p)s "%(a)s"'
proc_name = "yeongilman-web"


def on_starting(server: Any) -> None:
    """Load Kiwi (about 200 MB, no threads of its own), the URLconf, catalogues and templates
    once in the master, so the workers forked from it share them instead of loading a copy
    each on their first requests (about a second). The encoder is not loaded
    here: its thread pool does not survive a fork (a child's first encoding would hang)."""
    if os.environ.get("YV_WARM_UP", "1") not in ("0", "false", "no"):
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
        django.setup()
        from yeongilman.core.warm import warm_process
        from yeongilman.tokenizer import tokenize

        tokenize("포항 이차전지 기업을 찾습니다 warm-up")
        server.log.info("URLconf, catalogues and templates loaded in %.1f s", warm_process())


def post_worker_init(worker: Any) -> None:
    """Load the encoder, Kiwi and the match index before the worker takes requests, and start
    watching the stored index's version (a fresh thread per worker: threads do not survive
    fork). YV_WARM_UP=0 skips it (e.g. a worker that serves no matchmaking)."""
    from django.conf import settings

    if settings.YV_WARM_UP:
        from yeongilman.matchmaking.adapter import warm_up

        try:
            warm_up()
        except Exception:  # a cold worker still serves; its first matchmaking request loads
            worker.log.exception("warm-up failed")
        from yeongilman.core.warm import warm_pages

        try:
            worker.log.info("first pages served once: %s", warm_pages())
        except Exception:  # a cold page is slower, never wrong
            worker.log.exception("warming the first pages failed")
