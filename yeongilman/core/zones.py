"""Which time zone a viewer reads times in: the zone chosen in their profile, else the one
their browser reports (the `yv_tz` cookie that static/js/early.js sets), else the event's."""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from zoneinfo import available_timezones

from django.conf import settings
from django.http import HttpRequest

BROWSER_ZONE_COOKIE = "yv_tz"


@lru_cache(maxsize=1)
def _known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def valid_zone(name: str | None) -> str:
    """The zone if zoneinfo knows it by this exact name, else "" (junk is ignored)."""
    name = (name or "").strip()
    if not name or len(name) > 64:
        return ""
    return name if name in _known_zones() else ""


def browser_zone(request: HttpRequest) -> str:
    """The zone the viewer's browser reported, if it is a real one."""
    return valid_zone(request.COOKIES.get(BROWSER_ZONE_COOKIE))


def person_zone(user: Any, event_zone: str = "") -> str:
    """Where no browser is at hand (mails, feeds): the person's own zone, else the event's."""
    own = valid_zone(getattr(user, "time_zone", "")) if user is not None else ""
    return own or valid_zone(event_zone) or settings.TIME_ZONE


def viewer_zone(request: HttpRequest, event_zone: str = "") -> str:
    """The zone a page shows times in: the profile's, else the browser's, else the event's
    (else the site's); `?tz=event` asks for the event's own zone."""
    event_zone = valid_zone(event_zone)
    if event_zone and request.GET.get("tz") == "event":
        return event_zone
    user = getattr(request, "user", None)
    own = valid_zone(getattr(user, "time_zone", "")) if user and user.is_authenticated else ""
    return own or browser_zone(request) or event_zone or settings.TIME_ZONE
