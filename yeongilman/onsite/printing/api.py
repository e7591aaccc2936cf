"""Printing endpoints: a registration's badge and agenda as PDF, an event's files as a job."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Router, Status

from yeongilman.accounts.access import require_operator
from yeongilman.core.downloads import NamePart, name_download
from yeongilman.core.errors import NotFound
from yeongilman.core.schemas import PathId, StrictIn
from yeongilman.events import selectors as event_selectors
from yeongilman.jobs.schemas import JobQueued
from yeongilman.onsite import printing

router = Router(tags=["printing"])

PDF = {
    "responses": {
        200: {
            "description": "The PDF",
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


def _pdf(data: bytes, name: list[NamePart]) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Cache-Control"] = "private, no-store"
    return name_download(response, name, "pdf", inline=True)


@router.get(
    "/registrations/{registration_id}/badge.pdf",
    summary="A confirmed registration's badge as PDF (the person themself, operators)",
    description="`label` picks the size: `a6`, `card` (90 × 55 mm) or `100x70`. Another "
    "person's registration answers 404; a place not (yet) confirmed answers 403.",
    openapi_extra=PDF,
)
def registration_badge(
    request: HttpRequest, registration_id: PathId, label: Literal["a6", "card", "100x70"] = "a6"
) -> Any:
    registration = printing.access_registration_for_print(request.user, registration_id)
    data = printing.badge_pdf_for(registration, label)
    return _pdf(data, printing.file_name(registration.event, "badge", registration=registration))


@router.get(
    "/registrations/{registration_id}/agenda.pdf",
    summary="A confirmed registration's personal agenda as PDF, in the person's language",
    description="The person's B2B meetings (times in the event's zone, table or link, partner "
    "and organisation) and the event's programme. Another person's registration answers 404.",
    openapi_extra=PDF,
)
def registration_agenda(request: HttpRequest, registration_id: PathId) -> Any:
    registration = printing.access_registration_for_print(request.user, registration_id)
    data = printing.agenda_pdf_for(registration)
    return _pdf(data, printing.file_name(registration.event, "agenda", registration=registration))


class PrintingIn(StrictIn):
    what: Literal["badges", "agendas", "table_cards"]
    label: Literal["a6", "card", "100x70"] = "a6"
    language: Literal["ko", "en"] | None = None


@router.post(
    "/events/{event_id}/printing",
    response={202: JobQueued},
    summary="Make the event's badges, agendas or table cards as one PDF in a background job "
    "(operators)",
    description="Answers 202 with the job's id; follow it at `/jobs/{id}` and download the "
    "file from the event's printing page. Agendas come in each person's language; table cards "
    "in `language` (the caller's by default). The same file while one is queued or running "
    "answers 409 with that `job`.",
)
def event_printing(request: HttpRequest, event_id: PathId, payload: PrintingIn) -> Any:
    require_operator(request.user)
    event = event_selectors.events_for(request.user).filter(pk=event_id).first()
    if event is None:
        raise NotFound(_("No such event."))
    job = printing.printing_start(
        actor=request.user,
        event=event,
        what=payload.what,
        label=payload.label,
        language=payload.language or (get_language() or "ko")[:2],
    )
    return Status(202, {"job": job.pk})
