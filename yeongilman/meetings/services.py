"""Writes for events: registrations with a waiting list, B2B requests, slots, scheduling."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yeongilman.accounts.access import AnyUser, is_operator, require_operator, require_user
from yeongilman.accounts.models import User
from yeongilman.core.db import lock_for_change
from yeongilman.core.errors import PermissionDenied, ValidationFailed
from yeongilman.core.hooks import Hook
from yeongilman.core.zones import person_zone
from yeongilman.events.models import Event, Registration, RegistrationStatus
from yeongilman.jobs.models import Job, JobKind
from yeongilman.jobs.services import JobContext, job_enqueue
from yeongilman.meetings import adapter, selectors
from yeongilman.meetings.free_time import break_summary, free_blocks
from yeongilman.meetings.limits import within_limits
from yeongilman.meetings.models import (
    Interpreter,
    MeetingMode,
    MeetingRequest,
    MeetingSlot,
    MeetingWindow,
    RequestStatus,
    SlotUnavailability,
)
from yeongilman.meetings.windows import allowed_slot_ids, slots_in_window
from yeongilman.outbox.services import mail_on_commit
from yeongilman.scheduling import Schedule
from yeongilman.scheduling.model import INTERPRETER_REASONS

# Meetings moved, placed or unscheduled (each with its old slot id and table), inside the change's
# transaction: communications connects the mail that tells both sides (CommunicationsConfig.ready).
ScheduleChanges = list[tuple[MeetingRequest, int | None, int | None]]
schedule_changed: Hook[[Event, ScheduleChanges]] = Hook("meetings.schedule_changed")
# A meeting request was sent, inside its transaction: conversations links it to the
# conversation its two sides had about something else (ConversationsConfig.ready).
meeting_requested: Hook[[MeetingRequest]] = Hook("meetings.meeting_requested")


def _confirmed_registration(event: Event, user: User) -> Registration:
    registration = Registration.objects.filter(
        event=event, user=user, status=RegistrationStatus.CONFIRMED
    ).first()
    if registration is None:
        raise PermissionDenied(_("Only confirmed participants of this event can do this."))
    return registration


@transaction.atomic
def meeting_request_send(
    *,
    actor: AnyUser,
    event: Event,
    recipient: Registration,
    message: str = "",
    mode: str = MeetingMode.IN_PERSON,
    video_link: str = "",
    needs_interpreter: bool = False,
    proposed_slot_ids: list[int] | None = None,
    window: str = MeetingWindow.ANY,
    window_slot_ids: list[int] | None = None,
) -> MeetingRequest:
    """Ask another confirmed participant of a B2B day for a meeting, in person or online, with
    or without Korean–English interpretation, proposing up to three slots the requester is
    free in (the recipient may accept one of them), within a time window (the morning, the
    afternoon or chosen slots) that leaves a slot where both are free."""
    user = require_user(actor)
    requester = _confirmed_registration(event, user)
    if event.registration_closes_at and timezone.now() > event.registration_closes_at:
        raise ValidationFailed(_("Registration is closed; meeting requests are closed too."))
    mode, video_link = _meeting_mode(mode, video_link)
    if recipient.event_id != event.pk or recipient.status != RegistrationStatus.CONFIRMED:
        message = _("This person is not a confirmed participant of the event.")
        raise ValidationFailed(message, field_errors={"recipient": [message]})
    if recipient.pk == requester.pk:
        message = _("You cannot request a meeting with yourself.")
        raise ValidationFailed(message, field_errors={"recipient": [message]})
    proposed = _proposable_slots(event, requester, recipient, proposed_slot_ids or [])
    pair = Q(requester=requester, recipient=recipient) | Q(requester=recipient, recipient=requester)
    if event.meeting_requests.filter(pair).exclude(status=RequestStatus.CANCELLED).exists():
        raise ValidationFailed(_("There is already a meeting request between you two."))
    window, window_slots = _checked_window(
        event, window, window_slot_ids or [], (requester, recipient)
    )
    if window and any(slot not in window_slots for slot in proposed):
        message = _("A proposed time lies outside the meeting's time window.")
        raise ValidationFailed(message, field_errors={"proposed_slots": [message]})
    request = MeetingRequest.objects.create(
        event=event,
        requester=requester,
        recipient=recipient,
        message=message.strip()[:2000],
        mode=mode,
        video_link=video_link,
        needs_interpreter=bool(needs_interpreter),
        window=window,
    )
    request.proposed_slots.set(proposed)
    if window == MeetingWindow.SLOTS:
        request.window_slots.set(window_slots)
    meeting_requested(request)
    mail_on_commit(
        [recipient.user],
        gettext_noop("New meeting request"),
        "meetings/email/request.txt",
        {
            "event": event,
            "request": request,
            "proposed": proposed,
            "zone": person_zone(recipient.user, event.time_zone),
        },
    )
    return request


MAX_PROPOSED_SLOTS = 3


def _proposable_slots(
    event: Event, requester: Registration, recipient: Registration, slot_ids: list[int]
) -> list[MeetingSlot]:
    """The slots a requester proposes, checked: at most three, of this event, and both sides
    free in each (neither marked it unavailable nor has a meeting there); a refusal names who
    is not free and when, in the requester's zone."""
    wanted = set(slot_ids)
    if not wanted:
        return []

    def refuse(message: str) -> ValidationFailed:
        return ValidationFailed(message, field_errors={"proposed_slots": [message]})

    if len(wanted) > MAX_PROPOSED_SLOTS:
        raise refuse(_("Propose at most %(count)d times.") % {"count": MAX_PROPOSED_SLOTS})
    slots = list(event.slots.filter(pk__in=wanted).order_by("starts_at", "id"))
    if len(slots) != len(wanted):
        raise refuse(_("A proposed time is not a slot of this event."))
    conflicts = selectors.slot_conflicts(event, {requester.pk, recipient.pk})
    zone = ZoneInfo(person_zone(requester.user, event.time_zone))
    for slot in slots:
        when = f"{slot.starts_at.astimezone(zone):%Y-%m-%d %H:%M}"
        mine, theirs = (
            conflicts.get((requester.pk, slot.pk)),
            conflicts.get((recipient.pk, slot.pk)),
        )
        if mine == selectors.UNAVAILABLE:
            raise refuse(
                _("You marked %(time)s as not available; propose times you are free.")
                % {"time": when}
            )
        if mine == selectors.BOOKED:
            raise refuse(_("You already have a meeting at %(time)s.") % {"time": when})
        if theirs:
            name = selectors.participant_name(recipient)
            message = (
                _("%(name)s is not available at %(time)s; propose times you are both free.")
                if theirs == selectors.UNAVAILABLE
                else _("%(name)s already has a meeting at %(time)s; propose another time.")
            )
            raise refuse(message % {"name": name, "time": when})
    return slots


def _checked_window(
    event: Event, window: str, slot_ids: list[int], people: tuple[Registration, Registration]
) -> tuple[str, list[MeetingSlot]]:
    """A valid window and the slots it allows: chosen slots only with "slots" (at least one,
    all of this event), and at least one allowed slot where both sides are free."""

    def refuse(field: str, message: str) -> ValidationFailed:
        return ValidationFailed(message, field_errors={field: [message]})

    window = window or MeetingWindow.ANY
    if window not in MeetingWindow.values:
        raise refuse("window", _("Choose any time, the morning, the afternoon or chosen slots."))
    wanted = set(slot_ids)
    if window != MeetingWindow.SLOTS and wanted:
        raise refuse("window_slots", _("Choose slots only for a window of chosen slots."))
    slots = list(event.slots.all())
    if window == MeetingWindow.SLOTS:
        if not wanted:
            raise refuse("window_slots", _("Choose at least one slot for the meeting."))
        if not wanted <= {s.pk for s in slots}:
            raise refuse("window_slots", _("A chosen slot belongs to another event."))
    allowed = slots_in_window(slots, window, wanted, event.time_zone)
    if window:
        blocked = set(
            SlotUnavailability.objects.filter(registration__in=people).values_list(
                "slot_id", flat=True
            )
        )
        if not any(slot.pk not in blocked for slot in allowed):
            field = "window_slots" if window == MeetingWindow.SLOTS else "window"
            raise refuse(
                field,
                _(
                    "No slot in this time window is free for both of you; choose another "
                    "window or ask without one."
                ),
            )
    return window, allowed


def _meeting_mode(mode: str, video_link: str) -> tuple[str, str]:
    """A valid mode and video link: an https address, for online meetings only."""
    if mode not in MeetingMode.values:
        raise ValidationFailed(
            _("Choose in person or online."),
            field_errors={"mode": [_("Choose in person or online.")]},
        )
    link = (video_link or "").strip()
    if link and mode != MeetingMode.ONLINE:
        message = _("Only an online meeting has a video link.")
        raise ValidationFailed(message, field_errors={"video_link": [message]})
    if link:
        try:
            URLValidator(schemes=["https"])(link)
        except ValidationError:
            message = _("Enter a video link that starts with https://.")
            raise ValidationFailed(message, field_errors={"video_link": [message]}) from None
        if len(link) > 500:
            message = _("The video link is too long.")
            raise ValidationFailed(message, field_errors={"video_link": [message]})
    return mode, link


def _may_change_meeting(user: User, request: MeetingRequest) -> None:
    if is_operator(user):
        return
    if user.pk not in (request.requester.user_id, request.recipient.user_id):
        raise PermissionDenied(_("Only the two participants of a meeting can change it."))


@transaction.atomic
def meeting_request_update(
    *,
    actor: AnyUser,
    request: MeetingRequest,
    mode: str | None = None,
    video_link: str | None = None,
    needs_interpreter: bool | None = None,
) -> MeetingRequest:
    """Either participant (or an operator) changes how a meeting is held: in person or online,
    its video link, interpretation. A change of mode or interpretation takes the meeting out of
    the schedule until the scheduler runs again (its table or interpreter no longer fit)."""
    user = require_user(actor)
    lock_for_change(request)
    _may_change_meeting(user, request)
    if request.status in (RequestStatus.CANCELLED, RequestStatus.DECLINED):
        raise ValidationFailed(_("This request was cancelled or declined."))
    new_mode = request.mode if mode is None else mode
    link = request.video_link if video_link is None else video_link
    if new_mode != MeetingMode.ONLINE and video_link is None:
        link = ""  # going back to a table drops the old link
    new_mode, link = _meeting_mode(new_mode, link)
    interpret = request.needs_interpreter if needs_interpreter is None else bool(needs_interpreter)
    if (new_mode, interpret) != (request.mode, request.needs_interpreter) and request.slot_id:
        request.slot, request.table, request.interpreter, request.confirmed = (
            None,
            None,
            None,
            False,
        )
        request.unscheduled_reason = gettext_noop("changed after scheduling")
    request.mode, request.video_link, request.needs_interpreter = new_mode, link, interpret
    request.save()
    return request


@transaction.atomic
def meeting_request_cancel(*, actor: AnyUser, request: MeetingRequest) -> None:
    """Either participant (or an operator) cancels a meeting request or a scheduled meeting."""
    user = require_user(actor)
    lock_for_change(request)
    _may_change_meeting(user, request)
    if request.status == RequestStatus.CANCELLED:
        return
    request.status = RequestStatus.CANCELLED
    request.slot, request.table, request.interpreter, request.confirmed = None, None, None, False
    request.save(
        update_fields=["status", "slot", "table", "interpreter", "confirmed", "updated_at"]
    )


@transaction.atomic
def interpreter_save(
    *,
    actor: AnyUser,
    event: Event,
    name: str,
    languages: str = "ko, en",
    slot_ids: list[int] | None = None,
    interpreter: Interpreter | None = None,
) -> Interpreter:
    """Operators add or change an interpreter of a B2B day; no slots means free all day."""
    require_operator(actor)
    name = (name or "").strip()
    if not name:
        message = _("Enter the interpreter's name.")
        raise ValidationFailed(message, field_errors={"name": [message]})
    if interpreter is not None and interpreter.event_id != event.pk:
        raise ValidationFailed(_("That interpreter belongs to another event."))
    wanted = set(slot_ids or [])
    slots = list(event.slots.filter(pk__in=wanted))
    if len(slots) != len(wanted):
        message = _("A chosen slot belongs to another event.")
        raise ValidationFailed(message, field_errors={"slots": [message]})
    interpreter = interpreter or Interpreter(event=event)
    interpreter.name = name[:200]
    interpreter.languages = (languages or "").strip()[:100] or "ko, en"
    interpreter.save()
    interpreter.available_slots.set(slots)
    return interpreter


@transaction.atomic
def interpreter_delete(*, actor: AnyUser, interpreter: Interpreter) -> None:
    """Operators remove an interpreter; their meetings wait for the next scheduler run."""
    require_operator(actor)
    interpreter.meetings.update(slot=None, table=None, interpreter=None, confirmed=False)
    interpreter.delete()


@transaction.atomic
def meeting_request_respond(
    *, actor: AnyUser, request: MeetingRequest, accept: bool, slot: MeetingSlot | None = None
) -> None:
    """The recipient accepts or declines a meeting request; accepting with one of the slots
    the requester proposed books the meeting there (same rules as an operator's move),
    otherwise it waits for the scheduler."""
    user = require_user(actor)
    lock_for_change(request)
    if request.recipient.user_id != user.pk:
        raise PermissionDenied(_("Only the person asked can answer this request."))
    if request.status not in (
        RequestStatus.REQUESTED,
        RequestStatus.ACCEPTED,
        RequestStatus.DECLINED,
    ):
        raise ValidationFailed(_("This request was cancelled."))
    if slot is not None:
        if not accept:
            message = _("Only an accepted request is booked into a time.")
            raise ValidationFailed(message, field_errors={"slot_id": [message]})
        if not request.proposed_slots.filter(pk=slot.pk).exists():
            message = _("That time was not proposed for this meeting.")
            raise ValidationFailed(message, field_errors={"slot_id": [message]})
        if request.slot_id is not None and request.slot_id != slot.pk:
            # A placed meeting moves only by the organisers' hand (their move keeps the day).
            message = _("This meeting already has its time; the organisers can move it.")
            raise ValidationFailed(message, field_errors={"slot_id": [message]})
    old = (request.slot_id, request.table)
    request.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    if not accept:
        request.slot, request.table, request.interpreter = None, None, None
        request.confirmed = False
    if slot is not None:
        request.table, request.interpreter = _place_in_slot(request, slot, None, reader=user)
        request.slot, request.confirmed = slot, True
    request.save(
        update_fields=["status", "slot", "table", "interpreter", "confirmed", "updated_at"]
    )
    if slot is not None and old != (request.slot_id, request.table):
        schedule_changed(request.event, [(request, *old)])


@transaction.atomic
def unavailability_set(*, actor: AnyUser, registration: Registration, slot_ids: list[int]) -> None:
    """Replace the slots a participant cannot attend."""
    user = require_user(actor)
    if registration.user_id != user.pk and not is_operator(user):
        raise PermissionDenied(_("You can only change your own availability."))
    valid = set(registration.event.slots.filter(pk__in=slot_ids).values_list("pk", flat=True))
    if valid != set(slot_ids):
        message = _("A chosen slot belongs to another event.")
        raise ValidationFailed(message, field_errors={"unavailable": [message]})
    registration.unavailable.exclude(slot_id__in=valid).delete()
    have = set(registration.unavailable.values_list("slot_id", flat=True))
    SlotUnavailability.objects.bulk_create(
        [SlotUnavailability(registration=registration, slot_id=s) for s in sorted(valid - have)]
    )


@transaction.atomic
def slots_define(
    *,
    actor: AnyUser,
    event: Event,
    first_start: datetime,
    minutes: int,
    count: int,
    gap_minutes: int = 5,
    tables: int,
) -> list[MeetingSlot]:
    """Replace the day's slots with `count` slots of `minutes`, and set tables per slot."""
    require_operator(actor)
    if not (1 <= count <= 64 and 5 <= minutes <= 240 and tables >= 1 and gap_minutes >= 0):
        raise ValidationFailed(_("Use 1–64 slots of 5–240 minutes and at least one table."))
    if event.meeting_requests.filter(confirmed=True).exists():
        raise ValidationFailed(_("Meetings are already confirmed; move or cancel them first."))
    event.slots.all().delete()
    event.b2b_tables = tables
    event.save(update_fields=["b2b_tables", "updated_at"])
    slots = []
    start = first_start
    for _n in range(count):
        end = start + timedelta(minutes=minutes)
        slots.append(MeetingSlot(event=event, starts_at=start, ends_at=end))
        start = end + timedelta(minutes=gap_minutes)
    return MeetingSlot.objects.bulk_create(slots)


MAX_BREAK_SPREAD = 20  # the largest spread an operator may allow (a day has at most 64 slots)


def schedule_start(
    *,
    actor: AnyUser,
    event: Event,
    keep_confirmed: bool = True,
    compact: bool = True,
    max_spread: int | None = 2,
) -> Job:
    """Queue a scheduler run for a B2B day, with compact agendas (fewest breaks between a
    person's meetings, no one more than `max_spread` breaks above anyone else; None: no
    limit) unless `compact` is off; a second run while one is queued or running for the
    same day is refused (Conflict)."""
    from yeongilman.meetings.tasks import schedule_day

    user = require_operator(actor)
    if not event.slots.exists():
        raise ValidationFailed(_("Define the day's slots and tables first."))
    if max_spread is not None and not 0 <= max_spread <= MAX_BREAK_SPREAD:
        message = _("The largest spread of breaks is a whole number from 0 to %(most)d.") % {
            "most": MAX_BREAK_SPREAD
        }
        raise ValidationFailed(message, field_errors={"max_spread": [message]})
    return job_enqueue(
        kind=JobKind.SCHEDULE_RUN,
        task=schedule_day,
        actor=user,
        args={
            "event_id": event.pk,
            "keep_confirmed": bool(keep_confirmed),
            "compact": bool(compact),
            "max_spread": max_spread,
        },
        scope=schedule_scope(event),
        lock_key=f"schedule:{event.pk}",
        busy_message=_("A scheduler run for this day is already queued or running."),
    )


def schedule_scope(event: Event) -> str:
    """The job scope of an event's scheduler runs."""
    return f"event:{event.pk}"


def schedule_execute(ctx: JobContext, time_limit: float | None = None) -> None:
    """Solve the day of a queued run and save the meetings; the job is marked done in the same
    transaction. People whose meetings changed are mailed (after the commit, with retries)."""
    event = Event.objects.get(pk=ctx.args["event_id"])
    ctx.beat(force=True)
    schedule = adapter.run_scheduler(
        event,
        keep_confirmed=bool(ctx.args.get("keep_confirmed", True)),
        time_limit=time_limit or settings.YV_SCHEDULER_SECONDS,
        # Runs queued before compact agendas existed keep their old behaviour.
        compact=bool(ctx.args.get("compact", False)),
        max_spread=ctx.args.get("max_spread"),
    )
    ctx.beat(force=True)  # a cancel requested during the solve stops here, before any write
    _apply_schedule(event, schedule, ctx)


@transaction.atomic
def _apply_schedule(event: Event, schedule: Schedule, ctx: JobContext) -> None:
    placed, missing = adapter.placements(schedule)
    changed_users: dict[int, User] = {}
    changes: list[tuple[MeetingRequest, int | None, int | None]] = []
    for request in event.meeting_requests.filter(status=RequestStatus.ACCEPTED).select_related(
        "requester__user", "recipient__user"
    ):
        slot_id, table, interpreter_id = placed.get(request.pk, (None, None, None))
        reason = missing.get(request.pk, "")
        if (request.slot_id, request.table, request.interpreter_id) != (
            slot_id,
            table,
            interpreter_id,
        ):
            changes.append((request, request.slot_id, request.table))
            for reg in (request.requester, request.recipient):
                changed_users[reg.user_id] = reg.user
        request.slot_id, request.table, request.interpreter_id = slot_id, table, interpreter_id
        request.confirmed = slot_id is not None
        request.unscheduled_reason = reason
        request.save(
            update_fields=[
                "slot",
                "table",
                "interpreter",
                "confirmed",
                "unscheduled_reason",
                "updated_at",
            ]
        )
    ctx.complete(
        {
            "scheduled": len(schedule.assignments),
            "unscheduled": len(schedule.unscheduled),
            "priority_total": schedule.priority_total,
            "upper_bound": schedule.upper_bound,
            "seconds": round(schedule.seconds, 2),
            "people_notified": len(changed_users),
            "online": sum(1 for p in placed.values() if p[1] is None),
            "interpreted": sum(1 for p in placed.values() if p[2] is not None),
            # The requests that lost out for want of an interpreter, for the run's page.
            "lost_for_interpreter": [
                {"request": pk, "reason": reason}
                for pk, reason in sorted(missing.items())
                if reason in INTERPRETER_REASONS
            ],
            # Idle breaks in people's agendas (the scheduler's figures and proven bound), with
            # the registration that has the most, for the run page and the booking matrix.
            "compact": bool(ctx.args.get("compact", False)),
            "max_spread": ctx.args.get("max_spread"),
            "breaks": _breaks_result(event, schedule, placed),
        }
    )
    # Each person is told what changed (old → new), by the communications app.
    schedule_changed(event, changes)


def _breaks_result(
    event: Event, schedule: Schedule, placed: dict[int, adapter.Placement]
) -> dict[str, Any] | None:
    """The run's breaks: the scheduler's stats and the participant with the most."""
    if schedule.breaks is None:
        return None
    slots = list(event.slots.all())
    busy: dict[int, set[int]] = {}
    for requester, recipient, pk in event.meeting_requests.filter(
        status=RequestStatus.ACCEPTED
    ).values_list("requester_id", "recipient_id", "pk"):
        for person in (requester, recipient):
            busy.setdefault(person, set())
            if pk in placed:
                busy[person].add(placed[pk][0])
    summary = break_summary(
        {person: len(free_blocks(slots, taken, event.time_zone)) for person, taken in busy.items()}
    )
    return {**schedule.breaks, "worst": summary.worst}


@transaction.atomic
def meeting_move(
    *, actor: AnyUser, request: MeetingRequest, slot: MeetingSlot | None, table: int | None = None
) -> MeetingRequest:
    """An operator moves a meeting (or unschedules it with slot=None), under the same rules."""
    require_operator(actor)
    old = (request.slot_id, request.table)
    if request.status != RequestStatus.ACCEPTED:
        raise ValidationFailed(_("Only accepted requests can be scheduled."))
    if slot is None:
        request.slot, request.table, request.interpreter = None, None, None
        request.confirmed = False
        request.save(update_fields=["slot", "table", "interpreter", "confirmed", "updated_at"])
        return request
    table, interpreter = _place_in_slot(request, slot, table)
    request.slot, request.table, request.interpreter = slot, table, interpreter
    request.confirmed = True
    request.save(update_fields=["slot", "table", "interpreter", "confirmed", "updated_at"])
    schedule_changed(request.event, [(request, *old)])
    return request


def _place_in_slot(
    request: MeetingRequest, slot: MeetingSlot, table: int | None, *, reader: User | None = None
) -> tuple[int | None, Interpreter | None]:
    """The table (the first free one when None) and interpreter an accepted meeting gets in
    `slot`, under the day's rules: one meeting per person per slot, both free, a table free
    (in person), an interpreter free when one is needed. Holds the slot's row until commit,
    so two bookings of its last table cannot both pass. A refusal names who is not free,
    addressed to `reader` ("you") where they are that side."""
    if slot.event_id != request.event_id:
        raise ValidationFailed(_("That slot belongs to another event."))
    try:
        lock_for_change(slot)
    except MeetingSlot.DoesNotExist:  # the operator replaced the day's slots meanwhile
        raise ValidationFailed(_("The day's slots were just changed; choose again.")) from None
    others = request.event.meeting_requests.filter(
        slot=slot, status=RequestStatus.ACCEPTED
    ).exclude(pk=request.pk)
    people = {request.requester_id, request.recipient_id}
    conflicts = selectors.slot_conflicts(request.event, people, exclude_request=request.pk)
    mine = next(
        (
            side
            for side in (request.requester, request.recipient)
            if side.user_id == getattr(reader, "pk", None)
        ),
        None,
    )
    refusal = selectors.conflict_reason(request, slot.pk, mine, conflicts)
    if refusal:
        raise ValidationFailed(refusal)
    allowed = allowed_slot_ids(request, request.event.slots.all(), request.event.time_zone)
    if allowed is not None and slot.pk not in allowed:
        raise ValidationFailed(_("That slot lies outside the meeting's time window."))
    _limits_hold(request, slot)
    if request.mode == MeetingMode.ONLINE:
        table = None  # a video call takes no table
    else:
        used = set(others.exclude(table=None).values_list("table", flat=True))
        if table is None:
            table = next((t for t in range(1, slot.tables + 1) if t not in used), None)
            if table is None:
                raise ValidationFailed(_("Every table in that slot is taken."))
        if not 1 <= table <= slot.tables:
            raise ValidationFailed(_("There is no such table in that slot."))
        if table in used:
            raise ValidationFailed(_("That table is taken in that slot."))
    interpreter = None
    if request.needs_interpreter:
        interpreter = _free_interpreter(request, slot, others)
        if interpreter is None:
            raise ValidationFailed(_("No interpreter is free in that slot."))
    return table, interpreter


def _limits_hold(request: MeetingRequest, slot: MeetingSlot) -> None:
    """Refuse a booking that would take either side past the day's per-person limits."""
    event = request.event
    people = (request.requester_id, request.recipient_id)
    if not (event.max_meetings_per_day or event.max_in_a_row):
        return
    slots = list(event.slots.all())
    booked = (
        event.meeting_requests.filter(status=RequestStatus.ACCEPTED, slot__isnull=False)
        .filter(Q(requester__in=people) | Q(recipient__in=people))
        .exclude(pk=request.pk)
        .values_list("requester_id", "recipient_id", "slot_id")
    )
    taken: dict[int, set[int]] = {person: set() for person in people}
    for requester, recipient, slot_id in booked:
        for person in (requester, recipient):
            if person in taken:
                taken[person].add(slot_id)
    for person_slots in taken.values():
        if not within_limits(
            slots, person_slots, slot, zone=event.time_zone,
            per_day=event.max_meetings_per_day, in_a_row=event.max_in_a_row,
        ):  # fmt: skip
            raise ValidationFailed(
                _("A participant reached the limit of meetings per day or in a row.")
            )


def _free_interpreter(
    request: MeetingRequest, slot: MeetingSlot, others: QuerySet[MeetingRequest]
) -> Interpreter | None:
    """An interpreter of the day free in the slot and not at another meeting there (the one
    the meeting had, if still free)."""
    busy = set(others.exclude(interpreter=None).values_list("interpreter_id", flat=True))
    candidates = [
        i
        for i in request.event.interpreters.prefetch_related("available_slots")
        if i.pk not in busy and (not i.available_slots.all() or slot in i.available_slots.all())
    ]
    candidates.sort(key=lambda i: (i.pk != request.interpreter_id, i.name, i.pk))
    return candidates[0] if candidates else None


def requests_cancel_for_registration(registration: Registration) -> None:
    """Cancel every request of a registration given up (declined ones stay declined); runs in
    the cancellation's transaction (events' registration_cancelled hook)."""
    MeetingRequest.objects.filter(Q(requester=registration) | Q(recipient=registration)).exclude(
        status=RequestStatus.DECLINED
    ).update(status=RequestStatus.CANCELLED, slot=None, table=None, confirmed=False)


def meeting_request_expire(*, request: MeetingRequest, now: datetime) -> bool:
    """Cancel a request nobody answered in time (the pair may ask again; neither side keeps a
    slot or table for it). False when it was answered meanwhile or another worker expired it:
    one conditional update decides."""
    done = MeetingRequest.objects.filter(pk=request.pk, status=RequestStatus.REQUESTED).update(
        status=RequestStatus.CANCELLED, slot=None, table=None, confirmed=False,
        unscheduled_reason="expired", updated_at=now,
    )  # fmt: skip
    return bool(done)
