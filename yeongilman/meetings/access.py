"""Who may use which part of an event: every page and endpoint of events asks here."""

from __future__ import annotations

from django.utils.translation import gettext as _

from yeongilman.accounts.access import (
    AnyUser,
    is_operator,
    require_user,
)
from yeongilman.core.errors import NotFound
from yeongilman.meetings.models import MeetingRequest


def access_meeting_request(user: AnyUser, request_id: int) -> MeetingRequest:
    """A meeting request for its two participants and operators (sign-in first); for anyone
    else it does not exist."""
    require_user(user)
    meeting = (
        MeetingRequest.objects.select_related(
            "event",
            "requester__user",
            "requester__organisation",
            "recipient__user",
            "recipient__organisation",
            "slot",
            "interpreter",
        )
        .filter(pk=request_id)
        .first()
    )
    if meeting is None or not (
        is_operator(user) or user.pk in (meeting.requester.user_id, meeting.recipient.user_id)
    ):
        raise NotFound(_("No such meeting request."))
    return meeting
