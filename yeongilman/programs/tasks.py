"""Background work of programmes: scheduling a stage's presentations."""

from __future__ import annotations

from django_tasks import task

from yeongilman.jobs.services import job_run
from yeongilman.programs.services import presentations


@task()
def schedule_presentations(job_id: int) -> None:
    """Place a stage's applicants into its presentation slots, for a queued job."""
    job_run(job_id, presentations.presentations_execute)
