"""Short-lived caches for what many visitors read and few change (public charts, the public
directory's results, home-page figures). Each worker keeps its own copy unless CACHES points at
a shared cache; a value is at most `seconds` old, and 0 seconds turns caching off (tests)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.utils import translation

T = TypeVar("T")


def cache_key(*parts: object) -> str:
    """A key for the parts in the active language (values are language-specific)."""
    raw = "\x1f".join(str(p) for p in (translation.get_language(), *parts))
    return "yv:" + hashlib.sha256(raw.encode()).hexdigest()


def cached(key: str, seconds: int, make: Callable[[], T]) -> T:
    """The cached value for `key`, made (and kept for `seconds`) when missing."""
    if seconds <= 0:
        return make()
    value: T | None = cache.get(key)
    if value is None:
        value = make()
        cache.set(key, value, seconds)
    return value
