"""Event endpoints: scheduler runs of B2B days (more of the events API builds on this router)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from yeongilman.accounts.access import require_operator
from yeongilman.core.errors import NotFound
from yeongilman.core.schemas import PathId, StrictIn
from yeongilman.events import selectors, services
from yeongilman.jobs.schemas import JobQueued

router = Router(tags=["events"])


class ScheduleIn(StrictIn):
    keep_confirmed: bool = True


@router.post(
    "/events/{event_id}/schedule",
    response={202: JobQueued},
    summary="Run the meeting scheduler for a B2B day as a background job (operators)",
    description="Answers 202 with the job's id; follow it at `/jobs/{id}`. A run while another "
    "is queued or running for the same day answers 409 with that run's `job`.",
)
def schedule_event(request: HttpRequest, event_id: PathId, payload: ScheduleIn) -> Any:
    require_operator(request.user)
    event = selectors.events_for(request.user).filter(pk=event_id).first()
    if event is None:
        raise NotFound(_("No such event."))
    job = services.schedule_start(
        actor=request.user, event=event, keep_confirmed=payload.keep_confirmed
    )
    return Status(202, {"job": job.pk})
