"""Who may answer for which meeting: the two sides of it, and operators for everything."""

from __future__ import annotations

from django.utils.translation import gettext as _

from yeongilman.accounts.access import AnyUser, require_user
from yeongilman.core.errors import NotFound
from yeongilman.events.models import Registration
from yeongilman.meetings.models import MeetingRequest


def meeting_sides(meeting: MeetingRequest) -> list[Registration]:
    """The requester's and the recipient's registrations."""
    return [meeting.requester, meeting.recipient]


def access_my_meeting(user: AnyUser, meeting_id: int) -> tuple[MeetingRequest, Registration]:
    """A meeting the user is a side of, with their registration; any other meeting does not
    exist for them (404), so ids of other people's meetings reveal nothing."""
    person = require_user(user)
    meeting = (
        MeetingRequest.objects.select_related(
            "event",
            "slot",
            "requester__user",
            "recipient__user",
            "requester__organisation",
            "recipient__organisation",
        )  # fmt: skip
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is not None:
        for side in meeting_sides(meeting):
            if side.user_id == person.pk:
                return meeting, side
    raise NotFound(_("No such meeting among yours."))
