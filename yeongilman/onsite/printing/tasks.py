"""Background work of printing: an event's badges, agendas or table cards as one PDF."""

from __future__ import annotations

from django_tasks import task

from yeongilman.jobs.services import job_run
from yeongilman.onsite import printing


@task()
def print_job(job_id: int) -> None:
    """Make a queued event file (badges, agendas or table cards) and keep it with the job."""
    job_run(job_id, printing.printing_execute)
