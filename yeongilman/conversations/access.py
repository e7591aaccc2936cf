"""Who may read and write which conversation: the people the subject admits (subjects.py),
each through their seat; operators only where they are on a side, or through a report."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from yeongilman.accounts.access import (
    AnyUser,
    is_operator,
    member_organisation_ids,
    require_operator,
    require_user,
)
from yeongilman.conversations import subjects
from yeongilman.conversations.models import (
    Attachment,
    Conversation,
    Message,
    Participant,
    Report,
    Suspension,
    Via,
)
from yeongilman.conversations.subjects import Side, Subject
from yeongilman.core.errors import NotFound


def no_such_conversation() -> NotFound:
    """The one answer for a conversation the viewer may not see: no hint that it exists."""
    return NotFound(_("No such conversation."))


def visible_seats_q(user: AnyUser, organisation_ids: set[int] | None = None) -> Q:
    """The user's seats that still hold: in person, through an organisation they are still a
    member of, or as the operator in charge while they are an operator."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    orgs = member_organisation_ids(user) if organisation_ids is None else organisation_ids
    holds = Q(via=Via.PERSON) | Q(via=Via.ORGANISATION, organisation_id__in=list(orgs))
    if is_operator(user):
        holds |= Q(via=Via.OPERATOR)
    return Q(user_id=user.pk) & holds


@dataclass
class Seat:
    """A conversation as one person reads it: the subject, their side and their row (None
    until the row is made: a colleague who joined the organisation after the last message)."""

    conversation: Conversation
    subject: Subject
    side: Side
    participant: Participant | None


def _conversation(pk: int) -> Conversation | None:
    """The conversation with what it led to, and its subject (a query of the subject's own
    kind: far cheaper to build than one joining every kind's tables)."""
    conversation = (
        Conversation.objects.select_related("led_to_meeting__event", "led_to_agreement")
        .filter(pk=pk)
        .first()
    )
    if conversation is not None:
        subjects.attach_subjects([conversation])
    return conversation


def access_conversation(user: AnyUser, pk: int) -> Seat:
    """The conversation if the subject's rules admit the user now, else NotFound."""
    person = require_user(user)
    conversation = _conversation(pk)
    if conversation is None:
        raise no_such_conversation()
    subject = subjects.subject_of(conversation)
    side = subjects.side_of(user, subject, member_organisation_ids(user))
    if side is None:
        raise no_such_conversation()
    participant = Participant.objects.filter(conversation=conversation, user=person).first()
    return Seat(conversation, subject, side, participant)


def access_subject(user: AnyUser, kind: str, subject_id: int) -> tuple[Subject, Side]:
    """A subject the user is on a side of (to start its conversation), else NotFound."""
    require_user(user)
    subject = subjects.find_subject(kind, subject_id)
    side = subjects.side_of(user, subject, member_organisation_ids(user)) if subject else None
    if subject is None or side is None:
        raise NotFound(_("Nothing to talk about here."))
    return subject, side


def reported_seat(report: Report) -> Seat:
    """A reported conversation as an operator reads it: on no side (every side named)."""
    conversation = _conversation(report.conversation_id)
    if conversation is None:
        raise no_such_conversation()
    return Seat(conversation, subjects.subject_of(conversation), Side(0, Via.OPERATOR), None)


def access_seat(user: AnyUser, pk: int) -> Participant:
    """The user's row in a conversation, by the seat rules alone (a few index reads: what
    the new-message polling asks); NotFound otherwise."""
    require_user(user)
    seat = Participant.objects.filter(visible_seats_q(user), conversation_id=pk).first()
    if seat is None:
        raise no_such_conversation()
    return seat


def access_attachment(user: AnyUser, pk: int) -> Attachment:
    """A message's file, for the conversation's people, and for operators once the
    conversation was reported."""
    require_user(user)
    attachment = Attachment.objects.select_related("message").filter(pk=pk).first()
    if attachment is None:
        raise NotFound(_("No such file."))
    conversation_id = attachment.message.conversation_id
    if is_operator(user) and Report.objects.filter(conversation_id=conversation_id).exists():
        return attachment
    try:
        access_conversation(user, conversation_id)
    except NotFound:
        raise NotFound(_("No such file.")) from None
    return attachment


def access_own_message(user: AnyUser, pk: int) -> Message:
    """A message the user wrote (to correct its language), in a conversation they still see."""
    require_user(user)
    message = Message.objects.filter(pk=pk, sender_id=user.pk).first()
    if message is None:
        raise NotFound(_("No such message."))
    access_seat(user, message.conversation_id)
    return message


def access_readable_message(user: AnyUser, pk: int) -> tuple[Message, Seat]:
    """A message of a conversation the user takes part in."""
    message = Message.objects.filter(pk=pk).first()
    if message is None:
        raise NotFound(_("No such message."))
    return message, access_conversation(user, message.conversation_id)


def access_suspension(user: AnyUser, pk: int) -> Suspension:
    """A suspension, for operators."""
    require_operator(user)
    suspension = Suspension.objects.select_related("user").filter(pk=pk).first()
    if suspension is None:
        raise NotFound(_("No such suspension."))
    return suspension


def access_report(user: AnyUser, pk: int) -> Report:
    """A report, for operators."""
    require_operator(user)
    report = Report.objects.select_related("conversation", "reporter").filter(pk=pk).first()
    if report is None:
        raise NotFound(_("No such report."))
    return report
