"""Badges, personal agendas and B2B table cards as PDF: who may print what, and the files.

One person's badge or agenda is rendered while the request waits; a whole event's badges,
agendas or table cards run as a background job (kind ``onsite.printing``) that the operator
follows and downloads. What is printed: printing_data; how it is drawn: printing_pdf.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yeongilman.accounts.access import is_operator, require_operator
from yeongilman.core.downloads import NamePart, download_names
from yeongilman.core.errors import NotAuthenticated, NotFound, PermissionDenied, ValidationFailed
from yeongilman.core.i18n import pick
from yeongilman.events.models import Event, Registration, RegistrationStatus
from yeongilman.jobs.models import Job, JobKind
from yeongilman.jobs.services import JobContext, job_enqueue
from yeongilman.onsite.printing.data import (
    LABELS,
    WHAT,
    Roles,
    agenda_for,
    badge_for,
    meetings_to_print,
    person_names,
    registrations_to_print,
)
from yeongilman.onsite.printing.pdf import agendas_pdf, badges_pdf, table_cards_pdf
from yeongilman.onsite.selectors import signed_up_session_ids


def access_registration_for_print(user: Any, registration_id: int) -> Registration:
    """A registration whose badge or agenda the user may print: their own confirmed one, or
    any for operators; another person's answers 404 (ids tell nothing)."""
    if not user.is_authenticated:
        raise NotAuthenticated(_("Sign in first."))
    registration = (
        Registration.objects.select_related("user", "user__person", "organisation", "event")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or not (is_operator(user) or registration.user_id == user.pk):
        raise NotFound(_("No such registration."))
    if registration.status != RegistrationStatus.CONFIRMED:
        raise PermissionDenied(_("Badges and agendas are printed for confirmed places only."))
    return registration


def badge_pdf_for(registration: Registration, label_key: str = "a6") -> bytes:
    """One person's badge (rendered while the request waits)."""
    with translation.override(registration.user.language or "ko"):
        return badges_pdf(registration.event, [badge_for(registration)], label_key)


def agenda_pdf_for(registration: Registration) -> bytes:
    """One person's agenda in their language (rendered while the request waits)."""
    event = registration.event
    signed_up = signed_up_session_ids([registration.pk])[registration.pk]
    agenda = agenda_for(registration, meetings_to_print(event, [registration.pk]),
                        list(event.sessions.all()), signed_up, list(event.slots.all()))  # fmt: skip
    with translation.override(agenda.language):
        return agendas_pdf(event, [agenda])


ONE_PERSON = {"badge": gettext_lazy("badge"), "agenda": gettext_lazy("agenda")}


def file_name(
    event: Event, what: str, *, label: str = "", registration: Registration | None = None
) -> list[NamePart]:
    """What a PDF holds, for its download name (`core.downloads`): the event, the kind of file
    (one person's badge or agenda, or the event's badges, agendas or table cards), the label
    size of badges, and the person."""
    parts: list[NamePart] = [event.title, ONE_PERSON.get(what) or WHAT.get(what) or what]
    if label:
        parts.append(label)
    if registration is not None:
        parts.append(pick(*person_names(registration)))
    return parts


# --- The event's bulk files, as background jobs ------------------------------------------


def printing_start(*, actor: Any, event: Event, what: str, label: str = "a6",
                   language: str = "ko") -> Job:  # fmt: skip
    """Queue the event's badges, agendas or table cards (operators); the job keeps the PDF."""
    from yeongilman.onsite.printing.tasks import print_job

    require_operator(actor)
    if what not in WHAT:
        message = _("Choose badges, agendas or table cards.")
        raise ValidationFailed(message, field_errors={"what": [message]})
    if label not in LABELS:
        message = _("Choose one of the label sizes.")
        raise ValidationFailed(message, field_errors={"label": [message]})
    total = registrations_to_print(event).count() if what != "table_cards" else 0
    return job_enqueue(
        kind=JobKind.PRINTING,
        task=print_job,
        actor=actor,
        args={"event": event.pk, "what": what, "label": label,
              "language": language if language in ("ko", "en") else "ko"},
        scope=f"event:{event.pk}",
        lock_key=f"print:{what}:{event.pk}",
        total=total,
        busy_message=_("These files are already being made for this event; wait for them."),
    )  # fmt: skip


def printing_execute(ctx: JobContext) -> dict[str, Any]:
    """Make a queued event file; the PDF is the job's output."""
    args = ctx.args
    event = Event.objects.filter(pk=args["event"]).first()
    if event is None:
        raise NotFound(_("No such event."))
    what = args["what"]

    def report(done: int) -> None:
        ctx.progress(done)

    with translation.override(args.get("language") or "ko"):
        if what == "badges":
            roles = Roles(event)
            badges = [badge_for(r, roles) for r in registrations_to_print(event)]
            data = badges_pdf(event, badges, args.get("label", "a6"), report)
            count = len(badges)
        elif what == "agendas":
            registrations = list(registrations_to_print(event))
            meetings = meetings_to_print(event)
            sessions = list(event.sessions.all())
            signed_up = signed_up_session_ids([r.pk for r in registrations], event)
            slots = list(event.slots.all())
            agendas = [
                agenda_for(r, meetings, sessions, signed_up[r.pk], slots) for r in registrations
            ]
            data = agendas_pdf(event, agendas, report)
            count = len(agendas)
        else:
            meetings = meetings_to_print(event)
            data = table_cards_pdf(event, meetings)
            count = len({m.table for m in meetings if m.table})
        ctx.progress(count)
    label = args.get("label", "") if what == "badges" else ""
    name, _fallback = download_names(file_name(event, what, label=label), "pdf")
    ctx.save_output(name, data)
    stamp = timezone.localtime().strftime("%Y-%m-%d %H:%M %Z")
    return {"filename": name, "content_type": "application/pdf", "bytes": len(data),
            "count": count, "made_at": stamp}  # fmt: skip


def event_jobs(event: Event) -> dict[str, Job | None]:
    """The latest printing job of each kind of file for the event."""
    latest: dict[str, Job | None] = dict.fromkeys(WHAT)
    for job in Job.objects.filter(kind=JobKind.PRINTING, scope=f"event:{event.pk}")[:30]:
        what = job.args.get("what")
        if what in latest and latest[what] is None:
            latest[what] = job
    return latest
