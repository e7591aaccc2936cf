"""Background work of the directory: imports of organisations."""

from __future__ import annotations

from django_tasks import task

from yeongilman.directory import importing
from yeongilman.jobs.services import job_run


@task()
def import_organisations_job(job_id: int) -> None:
    """Run a queued CSV/XLSX import chunk by chunk (the job's result is the report)."""
    job_run(job_id, importing.import_execute)
