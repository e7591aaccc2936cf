"""A message's text as a page shows it: no HTML of the writer's ever reaches the page, links
are plain text with the host they really lead to beside them (an internationalised name in
its ASCII form, so a look-alike of a known site shows as what it is), glossary terms carry
their counterpart in the reader's language, and line breaks stay."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from yeongilman.conversations.glossary import Term

LINK = re.compile(r"(?:\b[a-z][a-z0-9+.-]{1,15}://|\bwww\.)[^\s<>\"'`]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}>»”’'\""


def real_host(link: str) -> str:
    """The host a link leads to, in ASCII ("" when it has none a browser would use)."""
    target = link if "://" in link else f"http://{link}"
    try:
        host = urlsplit(target).hostname or ""
    except ValueError:
        return ""
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:  # not a valid internationalised name: show its characters escaped
        return host.encode("ascii", "backslashreplace").decode("ascii")


def links_in(text: str) -> list[tuple[int, int]]:
    """The spans of the links in a text (without the punctuation that ends a sentence)."""
    spans = []
    for match in LINK.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        spans.append((start, end))
    return spans


def _plain(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def render_body(text: str, terms: Iterable[Term] = ()) -> SafeString:
    """The message as safe HTML: escaped text, links as text with their real host, terms
    marked with their counterpart (shown on hover and to screen readers)."""
    marks: list[tuple[int, int, str]] = []
    for start, end in links_in(text):
        host = real_host(text[start:end])
        label = _("link to %(host)s") % {"host": host} if host else _("link")
        marks.append((start, end, (
            f'<span class="msg-link">{escape(text[start:end])}</span> '
            f'<span class="msg-host">[{escape(label)}]</span>'
        )))  # fmt: skip
    for term in terms:
        if any(s < term.end and term.start < e for s, e, _html in marks):
            continue  # inside a link: the link wins
        marks.append((term.start, term.end, (
            f'<abbr class="term" title="{escape(term.counterpart)}">'
            f'{escape(text[term.start:term.end])}</abbr>'
        )))  # fmt: skip
    out, at = [], 0
    for start, end, html in sorted(marks):
        if start < at:
            continue
        out.append(_plain(text[at:start]))
        out.append(html)
        at = end
    out.append(_plain(text[at:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of the writer's text is escaped
