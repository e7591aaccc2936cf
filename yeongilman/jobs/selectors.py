"""Reads of jobs for pages, the API and the health check."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from yeongilman.core.errors import NotAuthenticated, NotFound
from yeongilman.jobs import access
from yeongilman.jobs.models import Job, JobFile, JobStatus
from yeongilman.jobs.services import jobs_reap


def job_for_viewer(user: Any, job_id: int) -> Job:
    """The job, if the user may follow it; a lost job is reaped first, so a reader never sees
    it "running" past its lease."""
    jobs_reap()
    job = Job.objects.filter(pk=job_id).select_related("started_by").first()
    if job is None:
        raise NotFound(_("No such job."))
    access.require_can_see(user, job)
    return job


def job_of_kind(user: Any, raw_id: str, kind: str) -> Job | None:
    """The job named in a page's address (`?job=12`), if it is of that kind and the user may
    follow it; None otherwise (a bad or foreign id shows the page without it)."""
    if not raw_id.isdigit() or len(raw_id) > 18:
        return None
    try:
        job = job_for_viewer(user, int(raw_id))
    except (NotFound, NotAuthenticated):
        return None
    return job if job.kind == kind else None


def latest_job(*, kind: str, scope: str) -> Job | None:
    """The newest job of a kind for one thing (e.g. the last scheduler run of an event)."""
    jobs_reap()
    return Job.objects.filter(kind=kind, scope=scope).first()


def queue_health() -> dict[str, Any]:
    """Queue depth and the age of the oldest task waiting to run, plus jobs by state, for
    /healthz. Tasks are counted in the queue backend when it is the database one."""
    now = timezone.now()
    jobs_queued = Job.objects.filter(status=JobStatus.QUEUED)
    oldest = jobs_queued.aggregate(at=Min("created_at"))["at"]
    depth = jobs_queued.count()
    if isinstance(task_backends["default"], DatabaseBackend):  # else the jobs are what we know
        ready = DBTaskResult.objects.ready()
        depth = ready.count()
        oldest = ready.aggregate(at=Min("enqueued_at"))["at"]
    age = (now - oldest) if oldest else timedelta(0)
    return {
        "queue_depth": depth,
        "oldest_queued_seconds": round(max(0.0, age.total_seconds()), 1),
        "jobs_running": Job.objects.filter(status=JobStatus.RUNNING).count(),
        "jobs_failed_last_day": Job.objects.filter(
            status=JobStatus.FAILED, finished_at__gte=now - timedelta(days=1)
        ).count(),
    }


def job_output(user: Any, job_id: int) -> tuple[Job, JobFile]:
    """A finished job's output file, for those who may follow the job."""
    job = job_for_viewer(user, job_id)
    output = job.files.filter(is_output=True).first()
    if job.status != JobStatus.DONE or output is None:
        raise NotFound(_("This job has no file to download."))
    return job, output


def recent_jobs(limit: int = 50) -> list[Job]:
    """The newest jobs, for the operators' system page."""
    jobs_reap()
    return list(Job.objects.select_related("started_by")[:limit])
