"""Starting a conversation about a subject, writing, reading, muting, drafts, the language of
a message, automatic translation, and what a conversation led to."""

from __future__ import annotations

import logging
import unicodedata
from datetime import datetime, timedelta
from typing import IO, Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from yeongilman.accounts.access import AnyUser, member_organisation_ids, require_user
from yeongilman.accounts.models import User
from yeongilman.conversations import subjects
from yeongilman.conversations.access import Seat, no_such_conversation
from yeongilman.conversations.language import LANGUAGES, detect_language
from yeongilman.conversations.models import (
    MAX_MESSAGE_LENGTH,
    SUBJECT_FIELDS,
    Attachment,
    Block,
    Conversation,
    Frequency,
    Message,
    Participant,
    Preference,
    SubjectKind,
    Suspension,
    Translation,
    Via,
)
from yeongilman.conversations.subjects import Side, Subject
from yeongilman.conversations.translation import TranslationUnavailable, translator
from yeongilman.core.db import lock_for_change
from yeongilman.core.documents import OFFICE_TYPES, check_document
from yeongilman.core.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    TooManyRequests,
    ValidationFailed,
)
from yeongilman.core.schemas import has_lone_surrogate
from yeongilman.insights.models import Agreement as PipelineAgreement
from yeongilman.meetings.models import MeetingRequest, RequestStatus

log = logging.getLogger(__name__)

ATTACHMENT_TYPES = (*OFFICE_TYPES, "txt", "csv", "zip")
CLIENT_ID_LENGTH = 64
DIGEST_DELAY: dict[str, timedelta] = {
    Frequency.HOURLY: timedelta(hours=1),
    Frequency.DAILY: timedelta(days=1),
}


def _invalid(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, field_errors={field: [message]})


def clean_body(body: Any, *, required: bool = True) -> str:
    """The message's text as it will be kept, or ValidationFailed saying what is wrong."""
    if not isinstance(body, str) or has_lone_surrogate(body):
        raise _invalid("body", _("The message is not valid text."))
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    if any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in text):
        raise _invalid("body", _("The message contains control characters that cannot be shown."))
    text = text.strip()
    if required and not text:
        raise _invalid("body", _("Write a message."))
    if len(text) > MAX_MESSAGE_LENGTH:
        raise _invalid(
            "body",
            _("A message has at most %(limit)s characters; this one has %(count)s.")
            % {"limit": f"{MAX_MESSAGE_LENGTH:,}", "count": f"{len(text):,}"},
        )
    return text


def _clean_language(language: Any) -> str:
    if language in (None, ""):
        return ""
    if language not in LANGUAGES:
        raise _invalid("language", _("Choose Korean or English."))
    return str(language)


def _clean_client_id(client_id: Any) -> str:
    if client_id in (None, ""):
        return ""
    if (
        not isinstance(client_id, str)
        or len(client_id) > CLIENT_ID_LENGTH
        or not client_id.isascii()
        or not client_id.isprintable()
    ):
        raise _invalid("client_id", _("Use at most 64 printable ASCII characters."))
    return client_id


def seat_for(user: User, conversation: Conversation) -> Seat:
    """The user's seat in the conversation by the subject's rules now, else NotFound."""
    subject = subjects.subject_of(conversation)
    side = subjects.side_of(user, subject, member_organisation_ids(user))
    if side is None:
        raise no_such_conversation()
    participant = Participant.objects.filter(conversation=conversation, user=user).first()
    return Seat(conversation, subject, side, participant)


def is_suspended(user: AnyUser) -> bool:
    """Whether an operator stopped the person from writing messages."""
    if not user.is_authenticated:
        return False
    return Suspension.objects.filter(user=user, lifted_at__isnull=True).exists()


def _block_between(user: User, side: Side, others: list[Side], other_people: list[int]) -> str:
    """ "blocked" when someone on another side blocked the writer (or their organisation),
    "blocker" when the writer blocked another side, "" when neither."""
    writer = Q(person_id=user.pk)
    if side.organisation_id:
        writer |= Q(organisation_id=side.organisation_id)
    if Block.objects.filter(writer, blocker_id__in=other_people).exists():
        return "blocked"
    orgs = [s.organisation_id for s in others if s.organisation_id]
    people = [s.person_id for s in others if s.person_id and s.via != Via.OPERATOR]
    theirs = Q(organisation_id__in=orgs) | Q(person_id__in=people) | Q(person_id__in=other_people)
    if Block.objects.filter(theirs, blocker_id=user.pk).exists():
        return "blocker"
    return ""


def _may_write(user: User, subject: Subject, side: Side, other_people: list[int]) -> None:
    if is_suspended(user):
        raise PermissionDenied(_("An operator suspended your messages; you cannot write now."))
    if subject.closed_reason:
        raise Conflict(subject.closed_reason)
    others = [s for s in subject.sides if s.number != side.number]
    block = _block_between(user, side, others, other_people)
    if block == "blocked":
        raise PermissionDenied(_("You cannot send messages in this conversation."))
    if block == "blocker":
        raise PermissionDenied(_("You blocked them; unblock them to write again."))


def _check_rate(user: User, now: datetime) -> None:
    limit = settings.YV_CONVERSATIONS_PER_HOUR
    started = Conversation.objects.filter(
        started_by=user, created_at__gte=now - timedelta(hours=1)
    ).count()
    if started >= limit:
        raise TooManyRequests(
            _("You started %(count)s conversations in the last hour; please wait before "
              "starting another.") % {"count": started}
        )  # fmt: skip


def participants_sync(conversation: Conversation, subject: Subject) -> list[Participant]:
    """Give everyone the subject admits now a seat (colleagues who joined since), and return
    every seat of the conversation."""
    seats = {p.user_id: p for p in Participant.objects.filter(conversation=conversation)}
    new = [
        Participant(
            conversation=conversation,
            user=person,
            side=side.number,
            via=side.via,
            organisation=side.organisation,
            last_message_at=conversation.last_message_at,
            last_read_id=conversation.last_message_id or 0,
        )  # fmt: skip
        for person, side in subjects.people_of(subject)
        if person.pk not in seats
    ]
    if new:
        Participant.objects.bulk_create(new, ignore_conflicts=True)
        seats = {p.user_id: p for p in Participant.objects.filter(conversation=conversation)}
    return list(seats.values())


def _notify_after(frequency: str, first: bool, now: datetime) -> datetime:
    if frequency == Frequency.IMMEDIATE or (frequency == Frequency.DEFAULT and first):
        return now
    return now + DIGEST_DELAY.get(frequency, DIGEST_DELAY[Frequency.HOURLY])


@transaction.atomic
def conversation_start(
    *, actor: AnyUser, kind: str, subject_id: int, body: Any, language: Any = "",
    client_id: Any = "", upload: IO[bytes] | None = None,
) -> tuple[Conversation, Message, bool]:  # fmt: skip
    """Start the conversation about a subject with its first message (or, when it already
    exists, write in it): (conversation, message, whether the conversation is new). A subject
    the actor is on no side of does not exist for them (404)."""
    user = require_user(actor)
    subject = subjects.find_subject(kind, subject_id) if kind in SUBJECT_FIELDS else None
    side = subjects.side_of(user, subject, member_organisation_ids(user)) if subject else None
    if subject is None or side is None:
        raise NotFound(_("Nothing to talk about here."))
    field = SUBJECT_FIELDS[kind]
    existing = Conversation.objects.filter(**{field: subject_id}).first()
    if existing is not None:
        message, _created = message_post(
            actor=user, conversation=existing, body=body, language=language,
            client_id=client_id, upload=upload,
        )  # fmt: skip
        return existing, message, False
    people = subjects.people_of(subject)
    other_people = [p.pk for p, s in people if s.number != side.number]
    if not other_people:
        raise Conflict(_("Nobody is on the other side yet; try again later."))
    _may_write(user, subject, side, other_people)
    clean_body(body, required=upload is None)
    now = timezone.now()
    _check_rate(user, now)
    try:
        with transaction.atomic():
            conversation = Conversation.objects.create(
                kind=kind, **{field: subject.obj}, event_id=subject.event_id,
                call_id=subject.call_id, started_by=user, created_at=now,
            )  # fmt: skip
    except IntegrityError:  # started at the same moment by someone else: write in theirs
        conversation = Conversation.objects.get(**{field: subject_id})
        message, _created = message_post(
            actor=user, conversation=conversation, body=body, language=language,
            client_id=client_id, upload=upload,
        )  # fmt: skip
        return conversation, message, False
    participants_sync(conversation, subject)
    message, _created = message_post(
        actor=user, conversation=conversation, body=body, language=language,
        client_id=client_id, upload=upload,
    )  # fmt: skip
    return conversation, message, True


@transaction.atomic
def message_post(
    *, actor: AnyUser, conversation: Conversation, body: Any, language: Any = "",
    client_id: Any = "", upload: IO[bytes] | None = None,
) -> tuple[Message, bool]:  # fmt: skip
    """Write a message (and at most one document); (message, whether it is new). The same
    `client_id` sent again, even at the same moment, gives the one message. Everyone else in
    the conversation gets it unread and, unless they muted it, a notice by e-mail."""
    user = require_user(actor)
    seat = seat_for(user, conversation)
    client_id = _clean_client_id(client_id)
    if client_id:
        sent = Message.objects.filter(conversation=conversation, sender=user, client_id=client_id)
        if (found := sent.first()) is not None:
            return found, False
    text = clean_body(body, required=upload is None)
    chosen = _clean_language(language)
    document = None
    if upload is not None:
        document = check_document(
            upload, field="file", allowed=ATTACHMENT_TYPES,
            max_mb=settings.YV_MESSAGE_ATTACHMENT_MAX_MB,
        )  # fmt: skip
    lock_for_change(conversation)  # one writer at a time: counters, "talked", the same key
    if client_id:
        sent = Message.objects.filter(conversation=conversation, sender=user, client_id=client_id)
        if (found := sent.first()) is not None:
            return found, False
    seats = participants_sync(conversation, seat.subject)
    other_people = [p.user_id for p in seats if p.side != seat.side.number]
    if conversation.closed_at is not None:
        raise Conflict(_("An operator closed this conversation."))
    _may_write(user, seat.subject, seat.side, other_people)
    detected = detect_language(text)
    now = timezone.now()
    message = Message.objects.create(
        conversation=conversation, sender=user, side=seat.side.number, body=text,
        language=chosen or detected or (user.language if user.language in LANGUAGES else "ko"),
        detected_language=detected, created_at=now, client_id=client_id,
    )  # fmt: skip
    if document is not None and upload is not None:
        stored = Attachment(message=message, name=document.name, kind=document.kind,
                            size=document.size)  # fmt: skip
        stored.file.save(document.name, upload, save=False)
        try:
            stored.save()
        except Exception:
            stored.file.delete(save=False)
            raise
    first = conversation.message_count == 0
    talked = (
        conversation.talked_at is None
        and Message.objects.filter(conversation=conversation, id__lt=message.pk)
        .exclude(side=message.side)
        .exists()
    )
    conversation.last_message_at = now
    conversation.last_message_id = message.pk
    conversation.message_count = F("message_count") + 1
    fields = ["last_message_at", "last_message_id", "message_count"]
    if talked:
        conversation.talked_at = now
        fields.append("talked_at")
    conversation.save(update_fields=fields)
    conversation.refresh_from_db(fields=["message_count"])
    _seats_after_message(seats, user, message, first, now)
    return message, True


def _seats_after_message(
    seats: list[Participant], writer: User, message: Message, first: bool, now: datetime
) -> None:
    """The writer has read everything; everyone else has one more unread and, unless they
    muted the conversation or a notice already waits, a notice due by their setting."""
    others = [p for p in seats if p.user_id != writer.pk]
    Participant.objects.filter(conversation_id=message.conversation_id, user=writer).update(
        last_message_at=now, unread=0, last_read_id=message.pk, last_read_at=now, draft="",
        pending_since=None, notify_after=None,
    )  # fmt: skip
    Participant.objects.filter(pk__in=[p.pk for p in others]).update(
        last_message_at=now, unread=F("unread") + 1
    )
    waiting = [p for p in others if not p.muted and p.pending_since is None]
    if not waiting:
        return
    chosen = dict(
        Preference.objects.filter(user_id__in=[p.user_id for p in waiting]).values_list(
            "user_id", "frequency"
        )
    )
    for seat in waiting:
        seat.pending_since = now
        seat.notify_after = _notify_after(chosen.get(seat.user_id, Frequency.DEFAULT), first, now)
    Participant.objects.bulk_update(waiting, ["pending_since", "notify_after"])
    if any(seat.notify_after <= now for seat in waiting if seat.notify_after):
        transaction.on_commit(_send_notices_soon)


def _send_notices_soon() -> None:
    """Queue the notice task now (the every-minute run catches up if the queue is down)."""
    from yeongilman.conversations.tasks import send_message_notices

    try:
        send_message_notices.enqueue()
    except Exception:  # the message is saved; the notice waits for the next run
        log.exception("could not queue the message notices")


@transaction.atomic
def conversation_read(
    *, actor: AnyUser, conversation: Conversation, up_to: int | None = None
) -> Participant:
    """Mark the conversation read (up to a message id): unread count, receipt, notice."""
    user = require_user(actor)
    seat = seat_for(user, conversation)
    participant = seat.participant or _seat_row(conversation, user, seat.side)
    last = conversation.last_message_id or 0
    up_to = last if up_to is None else min(max(up_to, 0), last)
    if up_to <= participant.last_read_id and participant.unread == 0:
        return participant
    now = timezone.now()
    participant.last_read_id = max(participant.last_read_id, up_to)
    participant.last_read_at = now
    participant.unread = (
        Message.objects.filter(conversation=conversation, id__gt=participant.last_read_id)
        .exclude(sender=user)
        .count()
    )
    fields = ["last_read_id", "last_read_at", "unread"]
    if participant.unread == 0:
        participant.pending_since = participant.notify_after = None
        fields += ["pending_since", "notify_after"]
    participant.save(update_fields=fields)
    return participant


def _seat_row(conversation: Conversation, user: User, side: Side) -> Participant:
    participant, _created = Participant.objects.get_or_create(
        conversation=conversation, user=user,
        defaults={"side": side.number, "via": side.via, "organisation": side.organisation,
                  "last_message_at": conversation.last_message_at},
    )  # fmt: skip
    return participant


def seat_row(*, actor: AnyUser, seat: Seat) -> Participant:
    """The reader's row, made when a colleague who joined since the last message opens it."""
    user = require_user(actor)
    return seat.participant or _seat_row(seat.conversation, user, seat.side)


@transaction.atomic
def conversation_mute(*, actor: AnyUser, conversation: Conversation, muted: bool) -> Participant:
    """Mute (no e-mail, not counted in the header) or unmute a conversation for oneself."""
    user = require_user(actor)
    seat = seat_for(user, conversation)
    participant = seat.participant or _seat_row(conversation, user, seat.side)
    participant.muted = bool(muted)
    fields = ["muted"]
    if participant.muted:
        participant.pending_since = participant.notify_after = None
        fields += ["pending_since", "notify_after"]
    participant.save(update_fields=fields)
    return participant


def draft_save(*, actor: AnyUser, conversation: Conversation, text: Any) -> Participant:
    """Keep what the person is writing, so that a reload (or another device) shows it."""
    user = require_user(actor)
    seat = seat_for(user, conversation)
    draft = clean_body(text, required=False) if text else ""
    participant = seat.participant or _seat_row(conversation, user, seat.side)
    if participant.draft != draft:
        participant.draft = draft
        participant.save(update_fields=["draft"])
    return participant


@transaction.atomic
def message_language_set(*, actor: AnyUser, message: Message, language: Any) -> Message:
    """The writer corrects the language their message was detected in."""
    user = require_user(actor)
    if message.sender_id != user.pk:
        raise PermissionDenied(_("Only the writer can change this."))
    chosen = _clean_language(language)
    if not chosen:
        raise _invalid("language", _("Choose Korean or English."))
    message.language = chosen
    message.save(update_fields=["language"])
    return message


def message_translate(*, actor: AnyUser, message: Message, language: str) -> Translation:
    """The message in the reader's language through the configured backend (stored once);
    Conflict when no backend is set or it does not answer."""
    user = require_user(actor)
    seat_for(user, message.conversation)
    if language not in LANGUAGES or language == message.language:
        raise _invalid("language", _("The message is already in this language."))
    kept = Translation.objects.filter(message=message, language=language).first()
    if kept is not None:
        return kept
    backend = translator()
    if backend is None:
        raise Conflict(_("Automatic translation is not set up on this site."))
    try:
        text = backend.translate(message.body, message.language, language)
    except TranslationUnavailable:
        log.warning("translation of message %s failed", message.pk, exc_info=True)
        raise Conflict(_("The translation service did not answer; try again later.")) from None
    translation, _created = Translation.objects.get_or_create(
        message=message, language=language,
        defaults={"text": text[: MAX_MESSAGE_LENGTH * 2], "backend": backend.name},
    )  # fmt: skip
    return translation


def _on_other_side(seat: Seat, organisation_id: int | None, user_id: int | None) -> bool:
    for side in seat.subject.sides:
        if side.number == seat.side.number:
            continue
        if organisation_id and side.organisation_id == organisation_id:
            return True
        if user_id and side.person_id == user_id:
            return True
    return False


def linkable_meetings(seat: Seat, user: User) -> list[MeetingRequest]:
    """The user's meeting requests with someone of another side (not cancelled or declined)."""
    mine = (
        MeetingRequest.objects.filter(Q(requester__user=user) | Q(recipient__user=user))
        .exclude(status__in=[RequestStatus.CANCELLED, RequestStatus.DECLINED])
        .select_related("event", "requester__user", "recipient__user")
        .order_by("-created_at")[:50]
    )
    out = []
    for meeting in mine:
        other = meeting.recipient if meeting.requester.user_id == user.pk else meeting.requester
        if _on_other_side(seat, other.organisation_id, other.user_id):
            out.append(meeting)
    return out


def linkable_agreements(seat: Seat) -> list[PipelineAgreement]:
    """The city's pipeline agreements whose parties include this side and another side."""
    mine = seat.side.organisation_id
    theirs = [
        s.organisation_id for s in seat.subject.sides
        if s.number != seat.side.number and s.organisation_id
    ]  # fmt: skip
    if not mine or not theirs:
        return []
    return list(
        PipelineAgreement.objects.filter(parties=mine).filter(parties__in=theirs).distinct()[:50]
    )


@transaction.atomic
def conversation_link(
    *, actor: AnyUser, conversation: Conversation, meeting_id: int | None = None,
    agreement_id: int | None = None,
) -> Conversation:  # fmt: skip
    """Say what the conversation led to: one of the person's meetings with the other side,
    or a pipeline agreement of both sides' organisations (None leaves a link as it is)."""
    user = require_user(actor)
    lock_for_change(conversation)
    seat = seat_for(user, conversation)
    fields = []
    if meeting_id is not None:
        meeting = next((m for m in linkable_meetings(seat, user) if m.pk == meeting_id), None)
        if meeting is None:
            raise _invalid("meeting", _("Choose one of your meetings with them."))
        conversation.led_to_meeting = meeting
        fields.append("led_to_meeting")
    if agreement_id is not None:
        agreement = next((a for a in linkable_agreements(seat) if a.pk == agreement_id), None)
        if agreement is None:
            raise _invalid("agreement", _("Choose an agreement between your organisations."))
        conversation.led_to_agreement = agreement
        fields.append("led_to_agreement")
    if fields:
        conversation.save(update_fields=fields)
    return conversation


def meeting_requested(request: MeetingRequest) -> int:
    """Hook receiver (meetings.services.meeting_requested): a meeting request between people
    who talk in a conversation (about something else, not yet linked) becomes what that
    conversation led to. Returns how many conversations were linked."""
    requester, recipient = request.requester, request.recipient

    def matches(registration: Any) -> Q:
        q = Q(user_id=registration.user_id)
        if registration.organisation_id:
            q |= Q(organisation_id=registration.organisation_id)
        return q

    candidates = (
        Participant.objects.filter(
            matches(requester), conversation__led_to_meeting__isnull=True,
            conversation__closed_at__isnull=True,
        )
        .exclude(conversation__kind=SubjectKind.MEETING)
        .values_list("conversation_id", "side")[:100]
    )  # fmt: skip
    sides = dict(candidates)
    if not sides:
        return 0
    theirs = Participant.objects.filter(matches(recipient), conversation_id__in=list(sides))
    linked = {c for c, side in theirs.values_list("conversation_id", "side") if side != sides[c]}
    return Conversation.objects.filter(pk__in=linked, led_to_meeting__isnull=True).update(
        led_to_meeting=request
    )
