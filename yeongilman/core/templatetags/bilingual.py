"""Template helpers for Korean/English content: `{% load bilingual %}`."""

from __future__ import annotations

from typing import Any

from django import template

from yeongilman.core.i18n import BilingualText

register = template.Library()


@register.inclusion_tag("includes_other_language.html")
def other_language(
    text: BilingualText, element: str = "span", css: str = "alt", lines: str = ""
) -> dict[str, Any]:
    """The other-language side of a pair, marked with its `lang` (nothing when it is empty).
    `lines`: "br" keeps line breaks, "paragraphs" makes paragraphs of them."""
    return {"text": text, "element": element, "css": css, "lines": lines}


@register.filter
def minutes(duration: object) -> int:
    """A timedelta in whole minutes (at least 1), for sentences like "locked for 15 minutes"."""
    seconds = getattr(duration, "total_seconds", lambda: 0)()
    return max(1, round(seconds / 60))
