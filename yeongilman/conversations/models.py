"""Conversations between organisations' people, each tied to what brought them together (an
expression of interest, a meeting request, an introduction, a programme agreement, a stand
lead); their participants' reading state, messages, attachments, blocks, reports and
suspensions, and each person's choice of how often to be told by e-mail."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yeongilman.core.storage import private_storage

MAX_MESSAGE_LENGTH = 5000
MAX_REPORT_LENGTH = 2000


class SubjectKind(models.TextChoices):
    INTEREST = "interest", _("Expression of interest")
    MEETING = "meeting", _("Meeting request")
    INTRODUCTION = "introduction", _("Introduction")
    AGREEMENT = "agreement", _("Programme agreement")
    LEAD = "lead", _("Stand visit")


# The subject's column of each kind: exactly one is set, the one the kind names.
SUBJECT_FIELDS: dict[str, str] = {
    SubjectKind.INTEREST: "interest",
    SubjectKind.MEETING: "meeting",
    SubjectKind.INTRODUCTION: "introduction",
    SubjectKind.AGREEMENT: "agreement",
    SubjectKind.LEAD: "lead",
}


def _one_subject() -> Q:
    condition = Q()
    for kind, name in SUBJECT_FIELDS.items():
        others = {f"{other}__isnull": True for other in SUBJECT_FIELDS.values() if other != name}
        condition |= Q(kind=kind, **{f"{name}__isnull": False}, **others)
    return condition


class Conversation(models.Model):
    """One conversation per subject; who may read it follows from the subject's own rules."""

    kind = models.CharField(_("about"), max_length=12, choices=SubjectKind.choices)
    interest = models.OneToOneField(
        "partnering.Interest", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    meeting = models.OneToOneField(
        "meetings.MeetingRequest", on_delete=models.CASCADE, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    introduction = models.OneToOneField(
        "partnering.Introduction", on_delete=models.CASCADE, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    agreement = models.OneToOneField(
        "grants.Agreement", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    lead = models.OneToOneField(
        "exhibitors.Lead", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # Copied from the subject so that operators' counts per event and programme need no join.
    event = models.ForeignKey(
        "events.Event", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    call = models.ForeignKey(
        "programs.Call", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    last_message_at = models.DateTimeField(_("last message"), null=True, blank=True)
    message_count = models.PositiveIntegerField(_("messages"), default=0)
    last_message_id = models.BigIntegerField(null=True, blank=True, editable=False)
    # When a second side first wrote: the two sides have talked (the funnel's "talked").
    talked_at = models.DateTimeField(_("both sides wrote"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    # What came of it: a B2B meeting request and an agreement of the city's pipeline.
    led_to_meeting = models.ForeignKey(
        "meetings.MeetingRequest", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("led to the meeting"),
    )  # fmt: skip
    led_to_agreement = models.ForeignKey(
        "insights.Agreement", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("led to the agreement"),
    )  # fmt: skip

    class Meta:
        ordering = ["-last_message_at", "-id"]
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        constraints = [
            models.CheckConstraint(condition=_one_subject(), name="conversation_subject")
        ]
        indexes = [
            models.Index(fields=["started_by", "created_at"], name="conversation_starts"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.subject_id}"

    @property
    def subject_id(self) -> int | None:
        """The id of the subject the conversation is about."""
        return getattr(self, f"{SUBJECT_FIELDS[self.kind]}_id", None)


class Via(models.TextChoices):
    """How a participant belongs to a conversation, re-checked on every read."""

    ORGANISATION = "organisation", _("as a member of the organisation")
    PERSON = "person", _("in person")
    OPERATOR = "operator", _("as the operator in charge")


class Participant(models.Model):
    """One person's place in a conversation: their side, reading state, pending notice, mute
    and draft. Rows are made for everyone the subject admits when the conversation starts and
    whenever a message is written (a new colleague joins then)."""

    # Both indexed by the constraint and the inbox index below (their first columns).
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants", db_index=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    side = models.PositiveSmallIntegerField(_("side"))
    via = models.CharField(max_length=12, choices=Via.choices)
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    # The conversation's last message time again, so a person's inbox is one index range.
    last_message_at = models.DateTimeField(null=True, blank=True)
    unread = models.PositiveIntegerField(_("unread"), default=0)
    last_read_id = models.BigIntegerField(default=0)
    last_read_at = models.DateTimeField(_("last read"), null=True, blank=True)
    # A notice is waiting from `pending_since` and goes out (alone or in a digest) once
    # `notify_after` has passed; both are cleared when it is sent or the person reads.
    pending_since = models.DateTimeField(null=True, blank=True)
    notify_after = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    muted = models.BooleanField(_("muted"), default=False)
    draft = models.TextField(_("draft"), blank=True, max_length=MAX_MESSAGE_LENGTH)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["conversation_id", "side", "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"], name="one_seat_per_person")
        ]
        indexes = [
            models.Index(
                fields=["user", "-last_message_at", "-conversation"], name="participant_inbox"
            ),
            models.Index(
                fields=["notify_after"],
                name="participant_notice_due",
                condition=Q(notify_after__isnull=False),
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.conversation_id}"


class Message(models.Model):
    """One message: plain text (no HTML), the language it is written in, at most one file."""

    id = models.BigAutoField(primary_key=True)
    # Indexed together with the id (below): a conversation's page and its polling read one range.
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages", db_index=False
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    # The writer deleted their account: the message stays for the others as "deleted user".
    sender_deleted = models.BooleanField(default=False)
    side = models.PositiveSmallIntegerField(_("side"))
    body = models.TextField(_("message"), max_length=MAX_MESSAGE_LENGTH)
    language = models.CharField(_("language"), max_length=2)
    detected_language = models.CharField(max_length=2, blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    # A key the writer's page or client sends with a message: sending it twice (a double
    # click, a retried request) gives the one message.
    client_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            models.Index(fields=["conversation", "id"], name="message_in_conversation"),
            models.Index(fields=["created_at"], name="message_created"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "sender", "client_id"],
                name="message_sent_once",
                condition=~Q(client_id=""),
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.conversation_id}/{self.pk}"


class Attachment(models.Model):
    """A document sent with a message, checked by core.documents and kept in private storage."""

    message = models.OneToOneField(Message, on_delete=models.CASCADE, related_name="attachment")
    file = models.FileField(
        storage=private_storage, upload_to="conversations/%Y/%m/", max_length=200
    )
    name = models.CharField(_("file name"), max_length=200)
    kind = models.CharField(_("type"), max_length=10)
    size = models.PositiveIntegerField(_("size"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class Translation(models.Model):
    """A message translated automatically into one language (only when a backend is set)."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=2)
    text = models.TextField()
    backend = models.CharField(max_length=40)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(fields=["message", "language"], name="one_translation_each")
        ]

    def __str__(self) -> str:
        return f"{self.message_id} → {self.language}"


class Block(models.Model):
    """A person blocks another organisation's people (or a person without an organisation):
    they can no longer write to the blocker or start a conversation with them."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, null=True, blank=True,
        related_name="+", verbose_name=_("organisation"),
    )  # fmt: skip
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
        related_name="+", verbose_name=_("person"),
    )  # fmt: skip
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False, person__isnull=True)
                | Q(organisation__isnull=True, person__isnull=False),
                name="block_one_target",
            ),
            models.UniqueConstraint(fields=["blocker", "organisation"], name="block_org_once"),
            models.UniqueConstraint(fields=["blocker", "person"], name="block_person_once"),
        ]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.organisation_id or self.person_id}"


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Conversation closed")
    SUSPENDED = "suspended", _("Sender suspended")
    DISMISSED = "dismissed", _("Dismissed")


class Report(models.Model):
    """A participant reports a conversation; operators may then read it (audited) and act."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    reason = models.TextField(_("reason"), max_length=MAX_REPORT_LENGTH)
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [models.Index(fields=["status", "-created_at"], name="report_queue")]

    def __str__(self) -> str:
        return f"report {self.pk} on {self.conversation_id}"


class Suspension(models.Model):
    """An operator stops a person from writing messages until the suspension is lifted."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reason"), blank=True, max_length=MAX_REPORT_LENGTH)
    suspended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(lifted_at__isnull=True), name="one_open_suspension"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} suspended"


class Frequency(models.TextChoices):
    DEFAULT = "default", _("The first message at once, then an hourly digest")
    IMMEDIATE = "immediate", _("At once, for every conversation")
    HOURLY = "hourly", _("An hourly digest")
    DAILY = "daily", _("A daily digest")


class Preference(models.Model):
    """How often a person is told of new messages by e-mail (no row: the default)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    frequency = models.CharField(
        _("e-mail about new messages"), max_length=10, choices=Frequency.choices,
        default=Frequency.DEFAULT,
    )  # fmt: skip

    class Meta:
        verbose_name = _("message notification setting")
        verbose_name_plural = _("message notification settings")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.frequency}"
