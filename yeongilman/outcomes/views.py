"""Outcome pages: a participant's meetings to rate; operators' attendance page per event and
the page where drafts are confirmed and visits and introductions are linked."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from yeongilman.accounts.access import require_operator
from yeongilman.core.errors import DomainError, NotFound
from yeongilman.core.pages import ACCESS_ERRORS, domain_errors_as_pages
from yeongilman.events.models import Event, Registration, Visit
from yeongilman.events.selectors import events_for
from yeongilman.exhibitors.selectors import lead_counts
from yeongilman.insights.models import Agreement, InvestmentLead
from yeongilman.meetings.models import MeetingRequest
from yeongilman.onsite.selectors import attendance_counts
from yeongilman.outcomes import selectors, services
from yeongilman.outcomes.access import access_my_meeting
from yeongilman.outcomes.forms import FeedbackForm, FollowUpForm, LinkForm, SettingsForm
from yeongilman.outcomes.models import OutcomeLink
from yeongilman.partnering.models import Introduction


def _form_errors(form: FeedbackForm | FollowUpForm | SettingsForm | LinkForm) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


@login_required
@domain_errors_as_pages
def mine(request: HttpRequest) -> HttpResponse:
    """The viewer's ended meetings: how each went, and later what came of it."""
    rows = selectors.meetings_to_rate(request.user)
    return render(
        request,
        "outcomes/mine.html",
        {"rows": rows, "feedback_form": FeedbackForm(), "follow_up_form": FollowUpForm()},
    )


@login_required
@require_POST
@domain_errors_as_pages
def rate(request: HttpRequest, pk: int) -> HttpResponse:
    """A side answers how the meeting went (again: replaces the answer)."""
    meeting, side = access_my_meeting(request.user, pk)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("outcomes:mine")
    try:
        services.feedback_record(actor=request.user, meeting=meeting, side=side,
                                 **form.cleaned_data)  # fmt: skip
    except ACCESS_ERRORS:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Thank you: your answer was saved."))
    return redirect("outcomes:mine")


@login_required
@require_POST
@domain_errors_as_pages
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    """A side says what came of the meeting."""
    meeting, side = access_my_meeting(request.user, pk)
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("outcomes:mine")
    try:
        services.follow_up_record(actor=request.user, meeting=meeting, side=side,
                                  **form.cleaned_data)  # fmt: skip
    except ACCESS_ERRORS:
        raise
    except DomainError as exc:
        messages.error(request, " ".join([exc.message, *sum(exc.field_errors.values(), [])]))
    else:
        messages.success(request, _("Thank you: your follow-up was saved."))
    return redirect("outcomes:mine")


def _operator_event(request: HttpRequest, slug: str) -> Event:
    require_operator(request.user)
    event = events_for(request.user).filter(slug=slug).first()
    if event is None:
        raise NotFound(_("No such event."))
    return event


@login_required
@domain_errors_as_pages
def event_outcomes(request: HttpRequest, slug: str) -> HttpResponse:
    """Operators: an event's attendance, no-show candidates, comments, funnel and settings."""
    event = _operator_event(request, slug)
    summary = selectors.attendance(event)
    return render(
        request,
        "outcomes/event.html",
        {
            "event": event, "summary": summary,
            "on_site": attendance_counts(event), "leads": lead_counts(event),
            "funnel": selectors.funnel("event", event=event),
            "suggestion_rate": selectors.suggestion_rate(event),
            "settings_form": SettingsForm(
                initial={"follow_up_months": services.follow_up_months(event)}
            ),
        },
    )  # fmt: skip


@login_required
@require_POST
@domain_errors_as_pages
def event_settings(request: HttpRequest, slug: str) -> HttpResponse:
    """Operators set the event's follow-up period."""
    event = _operator_event(request, slug)
    form = SettingsForm(request.POST)
    if form.is_valid():
        services.follow_up_months_set(
            actor=request.user, event=event, months=form.cleaned_data["follow_up_months"]
        )
        messages.success(request, _("The follow-up period was saved."))
    else:
        messages.error(request, _form_errors(form))
    return redirect("outcomes:event", slug=event.slug)


@login_required
@require_POST
@domain_errors_as_pages
def no_show(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Operators confirm a no-show candidate or record that they were there."""
    event = _operator_event(request, slug)
    meeting = get_object_or_404(
        MeetingRequest.objects.select_related("requester", "recipient").prefetch_related(
            "feedback"
        ),
        event=event, pk=pk,
    )  # fmt: skip
    registration = Registration.objects.filter(
        event=event, pk=request.POST.get("registration") or 0
    ).first()
    if registration is None:
        messages.error(request, _("Choose the participant."))
        return redirect("outcomes:event", slug=event.slug)
    try:
        services.no_show_decide(actor=request.user, meeting=meeting, registration=registration,
                                confirm=request.POST.get("decision") == "confirmed")  # fmt: skip
    except ACCESS_ERRORS:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The decision was saved."))
    return redirect("outcomes:event", slug=event.slug)


@login_required
@domain_errors_as_pages
def links(request: HttpRequest) -> HttpResponse:
    """Operators: drafted agreements and leads to confirm; visits and introductions to link."""
    require_operator(request.user)
    visits = list(Visit.objects.select_related("event", "organisation").order_by("-starts_at")[:50])
    introductions = list(
        Introduction.objects.select_related("first", "second").order_by("-created_at")[:50]
    )
    linked = selectors.links_of(
        introduction_ids=[i.pk for i in introductions], visit_ids=[v.pk for v in visits]
    )
    return render(
        request,
        "outcomes/links.html",
        {
            "drafts": selectors.links_to_confirm(),
            "agreements": Agreement.objects.order_by("-updated_at")[:200],
            "leads": InvestmentLead.objects.order_by("-updated_at")[:200],
            "visits": [(v, linked.get(f"visit:{v.pk}", [])) for v in visits],
            "introductions": [
                (i, linked.get(f"introduction:{i.pk}", [])) for i in introductions
            ],
            "by_country": selectors.funnel("country"), "by_year": selectors.funnel("year"),
        },
    )  # fmt: skip


@login_required
@require_POST
@domain_errors_as_pages
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Operators confirm a drafted agreement or lead."""
    require_operator(request.user)
    link = get_object_or_404(OutcomeLink.objects.select_related("agreement", "lead"), pk=pk)
    try:
        services.link_confirm(actor=request.user, link=link)
    except ACCESS_ERRORS:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The outcome was confirmed."))
    return redirect("outcomes:links")


@login_required
@require_POST
@domain_errors_as_pages
def link(request: HttpRequest, pk: int, source: str) -> HttpResponse:
    """Operators link a delegation visit or an introduction to an agreement or a lead."""
    require_operator(request.user)
    visit = get_object_or_404(Visit, pk=pk) if source == "visit" else None
    introduction = get_object_or_404(Introduction, pk=pk) if source != "visit" else None
    form = LinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("outcomes:links")
    services.link_create(actor=request.user, agreement=form.cleaned_data["agreement"],
                         lead=form.cleaned_data["lead"], visit=visit,
                         introduction=introduction)  # fmt: skip
    messages.success(request, _("The link was saved."))
    return redirect("outcomes:links")
