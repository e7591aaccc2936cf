"""Names people read instead of codes: countries, time zones and industries in the viewer's
language."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import template

from yeongilman.core import zones
from yeongilman.directory.taxonomy import country_label, time_zone_label

register = template.Library()


@register.filter
def country_name(code: str) -> str:
    """ "US" → "미국" / "United States"."""
    return country_label(code or "")


@register.filter
def country_names(codes: Iterable[str] | None) -> str:
    """["US", "KR"] → "미국, 대한민국"."""
    return ", ".join(country_label(c) for c in codes or [] if c)


@register.filter
def industry_in(code: str, industries: Mapping[str, Any]) -> str:
    """ "materials" → "신소재·철강" / "Advanced materials & steel", from the page's industries by
    code (one query for the page, not one per row)."""
    industry = industries.get(code or "")
    return str(industry.name) if industry is not None else (code or "")


@register.filter
def zone_name(zone: str) -> str:
    """ "America/New_York" → "미 동부 시간" / "Eastern Time"."""
    return time_zone_label(zone or "")


@register.simple_tag(takes_context=True)
def viewer_zone(context: template.Context, event_zone: str = "") -> str:
    """`{% viewer_zone event.time_zone as zone %}`: the zone the viewer reads times in (their
    profile's, else their browser's, else the event's; `yeongilman.core.zones`)."""
    request = context.get("request")
    if request is None:
        return zones.valid_zone(event_zone) or zones.person_zone(None)
    return zones.viewer_zone(request, event_zone)
