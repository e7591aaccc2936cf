"""Writes of meeting outcomes: asking each side once, their answers, operators' no-show
decisions, the follow-up months later, and the drafted or confirmed links to agreements and
investment leads. Every change to a pipeline item is recorded in the audit log."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yeongilman.accounts.access import AnyUser, require_operator, require_user
from yeongilman.core.audit import audit_record
from yeongilman.core.errors import Conflict, ValidationFailed
from yeongilman.events.models import Event, Registration, Visit
from yeongilman.insights import services as insights
from yeongilman.insights.models import Agreement, AgreementStage, InvestmentLead, LeadStage
from yeongilman.meetings.models import MeetingRequest, RequestStatus
from yeongilman.outbox.services import mail_on_commit
from yeongilman.outcomes.access import meeting_sides
from yeongilman.outcomes.models import (
    DEFAULT_FOLLOW_UP_MONTHS,
    EventOutcomeSettings,
    Feedback,
    FollowUp,
    FollowUpStatus,
    MeetingVerdict,
    NoShow,
    NoShowDecision,
    OutcomeKind,
    OutcomeLink,
)
from yeongilman.partnering.models import Introduction

# Meetings that ended longer ago than this are not asked about (e.g. history imported later).
ASK_WINDOW = dt.timedelta(days=14)


def add_months(moment: dt.datetime, months: int) -> dt.datetime:
    """The same day and time `months` later (the month's last day where it is shorter)."""
    month0 = moment.month - 1 + months
    year, month = moment.year + month0 // 12, month0 % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def follow_up_months(event: Event) -> int:
    """The event's follow-up period in months (6 unless an operator set another)."""
    chosen = EventOutcomeSettings.objects.filter(event=event).first()
    return chosen.follow_up_months if chosen else DEFAULT_FOLLOW_UP_MONTHS


def has_ended(meeting: MeetingRequest, now: dt.datetime | None = None) -> bool:
    """An accepted meeting whose slot is over."""
    now = now or timezone.now()
    return bool(
        meeting.status == RequestStatus.ACCEPTED
        and meeting.slot is not None
        and meeting.slot.ends_at <= now
    )


def follow_up_opens(meeting: MeetingRequest) -> dt.datetime | None:
    """When the follow-up of a scheduled meeting may be answered."""
    if meeting.slot is None:
        return None
    return add_months(meeting.slot.ends_at, follow_up_months(meeting.event))


def _mail_context(meeting: MeetingRequest, side: Registration) -> dict[str, Any]:
    return {"meeting": meeting, "side": side, "site_url": settings.YV_SITE_URL.rstrip("/")}


def _ended_meetings(now: dt.datetime, ended_after: dt.datetime) -> Any:
    return MeetingRequest.objects.filter(
        status=RequestStatus.ACCEPTED, slot__ends_at__lte=now, slot__ends_at__gt=ended_after
    ).select_related("event", "slot", "requester__user", "recipient__user")


def outcomes_ask_due(*, now: dt.datetime | None = None) -> int:
    """Ask each side of every meeting that just ended how it went, once; returns how many
    sides were asked (a second run finds them asked and sends nothing)."""
    now = now or timezone.now()
    asked = 0
    for meeting in _ended_meetings(now, now - ASK_WINDOW):
        with transaction.atomic():
            for side in meeting_sides(meeting):
                _row, created = Feedback.objects.get_or_create(
                    meeting=meeting, registration=side, defaults={"asked_at": now}
                )
                if created:
                    mail_on_commit(
                        [side.user], gettext_noop("How did your meeting go?"),
                        "outcomes/email/ask.txt", _mail_context(meeting, side),
                        tag="outcomes_ask",
                    )  # fmt: skip
                    asked += 1
    return asked


def follow_ups_ask_due(*, now: dt.datetime | None = None) -> int:
    """Ask each side of every meeting whose follow-up period just ran out what came of it,
    once; meetings both sides said did not take place are not followed up."""
    now = now or timezone.now()
    asked = 0
    # The longest period an operator may set bounds the meetings to look at.
    oldest = add_months(now, -36) - ASK_WINDOW
    for meeting in _ended_meetings(now, oldest).prefetch_related("feedback"):
        opens = follow_up_opens(meeting)
        if opens is None or not opens <= now < opens + ASK_WINDOW:
            continue
        verdicts = {f.verdict for f in meeting.feedback.all() if f.verdict}
        if verdicts == {MeetingVerdict.NOT_HELD}:
            continue
        with transaction.atomic():
            for side in meeting_sides(meeting):
                _row, created = FollowUp.objects.get_or_create(
                    meeting=meeting, registration=side, defaults={"asked_at": now}
                )
                if created:
                    mail_on_commit(
                        [side.user], gettext_noop("What came of your meeting?"),
                        "outcomes/email/follow_up.txt", _mail_context(meeting, side),
                        tag="outcomes_follow_up",
                    )  # fmt: skip
                    asked += 1
    return asked


@transaction.atomic
def feedback_record(
    *, actor: AnyUser, meeting: MeetingRequest, side: Registration, verdict: str,
    comment: str = "", now: dt.datetime | None = None,
) -> Feedback:  # fmt: skip
    """A side says how the meeting went; answering again replaces the earlier answer."""
    user = require_user(actor)
    if side.user_id != user.pk or side.pk not in (meeting.requester_id, meeting.recipient_id):
        raise ValidationFailed(_("You can only answer for your own side of the meeting."))
    now = now or timezone.now()
    if not has_ended(meeting, now):
        raise Conflict(_("The meeting has not ended yet; answer after it."))
    if verdict not in MeetingVerdict.values:
        raise ValidationFailed(
            _("Choose how the meeting went."), field_errors={"verdict": [_("Choose one.")]}
        )
    feedback, _created = Feedback.objects.get_or_create(
        meeting=meeting, registration=side, defaults={"asked_at": now}
    )
    feedback.verdict = verdict
    feedback.comment = comment.strip()[:2000]
    feedback.answered_at = now
    feedback.save(update_fields=["verdict", "comment", "answered_at", "updated_at"])
    return feedback


def no_show_candidates_of(meeting: MeetingRequest) -> list[Registration]:
    """The sides another side says did not come: the other side of each "did not take
    place" (both sides when both say so)."""
    not_held = {
        f.registration_id for f in meeting.feedback.all() if f.verdict == MeetingVerdict.NOT_HELD
    }
    return [
        side for side in meeting_sides(meeting) if any(reporter != side.pk for reporter in not_held)
    ]


@transaction.atomic
def no_show_decide(
    *, actor: AnyUser, meeting: MeetingRequest, registration: Registration, confirm: bool,
    now: dt.datetime | None = None,
) -> NoShow:  # fmt: skip
    """An operator confirms a no-show candidate, or records that they were there."""
    user = require_operator(actor)
    if registration.pk not in {c.pk for c in no_show_candidates_of(meeting)}:
        raise ValidationFailed(_("Nobody said this participant missed the meeting."))
    decision = NoShowDecision.CONFIRMED if confirm else NoShowDecision.DISMISSED
    row, _created = NoShow.objects.update_or_create(
        meeting=meeting, registration=registration,
        defaults={"decision": decision, "decided_by": user, "decided_at": now or timezone.now()},
    )  # fmt: skip
    audit_record(actor=user, action=f"no_show_{decision}", subject=meeting,
                 scope=f"event:{meeting.event_id}", registration=registration.pk)  # fmt: skip
    return row


@transaction.atomic
def follow_up_months_set(*, actor: AnyUser, event: Event, months: int) -> EventOutcomeSettings:
    """An operator sets how many months after the meetings the follow-up is asked."""
    require_operator(actor)
    if not 1 <= months <= 36:
        raise ValidationFailed(
            _("The follow-up period was not saved."),
            field_errors={"follow_up_months": [_("Between 1 and 36 months.")]},
        )
    chosen, _created = EventOutcomeSettings.objects.update_or_create(
        event=event, defaults={"follow_up_months": months}
    )
    return chosen


def _party_names(meeting: MeetingRequest) -> tuple[str, str]:
    names_ko, names_en = [], []
    for side in meeting_sides(meeting):
        org = side.organisation
        if org is not None:
            names_ko.append(org.name_ko or org.name_en)
            names_en.append(org.name_en or org.name_ko)
        else:
            names_ko.append(str(side.user))
            names_en.append(str(side.user))
    return " – ".join(names_ko), " – ".join(names_en)


def _draft(*, user: Any, meeting: MeetingRequest, kind: str, follow_up: FollowUp) -> OutcomeLink:
    # A participant's answer drafts the item through the insights services' drafting rule
    # (participants may draft, operators confirm); the link keeps where it came from.
    title_ko, title_en = _party_names(meeting)
    note = _("Drafted from the follow-up of B2B meeting %(id)s at %(event)s.") % {
        "id": meeting.pk, "event": meeting.event.title_en or meeting.event.title_ko,
    }  # fmt: skip
    parties = [s.organisation for s in meeting_sides(meeting) if s.organisation is not None]
    if kind == OutcomeKind.INVESTMENT:
        foreign = next((o for o in reversed(parties) if o.country != "KR"), None)
        lead = insights.lead_draft_from_outcome(
            actor=user, title=title_en, company=foreign, note=note
        )
        return OutcomeLink.objects.create(meeting=meeting, lead=lead, follow_up=follow_up)
    agreement = insights.agreement_draft_from_outcome(
        actor=user, titles=(title_ko, title_en), kind=kind, parties=parties, note=note
    )
    return OutcomeLink.objects.create(meeting=meeting, agreement=agreement, follow_up=follow_up)


@transaction.atomic
def follow_up_record(
    *, actor: AnyUser, meeting: MeetingRequest, side: Registration, status: str,
    kind: str = "", note: str = "", now: dt.datetime | None = None,
) -> FollowUp:  # fmt: skip
    """A side says what came of the meeting; "agreement reached" drafts an agreement (or an
    investment lead) in the insights pipeline, linked to the meeting, for an operator to
    confirm. Answering again replaces the answer; the meeting is drafted once."""
    user = require_user(actor)
    if side.user_id != user.pk or side.pk not in (meeting.requester_id, meeting.recipient_id):
        raise ValidationFailed(_("You can only answer for your own side of the meeting."))
    now = now or timezone.now()
    opens = follow_up_opens(meeting)
    if not has_ended(meeting, now) or opens is None or now < opens:
        raise Conflict(
            _("The follow-up opens %(months)d months after the meeting.")
            % {"months": follow_up_months(meeting.event)}
        )
    errors: dict[str, list[str]] = {}
    if status not in FollowUpStatus.values:
        errors["status"] = [_("Choose one.")]
    if status == FollowUpStatus.AGREEMENT and kind not in OutcomeKind.values:
        errors["kind"] = [_("Say what kind of agreement was reached.")]
    if errors:
        raise ValidationFailed(_("The follow-up was not saved."), field_errors=errors)
    follow_up, _created = FollowUp.objects.get_or_create(
        meeting=meeting, registration=side, defaults={"asked_at": now}
    )
    follow_up.status = status
    follow_up.kind = kind if status == FollowUpStatus.AGREEMENT else ""
    follow_up.note = note.strip()[:2000]
    follow_up.answered_at = now
    follow_up.save(update_fields=["status", "kind", "note", "answered_at", "updated_at"])
    if status == FollowUpStatus.AGREEMENT and not meeting.outcome_links.exists():
        _draft(user=user, meeting=meeting, kind=kind, follow_up=follow_up)
    return follow_up


@transaction.atomic
def link_confirm(*, actor: AnyUser, link: OutcomeLink) -> OutcomeLink:
    """An operator confirms a drafted agreement (now signed) or lead (investment decided)."""
    user = require_operator(actor)
    if link.confirmed:
        raise Conflict(_("This outcome is already confirmed."))
    if link.agreement is not None:
        insights.agreement_save(
            actor=user, values={"stage": AgreementStage.SIGNED},
            parties=list(link.agreement.parties.all()), agreement=link.agreement,
        )  # fmt: skip
    elif link.lead is not None:
        insights.lead_save(
            actor=user, lead=link.lead,
            values={"title": link.lead.title, "stage": LeadStage.INVESTED, "probability": 100},
        )  # fmt: skip
    link.confirmed, link.confirmed_by, link.confirmed_at = True, user, timezone.now()
    link.save(update_fields=["confirmed", "confirmed_by", "confirmed_at", "updated_at"])
    return link


@transaction.atomic
def link_create(
    *, actor: AnyUser, meeting: MeetingRequest | None = None,
    introduction: Introduction | None = None, visit: Visit | None = None,
    agreement: Agreement | None = None, lead: InvestmentLead | None = None,
) -> OutcomeLink:  # fmt: skip
    """An operator links a meeting, an introduction or a delegation visit to an agreement or
    an investment lead (confirmed, as the operator made it)."""
    user = require_operator(actor)
    sources = [x for x in (meeting, introduction, visit) if x is not None]
    targets = [x for x in (agreement, lead) if x is not None]
    if len(sources) != 1 or len(targets) != 1:
        raise ValidationFailed(_("Choose one agreement or one investment lead to link."))
    existing = OutcomeLink.objects.filter(
        meeting=meeting, introduction=introduction, visit=visit, agreement=agreement, lead=lead
    ).first()
    if existing is not None:
        return existing
    link = OutcomeLink.objects.create(
        meeting=meeting, introduction=introduction, visit=visit, agreement=agreement, lead=lead,
        confirmed=True, confirmed_by=user, confirmed_at=timezone.now(),
    )  # fmt: skip
    audit_record(actor=user, action="outcome_linked", subject=link, scope="outcomes")
    return link
