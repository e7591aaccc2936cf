"""Storage for files that must never be served by URL (applications, pipeline documents)."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage() -> FileSystemStorage:
    """Where private uploads live: outside MEDIA_ROOT, no base URL; pages serve them through
    access-checked views. A callable, so the location is read from settings at run time."""
    return FileSystemStorage(location=settings.YV_PRIVATE_MEDIA_ROOT, base_url=None)
