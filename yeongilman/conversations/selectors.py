"""Reads of conversations, already filtered for the viewer: the header's unread count, the
inbox, a conversation's messages with their languages, glossary terms, files and read
receipts, new messages since the last poll, what one can start a conversation about, the
operators' reports and counts (never contents), and "talked" for the meeting funnel."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from yeongilman.accounts.access import AnyUser, member_organisation_ids
from yeongilman.accounts.models import User
from yeongilman.conversations import subjects
from yeongilman.conversations.access import Seat, visible_seats_q
from yeongilman.conversations.glossary import Term, taxonomy_pairs, terms_in
from yeongilman.conversations.models import (
    Block,
    Conversation,
    Message,
    Participant,
    Report,
    ReportStatus,
    SubjectKind,
    Suspension,
    Translation,
    Via,
)
from yeongilman.conversations.rendering import render_body
from yeongilman.conversations.subjects import Side, Subject
from yeongilman.core.i18n import current_language, pick
from yeongilman.core.talk import TalkLink
from yeongilman.directory.models import Organisation, Person
from yeongilman.events.models import Event
from yeongilman.programs.models import Program

INBOX_PAGE = 50
MESSAGES_PAGE = 50


def unread_total(user: AnyUser) -> int:
    """Unread messages across the user's conversations that are not muted (the header's
    badge): one indexed sum over the person's seats."""
    if not user.is_authenticated:
        return 0
    total = Participant.objects.filter(visible_seats_q(user), muted=False, unread__gt=0).aggregate(
        n=Sum("unread")
    )["n"]
    return int(total or 0)


@dataclass
class InboxRow:
    """One conversation in a person's inbox."""

    participant: Participant
    subject: Subject
    side: Side
    label: str
    counterpart: str
    url: str
    preview: str

    @property
    def conversation(self) -> Conversation:
        return self.participant.conversation


@dataclass
class Inbox:
    rows: list[InboxRow]
    count: int
    page: int
    pages: int
    unread: int


def _seats(user: AnyUser) -> QuerySet[Participant]:
    return (
        Participant.objects.filter(visible_seats_q(user))
        .select_related("conversation")
        .order_by("-last_message_at", "-conversation_id")
    )


def inbox(user: AnyUser, page: int = 1, page_size: int = INBOX_PAGE) -> Inbox:
    """The user's conversations, latest activity first, one page of them, each with its
    subject, the other side's name (anonymous where the subject says so) and the start of
    the last message: a fixed number of queries at any size (one per kind of subject on
    the page)."""
    seats = _seats(user)
    count = Participant.objects.filter(visible_seats_q(user)).count()
    pages = max(1, math.ceil(count / page_size))
    page = min(max(page, 1), pages)
    chunk = list(seats[(page - 1) * page_size : page * page_size])
    subjects.attach_subjects(seat.conversation for seat in chunk)
    last_ids = [s.conversation.last_message_id for s in chunk if s.conversation.last_message_id]
    previews = dict(Message.objects.filter(pk__in=last_ids).values_list("pk", "body"))
    rows = []
    for seat in chunk:
        subject = subjects.subject_of(seat.conversation)
        side = subject.side(seat.side) or Side(seat.side, seat.via)
        text = previews.get(seat.conversation.last_message_id or 0, "")
        rows.append(
            InboxRow(
                participant=seat,
                subject=subject,
                side=side,
                label=subjects.label(subject),
                counterpart=subjects.counterpart(subject, side),
                url=subjects.url_for(subject, side, user),
                preview=text[:140] + ("…" if len(text) > 140 else ""),
            )  # fmt: skip
        )
    return Inbox(rows=rows, count=count, page=page, pages=pages, unread=unread_total(user))


@dataclass
class MessageView:
    """A message as one reader sees it."""

    message: Message
    author: str
    mine: bool
    body: SafeString
    terms: list[Term]
    language: str
    translation: Translation | None = None
    read_by: list[str] = field(default_factory=list)

    @property
    def attachment(self) -> Any:
        return getattr(self.message, "attachment", None)


@dataclass
class Profile:
    """The other side's organisation in the reader's language, where it has a profile in it."""

    side: int
    name: str
    in_reader_language: bool
    industries: list[str]


@dataclass
class ConversationView:
    """A conversation page: what it is about, the other side, the messages, the reader's own
    seat (draft, mute), whether they may write, and what it led to."""

    seat: Seat
    label: str
    counterpart: str
    url: str
    messages: list[MessageView]
    has_older: bool
    profiles: list[Profile]
    blocked_by_me: list[Block]
    last_id: int


def _person_names(user_ids: set[int], language: str) -> dict[int, str]:
    """Directory names of people in the reader's language (Korean name or romanised)."""
    names = {}
    for person in Person.objects.filter(user_id__in=user_ids).only("user_id", "name_ko",
                                                                    "name_latin"):  # fmt: skip
        text = pick(person.name_ko, person.name_latin, language).primary
        if text and person.user_id:
            names[person.user_id] = text
    return names


def _author(
    message: Message, reader: Side | None, subject: Subject, users: dict[int, User],
    names: dict[int, str],
) -> str:  # fmt: skip
    if message.sender_deleted or message.sender_id is None:
        return _("deleted user")
    side = subject.side(message.side)
    if side is not None and side.hidden and reader is not None and reader.number != side.number:
        return _("Someone of the anonymous organisation")
    user = users.get(message.sender_id)
    name = names.get(message.sender_id) or (user.full_name if user else "") or _("A participant")
    if side is not None and side.via == Via.OPERATOR:
        return _("%(name)s (operator)") % {"name": name}
    return name


def _profiles(subject: Subject, reader: Side | None, language: str) -> list[Profile]:
    others = [
        s for s in subject.sides
        if s.organisation is not None and (reader is None or s.number != reader.number)
        and not (s.hidden and reader is not None)
    ]  # fmt: skip
    if not others:
        return []
    industries: dict[int, list[str]] = {}
    through = Organisation.industries.through.objects.filter(
        organisation_id__in=[s.organisation_id for s in others]
    ).select_related("industry")
    for row in through.order_by("industry__position"):
        industries.setdefault(row.organisation_id, []).append(
            pick(row.industry.name_ko, row.industry.name_en, language).primary
        )
    profiles = []
    for side in others:
        org = side.organisation
        assert org is not None
        own = org.name_ko if language == "ko" else org.name_en
        text = org.description_ko if language == "ko" else org.description_en
        profiles.append(
            Profile(
                side=side.number,
                name=pick(org.name_ko, org.name_en, language).primary,
                in_reader_language=bool(own.strip() or text.strip()),
                industries=industries.get(org.pk, []),
            )  # fmt: skip
        )
    return profiles


def _receipts(
    views: list[MessageView], seats: list[Participant], reader_id: int | None,
    names: dict[int, str], subject: Subject, reader: Side | None,
) -> None:  # fmt: skip
    """Under each of the reader's own messages, the people whose reading reached it and no
    further message of the reader's: one receipt per person, where they stopped."""
    own = [v for v in views if v.message.sender_id == reader_id]
    for seat in seats:
        if seat.user_id == reader_id or not seat.last_read_id:
            continue
        reached = [v for v in own if v.message.pk <= seat.last_read_id]
        if not reached:
            continue
        side = subject.side(seat.side)
        if side is not None and side.hidden and reader is not None and reader.number != side.number:
            continue  # an anonymous side's people are not named, not even by a receipt
        reached[-1].read_by.append(names.get(seat.user_id) or seat.user.full_name or "—")


def messages_for(
    seat: Seat, reader: User, *, before: int | None = None, after: int | None = None,
    limit: int = MESSAGES_PAGE, operator_view: bool = False,
) -> tuple[list[MessageView], bool]:  # fmt: skip
    """Messages of the conversation, oldest first (the newest at the bottom): the last
    `limit` before `before`, or every one after `after` (polling). Also says whether older
    ones exist. A fixed number of queries."""
    language = current_language()
    rows = Message.objects.filter(conversation=seat.conversation).select_related("attachment")
    if after is not None:
        chunk = list(rows.filter(id__gt=after).order_by("id")[:limit])
        has_older = False
    else:
        if before is not None:
            rows = rows.filter(id__lt=before)
        chunk = list(rows.order_by("-id")[: limit + 1])
        has_older = len(chunk) > limit
        chunk = list(reversed(chunk[:limit]))
    if not chunk:
        return [], has_older
    seats = list(Participant.objects.filter(conversation=seat.conversation).select_related("user"))
    users = {s.user_id: s.user for s in seats}
    writer_ids = {m.sender_id for m in chunk if m.sender_id}
    missing = writer_ids - set(users)
    users |= {u.pk: u for u in User.objects.filter(pk__in=missing)}
    names = _person_names(writer_ids | set(users), language)
    translations = {
        t.message_id: t for t in Translation.objects.filter(message__in=chunk, language=language)
    }
    pairs = taxonomy_pairs()
    reader_side = None if operator_view else seat.side
    views = []
    for message in chunk:
        terms = terms_in(message.body, message.language, language, pairs)
        views.append(
            MessageView(
                message=message,
                author=_author(message, reader_side, seat.subject, users, names),
                mine=message.sender_id == reader.pk and not operator_view,
                body=render_body(message.body, terms),
                terms=terms,
                language=message.language,
                translation=translations.get(message.pk),
            )  # fmt: skip
        )
    if not operator_view:
        _receipts(views, seats, reader.pk, names, seat.subject, reader_side)
    return views, has_older


def conversation_view(
    seat: Seat, reader: User, *, before: int | None = None, operator_view: bool = False
) -> ConversationView:
    """Everything the conversation page shows."""
    reader_side = None if operator_view else seat.side
    messages, has_older = messages_for(seat, reader, before=before, operator_view=operator_view)
    blocks: list[Block] = []
    if not operator_view:
        others = [s for s in seat.subject.sides if s.number != seat.side.number]
        orgs = [s.organisation_id for s in others if s.organisation_id]
        people = [s.person_id for s in others if s.person_id]
        blocks = list(
            Block.objects.filter(Q(organisation_id__in=orgs) | Q(person_id__in=people),
                                 blocker=reader).select_related("organisation", "person")
        )  # fmt: skip
    return ConversationView(
        seat=seat, label=subjects.label(seat.subject),
        counterpart=subjects.counterpart(seat.subject, reader_side),
        url="" if operator_view else subjects.url_for(seat.subject, seat.side, reader),
        messages=messages, has_older=has_older,
        profiles=_profiles(seat.subject, reader_side, current_language()),
        blocked_by_me=blocks, last_id=seat.conversation.last_message_id or 0,
    )  # fmt: skip


def conversation_of(kind: str, subject_id: int) -> int | None:
    """The id of the conversation about a subject, if there is one."""
    field = subjects.SUBJECT_FIELDS.get(kind)
    if field is None:
        return None
    return Conversation.objects.filter(**{field: subject_id}).values_list("pk", flat=True).first()


def has_new_messages(participant: Participant, after: int) -> bool:
    """Whether a message came after `after` (the polling check: one index probe)."""
    return Message.objects.filter(
        conversation_id=participant.conversation_id, id__gt=after
    ).exists()


@dataclass
class Startable:
    """A subject the person may start a conversation about (or continue the one there is)."""

    kind: str
    subject_id: int
    label: str
    counterpart: str
    conversation_id: int | None


def startable(user: AnyUser, per_kind: int = 20) -> list[Startable]:
    """The latest subjects of each kind the user is on a side of, with the conversation each
    already has: one query per kind, one for the conversations."""
    if not user.is_authenticated:
        return []
    assert isinstance(user, User)
    orgs = member_organisation_ids(user)
    found: list[tuple[str, Subject]] = []
    for kind, condition in subjects.startable_q(user, orgs).items():
        rows = subjects.subjects_queryset(kind).filter(condition).order_by("-pk")[:per_kind]
        found += [(kind, subjects.describe(kind, row)) for row in rows]
    existing: dict[tuple[str, int], int] = {}
    for kind, name in ((k, n) for k, n in subjects.SUBJECT_FIELDS.items()):
        ids = [s.obj.pk for k, s in found if k == kind]
        if ids:
            for pk, subject_id in Conversation.objects.filter(
                **{f"{name}_id__in": ids}
            ).values_list("pk", f"{name}_id"):
                existing[(kind, subject_id)] = pk
    out = []
    for kind, subject in found:
        side = subjects.side_of(user, subject, orgs)
        if side is None or len(subject.sides) < 2:
            continue
        out.append(
            Startable(
                kind=kind,
                subject_id=subject.obj.pk,
                label=subjects.label(subject),
                counterpart=subjects.counterpart(subject, side),
                conversation_id=existing.get((kind, subject.obj.pk)),
            )  # fmt: skip
        )
    return out


def talk_links_for(user: AnyUser, kind: str, ids: list[int]) -> dict[int, TalkLink]:
    """Provider for subjects' pages (core.talk): per subject the user is on a side of, its
    conversation (with their unread count) or the page to write the first message. Three
    queries: the subjects, the person's organisations, the conversations with their seats."""
    if not user.is_authenticated or kind not in subjects.SUBJECT_FIELDS:
        return {}
    orgs = member_organisation_ids(user)
    mine = [
        pk for pk, subject in (
            (row.pk, subjects.describe(kind, row))
            for row in subjects.subjects_queryset(kind).filter(pk__in=ids)
        )
        if subjects.side_of(user, subject, orgs) is not None
    ]  # fmt: skip
    if not mine:
        return {}
    name = subjects.SUBJECT_FIELDS[kind]
    started = {
        subject_id: (pk, unread)
        for pk, subject_id, unread in Conversation.objects.filter(**{f"{name}_id__in": mine})
        .annotate(unread=Sum("participants__unread", filter=Q(participants__user_id=user.pk)))
        .values_list("pk", f"{name}_id", "unread")
    }  # fmt: skip
    links = {}
    for pk in mine:
        if pk in started:
            conversation_id, unread = started[pk]
            url = reverse("conversations:detail", args=[conversation_id])
            links[pk] = TalkLink(url=url, started=True, unread=int(unread or 0))
        else:
            links[pk] = TalkLink(url=reverse("conversations:compose", args=[kind, pk]),
                                 started=False)  # fmt: skip
    return links


def reports(status: str = ReportStatus.OPEN) -> QuerySet[Report]:
    """Reports for operators (their conversations' subjects, never the messages)."""
    return (
        Report.objects.filter(status=status)
        .select_related("conversation", "reporter", "resolved_by")
        .order_by("-created_at")
    )


def suspensions() -> QuerySet[Suspension]:
    """People an operator stopped from writing, still in force (for operators)."""
    return (
        Suspension.objects.filter(lifted_at__isnull=True)
        .select_related("user", "suspended_by")
        .order_by("-created_at", "-id")
    )


def writers_of(conversation: Conversation) -> list[User]:
    """The people who wrote in a conversation (whom an operator may suspend)."""
    ids = Message.objects.filter(conversation=conversation, sender__isnull=False).values(
        "sender_id"
    )
    return list(User.objects.filter(pk__in=ids).order_by("full_name", "pk"))


@dataclass
class Figures:
    """How many conversations each event and programme started, and all of them by kind:
    counts only, never contents."""

    by_event: list[tuple[Event, int, int]]
    by_program: list[tuple[Program, int, int]]
    by_kind: list[tuple[str, str, int, int]]


def figures() -> Figures:
    """Conversations (and those where both sides wrote) per event, programme and kind."""
    talked = Count("id", filter=Q(talked_at__isnull=False))
    per_event = {
        e: (n, t)
        for e, n, t in Conversation.objects.filter(event__isnull=False)
        .values("event_id").annotate(n=Count("id"), t=talked).order_by()
        .values_list("event_id", "n", "t")
    }  # fmt: skip
    per_program = {
        p: (n, t)
        for p, n, t in Conversation.objects.filter(call__isnull=False)
        .values("call__program_id").annotate(n=Count("id"), t=talked).order_by()
        .values_list("call__program_id", "n", "t")
    }  # fmt: skip
    events = Event.objects.filter(pk__in=per_event).order_by("-starts_at")
    programs = Program.objects.filter(pk__in=per_program).order_by("title_en", "title_ko")
    kinds = dict(SubjectKind.choices)
    by_kind = [
        (kind, str(kinds[kind]), n, t)
        for kind, n, t in Conversation.objects.values("kind").annotate(n=Count("id"), t=talked)
        .order_by("kind").values_list("kind", "n", "t")
    ]  # fmt: skip
    return Figures(
        by_event=[(e, *per_event[e.pk]) for e in events],
        by_program=[(p, *per_program[p.pk]) for p in programs],
        by_kind=by_kind,
    )


def talked_about_meeting(ref: OuterRef) -> Exists:
    """Provider for the meeting funnel (meetings.extensions): the request's sides both wrote
    in its own conversation or in a conversation that led to it."""
    return Exists(
        Conversation.objects.filter(Q(meeting=ref) | Q(led_to_meeting=ref), talked_at__isnull=False)
    )
