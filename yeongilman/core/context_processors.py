"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    """Expose the viewer's roles so templates show only the links they can use."""
    user = request.user
    return {
        "is_operator": bool(user.is_authenticated and getattr(user, "is_operator", False)),
    }
