"""Reads for the operator's B2B manage page: the day's current set-up (slots and tables), its
slots by day, the meetings a new set-up would unschedule, and the booking matrix (who is booked
when), each in a fixed number of queries however large the day."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils import formats

from yeongilman.core.zones import valid_zone
from yeongilman.events.models import Event, Registration, RegistrationStatus
from yeongilman.jobs.models import JobKind
from yeongilman.jobs.selectors import latest_job
from yeongilman.meetings.free_time import BreakSummary, break_summary, free_blocks
from yeongilman.meetings.models import MeetingMode, MeetingRequest, MeetingSlot, RequestStatus
from yeongilman.meetings.services import schedule_scope

# What SlotsForm offers when a day has no slots yet.
DEFAULT_SETUP = {"minutes": 25, "gap_minutes": 5, "count": 16, "tables": 20}


def _zone(event: Event) -> ZoneInfo:
    return ZoneInfo(valid_zone(event.time_zone) or "UTC")


def current_setup(event: Event, slots: list[MeetingSlot] | None = None) -> dict[str, object]:
    """The set-up that made the day's slots, as SlotsForm's initial: the first start (naive,
    in the event's zone), minutes per meeting, the gap, the number of slots and the tables;
    the defaults, starting when the day starts, when it has no slots."""
    slots = list(event.slots.all()) if slots is None else slots
    if not slots:
        return {
            **DEFAULT_SETUP,
            "first_start": event.starts_at.astimezone(_zone(event)).replace(tzinfo=None),
            "tables": event.b2b_tables or DEFAULT_SETUP["tables"],
        }
    first = slots[0]
    gap = (slots[1].starts_at - first.ends_at) if len(slots) > 1 else None
    return {
        "first_start": first.starts_at.astimezone(_zone(event)).replace(tzinfo=None),
        "minutes": int((first.ends_at - first.starts_at).total_seconds() // 60),
        "gap_minutes": int(gap.total_seconds() // 60) if gap is not None else 0,
        "count": len(slots),
        "tables": event.b2b_tables,
    }


def booked_meetings(event: Event) -> list[MeetingRequest]:
    """Accepted meetings placed in a slot (or pinned): what replacing the slots unschedules."""
    return list(
        event.meeting_requests.filter(status=RequestStatus.ACCEPTED, slot__isnull=False)
        .select_related("requester__user", "recipient__user")
        .order_by("pk")
    )


def booked_count(event: Event) -> int:
    """How many accepted meetings hold a slot."""
    return event.meeting_requests.filter(status=RequestStatus.ACCEPTED, slot__isnull=False).count()


@dataclass(frozen=True)
class SlotColumn:
    """A slot as a column: its times in the event's zone and the tables it has."""

    slot: MeetingSlot
    day: date
    start: str
    end: str
    tables: int


@dataclass(frozen=True)
class SlotDay:
    """The slots of one calendar day in the event's zone, with the day written out."""

    day: date
    label: str
    columns: list[SlotColumn]


def _day_label(moment: datetime) -> str:
    """'2027년 1월 6일 (수)' / 'Jan. 6, 2027 (Wed)' in the active language."""
    return f"{formats.date_format(moment, 'DATE_FORMAT')} ({formats.date_format(moment, 'D')})"


def slot_days(event: Event, slots: list[MeetingSlot] | None = None) -> list[SlotDay]:
    """The day's slots grouped by date in the event's zone, in time order."""
    slots = list(event.slots.all()) if slots is None else slots
    zone = _zone(event)
    days: list[SlotDay] = []
    for slot in slots:
        start, end = slot.starts_at.astimezone(zone), slot.ends_at.astimezone(zone)
        column = SlotColumn(
            slot=slot,
            day=start.date(),
            start=start.strftime("%H:%M"),
            end=end.strftime("%H:%M"),
            tables=slot.capacity if slot.capacity is not None else event.b2b_tables,
        )
        if not days or days[-1].day != column.day:
            days.append(SlotDay(column.day, _day_label(start), []))
        days[-1].columns.append(column)
    return days


@dataclass(frozen=True)
class MatrixCell:
    """One participant's meeting in one slot: the partner, and where it is held."""

    meeting: MeetingRequest
    partner: Registration
    online: bool
    table: int | None
    needs_interpreter: bool
    interpreter: str

    @property
    def partner_name(self) -> str:
        """The partner as the matrix names them: organisation, else the person."""
        return participant_organisation(self.partner) or participant_name(self.partner)


@dataclass
class MatrixRow:
    """A participant and their meetings, one cell (or None) per slot column."""

    registration: Registration
    cells: list[MatrixCell | None]
    meetings: int = 0
    breaks: int = 0  # idle runs of slots between two of their meetings on one day

    @property
    def name(self) -> str:
        """The person."""
        return participant_name(self.registration)

    @property
    def organisation(self) -> str:
        """Their organisation ('' without one)."""
        return participant_organisation(self.registration)


@dataclass(frozen=True)
class SlotTotal:
    """A slot's figures: meetings held in it and tables taken of the tables it has."""

    column: SlotColumn
    meetings: int
    tables_used: int


@dataclass
class BookingMatrix:
    """Who is booked when: rows are participants, columns the slots (grouped by day)."""

    days: list[SlotDay]
    rows: list[MatrixRow]
    totals: list[SlotTotal] = field(default_factory=list)

    @property
    def breaks(self) -> BreakSummary:
        """Idle breaks of the day's participants as booked now."""
        return break_summary({row.registration.pk: row.breaks for row in self.rows})

    @property
    def columns(self) -> list[SlotColumn]:
        """Every slot column in time order."""
        return [c for d in self.days for c in d.columns]

    @property
    def meetings(self) -> int:
        """Booked meetings on the day."""
        return sum(t.meetings for t in self.totals)


def participant_name(registration: Registration) -> str:
    """A participant's own name (the e-mail address when they gave none)."""
    return str(registration.user)


def participant_organisation(registration: Registration) -> str:
    """The organisation a participant came for, in the viewer's language first."""
    organisation = registration.organisation
    return str(organisation.name) if organisation is not None else ""


def booking_matrix(event: Event) -> BookingMatrix:
    """The day's booking matrix in three queries (slots, participants, booked meetings): every
    confirmed participant (and anyone else in a booked meeting) by organisation and name."""
    slots = list(event.slots.all())
    days = slot_days(event, slots)
    columns = [c for d in days for c in d.columns]
    index = {c.slot.pk: i for i, c in enumerate(columns)}
    meetings = list(
        event.meeting_requests.filter(status=RequestStatus.ACCEPTED, slot__isnull=False)
        .select_related("interpreter")
        .order_by("slot__starts_at", "table", "pk")
    )
    registrations = _registrations(event)
    rows = {pk: MatrixRow(reg, [None] * len(columns)) for pk, reg in registrations.items()}
    used: list[set[int]] = [set() for _c in columns]
    counts = [0] * len(columns)
    for meeting in meetings:
        at = index.get(meeting.slot_id)  # type: ignore[arg-type]
        if at is None:
            continue
        counts[at] += 1
        online = meeting.mode == MeetingMode.ONLINE
        if not online and meeting.table is not None:
            used[at].add(meeting.table)
        for me, other in (
            (meeting.requester_id, meeting.recipient_id),
            (meeting.recipient_id, meeting.requester_id),
        ):
            row = rows[me]
            row.cells[at] = MatrixCell(
                meeting=meeting,
                partner=registrations[other],
                online=online,
                table=None if online else meeting.table,
                needs_interpreter=meeting.needs_interpreter,
                interpreter=meeting.interpreter.name if meeting.interpreter else "",
            )
            row.meetings += 1
    ordered = sorted(
        rows.values(),
        key=lambda r: (r.organisation.casefold() or "\uffff", r.name.casefold(), r.registration.pk),
    )
    column_slots = [c.slot for c in columns]
    for row in ordered:
        busy = [c.slot.pk for c, cell in zip(columns, row.cells, strict=True) if cell]
        row.breaks = len(free_blocks(column_slots, busy, event.time_zone))
    totals = [SlotTotal(c, counts[i], len(used[i])) for i, c in enumerate(columns)]
    return BookingMatrix(days=days, rows=ordered, totals=totals)


def _registrations(event: Event) -> dict[int, Registration]:
    """Confirmed participants and everyone in a booked meeting, with user and organisation
    (one query: the booked sides come in as subqueries)."""
    booked = event.meeting_requests.filter(status=RequestStatus.ACCEPTED, slot__isnull=False)
    query = Registration.objects.filter(event=event).filter(
        Q(status=RegistrationStatus.CONFIRMED)
        | Q(pk__in=booked.values("requester_id"))
        | Q(pk__in=booked.values("recipient_id"))
    )
    return {r.pk: r for r in query.select_related("user", "organisation")}


def matrix_breaks(event: Event, matrix: BookingMatrix) -> dict[str, object]:
    """The booking matrix's breaks as booked now (total, who has the most, spread) with the
    last finished run's proven lower bound and allowed spread, for `meetings/_breaks.html`."""
    summary = matrix.breaks
    registrations = {row.registration.pk: row.registration for row in matrix.rows}
    run = latest_job(kind=JobKind.SCHEDULE_RUN, scope=schedule_scope(event))
    result = (run.result or {}) if run is not None and run.status == "done" else {}
    run_breaks = result.get("breaks") if isinstance(result.get("breaks"), dict) else None
    bound = int(run_breaks.get("lower_bound", 0)) if run_breaks else None
    return {
        "total": summary.total,
        "most": summary.most,
        "spread": summary.spread,
        "worst": registrations.get(summary.worst) if summary.worst else None,
        "lower_bound": bound,
        "proven_optimal": bound is not None and bound >= summary.total,
        "spread_met": None,
        "max_spread": result.get("max_spread") if run_breaks else None,
        "compact": None,
    }
