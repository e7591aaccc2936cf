"""Template filters for directory pages."""

from __future__ import annotations

from django import template

from yeongilman.directory.taxonomy import city_label, country_label

register = template.Library()


@register.filter
def place(organisation: object) -> str:
    """'City, Country' in the viewer's language."""
    city = city_label(getattr(organisation, "city", ""))
    country = country_label(getattr(organisation, "country", ""))
    return ", ".join(p for p in (city, country) if p)
