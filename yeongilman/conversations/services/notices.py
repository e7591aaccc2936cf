"""E-mail about new messages, in each recipient's language: at once, in an hourly digest or in
a daily digest (a personal setting; by default the first message of a conversation at once and
the rest in the hourly digest). A notice waits on the person's seat (`notify_after`); one run
sends, per person, one mail naming every conversation with something waiting, so nobody gets
more than one mail per conversation per digest. Messages are saved before any of this: a mail
that cannot be written or sent never loses one."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yeongilman.accounts.access import AnyUser, require_user
from yeongilman.accounts.models import User
from yeongilman.conversations import subjects
from yeongilman.conversations.models import Frequency, Participant, Preference
from yeongilman.conversations.services.conversations import DIGEST_DELAY
from yeongilman.core.errors import ValidationFailed
from yeongilman.outbox.services import mail_each_on_commit

log = logging.getLogger(__name__)

BATCH = 500  # people per transaction


@dataclass
class NoticeItem:
    """One conversation in a notice, named in the recipient's language when the mail is
    rendered (inside the recipient's language)."""

    participant: Participant

    @property
    def _subject(self) -> subjects.Subject:
        return subjects.subject_of(self.participant.conversation)

    @property
    def label(self) -> str:
        return subjects.label(self._subject)

    @property
    def counterpart(self) -> str:
        subject = self._subject
        return subjects.counterpart(subject, subject.side(self.participant.side))

    @property
    def unread(self) -> int:
        return self.participant.unread

    @property
    def url(self) -> str:
        language = translation.get_language() or settings.LANGUAGE_CODE
        with translation.override(language):
            path = reverse("conversations:detail", args=[self.participant.conversation_id])
        return settings.YV_SITE_URL.rstrip("/") + path


def preference_set(*, actor: AnyUser, frequency: Any) -> Preference:
    """Choose how often to be told of new messages; notices already waiting move with it."""
    user = require_user(actor)
    if frequency not in Frequency.values:
        raise ValidationFailed(
            _("Choose how often."), field_errors={"frequency": [_("Choose how often.")]}
        )
    preference, _created = Preference.objects.update_or_create(
        user=user, defaults={"frequency": frequency}
    )
    waiting = Participant.objects.filter(user=user, pending_since__isnull=False)
    if frequency == Frequency.IMMEDIATE:
        waiting.update(notify_after=F("pending_since"))
    else:
        waiting.update(
            notify_after=F("pending_since")
            + DIGEST_DELAY.get(frequency, DIGEST_DELAY[Frequency.HOURLY])
        )
    return preference


def frequency_of(user: AnyUser) -> str:
    """The person's setting (the default when they never chose)."""
    if not user.is_authenticated:
        return Frequency.DEFAULT
    found = Preference.objects.filter(user=user).values_list("frequency", flat=True).first()
    return found or Frequency.DEFAULT


def _send_batch(user_ids: list[int], now: datetime) -> int:
    with transaction.atomic():
        seats = list(
            Participant.objects.filter(user_id__in=user_ids, notify_after__isnull=False)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("user", "conversation")
            .order_by("user_id", "-last_message_at")
        )
        subjects.attach_subjects(seat.conversation for seat in seats)
        by_user: dict[int, list[Participant]] = defaultdict(list)
        for seat in seats:
            by_user[seat.user_id].append(seat)
        entries: list[tuple[User, dict[str, Any]]] = []
        for waiting in by_user.values():
            user = waiting[0].user
            if not user.is_active or not user.email:
                continue
            items = [NoticeItem(seat) for seat in waiting if not seat.muted and seat.unread]
            if items:
                entries.append((user, {"items": items}))
        mail_each_on_commit(
            entries, gettext_noop("New messages on Yeongilman Valley"),
            "conversations/email/notice.txt", tag="conversations/notice",
        )  # fmt: skip
        Participant.objects.filter(pk__in=[s.pk for s in seats]).update(
            pending_since=None, notify_after=None, notified_at=now
        )
    return len(entries)


def notices_send(now: datetime | None = None) -> int:
    """Send every notice that is due (with everything else waiting for the same people);
    returns how many mails were queued. Safe to run twice and on two workers at once: a seat
    is claimed in the transaction that queues its mail."""
    now = now or timezone.now()
    due = sorted(
        set(
            Participant.objects.filter(notify_after__lte=now)
            .order_by()
            .values_list("user_id", flat=True)
        )
    )
    sent = 0
    for start in range(0, len(due), BATCH):
        try:
            sent += _send_batch(due[start : start + BATCH], now)
        except Exception:  # one bad batch must not stop the others; it is tried next run
            log.exception("message notices for %d people failed", len(due[start : start + BATCH]))
    return sent
