"""The events API's shapes: events, sessions, registrations, slots, meeting requests, the
agenda (times in both participants' zones) and the interpreter roster."""

from __future__ import annotations

from datetime import datetime

from ninja import Schema
from pydantic import Field

from yeongilman.core.schemas import Flag, Id, Omittable, StrictIn
from yeongilman.events.schemas import ZonedTimeOut


class SlotOut(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime
    tables: int
    available: bool | None = Field(
        description="Whether the viewer is free in it (None for operators without a place)."
    )


class SlotPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[SlotOut]


class AvailabilityIn(StrictIn):
    unavailable: list[Id] = Field(
        default_factory=list, max_length=64, description="Slots the viewer cannot attend."
    )


class ParticipantOut(Schema):
    registration: int
    name: str
    organisation: int | None
    organisation_name: str
    time_zone: str


class ParticipantPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[ParticipantOut]


class ProposedSlotOut(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime


class MeetingOut(Schema):
    id: int
    event: int
    requester: ParticipantOut
    recipient: ParticipantOut
    message: str
    status: str = Field(description="requested, accepted, declined or cancelled.")
    mode: str = Field(description="in_person (at a table) or online (video link, no table).")
    video_link: str
    needs_interpreter: bool
    slot: int | None
    starts_at: datetime | None
    ends_at: datetime | None
    table: int | None = Field(description="None while unscheduled and for online meetings.")
    interpreter: str | None = Field(description="The interpreter's name, once scheduled.")
    unscheduled_reason: str
    times: list[ZonedTimeOut] = Field(
        description="The start in the requester's and the recipient's time zones (one entry "
        "when they share a zone); empty while unscheduled."
    )
    proposed_slots: list[ProposedSlotOut] = Field(
        description="Slots the requester proposed (at most three, in time order); the "
        "recipient may accept the request with one of them."
    )
    window: str = Field(
        "",
        description="When the meeting may be held: '' (any time), morning (slots starting "
        "before 12:00 in the event's time zone), afternoon (from 12:00) or slots (the slots "
        "in `window_slots`). The scheduler keeps the meeting inside it.",
    )
    window_slots: list[ProposedSlotOut] = Field(
        default_factory=list,
        description="With the window `slots`: the slots the meeting may take, in time order.",
    )


class MeetingPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[MeetingOut]


MODE_PATTERN = "^(in_person|online)$"
WINDOW_PATTERN = "^(|morning|afternoon|slots)$"


class MeetingRequestIn(StrictIn):
    recipient: Id = Field(description="The registration id of the person asked.")
    message: str = Field("", max_length=2000)
    mode: str = Field("in_person", pattern=MODE_PATTERN)
    video_link: str = Field("", max_length=500, description="https only; online meetings.")
    needs_interpreter: Flag = False
    proposed_slot_ids: list[Id] = Field(
        default_factory=list,
        max_length=3,
        description="Up to three slots of this event the requester is free in (not marked "
        "unavailable, no meeting there yet); the recipient may accept with one of them.",
    )
    window: str = Field(
        "",
        pattern=WINDOW_PATTERN,
        description="When the meeting may be held: '' (any time, the default), morning (slots "
        "starting before 12:00 in the event's time zone), afternoon (from 12:00) or slots "
        "(those in `window_slot_ids`). It must leave a slot where both sides are free.",
    )
    window_slot_ids: list[Id] = Field(
        default_factory=list,
        max_length=64,
        description="With the window `slots` only: the slots of this event the meeting may "
        "take (at least one).",
    )


class MeetingPatch(StrictIn):
    mode: str = Omittable(pattern=MODE_PATTERN)
    video_link: str | None = Field(None, max_length=500)
    needs_interpreter: Flag = Omittable()


class MeetingAnswerIn(StrictIn):
    accept: Flag
    slot_id: Id | None = Field(
        None,
        description="Accept and book the meeting into this proposed slot (a table, and an "
        "interpreter if needed, under the day's rules); without it an accepted meeting waits "
        "for the scheduler.",
    )


class RosterRowOut(Schema):
    slot: int
    starts_at: datetime
    interpreter: int
    interpreter_name: str
    languages: str
    meeting: int | None = Field(description="The meeting they interpret (None: free).")
    mode: str | None
    table: int | None
    participants: list[str]


class RosterPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[RosterRowOut]
