"""Job endpoints: follow a job, cancel it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from yeongilman.core.schemas import PathId
from yeongilman.jobs import selectors, services
from yeongilman.jobs.schemas import JobOut, job_out

router = Router(tags=["jobs"])


@router.get("/jobs/{job_id}", response=JobOut, summary="A background job's status and result")
def get_job(request: HttpRequest, job_id: PathId) -> Any:
    return job_out(selectors.job_for_viewer(request.user, job_id))


@router.post("/jobs/{job_id}/cancel", response=JobOut, summary="Cancel a queued or running job")
def cancel_job(request: HttpRequest, job_id: PathId) -> Any:
    job = selectors.job_for_viewer(request.user, job_id)
    return job_out(services.job_cancel(actor=request.user, job=job))
