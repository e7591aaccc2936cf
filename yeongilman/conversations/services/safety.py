"""Safety: blocking another side, reporting a conversation, and what operators do with a
report (read it, audited; close the conversation; suspend a sender; dismiss it)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yeongilman.accounts.access import AnyUser, require_operator, require_user
from yeongilman.accounts.models import User
from yeongilman.conversations.models import (
    MAX_REPORT_LENGTH,
    Block,
    Conversation,
    Message,
    Report,
    ReportStatus,
    Suspension,
    Via,
)
from yeongilman.conversations.services.conversations import seat_for
from yeongilman.core.audit import audit_record
from yeongilman.core.db import lock_for_change
from yeongilman.core.errors import Conflict, PermissionDenied, ValidationFailed
from yeongilman.core.schemas import has_lone_surrogate
from yeongilman.outbox.services import mail_on_commit

SCOPE = "conversations"


def _invalid(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, field_errors={field: [message]})


@transaction.atomic
def block_add(*, actor: AnyUser, conversation: Conversation, side_number: int) -> Block:
    """Block the people of another side of a conversation the actor takes part in: their
    organisation, or the person where the side is one person without an organisation."""
    user = require_user(actor)
    seat = seat_for(user, conversation)
    side = seat.subject.side(side_number)
    if side is None or side.number == seat.side.number:
        raise _invalid("side", _("Choose the other side of the conversation."))
    if side.via == Via.OPERATOR:
        raise _invalid("side", _("Operators cannot be blocked; report the conversation instead."))
    target: dict[str, Any] = (
        {"organisation": side.organisation} if side.organisation is not None
        else {"person": side.person}
    )  # fmt: skip
    try:
        with transaction.atomic():
            block, _created = Block.objects.get_or_create(blocker=user, **target)
    except IntegrityError:  # the same block at the same moment
        block = Block.objects.get(blocker=user, **target)
    return block


@transaction.atomic
def block_remove(*, actor: AnyUser, block: Block) -> None:
    """Lift one's own block."""
    user = require_user(actor)
    if block.blocker_id != user.pk:
        raise PermissionDenied(_("Only the person who blocked can lift the block."))
    block.delete()


def _clean_reason(reason: Any) -> str:
    if not isinstance(reason, str) or has_lone_surrogate(reason):
        raise _invalid("reason", _("The reason is not valid text."))
    text = reason.strip()
    if not text:
        raise _invalid("reason", _("Say briefly what is wrong."))
    if len(text) > MAX_REPORT_LENGTH:
        raise _invalid("reason", _("At most 2,000 characters."))
    return text


@transaction.atomic
def report_create(*, actor: AnyUser, conversation: Conversation, reason: Any) -> Report:
    """Report a conversation to the operators (who may then read it); they are told by mail.
    A second report by the same person while theirs is open changes nothing."""
    user = require_user(actor)
    seat_for(user, conversation)
    text = _clean_reason(reason)
    open_one = Report.objects.filter(
        conversation=conversation, reporter=user, status=ReportStatus.OPEN
    ).first()
    if open_one is not None:
        return open_one
    report = Report.objects.create(conversation=conversation, reporter=user, reason=text)
    audit_record(actor=user, action="conversation_reported", subject=conversation, scope=SCOPE,
                 report=report.pk)  # fmt: skip
    operators = User.objects.filter(is_operator=True, is_active=True).exclude(email="")
    mail_on_commit(
        list(operators), gettext_noop("A conversation was reported"),
        "conversations/email/reported.txt", {"report": report},
    )  # fmt: skip
    return report


def report_read(*, actor: AnyUser, report: Report) -> Conversation:
    """An operator opens a reported conversation: allowed, and recorded every time."""
    user = require_operator(actor)
    audit_record(actor=user, action="reported_conversation_read",
                 subject=report.conversation, scope=SCOPE, report=report.pk)  # fmt: skip
    return report.conversation


@transaction.atomic
def report_resolve(
    *, actor: AnyUser, report: Report, action: str, sender_id: int | None = None,
    note: Any = "",
) -> Report:  # fmt: skip
    """Close the conversation, suspend one of its writers, or dismiss the report. Audited."""
    user = require_operator(actor)
    lock_for_change(report)
    if report.status != ReportStatus.OPEN:
        raise Conflict(_("This report was already dealt with."))
    conversation = report.conversation
    now = timezone.now()
    if action == "close":
        conversation_close(actor=user, conversation=conversation)
        report.status = ReportStatus.CLOSED
    elif action == "suspend":
        writers = set(
            Message.objects.filter(conversation=conversation, sender__isnull=False)
            .values_list("sender_id", flat=True)
        )  # fmt: skip
        if sender_id not in writers:
            raise _invalid("sender", _("Choose someone who wrote in this conversation."))
        writer = User.objects.get(pk=sender_id)
        suspension_add(actor=user, user=writer, reason=str(note or report.reason))
        report.status = ReportStatus.SUSPENDED
    elif action == "dismiss":
        report.status = ReportStatus.DISMISSED
    else:
        raise _invalid("action", _("Choose what to do."))
    report.resolved_at, report.resolved_by = now, user
    report.save(update_fields=["status", "resolved_at", "resolved_by"])
    audit_record(actor=user, action="report_resolved", subject=conversation, scope=SCOPE,
                 report=report.pk, outcome=report.status)  # fmt: skip
    return report


@transaction.atomic
def conversation_close(*, actor: AnyUser, conversation: Conversation) -> Conversation:
    """An operator closes a conversation: it stays readable, nobody can write in it."""
    user = require_operator(actor)
    lock_for_change(conversation)
    if conversation.closed_at is None:
        conversation.closed_at, conversation.closed_by = timezone.now(), user
        conversation.save(update_fields=["closed_at", "closed_by"])
        audit_record(actor=user, action="conversation_closed", subject=conversation,
                     scope=SCOPE)  # fmt: skip
    return conversation


@transaction.atomic
def suspension_add(*, actor: AnyUser, user: User, reason: str = "") -> Suspension:
    """An operator stops a person from writing messages (once; a second changes nothing)."""
    operator = require_operator(actor)
    current = Suspension.objects.filter(user=user, lifted_at__isnull=True).first()
    if current is not None:
        return current
    suspension = Suspension.objects.create(
        user=user, reason=reason[:MAX_REPORT_LENGTH], suspended_by=operator
    )
    audit_record(actor=operator, action="messaging_suspended", subject=user, scope=SCOPE)
    return suspension


@transaction.atomic
def suspension_lift(*, actor: AnyUser, suspension: Suspension) -> Suspension:
    """An operator lets a suspended person write again."""
    operator = require_operator(actor)
    lock_for_change(suspension)
    if suspension.lifted_at is None:
        suspension.lifted_at = timezone.now()
        suspension.save(update_fields=["lifted_at"])
        audit_record(actor=operator, action="messaging_suspension_lifted",
                     subject=suspension.user, scope=SCOPE)  # fmt: skip
    return suspension
