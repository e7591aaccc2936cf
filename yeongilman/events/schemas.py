"""The events API's shapes: events, sessions, registrations, slots, meeting requests, the
agenda (times in both participants' zones) and the interpreter roster."""

from __future__ import annotations

from datetime import datetime

from ninja import Schema
from pydantic import Field

from yeongilman.core.schemas import Id, StrictIn, TitleTextOut


class EventOut(TitleTextOut):
    id: int
    slug: str
    kind: str
    venue: str
    city: str
    time_zone: str
    starts_at: datetime
    ends_at: datetime
    capacity: int | None
    registration_opens_at: datetime | None
    registration_closes_at: datetime | None
    requires_approval: bool
    is_published: bool = Field(description="False only for drafts, which operators alone see.")
    cancelled_at: datetime | None = Field(
        None, description="When operators called the event off (None: it goes ahead)."
    )
    cancellation_reason: str = Field("", description="Why it was called off, as they wrote it.")


class VisitOut(Schema):
    id: int
    organisation: int | None = Field(description="The organisation visited, if recorded.")
    organisation_name: str
    place: str
    time_zone: str = Field(
        description="The stop's own zone (a delegation crosses zones); the event's when the "
        "stop names none."
    )
    starts_at: datetime = Field(description="The stop's time with its own zone's offset.")
    notes: str
    outcome: str


class EventDetailOut(EventOut):
    b2b_tables: int
    max_meetings_per_day: int | None = Field(description="Per-person limit (None: no limit).")
    max_in_a_row: int | None = Field(
        description="After so many meetings in a row a free slot (None: no limit)."
    )
    my_registration: RegistrationOut | None
    itinerary: list[VisitOut] = Field(
        description="A delegation's stops in time order, each in its own zone (empty for "
        "other kinds)."
    )


class EventPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[EventOut]


class SessionOut(Schema):
    id: int
    title_ko: str
    title_en: str
    speakers: str
    room: str
    starts_at: datetime
    ends_at: datetime


class SessionPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[SessionOut]


class RegistrationOut(Schema):
    id: int
    event: int
    user: int
    name: str
    organisation: int | None
    status: str = Field(description="pending, confirmed, waitlisted or cancelled.")
    created_at: datetime


class RegistrationPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[RegistrationOut]


class RegistrationIn(StrictIn):
    organisation: Id | None = Field(None, description="Register on behalf of this organisation.")


class ZonedTimeOut(Schema):
    time_zone: str
    starts_at: datetime = Field(description="The slot's start with this zone's offset.")


EventDetailOut.model_rebuild()
