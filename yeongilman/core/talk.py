"""Where the people of a subject talk about it (an expression of interest, a meeting request, a
programme agreement, ...), for the subject's own page, without the page's app knowing the app
that keeps conversations.

That app sits above every subject's app, so it hands its answer here at start-up
(`ConversationsConfig.ready`); a page below asks `talk_links(user, kind, ids)` and shows a link
for each subject the person takes part in. Without a provider nobody is offered a link.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TalkLink:
    """Where a person talks about one subject: the conversation (`started`) or its first
    message, and how many of its messages they have not read."""

    url: str
    started: bool
    unread: int = 0


TalkLinks = Callable[[Any, str, list[int]], dict[int, TalkLink]]

_provider: TalkLinks | None = None


def provide_talk_links(provider: TalkLinks) -> None:
    """Called once by the app that keeps conversations."""
    global _provider
    _provider = provider


def talk_links(user: Any, kind: str, ids: Iterable[int]) -> dict[int, TalkLink]:
    """Per subject id of this kind, the link for a person on one of its sides (subjects they
    are on no side of are left out; everything when no app provides conversations)."""
    wanted = sorted({pk for pk in ids if pk})
    if _provider is None or not wanted or not getattr(user, "is_authenticated", False):
        return {}
    return _provider(user, kind, wanted)
