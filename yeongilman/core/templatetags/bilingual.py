"""Template helpers for Korean/English content."""

from __future__ import annotations

from django import template

from yeongilman.core.i18n import BilingualText, pick

register = template.Library()


@register.simple_tag
def bilingual(ko: str, en: str) -> BilingualText:
    """Return the pair ordered for the current language (use with `as`)."""
    return pick(ko, en)


@register.filter
def in_language(obj: object, field: str) -> str:
    """Render `<field>_ko`/`<field>_en` of an object in the viewer's language, with fallback."""
    return str(pick(getattr(obj, f"{field}_ko", ""), getattr(obj, f"{field}_en", "")))


@register.filter
def minutes(duration: object) -> int:
    """A timedelta in whole minutes (at least 1), for sentences like "locked for 15 minutes"."""
    seconds = getattr(duration, "total_seconds", lambda: 0)()
    return max(1, round(seconds / 60))
