"""Background work of matchmaking: keeping the stored match index in line with the data."""

from __future__ import annotations

from django_tasks import task

from yeongilman.core import lanes
from yeongilman.core.errors import Conflict
from yeongilman.jobs.services import job_part_done, job_part_running, job_run
from yeongilman.matchmaking import adapter, services


@task(queue_name=lanes.BULK)
def refresh_match_index(
    keys: list[str], job_id: int | None = None, attempt: int | None = None
) -> int:
    """Re-index the given organisations/opportunities ("org:12", "opp:3"); a part of a rebuild
    job (job_id, attempt) reports to it, and does nothing once the job was cancelled."""
    if job_id is not None and attempt is not None:
        if not job_part_running(job_id, attempt):
            return 0
        adapter.refresh(keys)
        job_part_done(job_id, attempt, len(keys))
        return len(keys)
    adapter.refresh(keys)
    return len(keys)


@task(queue_name=lanes.BULK)
def refresh_pending_match_items() -> int:
    """Re-index every item marked as changed since the last refresh (one task however many
    changes came in; see adapter.refresh_later)."""
    return adapter.refresh_pending()


@task(queue_name=lanes.BULK)
def rebuild_match_index_job(job_id: int) -> None:
    """Bring the whole stored index in line with the database (a job operators can follow)."""
    job_run(job_id, services.match_index_rebuild_execute)


@task(queue_name=lanes.BULK)
def rebuild_match_index() -> int:
    """Daily safety net: queue a rebuild job (it encodes only what changed); 0 when one is
    already queued or running."""
    try:
        return services.match_index_rebuild_start(actor=None).pk
    except Conflict:
        return 0
