"""The one way the platform sends e-mail: queue now (rendered in each recipient's language),
deliver after the commit from a task, retry with backoff, never fail the change that caused it."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from yeongilman.outbox.models import Mail, MailAttachment, MailStatus

if TYPE_CHECKING:  # the outbox stands below accounts: the type only
    from yeongilman.accounts.models import User

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
FIRST_RETRY_SECONDS = 30  # then 2, 8, 32 minutes and about 2 hours (x4 each time)


MAX_ATTACHMENT_BYTES = 256 * 1024  # all of one mail's attachments: small pictures, not files


@dataclass(frozen=True)
class Attachment:
    """A small file to send with a mail."""

    filename: str
    content: bytes
    content_type: str


# Top-level domains that never receive mail (RFC 2606, RFC 6761): the demo world's invented
# people live there. Their mails are written like any other and kept, but never sent.
UNDELIVERABLE_DOMAINS = (".example", ".invalid", ".test", ".localhost")
NOT_SENT = "Not sent: the address is at a reserved domain that never receives mail."


def is_undeliverable(address: str) -> bool:
    """Whether the address is at a reserved domain that never receives mail."""
    return address.strip().lower().rstrip(".").endswith(UNDELIVERABLE_DOMAINS)


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the given number of failed attempts."""
    return timedelta(seconds=FIRST_RETRY_SECONDS * 4 ** max(0, attempts - 1))


def mail_on_commit(
    users: Iterable[User],
    subject: str,
    template: str,
    context: dict[str, Any],
    *,
    tag: str = "",
    attachments: Sequence[Attachment] = (),
) -> list[Mail]:
    """Queue `template` for each user (as `recipient`), rendered in their language; `subject`
    is an untranslated message id (mark it with gettext_noop). Delivery starts after commit.
    `attachments` (small, at most MAX_ATTACHMENT_BYTES together) go with every one of them."""
    if sum(len(a.content) for a in attachments) > MAX_ATTACHMENT_BYTES:
        raise ValueError("attachments over MAX_ATTACHMENT_BYTES")  # a caller's mistake
    mails = []
    for user in users:
        language = user.language or settings.LANGUAGE_CODE
        with translation.override(language):
            body = render_to_string(template, {**context, "recipient": user})
            mails.append(
                Mail(
                    user=user,
                    to_address=user.email,
                    language=language,
                    subject=str(_(subject))[:255],
                    body=body,
                    tag=tag or template,
                )
            )
    return _queue(mails, attachments)


def mail_each_on_commit(
    entries: Iterable[tuple[User, dict[str, Any]]], subject: str, template: str, *, tag: str = ""
) -> list[Mail]:
    """`mail_on_commit` for many recipients, each with their own context (a digest): rendered
    in each one's language and queued with one insert per 500."""
    mails = []
    for user, context in entries:
        language = user.language or settings.LANGUAGE_CODE
        with translation.override(language):
            mails.append(
                Mail(
                    user=user,
                    to_address=user.email,
                    language=language,
                    subject=str(_(subject))[:255],
                    body=render_to_string(template, {**context, "recipient": user}),
                    tag=tag or template,
                )
            )
    return _queue(mails)


def mail_address(
    *, address: str, language: str, subject: str, body: str, user: User | None = None, tag: str = ""
) -> Mail:
    """Queue one already rendered message to an address (e.g. an invitation to a newcomer)."""
    mail = Mail(
        user=user,
        to_address=address,
        language=language,
        subject=subject[:255],
        body=body,
        tag=tag,
    )
    return _queue([mail])[0]


def _queue(mails: list[Mail], attachments: Sequence[Attachment] = ()) -> list[Mail]:
    if not mails:
        return []
    for mail in mails:
        if is_undeliverable(mail.to_address):
            mail.status = MailStatus.KEPT  # written and kept; not a failure to act on
            mail.last_error = NOT_SENT
    saved = Mail.objects.bulk_create(mails, batch_size=500)
    ids = [m.pk for m in saved]
    if attachments:
        MailAttachment.objects.bulk_create(
            MailAttachment(
                mail_id=mail_id,
                filename=a.filename[:100],
                content_type=a.content_type[:100],
                content=a.content,
            )  # fmt: skip
            for mail_id in ids
            for a in attachments
        )
    due = [m.pk for m in saved if m.status == MailStatus.QUEUED]
    transaction.on_commit(lambda: _enqueue_delivery(due))
    return saved


def _enqueue_delivery(ids: list[int], run_after: datetime | None = None) -> None:
    from yeongilman.outbox.tasks import deliver_mail

    task = deliver_mail
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # `mail_retry_due` (run every minute) sends it when it is due
        task = task.using(run_after=run_after)
    for mail_id in ids:
        try:
            task.enqueue(mail_id)
        except Exception:  # the queue is down: the row stays queued for mail_retry_due
            log.exception("could not queue delivery of mail %s", mail_id)


def mail_deliver(mail_id: int) -> str:
    """Send one queued mail now; on failure schedule the next attempt (or give up after
    MAX_ATTEMPTS). Returns the mail's status afterwards."""
    # Claimed by one conditional update, so a delivery queued twice sends once.
    claimed = Mail.objects.filter(pk=mail_id, status=MailStatus.QUEUED).update(
        status=MailStatus.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
    )
    mail = Mail.objects.get(pk=mail_id)
    if not claimed:
        return mail.status
    try:
        message = EmailMessage(mail.subject, mail.body, None, [mail.to_address])
        for attachment in mail.attachments.all():
            message.attach(attachment.filename, bytes(attachment.content), attachment.content_type)
        message.send(fail_silently=False)
    except Exception as exc:  # SMTP down, refused, timed out: try again later
        log.warning("mail %s attempt %s failed: %s", mail.pk, mail.attempts, exc)
        error = f"{type(exc).__name__}: {exc}"[:2000]
        if mail.attempts >= MAX_ATTEMPTS:
            Mail.objects.filter(pk=mail.pk).update(status=MailStatus.FAILED, last_error=error)
            return MailStatus.FAILED
        later = timezone.now() + retry_delay(mail.attempts)
        Mail.objects.filter(pk=mail.pk).update(
            status=MailStatus.QUEUED, last_error=error, next_attempt_at=later
        )
        _enqueue_delivery([mail.pk], run_after=later)
        return MailStatus.QUEUED
    Mail.objects.filter(pk=mail.pk).update(status=MailStatus.SENT, sent_at=timezone.now())
    return MailStatus.SENT


def mail_retry_due(now: datetime | None = None) -> int:
    """Queue delivery of every mail that is due (its task was lost, or the backend cannot
    defer), and free mails whose sending worker died; returns how many were queued."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=int(settings.YV_JOB_LEASE_SECONDS))
    Mail.objects.filter(status=MailStatus.SENDING, claimed_at__lt=stale).update(
        status=MailStatus.QUEUED
    )
    due = Mail.objects.filter(
        Q(next_attempt_at__lte=now) | Q(next_attempt_at__isnull=True, created_at__lt=stale),
        status=MailStatus.QUEUED,
    )
    ids = list(due.values_list("pk", flat=True)[:1000])
    _enqueue_delivery(ids)
    return len(ids)


def mail_forget(*, user: User, address: str) -> int:
    """Every mail to a deleted account, or to its address, goes."""
    deleted, _by_model = Mail.objects.filter(Q(user=user) | Q(to_address=address)).delete()
    return deleted
