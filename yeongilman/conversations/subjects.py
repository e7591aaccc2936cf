"""What a conversation is about, and who takes part, by the subject's own rules.

Each kind of subject has two or three sides:

- an expression of interest: the opportunity's organisation and the interested organisation
  (their members). An anonymous opportunity's side stays hidden from the other side until it
  accepts the interest;
- a meeting request of a B2B day: the two registered people;
- an introduction: the two organisations and the operator who brokered it;
- a programme agreement: the operator who manages it (its author) and the company's members,
  once the agreement was sent to the company;
- a lead at a stand: the exhibiting organisation's members and the visitor.

Operators who are on no side cannot read a conversation (only a reported one, audited).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from yeongilman.accounts.access import AnyUser, is_operator
from yeongilman.accounts.models import Membership, User
from yeongilman.conversations.models import SUBJECT_FIELDS, Conversation, SubjectKind, Via
from yeongilman.core.i18n import pick
from yeongilman.directory.models import Organisation
from yeongilman.exhibitors.models import Lead
from yeongilman.grants.models import Agreement
from yeongilman.meetings.models import MeetingRequest, RequestStatus
from yeongilman.partnering.models import (
    Interest,
    InterestStatus,
    Introduction,
    IntroductionStatus,
)

# What a conversation's page and its inbox row read of the subject, in one query.
SUBJECT_RELATED = (
    "interest__opportunity__owner", "interest__organisation",
    "meeting__event", "meeting__requester__user__person", "meeting__requester__organisation",
    "meeting__recipient__user__person", "meeting__recipient__organisation",
    "introduction__first", "introduction__second", "introduction__broker",
    "agreement__organisation", "agreement__call", "agreement__created_by",
    "lead__exhibitor__organisation", "lead__exhibitor__event",
    "lead__registration__user__person", "lead__registration__organisation",
)  # fmt: skip

_MODELS: dict[str, Any] = {
    SubjectKind.INTEREST: Interest.objects.select_related("opportunity__owner", "organisation"),
    SubjectKind.MEETING: MeetingRequest.objects.select_related(
        "event",
        "requester__user__person",
        "requester__organisation",
        "recipient__user__person",
        "recipient__organisation",
    ),  # fmt: skip
    SubjectKind.INTRODUCTION: Introduction.objects.select_related("first", "second", "broker"),
    SubjectKind.AGREEMENT: Agreement.objects.select_related("organisation", "call", "created_by"),
    SubjectKind.LEAD: Lead.objects.select_related(
        "exhibitor__organisation",
        "exhibitor__event",
        "registration__user__person",
        "registration__organisation",
    ),  # fmt: skip
}


@dataclass(frozen=True)
class Side:
    """One side of a conversation: an organisation's members, one person, or the operator."""

    number: int
    via: str
    organisation: Organisation | None = None
    person: User | None = None
    # The other sides may not learn who this side is (an anonymous opportunity's owner
    # before it accepts the interest).
    hidden: bool = False

    @property
    def organisation_id(self) -> int | None:
        return self.organisation.pk if self.organisation is not None else None

    @property
    def person_id(self) -> int | None:
        return self.person.pk if self.person is not None else None


@dataclass(frozen=True)
class Subject:
    """A subject with its sides and whether new messages may still be written."""

    kind: str
    obj: Any
    sides: tuple[Side, ...]
    closed_reason: str = ""
    event_id: int | None = None
    call_id: int | None = None

    @property
    def writable(self) -> bool:
        return not self.closed_reason

    @property
    def anonymous(self) -> bool:
        return any(side.hidden for side in self.sides)

    def side(self, number: int) -> Side | None:
        """The side with this number (None when the subject has no such side now)."""
        return next((s for s in self.sides if s.number == number), None)


def _interest(interest: Interest) -> Subject:
    opportunity = interest.opportunity
    hidden = opportunity.is_anonymous and interest.status != InterestStatus.ACCEPTED
    return Subject(
        kind=SubjectKind.INTEREST, obj=interest,
        sides=(
            Side(1, Via.ORGANISATION, organisation=opportunity.owner, hidden=hidden),
            Side(2, Via.ORGANISATION, organisation=interest.organisation),
        ),
        closed_reason=(
            _("The expression of interest was declined.")
            if interest.status == InterestStatus.DECLINED else ""
        ),
    )  # fmt: skip


def _meeting(meeting: MeetingRequest) -> Subject:
    ended: dict[str, str] = {
        RequestStatus.CANCELLED: _("The meeting request was cancelled."),
        RequestStatus.DECLINED: _("The meeting request was declined."),
    }
    return Subject(
        kind=SubjectKind.MEETING, obj=meeting,
        sides=(
            Side(1, Via.PERSON, organisation=meeting.requester.organisation,
                 person=meeting.requester.user),
            Side(2, Via.PERSON, organisation=meeting.recipient.organisation,
                 person=meeting.recipient.user),
        ),
        closed_reason=str(ended.get(meeting.status, "")), event_id=meeting.event_id,
    )  # fmt: skip


def _introduction(introduction: Introduction) -> Subject:
    sides = [
        Side(1, Via.ORGANISATION, organisation=introduction.first),
        Side(2, Via.ORGANISATION, organisation=introduction.second),
    ]
    if introduction.broker is not None:
        sides.append(Side(3, Via.OPERATOR, person=introduction.broker))
    declined = introduction.status == IntroductionStatus.DECLINED
    return Subject(
        kind=SubjectKind.INTRODUCTION, obj=introduction, sides=tuple(sides),
        closed_reason=_("The introduction was declined.") if declined else "",
    )  # fmt: skip


def _agreement(agreement: Agreement) -> Subject:
    sides = []
    if agreement.created_by is not None:
        sides.append(Side(1, Via.OPERATOR, person=agreement.created_by))
    if agreement.sent_at is not None:  # a draft is the operators' alone
        sides.append(Side(2, Via.ORGANISATION, organisation=agreement.organisation))
    cancelled = agreement.status == "cancelled"
    return Subject(
        kind=SubjectKind.AGREEMENT, obj=agreement, sides=tuple(sides),
        closed_reason=_("The agreement was cancelled.") if cancelled else "",
        call_id=agreement.call_id,
    )  # fmt: skip


def _lead(lead: Lead) -> Subject:
    return Subject(
        kind=SubjectKind.LEAD, obj=lead,
        sides=(
            Side(1, Via.ORGANISATION, organisation=lead.exhibitor.organisation),
            Side(2, Via.PERSON, organisation=lead.registration.organisation,
                 person=lead.registration.user),
        ),
        event_id=lead.exhibitor.event_id,
    )  # fmt: skip


_DESCRIBE: dict[str, Callable[[Any], Subject]] = {
    SubjectKind.INTEREST: _interest,
    SubjectKind.MEETING: _meeting,
    SubjectKind.INTRODUCTION: _introduction,
    SubjectKind.AGREEMENT: _agreement,
    SubjectKind.LEAD: _lead,
}


def find_subject(kind: str, pk: int) -> Subject | None:
    """The subject of this kind and id with its sides, or None when there is none."""
    if kind not in _MODELS:
        return None
    obj = _MODELS[kind].filter(pk=pk).first()
    return _DESCRIBE[kind](obj) if obj is not None else None


def attach_subjects(conversations: Iterable[Conversation]) -> None:
    """Read the subjects of many conversations, one query per kind present (each with its
    own related rows), and keep each on its conversation for `subject_of`: far cheaper than
    joining every kind's tables onto every row (SUBJECT_RELATED) when a page lists many."""
    by_kind: dict[str, dict[int, list[Conversation]]] = {}
    for conversation in conversations:
        subject_id = conversation.subject_id
        if subject_id is not None:
            by_kind.setdefault(conversation.kind, {}).setdefault(subject_id, []).append(
                conversation
            )
    for kind, wanted in by_kind.items():
        field = SUBJECT_FIELDS[kind]
        for obj in _MODELS[kind].filter(pk__in=list(wanted)):
            for conversation in wanted[obj.pk]:
                setattr(conversation, field, obj)


def subject_of(conversation: Conversation) -> Subject:
    """The conversation's subject (read through SUBJECT_RELATED when the caller selected it)."""
    return _DESCRIBE[conversation.kind](getattr(conversation, SUBJECT_FIELDS[conversation.kind]))


def side_of(user: AnyUser, subject: Subject, organisation_ids: Iterable[int]) -> Side | None:
    """The side the user takes part on (the first that admits them), else None."""
    if not user.is_authenticated:
        return None
    mine = set(organisation_ids)
    for side in subject.sides:
        if side.via == Via.PERSON and side.person_id == user.pk:
            return side
        if side.via == Via.OPERATOR and side.person_id == user.pk and is_operator(user):
            return side
        if side.via == Via.ORGANISATION and side.organisation_id in mine:
            return side
    return None


def people_of(subject: Subject) -> list[tuple[User, Side]]:
    """Everyone the subject admits now, with their side (active accounts only; a person on
    two sides is counted on the first)."""
    by_org: dict[int, list[User]] = {}
    org_ids = [s.organisation_id for s in subject.sides if s.via == Via.ORGANISATION]
    memberships = Membership.objects.filter(organisation_id__in=org_ids, user__is_active=True)
    for membership in memberships.select_related("user").order_by("pk"):
        by_org.setdefault(membership.organisation_id, []).append(membership.user)
    seen: set[int] = set()
    out: list[tuple[User, Side]] = []
    for side in subject.sides:
        if side.via == Via.ORGANISATION:
            people = by_org.get(side.organisation_id or 0, [])
        elif side.person is not None and side.person.is_active:
            if side.via == Via.OPERATOR and not side.person.is_operator:
                continue
            people = [side.person]
        else:
            people = []
        for person in people:
            if person.pk not in seen:
                seen.add(person.pk)
                out.append((person, side))
    return out


def _title(value: Any) -> str:
    return str(value) or "—"


def label(subject: Subject) -> str:
    """What the conversation is about, in the active language."""
    obj = subject.obj
    if subject.kind == SubjectKind.INTEREST:
        return _("Interest in “%(title)s”") % {"title": _title(obj.opportunity.title)}
    if subject.kind == SubjectKind.MEETING:
        return _("Meeting request · %(event)s") % {"event": _title(obj.event.title)}
    if subject.kind == SubjectKind.INTRODUCTION:
        return _("Introduction of %(first)s and %(second)s") % {
            "first": _title(obj.first.name), "second": _title(obj.second.name)
        }  # fmt: skip
    if subject.kind == SubjectKind.AGREEMENT:
        return _("Agreement · %(call)s") % {"call": _title(obj.call.title)}
    return _("Stand visit · %(event)s") % {"event": _title(obj.exhibitor.event.title)}


def person_name(user: User) -> str:
    """A person's directory name in the reader's language (Korean or romanised) when the
    caller selected it (`user__person`), else the account's name."""
    person = user._state.fields_cache.get("person")
    if person is not None:
        name = pick(person.name_ko, person.name_latin).primary
        if name:
            return name
    return user.full_name or _("A participant")


def side_name(side: Side, viewer: Side | None) -> str:
    """How a viewer on `viewer` (None: an operator reading a report) names a side."""
    if side.hidden and viewer is not None and viewer.number != side.number:
        return _("An anonymous organisation")
    if side.via == Via.OPERATOR and side.person is not None:
        return _("%(name)s (operator)") % {"name": side.person.full_name or _("Operator")}
    if side.via == Via.PERSON and side.person is not None:
        name = person_name(side.person)
        if side.organisation is not None:
            return f"{name} · {side.organisation.name}"
        return name
    return str(side.organisation.name) if side.organisation is not None else "—"


def counterpart(subject: Subject, viewer: Side | None) -> str:
    """The other sides' names for a viewer, joined."""
    others = [s for s in subject.sides if viewer is None or s.number != viewer.number]
    return " · ".join(side_name(s, viewer) for s in others) or "—"


def url_for(subject: Subject, viewer: Side | None, user: AnyUser) -> str:
    """Where the viewer sees the subject itself ("" when there is no page for them)."""
    obj = subject.obj
    if subject.kind == SubjectKind.INTEREST:
        return reverse("partnering:detail", args=[obj.opportunity_id])
    if subject.kind == SubjectKind.MEETING:
        return reverse("meetings:b2b", args=[obj.event.slug])
    if subject.kind == SubjectKind.INTRODUCTION:
        return reverse("partnering:introductions") if is_operator(user) else ""
    if subject.kind == SubjectKind.AGREEMENT:
        return reverse("grants:agreement", args=[obj.pk])
    event = obj.exhibitor.event
    if viewer is not None and viewer.via == Via.ORGANISATION:
        return reverse("exhibitors:leads", args=[event.slug, obj.exhibitor_id])
    return reverse("events:detail", args=[event.slug])


def startable_q(user: User, organisation_ids: set[int]) -> dict[str, Q]:
    """Per kind, the subjects the user is on a side of (a filter for each kind's model)."""
    orgs = list(organisation_ids)
    operator = is_operator(user)
    return {
        SubjectKind.INTEREST: (
            Q(opportunity__owner_id__in=orgs) | Q(organisation_id__in=orgs)
        ) & ~Q(status=InterestStatus.DECLINED),
        SubjectKind.MEETING: (Q(requester__user=user) | Q(recipient__user=user))
        & ~Q(status__in=[RequestStatus.CANCELLED, RequestStatus.DECLINED]),
        SubjectKind.INTRODUCTION: (
            Q(first_id__in=orgs) | Q(second_id__in=orgs)
            | (Q(broker=user) if operator else Q(pk__in=[]))
        ) & ~Q(status=IntroductionStatus.DECLINED),
        SubjectKind.AGREEMENT: (
            Q(organisation_id__in=orgs, sent_at__isnull=False, created_by__isnull=False)
            | (Q(created_by=user, sent_at__isnull=False) if operator else Q(pk__in=[]))
        ) & ~Q(status="cancelled"),
        SubjectKind.LEAD: Q(exhibitor__organisation_id__in=orgs) | Q(registration__user=user),
    }  # fmt: skip


def subjects_queryset(kind: str) -> Any:
    """The kind's model with what describing its rows reads."""
    return _MODELS[kind]


def describe(kind: str, obj: Any) -> Subject:
    """The subject of a row of the kind's model."""
    return _DESCRIBE[kind](obj)
