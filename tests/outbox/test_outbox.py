"""Mail: written with the change, delivered after its commit, retried with backoff."""

from datetime import timedelta
from smtplib import SMTPServerDisconnected

from django.core import mail
from django.db import transaction
from django.utils import timezone

from yeongilman.outbox.models import Mail, MailStatus
from yeongilman.outbox.services import MAX_ATTEMPTS, mail_deliver, mail_on_commit, mail_retry_due

TEMPLATE = "meetings/email/schedule_changed.txt"


class _Event:
    title = "B2B Day"
    slug = "b2b-day"

    def __str__(self) -> str:
        return self.title


def test_a_rolled_back_change_sends_nothing(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                mail_on_commit([member], "New meeting request", TEMPLATE, {"event": _Event()})
                raise SMTPServerDisconnected("the change itself failed")  # any error: rollback
        except SMTPServerDisconnected:
            pass
    assert not Mail.objects.exists() and mail.outbox == []


def test_mail_is_rendered_in_each_recipients_language(
    member, other_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mail_on_commit([member, other_member], "New meeting request", TEMPLATE, {"event": _Event()})
    by_address = {m.to[0]: m for m in mail.outbox}
    assert by_address[other_member.email].subject == "New meeting request"
    assert by_address[member.email].subject != "New meeting request"  # Korean
    assert set(Mail.objects.values_list("status", flat=True)) == {MailStatus.SENT}


def test_a_failed_delivery_is_retried_with_backoff_until_it_goes_through(
    settings, member, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.meetings.test_schedule_jobs.BrokenSMTP"
    with django_capture_on_commit_callbacks(execute=True):
        (queued,) = mail_on_commit([member], "New meeting request", TEMPLATE, {"event": _Event()})
    queued.refresh_from_db()
    assert queued.status == MailStatus.QUEUED and queued.attempts == 1
    assert queued.next_attempt_at is not None
    first_wait = queued.next_attempt_at - timezone.now()
    assert timedelta(seconds=20) < first_wait <= timedelta(seconds=30)
    assert mail_retry_due() == 0  # not due yet
    mail_retry_due(now=timezone.now() + timedelta(seconds=31))  # due: tried again, fails again
    queued.refresh_from_db()
    assert queued.attempts == 2
    assert queued.next_attempt_at is not None
    assert queued.next_attempt_at - timezone.now() > timedelta(seconds=100)  # waits longer
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail_retry_due(now=timezone.now() + timedelta(minutes=3))
    queued.refresh_from_db()
    assert queued.status == MailStatus.SENT and [m.to for m in mail.outbox] == [[member.email]]


def test_delivery_gives_up_after_the_last_attempt(
    settings, member, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.meetings.test_schedule_jobs.BrokenSMTP"
    with django_capture_on_commit_callbacks(execute=True):
        (queued,) = mail_on_commit([member], "New meeting request", TEMPLATE, {"event": _Event()})
    Mail.objects.filter(pk=queued.pk).update(attempts=MAX_ATTEMPTS - 1, next_attempt_at=None)
    assert mail_deliver(queued.pk) == MailStatus.FAILED
    queued.refresh_from_db()
    assert queued.status == MailStatus.FAILED and "SMTPServerDisconnected" in queued.last_error
    assert mail_deliver(queued.pk) == MailStatus.FAILED  # a failed mail is not sent again


def test_a_mail_is_sent_once_even_if_its_delivery_is_queued_twice(
    member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        (queued,) = mail_on_commit([member], "New meeting request", TEMPLATE, {"event": _Event()})
    assert mail_deliver(queued.pk) == MailStatus.SENT
    assert len(mail.outbox) == 1


def test_attachments_are_kept_with_the_mail_and_sent_on_each_attempt(
    settings, member, django_capture_on_commit_callbacks
):
    import pytest

    from yeongilman.outbox.services import MAX_ATTACHMENT_BYTES, Attachment

    picture = Attachment("code.png", b"\x89PNG fake", "image/png")
    settings.EMAIL_BACKEND = "tests.meetings.test_schedule_jobs.BrokenSMTP"
    with django_capture_on_commit_callbacks(execute=True):
        (queued,) = mail_on_commit(
            [member], "New meeting request", TEMPLATE, {"event": _Event()}, attachments=[picture]
        )
    assert queued.attachments.get().filename == "code.png"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert mail_deliver(queued.pk) == MailStatus.SENT  # the retry sends the same bytes
    (sent,) = mail.outbox
    assert sent.attachments == [("code.png", b"\x89PNG fake", "image/png")]
    too_big = Attachment("big.bin", b"x" * (MAX_ATTACHMENT_BYTES + 1), "application/octet-stream")
    with pytest.raises(ValueError):
        mail_on_commit([member], "New meeting request", TEMPLATE, {"event": _Event()},
                       attachments=[too_big])  # fmt: skip


def test_mail_to_a_reserved_domain_is_kept_but_never_sent(
    member, django_capture_on_commit_callbacks
):
    """The demo world's invented people live at .example addresses (RFC 2606): their mail is
    written like anyone's, and nobody's mail server is ever asked to deliver it."""
    from tests.factories import make_user

    invented = make_user("jiwoo.kim@haeoreumlabs.example", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        mail_on_commit([member, invented], "New meeting request", TEMPLATE, {"event": _Event()})
    assert [m.to for m in mail.outbox] == [[member.email]]
    kept = Mail.objects.get(to_address=invented.email)
    assert kept.status == MailStatus.KEPT and kept.attempts == 0
    assert "reserved domain" in kept.last_error
    assert mail_retry_due(now=timezone.now() + timedelta(days=1)) == 0
    assert Mail.objects.get(to_address=member.email).status == MailStatus.SENT
