"""Template filters for directory pages."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from yeongilman.core.marking import marked_terms
from yeongilman.directory.taxonomy import city_label, country_label

register = template.Library()


@register.filter
def place(organisation: object) -> str:
    """'City, Country' in the viewer's language."""
    city = city_label(getattr(organisation, "city", ""))
    country = country_label(getattr(organisation, "country", ""))
    return ", ".join(p for p in (city, country) if p)


@register.simple_tag
def summary_marked(text: str, marks: frozenset[str], limit: int = 220) -> SafeString:
    """A result's summary cut to `limit` characters, with the searched words marked."""
    return marked_terms(text or "", marks, limit)
