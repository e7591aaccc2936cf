"""The job's public shape (the jobs API contract: id, kind, status, progress, result, error)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Schema

from yeongilman.jobs.models import Job


class ProgressOut(Schema):
    done: int
    total: int


class JobOut(Schema):
    id: int
    kind: str
    status: str
    progress: ProgressOut
    result: dict[str, Any]
    error: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    heartbeat_at: datetime | None


class JobQueued(Schema):
    job: int


def job_out(job: Job) -> dict[str, Any]:
    """A job as the API shows it."""
    return {
        "id": job.pk,
        "kind": job.kind,
        "status": job.status,
        "progress": {"done": job.progress_done, "total": job.progress_total},
        "result": job.result or {},
        "error": job.error or None,
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
        "heartbeat_at": job.heartbeat_at,
    }
