"""Template helpers of the programme pages."""

from __future__ import annotations

import zoneinfo

from django import template
from django.utils import timezone

from yeongilman.programs.models import Call

register = template.Library()


@register.filter
def days_left(call: Call) -> int:
    """Calendar days from today to the deadline's day in the call's zone (0: it closes today),
    as Korean notices count them for the D-day badge."""
    zone = zoneinfo.ZoneInfo(call.time_zone)
    today = timezone.now().astimezone(zone).date()
    return max(0, (call.closes_at.astimezone(zone).date() - today).days)
