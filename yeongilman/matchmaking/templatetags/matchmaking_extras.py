"""Template helpers for suggestions: reasons as sentences and texts with marks."""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from yeongilman.core.marking import marked
from yeongilman.matching.explain import Span
from yeongilman.matchmaking.explanations import excerpt_for, met_line, reason_lines
from yeongilman.matchmaking.memory import Met
from yeongilman.matchmaking.selectors import SuggestedItem

register = template.Library()


@register.filter
def reasons(item: SuggestedItem) -> list[str]:
    """The suggestion's reasons in the active language."""
    return reason_lines(item.suggestion.reasons, item.industries)


@register.filter
def met_note(met: Met) -> str:
    """What a meeting with a partner came to, and why it is not a new suggestion."""
    return met_line(met)


@register.filter
def marked_document(item: SuggestedItem) -> SafeString:
    """The suggestion's text in the viewer's language, shared terms marked where it is the
    matched text; "written in Korean" when the item has no text in the viewer's language."""
    excerpt = excerpt_for(item, get_language() or "en")
    html = marked(excerpt.text, excerpt.marks)
    if excerpt.written_in:
        note = escape(_("Written in %s only.") % excerpt.written_in)
        html = mark_safe(f'{html} <span class="meta">({note})</span>')  # noqa: S308 - escaped
    return html


@register.simple_tag
def marked_text(text: str, marks: tuple[Span, ...]) -> SafeString:
    """Any text with the given spans marked."""
    return marked(text, marks)
