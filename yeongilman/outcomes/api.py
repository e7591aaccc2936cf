"""Meeting outcome endpoints: a participant's meetings to rate, their answers and follow-ups;
operators' no-show decisions, attendance and the funnel from request to agreement."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from yeongilman.accounts.access import require_operator, require_user
from yeongilman.core.errors import NotFound
from yeongilman.core.schemas import Flag, Id, PathId, StrictIn
from yeongilman.events.models import Registration
from yeongilman.events.selectors import events_for
from yeongilman.meetings.models import MeetingRequest
from yeongilman.outcomes import selectors, services
from yeongilman.outcomes.access import access_my_meeting
from yeongilman.outcomes.models import FollowUpStatus, MeetingVerdict, OutcomeKind

router = Router(tags=["outcomes"])

VerdictValue = Literal["held", "not_held", "no_interest", "informative", "cooperation"]
StatusValue = Literal["no_contact", "negotiation", "agreement"]
KindValue = Literal[
    "", "mou", "sister_city", "branch_office", "forum_series", "other", "investment"
]
assert set(VerdictValue.__args__) == set(MeetingVerdict.values)  # type: ignore[attr-defined]
assert set(StatusValue.__args__) == set(FollowUpStatus.values)  # type: ignore[attr-defined]
assert set(KindValue.__args__) - {""} == set(OutcomeKind.values)  # type: ignore[attr-defined]


class MyMeetingOut(Schema):
    id: int
    event: int
    event_title: str
    starts_at: datetime
    ends_at: datetime
    partner: str
    partner_organisation: int | None
    verdict: str = Field(description="Your answer; empty until you answer.")
    comment: str = Field(description="Your comment, read by the operators only.")
    follow_up_opens: datetime | None
    follow_up_status: str
    follow_up_kind: str


def _my_meeting_out(row: selectors.MyMeeting) -> dict[str, Any]:
    meeting, other = row.meeting, row.other
    assert meeting.slot is not None
    return {
        "id": meeting.pk, "event": meeting.event_id,
        "event_title": meeting.event.title.primary,
        "starts_at": meeting.slot.starts_at, "ends_at": meeting.slot.ends_at,
        "partner": str(other.organisation.name.primary if other.organisation else other.user),
        "partner_organisation": other.organisation_id,
        "verdict": row.feedback.verdict if row.feedback else "",
        "comment": row.feedback.comment if row.feedback else "",
        "follow_up_opens": row.follow_up_opens,
        "follow_up_status": row.follow_up.status if row.follow_up else "",
        "follow_up_kind": row.follow_up.kind if row.follow_up else "",
    }  # fmt: skip


def _one_of_mine(request: HttpRequest, meeting_id: int) -> selectors.MyMeeting:
    meeting, _side = access_my_meeting(request.user, meeting_id)
    row = next((r for r in selectors.meetings_to_rate(request.user) if r.meeting.pk == meeting.pk),
               None)  # fmt: skip
    assert row is not None
    return row


@router.get(
    "/outcomes/meetings",
    response=list[MyMeetingOut],
    summary="My meetings that ended, with my answers (newest first)",
    description="Every accepted meeting of yours whose slot has ended (at most 200). Signed-in "
    "users only (401).",
)
def my_meetings(request: HttpRequest) -> Any:
    require_user(request.user)
    return [_my_meeting_out(r) for r in selectors.meetings_to_rate(request.user)]


class OutcomeIn(StrictIn):
    verdict: VerdictValue
    comment: str = Field("", max_length=2000, description="Read by the operators only.")


@router.post(
    "/outcomes/meetings/{meeting_id}/outcome",
    response=MyMeetingOut,
    summary="Say how a meeting of yours went",
    description="Answering again replaces your earlier answer (200 each time). A meeting that "
    "has not ended answers 409; a meeting you are not a side of answers 404.",
)
def meeting_outcome(request: HttpRequest, meeting_id: PathId, payload: OutcomeIn) -> Any:
    meeting, side = access_my_meeting(request.user, meeting_id)
    services.feedback_record(
        actor=request.user, meeting=meeting, side=side, verdict=payload.verdict,
        comment=payload.comment,
    )  # fmt: skip
    return _my_meeting_out(_one_of_mine(request, meeting_id))


class FollowUpIn(StrictIn):
    status: StatusValue
    kind: KindValue = Field("", description="Required with `agreement`.")
    note: str = Field("", max_length=2000, description="Read by the operators only.")


@router.post(
    "/outcomes/meetings/{meeting_id}/follow-up",
    response=MyMeetingOut,
    summary="Say what came of a meeting of yours",
    description="Open from the event's follow-up period (6 months by default) after the "
    "meeting; before that 409. `agreement` needs a `kind` (422) and drafts an agreement (or, "
    "for `investment`, an investment lead) linked to the meeting for an operator to confirm; "
    "answering again replaces the answer and drafts nothing more. Not your meeting: 404.",
)
def meeting_follow_up(request: HttpRequest, meeting_id: PathId, payload: FollowUpIn) -> Any:
    meeting, side = access_my_meeting(request.user, meeting_id)
    services.follow_up_record(
        actor=request.user, meeting=meeting, side=side, status=payload.status,
        kind=payload.kind, note=payload.note,
    )  # fmt: skip
    return _my_meeting_out(_one_of_mine(request, meeting_id))


class NoShowIn(StrictIn):
    registration: Id = Field(description="The registration of the side said to be absent.")
    confirm: Flag = Field(True, description="False records that they were there.")


class NoShowOut(Schema):
    meeting: int
    registration: int
    decision: str


@router.post(
    "/outcomes/meetings/{meeting_id}/no-shows",
    response=NoShowOut,
    summary="Confirm or dismiss a no-show candidate (operators)",
    description="Only a side the other side says did not come can be decided (422 otherwise); "
    "deciding again replaces the decision.",
)
def no_show(request: HttpRequest, meeting_id: PathId, payload: NoShowIn) -> Any:
    require_operator(request.user)
    meeting = (
        MeetingRequest.objects.select_related("requester", "recipient")
        .prefetch_related("feedback")
        .filter(pk=meeting_id)
        .first()
    )
    registration = Registration.objects.filter(pk=payload.registration).first()
    if meeting is None or registration is None:
        raise NotFound(_("No such meeting or participant."))
    row = services.no_show_decide(
        actor=request.user, meeting=meeting, registration=registration, confirm=payload.confirm
    )
    return {"meeting": meeting.pk, "registration": registration.pk, "decision": row.decision}


class OutcomeParticipantOut(Schema):
    registration: int
    name: str
    meetings: int
    no_shows: int
    attendance_rate: float | None
    no_show_rate: float | None


class AttendanceOut(Schema):
    ended: int
    held: int
    not_held: int
    unknown: int
    no_show_meetings: int
    attendance_rate: float | None
    no_show_rate: float | None
    participants: list[OutcomeParticipantOut]


@router.get(
    "/outcomes/events/{event_id}/attendance",
    response=AttendanceOut,
    summary="Attendance and no-show rates of an event's meetings, per participant (operators)",
)
def event_attendance(request: HttpRequest, event_id: PathId) -> Any:
    require_operator(request.user)
    event = events_for(request.user).filter(pk=event_id).first()
    if event is None:
        raise NotFound(_("No such event."))
    summary = selectors.attendance(event)
    return {
        "ended": summary.ended, "held": summary.held, "not_held": summary.not_held,
        "unknown": summary.unknown, "no_show_meetings": summary.no_show_meetings,
        "attendance_rate": summary.attendance_rate, "no_show_rate": summary.no_show_rate,
        "participants": [
            {"registration": p.registration.pk, "name": str(p.registration.user),
             "meetings": p.meetings, "no_shows": p.no_shows,
             "attendance_rate": p.attendance_rate, "no_show_rate": p.no_show_rate}
            for p in summary.participants
        ],
    }  # fmt: skip


class FunnelRowOut(Schema):
    key: str = Field(description="Event id, two-letter partner country or year.")
    label: str
    requested: int
    accepted: int
    held: int
    negotiation: int
    agreement: int
    rates: dict[str, float | None] = Field(
        description="Each stage over the stage before it (null when that is 0); talked and "
        "accepted over the requests."
    )
    talked: int = Field(
        0, description="Requests whose two sides wrote to each other on the platform."
    )


class FunnelFilter(Schema):
    by: Literal["event", "country", "year"] = "event"
    year: int | None = Field(None, ge=1990, le=2100)
    event: int | None = Field(None, ge=1, le=2**31 - 1)


@router.get(
    "/outcomes/funnel",
    response=list[FunnelRowOut],
    summary="Meetings requested → accepted → held → in negotiation → agreement (operators)",
    description="Per event, partner country (the foreign side's) or year of the event. "
    "Agreements count operator-confirmed links only.",
)
def funnel(request: HttpRequest, filters: Query[FunnelFilter]) -> Any:
    require_operator(request.user)
    event = None
    if filters.event is not None:
        event = events_for(request.user).filter(pk=filters.event).first()
        if event is None:
            raise NotFound(_("No such event."))
    rows = selectors.funnel(filters.by, event=event, year=filters.year)
    return [{"key": r.key, "label": r.label, **r.counts, "rates": r.rates} for r in rows]
