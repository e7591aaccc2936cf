"""Pages of conversations: the inbox ("Messages"), starting one about a subject, a
conversation (with its polling, draft, mute, block, report and links), a person's settings,
and the operators' reports and counts."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yeongilman.accounts.access import require_operator, require_user
from yeongilman.conversations import access, selectors, services, subjects
from yeongilman.conversations.forms import (
    BlockForm,
    DraftForm,
    LanguageForm,
    LinkForm,
    MessageForm,
    MuteForm,
    ReportForm,
    ResolveForm,
    SettingsForm,
)
from yeongilman.conversations.models import Block, Frequency, ReportStatus
from yeongilman.conversations.translation import translator
from yeongilman.core.converters import id_from
from yeongilman.core.errors import DomainError, NotFound
from yeongilman.core.i18n import current_language
from yeongilman.core.pages import ACCESS_ERRORS, domain_errors_as_pages
from yeongilman.core.zones import viewer_zone


def _page_number(request: HttpRequest) -> int:
    return id_from(request.GET.get("page")) or 1


def _show_errors(form: Any, error: DomainError) -> None:
    """The service's refusal in the form: its message on top (unless a field says the same),
    each field's own beside the field."""
    said = [text for texts in error.field_errors.values() for text in texts]
    if error.message not in said:
        form.add_error(None, error.message)
    for field, texts in error.field_errors.items():
        for text in texts:
            form.add_error(field if field in form.fields else None, text)


@login_required
@require_GET
@domain_errors_as_pages
def unread(request: HttpRequest) -> HttpResponse:
    """The header's "Messages" link again when its unread count differs from `n` (the count
    the page shows), else 204 so the page stays as it is."""
    count = selectors.unread_total(request.user)
    if request.GET.get("n", "").strip() == str(count):
        return HttpResponse(status=204)
    return render(request, "conversations/_nav_link.html", {
        "show": True, "unread": count, "badge_seconds": settings.YV_MESSAGES_BADGE_SECONDS,
    })  # fmt: skip


@login_required
@domain_errors_as_pages
def inbox(request: HttpRequest) -> HttpResponse:
    """The person's conversations, latest first, with unread counts."""
    return render(request, "conversations/inbox.html", {
        "inbox": selectors.inbox(request.user, _page_number(request)),
        "zone": viewer_zone(request),
    })  # fmt: skip


@login_required
@domain_errors_as_pages
def start(request: HttpRequest) -> HttpResponse:
    """What the person can start a conversation about: their interests, meeting requests,
    introductions, agreements and stand visits."""
    return render(request, "conversations/start.html", {
        "startable": selectors.startable(request.user),
    })  # fmt: skip


def _composer(request: HttpRequest, data: Any = None, files: Any = None) -> MessageForm:
    return MessageForm(data, files, max_mb=settings.YV_MESSAGE_ATTACHMENT_MAX_MB)


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def compose(request: HttpRequest, kind: str, subject_id: int) -> HttpResponse:
    """The first message about a subject (a conversation that exists already is opened)."""
    subject, side = access.access_subject(request.user, kind, subject_id)
    existing = selectors.conversation_of(kind, subject_id)
    if existing is not None:
        return redirect("conversations:detail", existing)
    form = _composer(request, request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            conversation, _message, _new = services.conversation_start(
                actor=request.user, kind=kind, subject_id=subject_id,
                body=form.cleaned_data["body"], language=form.cleaned_data["language"],
                client_id=form.cleaned_data["client_id"], upload=form.cleaned_data["file"],
            )  # fmt: skip
        except ACCESS_ERRORS:
            raise
        except DomainError as error:
            _show_errors(form, error)
            status = error.status_code
        else:
            return redirect("conversations:detail", conversation.pk)
    elif request.method == "POST":
        status = 422
    return render(request, "conversations/compose.html", {
        "form": form, "label": subjects.label(subject),
        "counterpart": subjects.counterpart(subject, side), "subject": subject, "side": side,
        "url": subjects.url_for(subject, side, request.user),
    }, status=status)  # fmt: skip


def _context(request: HttpRequest, view: selectors.ConversationView, form: MessageForm,
             operator_view: bool = False) -> dict[str, Any]:  # fmt: skip
    seat = view.seat
    return {
        "view": view, "form": form, "conversation": seat.conversation,
        "participant": seat.participant, "zone": viewer_zone(request),
        "reader_language": current_language(), "operator_view": operator_view,
        "can_translate": translator() is not None and not operator_view,
        "report_form": ReportForm(), "language_form": LanguageForm(),
        "suspended": services.is_suspended(request.user),
        "link_form": None if operator_view else _link_form(request, seat),
        "poll_seconds": settings.YV_MESSAGES_POLL_SECONDS,
    }  # fmt: skip


def _link_form(request: HttpRequest, seat: access.Seat, data: Any = None) -> LinkForm:
    meetings = [
        (m.pk, f"{m.event.title} · {m.get_status_display()}")
        for m in services.linkable_meetings(seat, require_user(request.user))
    ]
    agreements = [(a.pk, str(a.title)) for a in services.linkable_agreements(seat)]
    return LinkForm(data, meetings=meetings, agreements=agreements)


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A conversation: its messages (newest at the bottom), the composer (with the draft),
    read on opening; POST writes a message."""
    seat = access.access_conversation(request.user, pk)
    form = _composer(request, request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.message_post(
                    actor=request.user, conversation=seat.conversation,
                    body=form.cleaned_data["body"], language=form.cleaned_data["language"],
                    client_id=form.cleaned_data["client_id"], upload=form.cleaned_data["file"],
                )  # fmt: skip
            except ACCESS_ERRORS:
                raise
            except DomainError as error:
                _show_errors(form, error)
                status = error.status_code
            else:
                return redirect(reverse("conversations:detail", args=[pk]) + "#composer")
        else:
            status = 422
        seat = access.access_conversation(request.user, pk)
    before = id_from(request.GET.get("before"))
    participant = services.seat_row(actor=request.user, seat=seat)
    if before is None:
        participant = services.conversation_read(actor=request.user,
                                                 conversation=seat.conversation)  # fmt: skip
    seat.participant = participant
    if request.method == "GET":
        form = MessageForm(initial={"body": participant.draft},
                           max_mb=settings.YV_MESSAGE_ATTACHMENT_MAX_MB)  # fmt: skip
    view = selectors.conversation_view(seat, require_user(request.user), before=before)
    return render(request, "conversations/detail.html", _context(request, view, form),
                  status=status)  # fmt: skip


@login_required
@domain_errors_as_pages
def poll(request: HttpRequest, pk: int) -> HttpResponse:
    """New messages since `after` for the page's polling: 204 when none (htmx leaves the page
    as it is), else the new messages and the next poller; they count as read."""
    participant = access.access_seat(request.user, pk)
    after = id_from(request.GET.get("after")) or 0
    if not selectors.has_new_messages(participant, after):
        return HttpResponse(status=204)
    seat = access.access_conversation(request.user, pk)
    seat.participant = participant
    views, _older = selectors.messages_for(seat, require_user(request.user), after=after)
    last = views[-1].message.pk if views else after
    services.conversation_read(actor=request.user, conversation=seat.conversation, up_to=last)
    return render(request, "conversations/_poll.html", {
        "new_messages": views, "conversation": seat.conversation, "last_id": last,
        "zone": viewer_zone(request), "reader_language": current_language(),
        "can_translate": translator() is not None, "language_form": LanguageForm(),
        "poll_seconds": settings.YV_MESSAGES_POLL_SECONDS,
    })  # fmt: skip


@login_required
@require_POST
@domain_errors_as_pages
def draft(request: HttpRequest, pk: int) -> HttpResponse:
    """Keep the composer's text (htmx, as the person types)."""
    seat = access.access_conversation(request.user, pk)
    form = DraftForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=422)
    try:
        services.draft_save(actor=request.user, conversation=seat.conversation,
                            text=form.cleaned_data["body"])  # fmt: skip
    except ACCESS_ERRORS:
        raise
    except DomainError as error:
        return HttpResponse(error.message, status=error.status_code)
    return HttpResponse(status=204)


def _back(pk: int) -> HttpResponse:
    return redirect("conversations:detail", pk)


@login_required
@require_POST
@domain_errors_as_pages
def mute(request: HttpRequest, pk: int) -> HttpResponse:
    """Mute or unmute the conversation for oneself."""
    seat = access.access_conversation(request.user, pk)
    form = MuteForm(request.POST)
    muted = bool(form.is_valid() and form.cleaned_data["muted"])
    services.conversation_mute(actor=request.user, conversation=seat.conversation, muted=muted)
    messages.success(request, _("Muted: no e-mail about this conversation.") if muted
                     else _("Unmuted."))  # fmt: skip
    return _back(pk)


@login_required
@require_POST
@domain_errors_as_pages
def block(request: HttpRequest, pk: int) -> HttpResponse:
    """Block another side's organisation (or person)."""
    seat = access.access_conversation(request.user, pk)
    form = BlockForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the other side of the conversation."))
        return _back(pk)
    try:
        services.block_add(actor=request.user, conversation=seat.conversation,
                           side_number=form.cleaned_data["side"])  # fmt: skip
    except ACCESS_ERRORS:
        raise
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Blocked. They cannot write to you any more; you can lift "
                                    "the block here or in your message settings."))  # fmt: skip
    return _back(pk)


@login_required
@require_POST
@domain_errors_as_pages
def unblock(request: HttpRequest, pk: int) -> HttpResponse:
    """Lift one's own block."""
    found = Block.objects.filter(pk=pk, blocker_id=request.user.pk).first()
    if found is None:
        raise NotFound(_("No such block."))
    services.block_remove(actor=request.user, block=found)
    messages.success(request, _("The block was lifted."))
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect("conversations:settings")


@login_required
@require_POST
@domain_errors_as_pages
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """Report the conversation to the operators."""
    seat = access.access_conversation(request.user, pk)
    form = ReportForm(request.POST)
    try:
        reason = form.data.get("reason", "")
        services.report_create(actor=request.user, conversation=seat.conversation, reason=reason)
    except ACCESS_ERRORS:
        raise
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Thank you. The operators were told and may now read this "
                                    "conversation."))  # fmt: skip
    return _back(pk)


@login_required
@require_POST
@domain_errors_as_pages
def link(request: HttpRequest, pk: int) -> HttpResponse:
    """Say which meeting or agreement the conversation led to."""
    seat = access.access_conversation(request.user, pk)
    form = _link_form(request, seat, request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return _back(pk)
    try:
        services.conversation_link(
            actor=request.user, conversation=seat.conversation,
            meeting_id=form.cleaned_data["meeting"], agreement_id=form.cleaned_data["agreement"],
        )  # fmt: skip
    except ACCESS_ERRORS:
        raise
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Saved what the conversation led to."))
    return _back(pk)


@login_required
@require_POST
@domain_errors_as_pages
def language(request: HttpRequest, pk: int) -> HttpResponse:
    """The writer corrects the language of their message."""
    message = access.access_own_message(request.user, pk)
    form = LanguageForm(request.POST)
    try:
        services.message_language_set(actor=request.user, message=message,
                                      language=form.data.get("language"))  # fmt: skip
    except ACCESS_ERRORS:
        raise
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(reverse("conversations:detail", args=[message.conversation_id])
                    + f"#m{message.pk}")  # fmt: skip


@login_required
@require_POST
@domain_errors_as_pages
def translate(request: HttpRequest, pk: int) -> HttpResponse:
    """A reader asks for a message in their language (when a backend is set)."""
    message, seat = access.access_readable_message(request.user, pk)
    try:
        services.message_translate(actor=request.user, message=message,
                                   language=current_language())  # fmt: skip
    except ACCESS_ERRORS:
        raise
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(reverse("conversations:detail", args=[seat.conversation.pk]) + f"#m{pk}")


@login_required
@domain_errors_as_pages
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    """A message's document, for the conversation's people."""
    found = access.access_attachment(request.user, pk)
    response = FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def settings_page(request: HttpRequest) -> HttpResponse:
    """How often to be told of new messages by e-mail, and the person's blocks."""
    form = SettingsForm(request.POST or None,
                        initial={"frequency": services.frequency_of(request.user)})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        services.preference_set(actor=request.user, frequency=form.cleaned_data["frequency"])
        messages.success(request, _("Your message settings were saved."))
        return redirect("conversations:settings")
    blocks = Block.objects.filter(blocker_id=request.user.pk).select_related(
        "organisation", "person"
    )
    return render(request, "conversations/settings.html", {
        "form": form, "blocks": blocks, "default": Frequency.DEFAULT,
    })  # fmt: skip


@login_required
@domain_errors_as_pages
def reports(request: HttpRequest) -> HttpResponse:
    """Operators: reported conversations (what they are about, why; not their messages)."""
    require_operator(request.user)
    status = request.GET.get("status", ReportStatus.OPEN)
    if status not in ReportStatus.values:
        status = ReportStatus.OPEN
    rows = []
    for found in selectors.reports(status)[:200]:
        rows.append((found, found.conversation.get_kind_display()))
    return render(request, "conversations/reports.html", {
        "rows": rows, "status": status, "statuses": ReportStatus.choices,
        "suspensions": selectors.suspensions()[:200], "zone": viewer_zone(request),
    })  # fmt: skip


@login_required
@require_POST
@domain_errors_as_pages
def lift(request: HttpRequest, pk: int) -> HttpResponse:
    """Operators let a suspended person write again."""
    found = access.access_suspension(request.user, pk)
    services.suspension_lift(actor=request.user, suspension=found)
    messages.success(request, _("%(name)s can write messages again.")
                     % {"name": found.user.full_name or found.user.email})  # fmt: skip
    return redirect("conversations:reports")


@login_required
@domain_errors_as_pages
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Operators read a reported conversation (recorded in the audit log every time)."""
    found = access.access_report(request.user, pk)
    services.report_read(actor=request.user, report=found)
    seat = access.reported_seat(found)
    conversation = seat.conversation
    view = selectors.conversation_view(seat, require_user(request.user), operator_view=True)
    senders = [(u.pk, u.full_name or u.email) for u in selectors.writers_of(conversation)]
    context = _context(request, view, MessageForm(), operator_view=True)
    context |= {"report": found, "resolve_form": ResolveForm(senders=senders),
                "other_reports": conversation.reports.exclude(pk=found.pk)}  # fmt: skip
    return render(request, "conversations/report.html", context)


@login_required
@require_POST
@domain_errors_as_pages
def resolve(request: HttpRequest, pk: int) -> HttpResponse:
    """Operators close the conversation, suspend a sender, or dismiss the report."""
    found = access.access_report(request.user, pk)
    senders = [(u.pk, u.pk) for u in selectors.writers_of(found.conversation)]
    form = ResolveForm(request.POST, senders=senders)
    if not form.is_valid():
        messages.error(request, _("Choose what to do."))
        return redirect("conversations:report", pk)
    try:
        services.report_resolve(
            actor=request.user, report=found, action=form.cleaned_data["action"],
            sender_id=form.cleaned_data["sender"], note=form.cleaned_data["note"],
        )  # fmt: skip
    except ACCESS_ERRORS:
        raise
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("conversations:report", pk)
    messages.success(request, _("The report was dealt with."))
    return redirect("conversations:reports")


@login_required
@domain_errors_as_pages
def figures(request: HttpRequest) -> HttpResponse:
    """Operators: how many conversations each event and programme started (counts only)."""
    require_operator(request.user)
    return render(request, "conversations/figures.html", {"figures": selectors.figures()})
