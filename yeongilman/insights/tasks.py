"""Background work of insights: reminders of overdue next steps."""

from __future__ import annotations

from django_tasks import task

from yeongilman.insights import importing, reports, services
from yeongilman.jobs.services import job_run


@task()
def remind_overdue_next_steps() -> int:
    """Mail owners of pipeline items whose next step is overdue (once per due date)."""
    return services.remind_overdue()


@task()
def import_figures_job(job_id: int) -> None:
    """Run a queued CSV/XLSX import of figures (the job's result is the report)."""
    job_run(job_id, importing.figures_import_execute)


@task()
def briefing_job(job_id: int) -> None:
    """Build a queued briefing report (PDF or XLSX) and keep it with the job."""
    job_run(job_id, reports.briefing_execute)
