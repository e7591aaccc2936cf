"""Template helpers for Korean/English content: `{% load bilingual %}`."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from yeongilman.core.i18n import BilingualText

register = template.Library()


@register.inclusion_tag("includes_other_language.html")
def other_language(
    text: BilingualText, element: str = "span", css: str = "alt", lines: str = ""
) -> dict[str, Any]:
    """The other-language side of a pair, marked with its `lang` (nothing when it is empty).
    `lines`: "br" keeps line breaks, "paragraphs" makes paragraphs of them."""
    return {"text": text, "element": element, "css": css, "lines": lines}


@register.simple_tag
def language_note(*texts: Any) -> str:
    """A small note, in the reader's language, when content is shown in the other language
    ("in Korean" / "영어로 작성됨"); one note for several texts of one item (title, summary)."""
    shown = next((t for t in texts if isinstance(t, BilingualText) and t.in_other_language), None)
    if shown is None:
        return ""
    note = _("in Korean") if shown.primary_lang == "ko" else _("in English")
    return format_html('<span class="lang-note" data-lang="{}">{}</span>', shown.primary_lang, note)


@register.filter
def minutes(duration: object) -> int:
    """A timedelta in whole minutes (at least 1), for sentences like "locked for 15 minutes"."""
    seconds = getattr(duration, "total_seconds", lambda: 0)()
    return max(1, round(seconds / 60))
