"""Template helpers for suggestions: reasons as sentences and texts with marks."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from yeongilman.matching.explain import Span
from yeongilman.partnering.explanations import marked, reason_lines
from yeongilman.partnering.selectors import SuggestedItem

register = template.Library()


@register.filter
def reasons(item: SuggestedItem) -> list[str]:
    """The suggestion's reasons in the active language."""
    return reason_lines(item.suggestion.reasons, item.industries)


@register.filter
def marked_document(item: SuggestedItem) -> SafeString:
    """The suggestion's text with the shared terms marked."""
    return marked(item.text, item.suggestion.reasons.document_marks)


@register.simple_tag
def marked_text(text: str, marks: tuple[Span, ...]) -> SafeString:
    """Any text with the given spans marked."""
    return marked(text, marks)
