"""Marked text: spans of a text wrapped in <mark>, everything else escaped."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from yeongilman.tokenizer import terms_with_spans


def marked(text: str, spans: Iterable[tuple[int, int]]) -> SafeString:
    """The text, escaped, with each (start, end) span wrapped in <mark>; overlaps are skipped."""
    out: list[str] = []
    position = 0
    for start, end in sorted(spans):
        if start < position or end > len(text):
            continue
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def marked_terms(text: str, terms: Collection[str], limit: int = 0) -> SafeString:
    """The text (cut to `limit` characters with an ellipsis, when given) with the words whose
    index terms are among `terms` marked: 이차전지를 is marked for 이차전지, batteries for
    battery."""
    if limit and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    if not terms:
        return marked(text, ())
    return marked(text, ((s, e) for term, s, e in terms_with_spans(text) if term in terms))
