"""Background work of events: scheduler runs."""

from __future__ import annotations

from django_tasks import task

from yeongilman.jobs.services import job_run
from yeongilman.meetings import services


@task()
def schedule_day(job_id: int) -> None:
    """Run the meeting scheduler for the B2B day of a queued job."""
    job_run(job_id, services.schedule_execute)
