"""Writes of the check-in desk: scans (one, or a replayed offline queue), walk-ins, desk staff."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from yeongilman.accounts.access import AnyUser, require_operator, require_user
from yeongilman.accounts.models import User
from yeongilman.core.audit import audit_record
from yeongilman.core.errors import NotFound, PermissionDenied, ValidationFailed
from yeongilman.events.codes import (
    is_signed_code,
    registration_id_from_code,
    short_code_shown,
    short_code_typed,
)
from yeongilman.events.models import Event, ProgrammeSession, Registration, RegistrationStatus
from yeongilman.events.services import registration_at_the_door
from yeongilman.onsite import access
from yeongilman.onsite.models import (
    AttemptOutcome,
    CheckIn,
    CheckInAttempt,
    CheckInMethod,
    CheckInStaff,
    SessionSignup,
)

log = logging.getLogger(__name__)

MAX_BATCH = 500  # scans in one replayed queue (a desk offline for a while at a busy door)
# A desk's own clock is believed only within the event's days and this much either side (a
# desk set up the evening before, a queue replayed the morning after); outside: the server's.
SCAN_MARGIN = timedelta(days=1)


@dataclass(frozen=True)
class Scan:
    """One scan as the desk page sends it: the code, its own id, when it was made."""

    code: str
    client_scan_id: str = ""
    scanned_at: datetime | None = None
    method: str = CheckInMethod.SCAN


@dataclass(frozen=True)
class ScanResult:
    """What the desk shows for a scan: admitted, already in, or refused (and why)."""

    outcome: str
    message: str
    client_scan_id: str = ""
    registration: Registration | None = None
    check_in: CheckIn | None = None

    @property
    def admitted(self) -> bool:
        """True when the person may go in now (a replay of the admitting scan included)."""
        return self.outcome == AttemptOutcome.ADMITTED


def _require_staff(actor: AnyUser, event: Event) -> User:
    user = require_user(actor)
    if not access.is_check_in_staff(user, event):
        raise PermissionDenied(_("Only operators and this event's check-in staff can do this."))
    return user


def _refused(
    user: User, event: Event, scan: Scan, outcome: str, message: str, registration=None
) -> ScanResult:
    # Refusals are kept (and logged) so operators can see tampered or misused codes.
    CheckInAttempt.objects.create(
        event=event, code=scan.code[:200], outcome=outcome, registration=registration, by=user
    )
    log.warning("check-in refused at event %s (%s) by user %s", event.pk, outcome, user.pk)
    return ScanResult(outcome, message, scan.client_scan_id, registration)


def _not_confirmed_message(registration: Registration) -> str:
    if registration.status == RegistrationStatus.CANCELLED:
        return _("This registration was cancelled. Do not admit; register them again if needed.")
    if registration.status == RegistrationStatus.PENDING:
        return _("This registration is still waiting for approval.")
    return _("This person is on the waiting list and has no confirmed place.")


def _already_message(check_in: CheckIn, event: Event) -> str:
    local = timezone.localtime(check_in.checked_in_at, ZoneInfo(event.time_zone))
    by = check_in.checked_in_by
    if check_in.session_id is not None:
        # At a session's door: say it is this session they were admitted to already.
        if by is None:
            return _("Already admitted to this session at %(time)s.") % {
                "time": local.strftime("%H:%M")
            }
        return _("Already admitted to this session at %(time)s by %(name)s.") % {
            "time": local.strftime("%H:%M"),
            "name": str(by),
        }
    if by is None:
        return _("Already checked in at %(time)s.") % {"time": local.strftime("%H:%M")}
    return _("Already checked in at %(time)s by %(name)s.") % {
        "time": local.strftime("%H:%M"),
        "name": str(by),
    }


@dataclass
class _Known:
    """What a batch read up front: its registrations by id, their check-ins at this place."""

    registrations: dict[int, Registration]
    check_ins: dict[int, CheckIn]
    # At a session's desk: the registrations that signed up for it beforehand.
    signed_up: set[int]
    # Short codes typed at the desk → this event's registration they belong to.
    short_codes: dict[str, int]


def _places() -> QuerySet[CheckIn]:
    # Locks the check-in rows only (PostgreSQL refuses to lock the nullable side of a join).
    return CheckIn.objects.select_for_update(of=("self",)).select_related("checked_in_by")


def _known(event: Event, items: list[Scan], session: ProgrammeSession | None) -> _Known:
    ids: set[int] = set()
    typed = {short_code_typed(s.code) for s in items if not is_signed_code(s.code)} - {""}
    short_codes = dict(
        Registration.objects.filter(event=event, short_code__in=typed).values_list(
            "short_code", "pk"
        )
    ) if typed else {}  # fmt: skip
    ids.update(short_codes.values())
    for scan in items:
        try:
            ids.add(registration_id_from_code(scan.code))
        except ValidationFailed:
            continue
    registrations = Registration.objects.select_related("event", "user__person", "organisation")
    signed_up: set[int] = set()
    if session is not None:
        signed_up = set(
            SessionSignup.objects.filter(session=session, registration_id__in=ids).values_list(
                "registration_id", flat=True
            )
        )
    return _Known(
        registrations={r.pk: r for r in registrations.filter(pk__in=ids)},
        check_ins={
            c.registration_id: c for c in _places().filter(registration_id__in=ids, session=session)
        },
        signed_up=signed_up,
        short_codes=short_codes,
    )


def _welcome(
    registration: Registration, session: ProgrammeSession | None, known: _Known | None
) -> str:
    # A session's door admits any confirmed participant; it tells the desk who came unannounced.
    if session is not None and known is not None and registration.pk not in known.signed_up:
        return _("Welcome! Checked in. They had not signed up for this session.")
    return _("Welcome! Checked in.")


def scan_moment(event: Event, scanned_at: datetime | None, now: datetime) -> datetime:
    """When a scan was made: the desk's time when it lies within the event's days (plus
    `SCAN_MARGIN`) and not in the future, else the server's (a wrong clock or a forged time)."""
    if scanned_at is None:
        return now
    earliest = event.starts_at - SCAN_MARGIN
    latest = min(now, event.ends_at + SCAN_MARGIN)
    return scanned_at if earliest <= scanned_at <= latest else now


def _scan_one(
    user: User,
    event: Event,
    scan: Scan,
    session: ProgrammeSession | None,
    when: datetime,
    known: _Known,
) -> ScanResult:
    short = "" if is_signed_code(scan.code) else short_code_typed(scan.code)
    if short:
        if short not in known.short_codes:
            return _refused(
                user, event, scan, AttemptOutcome.INVALID,
                _("No registration of this event has the code %(code)s. Check it for a "
                  "mistyped character, or search for the person by name.")
                % {"code": short_code_shown(short)},
            )  # fmt: skip
        registration_id = known.short_codes[short]
    else:
        try:
            registration_id = registration_id_from_code(scan.code)
        except ValidationFailed as exc:
            return _refused(user, event, scan, AttemptOutcome.INVALID, exc.message)
    registration = known.registrations.get(registration_id)
    if registration is None:
        return _refused(
            user, event, scan, AttemptOutcome.UNKNOWN,
            _("This code's registration no longer exists."),
        )  # fmt: skip
    if registration.event_id != event.pk:
        # Named only to whoever may see that event (a draft's title stays with its organisers).
        if access.can_see_event(user, registration.event):
            message = _("This code belongs to another event: %(event)s.") % {
                "event": registration.event.title
            }
        else:
            message = _("This code belongs to another event.")
        return _refused(user, event, scan, AttemptOutcome.OTHER_EVENT, message, registration)
    if registration.status != RegistrationStatus.CONFIRMED:
        return _refused(
            user, event, scan, AttemptOutcome.NOT_CONFIRMED,
            _not_confirmed_message(registration), registration,
        )  # fmt: skip
    return _admit(user, event, registration, session, scan, when, known=known)


def _admit(
    user: User,
    event: Event,
    registration: Registration,
    session: ProgrammeSession | None,
    scan: Scan,
    when: datetime,
    organisation_name: str = "",
    known: _Known | None = None,
) -> ScanResult:
    if known is not None:
        existing = known.check_ins.get(registration.pk)
    else:
        existing = _places().filter(registration=registration, session=session).first()
    if existing is None:
        try:
            with transaction.atomic():
                created = CheckIn.objects.create(
                    event=event, registration=registration, session=session, checked_in_at=when,
                    checked_in_by=user, method=scan.method, client_scan_id=scan.client_scan_id,
                    organisation_name=organisation_name,
                )  # fmt: skip
            if known is not None:
                known.check_ins[registration.pk] = created
            return ScanResult(
                AttemptOutcome.ADMITTED, _welcome(registration, session, known),
                scan.client_scan_id, registration, created,
            )  # fmt: skip
        except IntegrityError:  # another desk admitted them a moment ago
            existing = _places().get(registration=registration, session=session)
    if scan.client_scan_id and existing.client_scan_id == scan.client_scan_id:
        # The same scan sent again (a replayed queue, a retried request): same answer.
        return ScanResult(
            AttemptOutcome.ADMITTED, _welcome(registration, session, known),
            scan.client_scan_id, registration, existing,
        )  # fmt: skip
    # An admission once stored is the record: a scan arriving later, whatever time it claims,
    # never rewrites when or by whom (a replayed or forged queue cannot move it).
    return ScanResult(
        AttemptOutcome.ALREADY, _already_message(existing, event), scan.client_scan_id,
        registration, existing,
    )  # fmt: skip


def _session_of(event: Event, session_id: int | None) -> ProgrammeSession | None:
    if session_id is None:
        return None
    session = ProgrammeSession.objects.filter(event=event, pk=session_id).first()
    if session is None:
        raise NotFound(_("No such programme session at this event."))
    return session


def check_in_scan(
    *, actor: AnyUser, event: Event, scan: Scan, session_id: int | None = None
) -> ScanResult:
    """Admit the registration a code names at the entrance (or a session), once; a second scan
    says when and by whom; refused codes are recorded."""
    return check_in_batch(actor=actor, event=event, scans=[scan], session_id=session_id)[0]


@transaction.atomic
def check_in_batch(
    *, actor: AnyUser, event: Event, scans: Iterable[Scan], session_id: int | None = None
) -> list[ScanResult]:
    """Scans replayed from a desk's offline queue, answered in the order sent; within the queue
    the earliest scan of a person admits them, a duplicate gets the same answer, and an
    admission already stored is never rewritten. Times outside the event's days are the
    server's (`scan_moment`)."""
    user = _require_staff(actor, event)
    items = list(scans)
    if len(items) > MAX_BATCH:
        raise ValidationFailed(_("Send at most %(count)s scans at once.") % {"count": MAX_BATCH})
    session = _session_of(event, session_id)
    now = timezone.now()
    moments = [scan_moment(event, scan.scanned_at, now) for scan in items]
    # Earliest first, so within one queue the first scan of a person is the one that admits.
    order = sorted(range(len(items)), key=lambda i: (moments[i], i))
    results: dict[int, ScanResult] = {}
    # One transaction for the whole queue (one commit, not one per scan); a scan that meets
    # another desk's admission recovers inside its own savepoint (see _admit).
    # Two queries for the whole queue (three when short codes were typed), not two per scan.
    known = _known(event, items, session)
    for i in order:
        results[i] = _scan_one(user, event, items[i], session, moments[i], known)
    return [results[i] for i in range(len(items))]


@transaction.atomic
def walk_in_register(
    *, actor: AnyUser, event: Event, full_name: str, email: str, organisation_name: str = ""
) -> ScanResult:
    """Register someone at the desk (an account for a new address) and check them in at once."""
    user = _require_staff(actor, event)
    full_name, email = full_name.strip(), email.strip().lower()
    organisation_name = organisation_name.strip()[:200]
    errors: dict[str, list[str]] = {}
    if not full_name:
        errors["full_name"] = [_("Enter the person's name.")]
    try:
        validate_email(email)
    except DjangoValidationError:
        errors["email"] = [_("Enter a valid e-mail address.")]
    if errors:
        raise ValidationFailed(next(iter(errors.values()))[0], field_errors=errors)
    person = User.objects.filter(email__iexact=email).first()
    if person is None:
        # No password: they can set one with "forgot password" if they want to sign in later.
        person = User.objects.create_user(email, None, full_name=full_name[:200])
    organisation = (
        person.memberships.filter(
            Q(organisation__name_ko__iexact=organisation_name)
            | Q(organisation__name_en__iexact=organisation_name)
        ).first()
        if organisation_name
        else None
    )
    # The events' rule for a place at the door: capacity holds, a cancellation is an
    # operator's to undo (a refusal rolls back the account made above too).
    registration = registration_at_the_door(
        actor=user, event=event, user=person,
        organisation_id=organisation.organisation_id if organisation is not None else None,
    )  # fmt: skip
    audit_record(
        actor=user, action="walk_in_registered", subject=registration, scope=f"event:{event.pk}",
        email=email,
    )  # fmt: skip
    scan = Scan(code="", method=CheckInMethod.WALK_IN)
    return _admit(
        user, event, registration, None, scan, timezone.now(),
        organisation_name="" if organisation is not None else organisation_name,
    )  # fmt: skip


@transaction.atomic
def staff_add(*, actor: AnyUser, event: Event, email: str) -> CheckInStaff:
    """Name a user (by their account's e-mail) as check-in staff of the event (operators)."""
    operator = require_operator(actor)
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        message = _("No account uses this e-mail address; ask them to sign up first.")
        raise ValidationFailed(message, field_errors={"email": [message]})
    staff, created = CheckInStaff.objects.get_or_create(
        event=event, user=user, defaults={"added_by": operator}
    )
    if created:
        audit_record(
            actor=operator, action="check_in_staff_added", subject=staff,
            scope=f"event:{event.pk}", user=user.email,
        )  # fmt: skip
    return staff


@transaction.atomic
def staff_remove(*, actor: AnyUser, event: Event, staff_id: int) -> None:
    """Take a user off the event's check-in staff (operators)."""
    operator = require_operator(actor)
    staff = CheckInStaff.objects.select_related("user").filter(event=event, pk=staff_id).first()
    if staff is None:
        raise NotFound(_("No such check-in staff member."))
    audit_record(
        actor=operator, action="check_in_staff_removed", subject=staff,
        scope=f"event:{event.pk}", user=staff.user.email,
    )  # fmt: skip
    staff.delete()


def _open_session(
    actor: AnyUser, event: Event, session_id: int
) -> tuple[Registration, ProgrammeSession]:
    user = require_user(actor)
    session = _session_of(event, session_id)
    assert session is not None  # an id was given
    registration = Registration.objects.filter(
        event=event, user=user, status=RegistrationStatus.CONFIRMED
    ).first()
    if registration is None:
        raise PermissionDenied(_("Only confirmed participants of this event can do this."))
    if session.ends_at <= timezone.now():
        raise ValidationFailed(_("This session has ended."))
    return registration, session


@transaction.atomic
def session_signup(*, actor: AnyUser, event: Event, session_id: int) -> SessionSignup:
    """Sign the actor (a confirmed participant) up for one programme session of the event;
    signing up twice keeps the first."""
    registration, session = _open_session(actor, event, session_id)
    signup, _created = SessionSignup.objects.get_or_create(
        registration=registration, session=session
    )
    return signup


@transaction.atomic
def session_signup_cancel(*, actor: AnyUser, event: Event, session_id: int) -> None:
    """Take the actor off a session they signed up for (nothing happens if they had not)."""
    registration, session = _open_session(actor, event, session_id)
    SessionSignup.objects.filter(registration=registration, session=session).delete()
