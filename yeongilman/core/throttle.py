"""Counting attempts per key in a time window (wrong API tokens, password-reset requests), in
Django's cache: per process by default, shared when CACHES points at a shared cache."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The caller's address as the web server saw it (behind a proxy: set gunicorn's
    forwarded_allow_ips so REMOTE_ADDR is the client's)."""
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def attempts(key: str) -> int:
    """How many attempts were counted for the key in its current window."""
    return int(cache.get(f"yv:throttle:{key}", 0))


def count_attempt(key: str, window_seconds: int) -> int:
    """Count one attempt; the window starts with the first attempt. Returns the count."""
    name = f"yv:throttle:{key}"
    if cache.add(name, 1, window_seconds):
        return 1
    try:
        return int(cache.incr(name))
    except ValueError:  # expired between add and incr
        cache.set(name, 1, window_seconds)
        return 1
