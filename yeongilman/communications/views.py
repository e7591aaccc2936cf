"""Operators' pages: an event's messages and delivery log, compose with preview, automatic-mail
settings, and the mail templates with a preview."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yeongilman.accounts.access import require_operator
from yeongilman.accounts.models import User
from yeongilman.communications import selectors, services
from yeongilman.communications.defaults import agenda_texts
from yeongilman.communications.forms import ComposeForm, SettingsForm, TemplateForm
from yeongilman.communications.models import MailKind, Message, Segment
from yeongilman.communications.placeholders import PLACEHOLDERS
from yeongilman.core.errors import DomainError
from yeongilman.core.forms import add_domain_errors
from yeongilman.core.pages import domain_errors_as_pages
from yeongilman.core.zones import viewer_zone
from yeongilman.directory.taxonomy import time_zone_label
from yeongilman.events import selectors as event_selectors
from yeongilman.events.models import Event


def _event(request: HttpRequest, slug: str) -> Event:
    require_operator(request.user)
    return event_selectors.event_detail(request.user, slug)


def _message(event: Event, message_id: int) -> Message:
    message = selectors.event_messages(event).filter(pk=message_id).first()
    if message is None:
        raise Http404(_("No such message."))
    return message


@login_required
@require_GET
@domain_errors_as_pages
def messages_log(request: HttpRequest, slug: str) -> HttpResponse:
    """An event's messages (operators' and the automatic kinds), newest first."""
    event = _event(request, slug)
    return render(
        request,
        "communications/messages.html",
        {"event": event, "messages_list": selectors.event_messages(event)[:200]},
    )


@login_required
@require_GET
@domain_errors_as_pages
def message_detail(request: HttpRequest, slug: str, message_id: int) -> HttpResponse:
    """One message: its texts and each recipient's delivery status."""
    event = _event(request, slug)
    message = _message(event, message_id)
    return render(
        request,
        "communications/message.html",
        {
            "event": event,
            "message": message,
            "deliveries": selectors.message_deliveries(message)[:2000],
        },
    )


@login_required
@require_POST
@domain_errors_as_pages
def cancel(request: HttpRequest, slug: str, message_id: int) -> HttpResponse:
    """Cancel a scheduled message."""
    event = _event(request, slug)
    try:
        services.message_cancel(actor=request.user, message=_message(event, message_id))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The message was cancelled."))
    return redirect("communications:message", slug=event.slug, message_id=message_id)


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def compose(request: HttpRequest, slug: str) -> HttpResponse:
    """Write a message to a segment; preview it, send it now or schedule it."""
    event = _event(request, slug)
    user: User = request.user  # type: ignore[assignment]
    zone = viewer_zone(request, event.time_zone)
    segment = request.GET.get("segment", "")  # the control room links a segment in
    form = ComposeForm(
        request.POST or None,
        zone_label=time_zone_label(zone),
        initial={
            **({"segment": segment} if segment in Segment.values else {}),
            **(agenda_texts() if request.GET.get("text") == "agenda" else {}),
        },
    )
    preview = None
    confirm_send = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        texts = {f: data[f] for f in services.TEXT_FIELDS}
        action = request.POST.get("action", "preview")
        try:
            if action in ("preview", "send"):
                preview = services.message_preview(
                    actor=user, event=event, segment=data["segment"], texts=texts
                )
            # Sending now cannot be called back: it goes out only once the operator has seen
            # the preview and confirmed the number it reaches (again if that number changed).
            confirm_send = action == "send" and request.POST.get("confirmed") != str(
                preview.count if preview else ""
            )
            if action != "preview" and not confirm_send:
                send_at = _aware(data["send_at"], zone) if action == "schedule" else None
                if action == "schedule" and send_at is None:
                    form.add_error("send_at", _("Choose when to send the message."))
                    raise _Stay
                message = services.message_create(
                    actor=user, event=event, segment=data["segment"], texts=texts
                )
                services.message_send(actor=user, message=message, send_at=send_at)
                messages.success(
                    request,
                    _("The message is scheduled.") if send_at else _("The message is being sent."),
                )
                return redirect("communications:message", slug=event.slug, message_id=message.pk)
        except DomainError as exc:
            add_domain_errors(form, exc)
        except _Stay:
            pass
    return render(
        request,
        "communications/compose.html",
        {
            "event": event,
            "form": form,
            "preview": preview,
            "placeholders": PLACEHOLDERS,
            "confirm_send": confirm_send,
        },  # fmt: skip
    )


class _Stay(Exception):
    """Show the form again with its errors."""


def _aware(moment: datetime | None, zone: str) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=ZoneInfo(zone))


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def settings_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Switch the event's automatic mails on or off and set their numbers."""
    event = _event(request, slug)
    current = selectors.comms_settings(event)
    initial = {f: getattr(current, f) for f in services.SETTING_FIELDS}
    form = SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.comms_settings_update(actor=request.user, event=event, **form.cleaned_data)
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("The settings were saved."))
            return redirect("communications:settings", slug=event.slug)
    return render(request, "communications/settings.html", {"event": event, "form": form})


@login_required
@require_GET
@domain_errors_as_pages
def templates(request: HttpRequest) -> HttpResponse:
    """Every kind of mail with its texts in both languages."""
    require_operator(request.user)
    rows = [
        (kind, MailKind(kind).label, texts, saved)
        for kind, texts, saved in selectors.all_templates()
    ]
    return render(request, "communications/templates.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def template_edit(request: HttpRequest, kind: str) -> HttpResponse:
    """Edit a kind's texts; preview them with sample values before saving."""
    require_operator(request.user)
    if kind not in MailKind.values:
        raise Http404(_("There is no such kind of mail."))
    form = TemplateForm(request.POST or None, initial=selectors.template_texts(kind))
    preview = None
    if request.method == "POST" and form.is_valid():
        texts = {f: form.cleaned_data[f] for f in services.TEXT_FIELDS}
        try:
            if request.POST.get("action") == "save":
                services.template_save(actor=request.user, kind=kind, texts=texts)
                messages.success(request, _("The template was saved."))
                return redirect("communications:templates")
            preview = services.template_preview(actor=request.user, kind=kind, texts=texts)
        except DomainError as exc:
            add_domain_errors(form, exc)
    return render(
        request,
        "communications/template_edit.html",
        {
            "kind": kind,
            "label": MailKind(kind).label,
            "form": form,
            "preview": preview,
            "placeholders": PLACEHOLDERS,
        },
    )
