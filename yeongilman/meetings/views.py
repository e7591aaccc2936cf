"""Event pages: list, detail (programme, pavilion, itinerary), registration, B2B day, agenda."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yeongilman.core.converters import id_from
from yeongilman.core.errors import Conflict, DomainError, ValidationFailed
from yeongilman.core.forms import add_domain_errors
from yeongilman.core.pages import domain_errors_as_pages
from yeongilman.core.talk import talk_links
from yeongilman.core.zones import viewer_zone
from yeongilman.directory.models import Industry, OrganisationKind
from yeongilman.directory.taxonomy import country_label
from yeongilman.events import access
from yeongilman.events import selectors as event_selectors
from yeongilman.events import services as event_services
from yeongilman.events.models import Event, Registration
from yeongilman.jobs.models import JobKind
from yeongilman.jobs.selectors import job_for_viewer, latest_job
from yeongilman.meetings import manage_selectors, manage_services, selectors, services
from yeongilman.meetings.forms import LimitsForm, RequestForm, RunForm, SlotsForm
from yeongilman.meetings.models import (
    MeetingMode,
    MeetingRequest,
    MeetingSlot,
    MeetingWindow,
    RequestStatus,
)
from yeongilman.meetings.slot_grid import SlotDay, slot_days


def _other_side_name(meeting: MeetingRequest, mine: Registration) -> str:
    """The other participant of a meeting, by organisation where they have one."""
    other = selectors.other_side(meeting, mine)
    return other.organisation.name.primary if other.organisation else str(other.user)


@login_required
@require_GET
@domain_errors_as_pages
def b2b(request: HttpRequest, slug: str) -> HttpResponse:
    """A participant's B2B page: browse others, requests sent and received, own schedule."""
    return _b2b_page(request, event_selectors.event_detail(request.user, slug))


def _free_days(
    mine: Registration | None,
    other_id: int,
    slots: list[MeetingSlot],
    conflicts: Mapping[tuple[int, int], str],
    zone: str,
    event: Event,
) -> list[SlotDay]:
    """The event's slots free for both the viewer and the other participant, by day."""
    return slot_days(
        [
            s
            for s in slots
            if mine is not None
            and (mine.pk, s.pk) not in conflicts
            and (other_id, s.pk) not in conflicts
        ],
        zone=zone,
        event_zone=event.time_zone,
    )


def _b2b_page(
    request: HttpRequest,
    event: Event,
    *,
    draft: RequestForm | None = None,
    draft_for: int | None = None,
    proposed: set[int] | None = None,
) -> HttpResponse:
    """The B2B page; `draft` is a request form sent to `draft_for` that comes back with
    its errors and what was typed."""
    mine = access.require_participant(request.user, event)
    confirmed = mine is not None
    q = request.GET.get("q", "")[:100]
    requests = list(selectors.requests_of(mine)) if confirmed and mine else []
    zone = viewer_zone(request, event.time_zone)
    slots = list(event.slots.all())
    unavailable = set(mine.unavailable.values_list("slot_id", flat=True)) if mine else set()
    # Slots where the viewer already has a meeting (and with whom): not offered as proposals.
    booked = {
        r.slot_id: _other_side_name(r, mine)
        for r in requests
        if r.slot_id and r.status == RequestStatus.ACCEPTED and mine is not None
    }
    contacted = {r.requester_id for r in requests} | {r.recipient_id for r in requests}
    country = request.GET.get("country", "")[:2].upper()
    kind = request.GET.get("kind", "")[:20]
    everyone = selectors.participants(event, exclude=mine)
    countries = sorted({c for c in everyone.values_list("organisation__country", flat=True) if c})
    conflicts = selectors.slot_conflicts(event) if mine is not None else {}
    others = selectors.participants_by_fit(
        request.user,
        mine if confirmed else None,
        selectors.participants(
            event, exclude=mine, q=q, industry=request.GET.get("industry", "")[:40],
            country=country, kind=kind,
        ),
    )  # fmt: skip
    # The card whose request form is open offers the times both sides are free in (the other
    # cards load theirs when opened: `send_request` answers htmx with the form alone); each
    # request received says which proposed times can still be booked: what the page offers,
    # the service accepts.
    for card in others:
        if card.registration.pk == draft_for:
            card.free_days = _free_days(mine, card.registration.pk, slots, conflicts, zone, event)
    answers = {
        r.pk: selectors.proposed_times(r, mine, conflicts)
        for r in requests
        if mine is not None and r.recipient_id == mine.pk
    }
    for r in requests:
        r.answer_times = answers.get(r.pk, [])  # type: ignore[attr-defined]
    return render(
        request,
        "meetings/b2b.html",
        {
            "event": event,
            "mine": mine if confirmed else None,
            "others": others,
            "ranked": any(card.rank for card in others),
            "q": q,
            "country": country,
            "countries": [(c, country_label(c)) for c in countries],
            "kind": kind,
            "kinds": OrganisationKind.choices,
            "industry": request.GET.get("industry", ""),
            "industries": Industry.objects.all(),
            "requests": requests,
            "talk": talk_links(request.user, "meeting", [r.pk for r in requests]),
            "contacted": contacted,
            "form": RequestForm(),
            "slots": slots,
            "slot_days": slot_days(
                slots,
                zone=zone,
                event_zone=event.time_zone,
                unavailable=unavailable,
                booked=booked,
            ),
            **_request_form_context(),
            "viewer_zone": zone,
            "draft": draft,
            "draft_for": draft_for,
            # What was ticked, even where the service refused it (its error removes the field
            # from cleaned_data).
            "draft_slots": proposed
            if proposed is not None
            else {id_from(v) for v in request.POST.getlist("proposed_slots")} - {None}
            if draft is not None
            else set(),
            "draft_window_slots": {id_from(v) for v in request.POST.getlist("window_slots")}
            - {None}
            if draft is not None
            else set(),
        },
    )


def _request_form_context() -> dict[str, object]:
    """What the request form needs besides the participant and what was typed."""
    return {
        "max_proposed": services.MAX_PROPOSED_SLOTS,
        "modes": MeetingMode.choices,
        "windows": MeetingWindow.choices,
        "window_help": RequestForm.base_fields["window"].help_text,
    }


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def send_request(request: HttpRequest, slug: str, registration_id: int) -> HttpResponse:
    """Ask another participant for a meeting; GET opens the form for them prefilled (a
    greeting, times both are free), which is where a suggestion card leads."""
    event = event_selectors.event_detail(request.user, slug)
    recipient = get_object_or_404(Registration, pk=registration_id, event=event)
    if request.method == "GET":
        mine = access.require_participant(request.user, event)
        greeting = selectors.request_greeting(mine, recipient) if mine is not None else ""
        proposed = (
            selectors.common_free_slots(mine, recipient, services.MAX_PROPOSED_SLOTS)
            if mine is not None
            else []
        )
        draft = RequestForm(initial={"message": greeting, "mode": MeetingMode.IN_PERSON})
        if getattr(request, "htmx", False):
            # A participant card opened on the B2B page: its form alone, prefilled.
            zone = viewer_zone(request, event.time_zone)
            conflicts = (
                selectors.slot_conflicts(event, {mine.pk, recipient.pk}) if mine is not None else {}
            )
            free = _free_days(mine, recipient.pk, list(event.slots.all()), conflicts, zone, event)
            return render(
                request,
                "meetings/_request_form.html",
                {
                    "event": event, "p": recipient, "f": draft, "free_days": free,
                    "draft_slots": set(proposed), "draft_window_slots": set(),
                    **_request_form_context(),
                },
            )  # fmt: skip
        return _b2b_page(
            request, event, draft=draft, draft_for=recipient.pk, proposed=set(proposed)
        )
    form = RequestForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_request_send(
                actor=request.user,
                event=event,
                recipient=recipient,
                message=data.get("message", ""),
                mode=data.get("mode") or MeetingMode.IN_PERSON,
                video_link=data.get("video_link", ""),
                needs_interpreter=bool(data.get("needs_interpreter")),
                proposed_slot_ids=data.get("proposed_slots") or [],
                window=data.get("window") or MeetingWindow.ANY,
                window_slot_ids=(data.get("window_slots") or [])
                if data.get("window") == MeetingWindow.SLOTS
                else [],
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
            if not any(form.errors.get(name) for name in form.fields):
                messages.error(request, exc.message)  # not about the form: who or when
                return redirect("meetings:b2b", slug=event.slug)
        else:
            messages.success(request, _("Your meeting request was sent."))
            return redirect("meetings:b2b", slug=event.slug)
    messages.error(request, _("The meeting request was not sent; see the form below."))
    return _b2b_page(request, event, draft=form, draft_for=recipient.pk)


@login_required
@require_POST
@domain_errors_as_pages
def answer_request(request: HttpRequest, slug: str, request_id: int) -> HttpResponse:
    """Accept or decline a request received."""
    event = event_selectors.event_detail(request.user, slug)
    meeting = get_object_or_404(MeetingRequest, pk=request_id, event=event)
    accept = request.POST.get("answer") == "accept"
    chosen = request.POST.get("slot", "").strip() if accept else ""
    slot_id = id_from(chosen)
    slot = MeetingSlot.objects.filter(pk=slot_id).first() if slot_id else None
    try:
        if chosen and slot is None:
            raise ValidationFailed(_("That time was not proposed for this meeting."))
        services.meeting_request_respond(
            actor=request.user, request=meeting, accept=accept, slot=slot
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if slot is not None:
            messages.success(request, _("Accepted; the meeting is booked at the time you chose."))
        else:
            messages.success(request, _("Accepted.") if accept else _("Declined."))
    return redirect("meetings:b2b", slug=event.slug)


@login_required
@require_POST
@domain_errors_as_pages
def availability(request: HttpRequest, slug: str) -> HttpResponse:
    """Save the slots the participant cannot attend."""
    event = event_selectors.event_detail(request.user, slug)
    mine = access.require_own_registration(request.user, event)
    ids = [i for i in map(id_from, request.POST.getlist("unavailable")) if i is not None]
    services.unavailability_set(actor=request.user, registration=mine, slot_ids=ids)
    messages.success(request, _("Your availability was saved."))
    return redirect("meetings:b2b", slug=event.slug)


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    """Operators: define slots and tables, run the scheduler, see and move meetings."""
    event = event_selectors.event_detail(request.user, slug)
    access.require_event_operator(request.user, event)
    zone = ZoneInfo(event.time_zone)
    slots = list(event.slots.all())
    booked = manage_selectors.booked_count(event)
    # The current set-up (defaults only for a day without slots), so saving keeps what is there.
    form = SlotsForm(
        request.POST if request.POST.get("action") == "slots" else None,
        initial=manage_selectors.current_setup(event, slots),
        booked=booked,
    )
    limits = LimitsForm(
        request.POST if request.POST.get("action") == "limits" else None,
        initial={
            "max_meetings_per_day": event.max_meetings_per_day,
            "max_in_a_row": event.max_in_a_row,
        },
    )
    run_form = RunForm(request.POST if request.POST.get("action") == "run" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "limits" and limits.is_valid():
                event_services.event_limits_set(
                    actor=request.user,
                    event=event,
                    max_meetings_per_day=limits.cleaned_data["max_meetings_per_day"],
                    max_in_a_row=limits.cleaned_data["max_in_a_row"],
                )
                messages.success(request, _("The limits were saved."))
                return redirect("meetings:manage", slug=event.slug)
            if action == "slots" and form.is_valid():
                start: datetime = form.cleaned_data["first_start"].replace(tzinfo=zone)
                # The count of booked meetings the operator agreed to unschedule (if ticked).
                seen = id_from(request.POST.get("booked_seen", ""))
                agreed = seen if form.cleaned_data.get("unschedule_booked") else None
                try:
                    manage_services.slots_replace(
                        actor=request.user,
                        event=event,
                        first_start=start,
                        minutes=form.cleaned_data["minutes"],
                        count=form.cleaned_data["count"],
                        gap_minutes=form.cleaned_data["gap_minutes"],
                        tables=form.cleaned_data["tables"],
                        unschedule_booked=agreed,
                    )
                except Conflict as exc:
                    add_domain_errors(form, exc)  # the confirmation box says how many
                else:
                    messages.success(request, manage_services.saved_message(agreed or 0))
                    return redirect("meetings:manage", slug=event.slug)
            if action == "run" and run_form.is_valid():
                try:
                    run = services.schedule_start(
                        actor=request.user,
                        event=event,
                        keep_confirmed=run_form.cleaned_data["keep_confirmed"],
                        compact=run_form.cleaned_data["compact"],
                        max_spread=run_form.cleaned_data["max_spread"],
                    )
                except ValidationFailed as exc:
                    add_domain_errors(run_form, exc)
                else:
                    return redirect("meetings:run_status", slug=event.slug, run_id=run.pk)
        except Conflict as exc:
            messages.error(request, exc.message)
            if exc.extra.get("job"):
                return redirect("meetings:run_status", slug=event.slug, run_id=exc.extra["job"])
        except DomainError as exc:
            messages.error(request, exc.message)
    meetings = (
        event.meeting_requests.filter(status=RequestStatus.ACCEPTED)
        .select_related(
            "requester__user",
            "requester__organisation",
            "recipient__user",
            "recipient__organisation",
            "slot",
            "interpreter",
        )
        .order_by("slot__starts_at", "table")
    )
    return render(
        request,
        "meetings/manage.html",
        {
            "event": event,
            "form": form,
            "limits": limits,
            "run_form": run_form,
            "slots": slots,
            "slot_days": manage_selectors.slot_days(event, slots),
            "booked": booked,
            "meetings": meetings,
            "last_run": latest_job(kind=JobKind.SCHEDULE_RUN, scope=services.schedule_scope(event)),
            "pending": event.meeting_requests.filter(status=RequestStatus.REQUESTED).count(),
        },
    )


@login_required
@require_GET
@domain_errors_as_pages
def run_status(request: HttpRequest, slug: str, run_id: int) -> HttpResponse:
    """Progress of a scheduler run; the page polls itself until the run is done."""
    event = event_selectors.event_detail(request.user, slug)
    access.require_event_operator(request.user, event)
    run = job_for_viewer(request.user, run_id)
    if run.kind != JobKind.SCHEDULE_RUN or run.scope != services.schedule_scope(event):
        raise Http404(_("No such run."))
    template = "meetings/_run.html" if request.htmx else "meetings/run.html"  # type: ignore[attr-defined]
    done = run.status == "done"
    lost = selectors.lost_for_interpreter(event, run.result or {}) if done else []
    breaks = selectors.run_breaks(event, run.result or {}) if done else None
    return render(request, template, {"event": event, "run": run, "lost": lost, "breaks": breaks})


@login_required
@require_POST
@domain_errors_as_pages
def move(request: HttpRequest, slug: str, request_id: int) -> HttpResponse:
    """Operators move a meeting to another slot/table, or unschedule it."""
    event = event_selectors.event_detail(request.user, slug)
    meeting = get_object_or_404(MeetingRequest, pk=request_id, event=event)
    chosen = request.POST.get("slot", "").strip()  # empty: unschedule
    slot = get_object_or_404(MeetingSlot, pk=id_from(chosen) or 0, event=event) if chosen else None
    table_raw = request.POST.get("table", "").strip()
    try:
        services.meeting_move(
            actor=request.user,
            request=meeting,
            slot=slot,
            table=id_from(table_raw),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The meeting was moved."))
    return redirect("meetings:manage", slug=event.slug)
