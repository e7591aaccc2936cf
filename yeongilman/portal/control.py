"""Control rooms: the state of one event (or one support call) at a glance, the next actions in
order, and one click to each tool. Read from every app that has a part in it; a fixed number of
queries whatever the event's size."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from yeongilman.accounts.models import User
from yeongilman.communications.models import Delivery, Message, Segment
from yeongilman.core.zones import valid_zone
from yeongilman.directory.models import Organisation
from yeongilman.events.models import Event, EventKind, RegistrationStatus
from yeongilman.exhibitors.selectors import completeness_table
from yeongilman.grants.models import Agreement as GrantAgreement
from yeongilman.grants.models import AgreementStatus
from yeongilman.jobs.models import Job, JobKind, JobStatus
from yeongilman.jobs.selectors import latest_job
from yeongilman.meetings.models import MeetingRequest, RequestStatus
from yeongilman.meetings.services import schedule_scope
from yeongilman.onsite.models import CheckIn
from yeongilman.outbox.models import MailStatus
from yeongilman.outcomes.models import Feedback
from yeongilman.programs.models import (
    Appeal,
    AppealStatus,
    Application,
    ApplicationStatus,
    Call,
    Review,
    Stage,
)

# A request unanswered this long deserves a nudge.
WAITING_DAYS = 3


@dataclass
class Action:
    """Something to do now, in the reader's words, with the page where it is done."""

    text: str
    url: str
    link: str
    urgent: bool = False


@dataclass
class Tool:
    """One click to a tool of the event."""

    label: str
    url: str


@dataclass
class EventState:
    """What an event's control room shows."""

    event: Event
    registrations: dict[str, int]
    confirmed: int
    capacity: int | None
    requests: dict[str, int] = field(default_factory=dict)
    waiting_long: int = 0
    scheduled: int = 0
    last_run: Job | None = None
    accepted_since_run: int = 0
    agendas_sent: bool = False  # a message to the confirmed went out after the last run
    run_percent: int | None = None  # placed priority as a share of the LP bound
    check_ins_today: int = 0
    check_ins: int = 0
    exhibitors: int = 0
    incomplete_stands: int = 0
    stands_without_products: int = 0
    mails: dict[str, int] = field(default_factory=dict)
    meetings_ended: int = 0
    outcome_replies: int = 0
    actions: list[Action] = field(default_factory=list)
    tools: list[Tool] = field(default_factory=list)


def _today_bounds(zone: str, now: datetime) -> tuple[datetime, datetime]:
    local = now.astimezone(ZoneInfo(valid_zone(zone) or "UTC"))
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return start, start + timedelta(days=1)


def _b2b(state: EventState, now: datetime) -> None:
    event = state.event
    requests = MeetingRequest.objects.filter(event=event)
    counts = requests.aggregate(
        requested=Count("pk", filter=Q(status=RequestStatus.REQUESTED)),
        accepted=Count("pk", filter=Q(status=RequestStatus.ACCEPTED)),
        declined=Count("pk", filter=Q(status=RequestStatus.DECLINED)),
        cancelled=Count("pk", filter=Q(status=RequestStatus.CANCELLED)),
        scheduled=Count("pk", filter=Q(status=RequestStatus.ACCEPTED, slot__isnull=False)),
        waiting_long=Count(
            "pk",
            filter=Q(
                status=RequestStatus.REQUESTED, created_at__lt=now - timedelta(days=WAITING_DAYS)
            ),
        ),
        ended=Count("pk", filter=Q(status=RequestStatus.ACCEPTED, slot__ends_at__lt=now)),
    )
    state.scheduled = counts.pop("scheduled")
    state.waiting_long = counts.pop("waiting_long")
    state.meetings_ended = counts.pop("ended")
    state.requests = counts
    run = latest_job(kind=JobKind.SCHEDULE_RUN, scope=schedule_scope(event))
    state.last_run = run
    if run is not None and run.status == JobStatus.DONE:
        result = run.result or {}
        bound = result.get("upper_bound") or 0
        if bound:
            state.run_percent = round(100 * min(1.0, (result.get("priority_total") or 0) / bound))
        since = run.finished_at or run.created_at
        state.accepted_since_run = requests.filter(
            status=RequestStatus.ACCEPTED, slot__isnull=True, updated_at__gt=since
        ).count()
        state.agendas_sent = (
            Message.objects.filter(event=event, segment=Segment.CONFIRMED, created_at__gt=since)
            .exclude(sent_at=None, send_at=None)
            .exists()
        )
    else:
        state.accepted_since_run = state.requests["accepted"] - state.scheduled
    state.outcome_replies = (
        Feedback.objects.filter(meeting__event=event).exclude(verdict="").count()
    )


def _actions(state: EventState) -> list[Action]:
    event, slug = state.event, state.event.slug
    actions: list[Action] = []
    pending = state.registrations.get(RegistrationStatus.PENDING, 0)
    if pending:
        actions.append(Action(
            ngettext("%(n)d registration waits for approval.",
                     "%(n)d registrations wait for approval.", pending) % {"n": pending},
            "#approvals", _("Approve"), urgent=True,
        ))  # fmt: skip
    if state.waiting_long:
        actions.append(Action(
            ngettext("%(n)d request has waited for an answer for more than %(days)d days.",
                     "%(n)d requests have waited for an answer for more than %(days)d days.",
                     state.waiting_long) % {"n": state.waiting_long, "days": WAITING_DAYS},
            reverse("communications:compose", args=[slug]) + "?segment=pending_requests",
            _("Send a nudge"),
        ))  # fmt: skip
    if event.kind == EventKind.B2B:
        if not event.slots.exists():
            actions.append(Action(
                _("The B2B day has no slots yet."),
                reverse("meetings:manage", args=[slug]), _("Set slots and tables"), urgent=True,
            ))  # fmt: skip
        elif state.accepted_since_run:
            text = (
                ngettext("%(n)d accepted request has no time yet: run the scheduler.",
                         "%(n)d accepted requests have no time yet: run the scheduler.",
                         state.accepted_since_run)
                if state.last_run is not None
                else ngettext("The scheduler has not run; %(n)d accepted request waits for a time.",
                              "The scheduler has not run; %(n)d accepted requests wait for a time.",
                              state.accepted_since_run)
            ) % {"n": state.accepted_since_run}  # fmt: skip
            actions.append(Action(text, reverse("meetings:manage", args=[slug]),
                                  _("Run the scheduler")))  # fmt: skip
        if state.last_run is not None and state.scheduled and not state.agendas_sent:
            placed = ngettext(
                "The scheduler placed %(n)d meeting: tell the participants their agendas.",
                "The scheduler placed %(n)d meetings: tell the participants their agendas.",
                state.scheduled,
            )
            actions.append(Action(
                placed % {"n": state.scheduled},
                reverse("communications:compose", args=[slug]) + "?segment=confirmed&text=agenda",
                _("Send the agendas"),
            ))  # fmt: skip
    if state.stands_without_products:
        actions.append(Action(
            ngettext("%(n)d stand has no product yet.", "%(n)d stands have no product yet.",
                     state.stands_without_products) % {"n": state.stands_without_products},
            reverse("exhibitors:exhibitors_manage", args=[slug]), _("Remind the stands"),
        ))  # fmt: skip
    failed = state.mails.get(MailStatus.FAILED, 0)
    if failed:
        actions.append(Action(
            ngettext("%(n)d mail to participants failed.", "%(n)d mails to participants failed.",
                     failed) % {"n": failed},
            reverse("communications:messages", args=[slug]), _("See the delivery log"),
            urgent=True,
        ))  # fmt: skip
    if not event.is_published:
        actions.append(Action(_("The event is not published: nobody can register yet."),
                              reverse("events:edit", args=[slug]), _("Publish it")))  # fmt: skip
    return actions


def _tools(event: Event) -> list[Tool]:
    slug = event.slug
    tools = [
        Tool(_("Details"), reverse("events:edit", args=[slug])),
        Tool(_("Programme"), reverse("events:programme", args=[slug])),
    ]
    if event.kind == EventKind.B2B:
        tools += [
            Tool(_("Slots, tables and scheduler"), reverse("meetings:manage", args=[slug])),
            Tool(_("Booking matrix"), reverse("meetings:matrix", args=[slug])),
            Tool(_("Interpreters"), reverse("meetings:interpreters", args=[slug])),
        ]
    if event.kind == EventKind.EXHIBITION:
        tools += [
            Tool(_("Exhibitors"), reverse("events:exhibitors_setup", args=[slug])),
            Tool(_("Stands and leads"), reverse("exhibitors:exhibitors_manage", args=[slug])),
        ]
    if event.kind == EventKind.DELEGATION:
        tools.append(Tool(_("Itinerary"), reverse("events:itinerary", args=[slug])))
    tools += [
        Tool(_("Messages to participants"), reverse("communications:messages", args=[slug])),
        Tool(_("Badges, agendas and table cards"), reverse("printing:event", args=[slug])),
        Tool(_("Check-in desk and staff"), reverse("onsite:desk", args=[slug])),
        Tool(_("Meeting outcomes"), reverse("outcomes:event", args=[slug])),
        Tool(_("Public page"), reverse("events:detail", args=[slug])),
    ]
    return tools


def event_state(event: Event, now: datetime | None = None) -> EventState:
    """Everything an event's control room shows, read in a fixed number of queries."""
    now = now or timezone.now()
    by_status = dict(event.registrations.values_list("status").annotate(n=Count("pk")).order_by())
    state = EventState(
        event=event,
        registrations={s: by_status.get(s, 0) for s in RegistrationStatus.values},
        confirmed=by_status.get(RegistrationStatus.CONFIRMED, 0),
        capacity=event.capacity,
    )
    if event.kind == EventKind.B2B:
        _b2b(state, now)
    start, end = _today_bounds(event.time_zone, now)
    entrance = CheckIn.objects.filter(event=event, session__isnull=True)
    checked = entrance.aggregate(
        total=Count("pk"),
        today=Count("pk", filter=Q(checked_in_at__gte=start, checked_in_at__lt=end)),
    )
    state.check_ins, state.check_ins_today = checked["total"], checked["today"]
    if event.kind == EventKind.EXHIBITION:
        stands = completeness_table(event)
        state.exhibitors = len(stands)
        state.incomplete_stands = sum(1 for s in stands if s.missing)
        state.stands_without_products = sum(1 for s in stands if "products" in s.missing)
    state.mails = dict(
        Delivery.objects.filter(message__event=event, mail__isnull=False)
        .values_list("mail__status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    state.actions = _actions(state)
    state.tools = _tools(event)
    return state


@dataclass
class CallState:
    """What a support call's control room shows."""

    call: Call
    by_status: dict[str, int]
    by_stage: list[tuple[Stage, int]]
    missing_reviews: list[tuple[str, int]]  # reviewer, reviews not yet submitted
    appeals_open: int
    agreements: dict[str, int]
    actions: list[Action] = field(default_factory=list)
    tools: list[Tool] = field(default_factory=list)


def call_state(call: Call, now: datetime | None = None) -> CallState:
    """Applications by stage, reviews missing per reviewer, appeals, agreements to sign, the
    deadlines, and what to do next."""
    now = now or timezone.now()
    applications = Application.objects.filter(call=call)
    by_status = dict(applications.values_list("status").annotate(n=Count("pk")).order_by())
    stages = list(call.stages.order_by("position"))
    per_stage = dict(
        applications.filter(status=ApplicationStatus.SUBMITTED)
        .values_list("stage_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    missing = (
        Review.objects.filter(
            application__call=call,
            submitted_at__isnull=True,
            application__status=ApplicationStatus.SUBMITTED,
        )
        .values_list("reviewer__email")
        .annotate(n=Count("pk"))
        .order_by("-n", "reviewer__email")
    )
    state = CallState(
        call=call,
        by_status={s: by_status.get(s, 0) for s in ApplicationStatus.values},
        by_stage=[(stage, per_stage.get(stage.pk, 0)) for stage in stages],
        missing_reviews=list(missing),
        appeals_open=Appeal.objects.filter(stage__call=call, status=AppealStatus.PENDING).count(),
        agreements=dict(
            GrantAgreement.objects.filter(call=call)
            .values_list("status")
            .annotate(n=Count("pk"))
            .order_by()
        ),
    )
    slug = call.slug
    manage = reverse("programs:manage", args=[slug])
    open_now = call.opens_at <= now < call.closes_at
    if not call.is_published:
        state.actions.append(Action(
            _("The call is not published: nobody can apply yet."),
            reverse("programs:call_edit", args=[slug]), _("Publish it"),
        ))  # fmt: skip
    missing_total = sum(n for _reviewer, n in state.missing_reviews)
    if missing_total and not open_now:
        state.actions.append(Action(
            ngettext("%(n)d review is still missing.", "%(n)d reviews are still missing.",
                     missing_total) % {"n": missing_total},
            manage, _("Remind the reviewers"), urgent=True,
        ))  # fmt: skip
    if state.appeals_open:
        state.actions.append(Action(
            ngettext("%(n)d appeal waits for a decision.", "%(n)d appeals wait for a decision.",
                     state.appeals_open) % {"n": state.appeals_open},
            manage, _("Decide the appeals"), urgent=True,
        ))  # fmt: skip
    to_send = state.agreements.get(AgreementStatus.DRAFTED, 0)
    if to_send:
        state.actions.append(Action(
            ngettext("%(n)d agreement is drafted and not sent.",
                     "%(n)d agreements are drafted and not sent.", to_send) % {"n": to_send},
            reverse("grants:call", args=[slug]), _("Send the agreements"),
        ))  # fmt: skip
    to_sign = state.agreements.get(AgreementStatus.SENT, 0)
    if to_sign:
        state.actions.append(Action(
            ngettext("%(n)d agreement waits for its signature.",
                     "%(n)d agreements wait for their signatures.", to_sign) % {"n": to_sign},
            reverse("grants:call", args=[slug]), _("Follow the signatures"),
        ))  # fmt: skip
    state.tools = [
        Tool(_("Call details"), reverse("programs:call_edit", args=[slug])),
        Tool(_("Application form"), reverse("programs:form_builder", args=[slug])),
        Tool(_("Stages, reviews and results"), manage),
        Tool(_("Agreements"), reverse("grants:call", args=[slug])),
        Tool(_("Export (XLSX)"), reverse("programs:export", args=[slug])),
        Tool(_("History"), reverse("programs:audit", args=[slug])),
        Tool(_("Public page"), reverse("programs:call", args=[slug])),
    ]
    return state


def operations_calls() -> list[Call]:
    """Calls still running or not yet published, latest deadline last (the operators' list)."""
    now = timezone.now()
    return list(
        Call.objects.filter(
            Q(closes_at__gte=now - timedelta(days=180)) | Q(is_published=False)
        ).order_by("closes_at")[:20]
    )


@dataclass
class Step:
    """A first step of a fresh installation: what it is, whether it is done, where."""

    text: str
    done: bool
    url: str
    link: str
    detail: str = ""


def first_run_steps(request: HttpRequest) -> list[Step] | None:
    """The first steps of a fresh installation (no organisations, events or calls yet), or None
    once it has them all."""
    here = request.build_absolute_uri("/").rstrip("/")
    site = settings.YV_SITE_URL.rstrip("/")
    steps = [
        Step(
            _("Set the site's address, which mails and QR codes link to."),
            done=site == here,
            url="",
            link="",
            detail=_("Now %(site)s; this page is served at %(here)s. Set YV_SITE_URL and "
                     "restart (docs/operations.md).") % {"site": site, "here": here},
        ),
        Step(_("Import the ecosystem's organisations."), Organisation.objects.exists(),
             reverse("directory:import"), _("Import")),
        Step(_("Create the first event."), Event.objects.exists(), reverse("events:new"),
             _("New event")),
        Step(_("Create the first support call."), Call.objects.exists(),
             reverse("programs:call_new"), _("New call")),
        Step(_("Give a colleague an operator's account."),
             User.objects.filter(is_operator=True).count() > 1,
             reverse("admin:accounts_user_changelist"), _("Accounts")),
    ]  # fmt: skip
    fresh = not all(step.done for step in steps[1:4])
    return steps if fresh else None
