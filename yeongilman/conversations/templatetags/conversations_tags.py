"""The header's "Messages" link with its unread count, and small helpers of the pages."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import template
from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

from yeongilman.conversations.selectors import unread_total
from yeongilman.core.zones import valid_zone
from yeongilman.directory.taxonomy import time_zone_label

register = template.Library()


@register.inclusion_tag("conversations/_nav_link.html", takes_context=True)
def messages_link(context: template.Context) -> dict[str, Any]:
    """`{% messages_link %}`: "Messages" with the unread count, for a signed-in person."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    return {
        "show": True,
        "unread": unread_total(user),
        "badge_seconds": settings.YV_MESSAGES_BADGE_SECONDS,
    }


@register.filter
def language_name(code: str) -> str:
    """A language named in the reader's language: 한국어/영어, Korean/English."""
    return str(dict(settings.LANGUAGES).get(code, code or "?"))


@register.filter
def msg_time(moment: datetime | None, zone: str) -> str:
    """'2027-01-06 09:00 KST': a message's time in the viewer's zone, abbreviated."""
    if moment is None:
        return ""
    local = moment.astimezone(ZoneInfo(valid_zone(zone) or "UTC"))
    return f"{formats.date_format(local, 'Y-m-d H:i')} {local.tzname()}"


@register.filter
def zone_name(zone: str) -> str:
    """The zone written out in the viewer's language."""
    return time_zone_label(zone)


@register.filter
def file_size(size: int) -> str:
    """'1.2 MB', '35 KB'."""
    if size >= 1024 * 1024:
        return _("%(n)s MB") % {"n": formats.number_format(size / 1024 / 1024, 1)}
    return _("%(n)s KB") % {"n": max(1, round(size / 1024))}
