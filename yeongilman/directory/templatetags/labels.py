"""Names people read instead of codes: countries and time zones in the viewer's language."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

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
def zone_name(zone: str) -> str:
    """ "America/New_York" → "미 동부 시간" / "Eastern Time"."""
    return time_zone_label(zone or "")
