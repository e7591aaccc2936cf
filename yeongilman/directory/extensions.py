"""What apps above the directory add to an organisation's profile page.

The directory stands below matchmaking, yet a profile tells a member what their own meetings
with that organisation came to ("Met at … : no fit"), which matchmaking reads from the outcomes
app. Matchmaking hands its reader over at start-up (`MatchmakingConfig.ready`); without it the
profile simply shows no such notes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from yeongilman.accounts.access import AnyUser

if TYPE_CHECKING:
    from yeongilman.directory.models import Organisation

NotesReader = Callable[[AnyUser, "Organisation"], list[str]]

_notes: NotesReader | None = None


def provide_profile_notes(reader: NotesReader) -> None:
    """Called once by the app that knows what the viewer's meetings with an organisation
    came to: lines for the viewer on that organisation's profile."""
    global _notes
    _notes = reader


def profile_notes(user: AnyUser, organisation: Organisation) -> list[str]:
    """The lines for the viewer on an organisation's profile (none when nobody provides)."""
    return _notes(user, organisation) if _notes is not None else []
