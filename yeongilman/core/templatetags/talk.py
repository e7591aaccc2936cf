"""`{% talk_link links pk %}`: the link to where a person talks about one subject, from the
links a page asked `core.talk.talk_links` for (nothing when there is none)."""

from __future__ import annotations

from typing import Any

from django import template

from yeongilman.core.talk import TalkLink

register = template.Library()


@register.inclusion_tag("includes_talk_link.html")
def talk_link(links: dict[int, TalkLink] | None, pk: int) -> dict[str, Any]:
    """The subject's link ("Ask a question" or "Open the conversation")."""
    return {"link": (links or {}).get(pk)}
