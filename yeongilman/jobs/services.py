"""Every write to a job: queue it, run it with heartbeats and progress, cancel it, reap lost ones.

A job's work is a service function `work(ctx) -> result`; the app's `tasks.py` hands it to
`job_run`. The work reports progress through `ctx`, which also writes the heartbeat and notices
a cancel request. A job whose heartbeat is older than the lease lost its worker (killed, out of
memory, machine gone): `jobs_reap` queues it again while it has attempts left, else fails it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks.base import Task

from yeongilman.accounts.models import User
from yeongilman.core.errors import Conflict, DomainError
from yeongilman.jobs import access
from yeongilman.jobs.models import Job, JobFile, JobStatus, WorkerBeat

log = logging.getLogger(__name__)

BEAT_EVERY_SECONDS = 2.0


class JobCancelled(Exception):
    """An operator cancelled the job; the work stops at its next heartbeat."""


class WorkerLost(Exception):
    """The worker running a task stopped beating; the reaper closed the task as failed."""


class JobLost(Exception):
    """The reaper gave this attempt up (its heartbeat was too old); the work must stop."""


def lease_seconds() -> int:
    """How long a running job may go without a heartbeat before it counts as lost."""
    return int(settings.YV_JOB_LEASE_SECONDS)


@dataclass
class JobContext:
    """What the work of a running job sees: its arguments, who started it, and the reporters."""

    job_id: int
    attempt: int
    args: dict[str, Any]
    started_by: User | None
    completed: bool = False
    detached: bool = False
    _last_beat: float = field(default_factory=time.monotonic)

    def progress(
        self, done: int, total: int | None = None, result: dict[str, Any] | None = None
    ) -> None:
        """Record how far the work is, and what it has found so far (`result`, shown while it
        runs and kept if it stops), and beat; call it outside long transactions."""
        values: dict[str, Any] = {"progress_done": done}
        if total is not None:
            values["progress_total"] = total
        if result is not None:
            values["result"] = result
        self._write(values)

    def beat(self, force: bool = False) -> None:
        """Write the heartbeat (at most every couple of seconds unless forced)."""
        if force or time.monotonic() - self._last_beat >= BEAT_EVERY_SECONDS:
            self._write({})

    def complete(self, result: dict[str, Any]) -> None:
        """Mark the job done inside the work's own transaction, so data and status commit
        together (a worker killed after the commit leaves a done job, not a lost one). Raises
        JobLost, rolling the work back, when the reaper has already given this attempt up."""
        if not self.finish(JobStatus.DONE, result=result):
            raise JobLost()
        self.completed = True

    def detach(self, result: dict[str, Any]) -> None:
        """Leave the job running when the work returns: parts queued as their own tasks report
        with `job_part_done`, and the last part marks the job done."""
        self._write({"result": result})
        self.detached = True

    def file(self, name: str) -> bytes:
        """The content of a file stored with the job."""
        return bytes(JobFile.objects.get(job_id=self.job_id, name=name).content)

    def save_output(self, name: str, content: bytes) -> None:
        """Keep a file the job made, for those who follow the job to download."""
        JobFile.objects.create(job_id=self.job_id, name=name, content=content, is_output=True)

    def _write(self, values: dict[str, Any]) -> None:
        now = timezone.now()
        mine = Job.objects.filter(pk=self.job_id, status=JobStatus.RUNNING, attempts=self.attempt)
        if mine.filter(cancel_requested=False).update(heartbeat_at=now, **values):
            self._last_beat = time.monotonic()
            return
        if mine.filter(cancel_requested=True).exists():
            raise JobCancelled()
        raise JobLost()

    def finish(self, status: str, *, result: dict[str, Any] | None = None, error: str = "") -> bool:
        """End this attempt with a status; False when the reaper had already given it up."""
        now = timezone.now()
        values: dict[str, Any] = {"status": status, "finished_at": now, "heartbeat_at": now}
        if result is not None:
            values["result"] = result
        if error:
            values["error"] = error[:4000]
        ended = Job.objects.filter(
            pk=self.job_id, status=JobStatus.RUNNING, attempts=self.attempt
        ).update(**values)
        if ended:
            JobFile.objects.filter(job_id=self.job_id, is_output=False).delete()
        return bool(ended)


Work = Callable[[JobContext], dict[str, Any] | None]


def job_enqueue(
    *,
    kind: str,
    task: Task[..., Any],
    actor: User | None = None,
    args: dict[str, Any] | None = None,
    scope: str = "",
    lock_key: str | None = None,
    total: int = 0,
    max_attempts: int = 1,
    busy_message: str = "",
    files: dict[str, bytes] | None = None,
) -> Job:
    """Record a job and queue its task once the caller's transaction commits.

    With a `lock_key`, a second job while one with the same key is queued or running is refused
    (Conflict with `busy_message`), so two runs for the same thing never overlap. `files`
    (name → content) are stored with the job for its work to read (`job_file`).
    """
    if lock_key:
        jobs_reap()  # a lost job must not block its successor for longer than the lease
    try:
        with transaction.atomic():
            job = Job.objects.create(
                kind=kind,
                task_path=task.module_path,
                args=args or {},
                started_by=actor if actor and actor.is_authenticated else None,
                scope=scope,
                lock_key=lock_key,
                progress_total=total,
                max_attempts=max_attempts,
            )
            JobFile.objects.bulk_create(
                [JobFile(job=job, name=n, content=c) for n, c in (files or {}).items()]
            )
    except IntegrityError as exc:
        running = Job.objects.filter(lock_key=lock_key, status__in=["queued", "running"]).first()
        message = busy_message or _("The same job is already queued or running.")
        raise Conflict(message, extra={"job": running.pk if running else None}) from exc
    transaction.on_commit(lambda: _queue_task(job.pk, task))
    return job


def _queue_task(job_id: int, task: Task[..., Any]) -> None:
    try:
        result = task.enqueue(job_id)
    except Exception as exc:  # the queue is unreachable: say so on the job, not as a 500
        log.exception("could not queue job %s", job_id)
        Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
            status=JobStatus.FAILED, finished_at=timezone.now(), error=str(exc)[:4000]
        )
        return
    Job.objects.filter(pk=job_id).update(task_result_id=str(result.id))


def job_run(job_id: int, work: Work) -> None:
    """Run a queued job's work (called by a task); a job cancelled or ended meanwhile is
    skipped. Errors are recorded on the job and logged with their traceback."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=now, heartbeat_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        log.info("job %s is not queued any more; nothing to do", job_id)
        return
    job = Job.objects.select_related("started_by").get(pk=job_id)
    ctx = JobContext(job.pk, job.attempts, job.args, job.started_by)
    language = job.started_by.language if job.started_by else settings.LANGUAGE_CODE
    with translation.override(language or settings.LANGUAGE_CODE):
        try:
            result = work(ctx)
        except JobCancelled:
            ctx.finish(JobStatus.CANCELLED, error=_("Cancelled before it finished."))
            return
        except JobLost:
            log.warning("job %s attempt %s was given up by the reaper", job_id, ctx.attempt)
            return
        except DomainError as exc:
            ctx.finish(JobStatus.FAILED, error=exc.message)
            return
        except Exception as exc:
            log.exception("job %s (%s) failed", job_id, job.kind)
            ctx.finish(JobStatus.FAILED, error=_("%(kind)s: %(message)s") % {
                "kind": type(exc).__name__, "message": str(exc) or "-"
            })  # fmt: skip
            return
    if ctx.detached:
        return
    if not ctx.completed and not ctx.finish(JobStatus.DONE, result=result or {}):
        log.warning("job %s finished after the reaper had given it up", job_id)


def job_part_running(job_id: int, attempt: int) -> bool:
    """Whether a part of a detached job should still do its work (not cancelled or given up)."""
    return Job.objects.filter(
        pk=job_id, attempts=attempt, status=JobStatus.RUNNING, cancel_requested=False
    ).exists()


def job_part_done(job_id: int, attempt: int, done: int) -> None:
    """A part of a detached job finished `done` more units; the job is done at its total."""
    now = timezone.now()
    mine = Job.objects.filter(pk=job_id, attempts=attempt, status=JobStatus.RUNNING)
    mine.update(progress_done=F("progress_done") + done, heartbeat_at=now)
    if mine.filter(progress_done__gte=F("progress_total")).update(
        status=JobStatus.DONE, finished_at=now
    ) or mine.filter(cancel_requested=True).update(
        status=JobStatus.CANCELLED, finished_at=now, error=_("Cancelled before it finished.")
    ):
        JobFile.objects.filter(job_id=job_id, is_output=False).delete()


def job_cancel(*, actor: Any, job: Job) -> Job:
    """Cancel a queued job at once, or ask a running one to stop at its next heartbeat."""
    access.require_can_cancel(actor, job)
    now = timezone.now()
    if Job.objects.filter(pk=job.pk, status=JobStatus.QUEUED).update(
        status=JobStatus.CANCELLED, finished_at=now, error=_("Cancelled before it started.")
    ):
        JobFile.objects.filter(job_id=job.pk, is_output=False).delete()
        _task_result_failed(job.task_result_id, now, only_ready=True)
    elif not Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(cancel_requested=True):
        raise Conflict(_("This job has already ended."))
    job.refresh_from_db()
    return job


def jobs_reap(now: datetime | None = None) -> int:
    """Queue again or fail every running job whose heartbeat is older than the lease, and close
    the backend's running tasks whose worker is gone; returns how many jobs were reaped. Safe
    to call from anywhere, any number of times."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=lease_seconds())
    lost = list(
        Job.objects.filter(status=JobStatus.RUNNING, heartbeat_at__lt=cutoff).select_related(
            "started_by"
        )
    )
    reaped = 0
    for job in lost:
        same_attempt = Job.objects.filter(
            pk=job.pk, status=JobStatus.RUNNING, attempts=job.attempts
        )
        language = job.started_by.language if job.started_by else settings.LANGUAGE_CODE
        with translation.override(language or settings.LANGUAGE_CODE):
            message = _(
                "The worker running this job stopped (no heartbeat for %(seconds)d seconds)."
            ) % {"seconds": lease_seconds()}
        if job.attempts < job.max_attempts and not job.cancel_requested:
            if same_attempt.update(status=JobStatus.QUEUED, heartbeat_at=None, error=message):
                _task_result_failed(job.task_result_id, now)
                _queue_task(job.pk, import_string(job.task_path))
                reaped += 1
        elif same_attempt.update(status=JobStatus.FAILED, finished_at=now, error=message):
            JobFile.objects.filter(job_id=job.pk, is_output=False).delete()
            _task_result_failed(job.task_result_id, now)
            reaped += 1
    if reaped:
        log.warning("reaped %d lost job(s)", reaped)
    task_results_reap(now)  # tasks without a job record lose their worker too
    return reaped


def task_results_reap(now: datetime | None = None) -> int:
    """Close (as failed) every task the database backend still calls running although its
    worker is gone: the worker wrote no heartbeat within the lease, or restarted since the task
    began. Tasks without a job record (a match-index refresh, a mail) included; a task whose
    job still beats is left alone. Returns how many were closed."""
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # another backend keeps its own books
        return 0
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=lease_seconds())
    running = list(
        DBTaskResult.objects.filter(status="RUNNING", started_at__lt=cutoff).only(
            "id", "started_at", "worker_ids"
        )
    )
    if not running:
        return 0
    workers = {
        beat.worker_id: beat
        for beat in WorkerBeat.objects.filter(
            worker_id__in={str(row.worker_ids[-1]) for row in running if row.worker_ids}
        )
    }
    beating_jobs = set(
        Job.objects.filter(
            task_result_id__in=[str(row.id) for row in running],
            status=JobStatus.RUNNING,
            heartbeat_at__gte=cutoff,
        ).values_list("task_result_id", flat=True)
    )
    orphans = []
    for row in running:
        worker = workers.get(str(row.worker_ids[-1])) if row.worker_ids else None
        alive = (
            worker is not None
            and worker.beat_at >= cutoff
            and row.started_at is not None
            and worker.started_at <= row.started_at
        )
        if not alive and str(row.id) not in beating_jobs:
            orphans.append(row.id)
    closed = DBTaskResult.objects.filter(id__in=orphans, status="RUNNING").update(
        status="FAILED",
        finished_at=now,
        exception_class_path="yeongilman.jobs.services.WorkerLost",
        traceback=f"The worker running this task stopped (no heartbeat for {lease_seconds()} s).",
    )
    if closed:
        log.warning("closed %d task(s) whose worker was lost", closed)
    return closed


def _task_result_failed(result_id: str, now: datetime, only_ready: bool = False) -> None:
    """Close the queue backend's own record of a lost task (the database backend keeps a
    killed task RUNNING for ever otherwise)."""
    if not result_id:
        return
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # another backend keeps its own books
        return
    statuses = ["READY"] if only_ready else ["RUNNING", "READY"]
    try:
        DBTaskResult.objects.filter(id=result_id, status__in=statuses).update(
            status="FAILED", finished_at=now
        )
    except Exception:  # not a UUID (another backend's id) or the table is absent
        log.debug("no database task result %s to close", result_id)


def task_results_prune(*, days: int) -> int:
    """Delete the database backend's rows of tasks, jobs' output files and the heartbeats of
    workers gone for longer than `days` (job records stay: they are the history people read)."""
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - timedelta(days=days)
    JobFile.objects.filter(job__finished_at__lt=cutoff).delete()
    WorkerBeat.objects.filter(beat_at__lt=cutoff).delete()  # workers long gone
    deleted, _rows = DBTaskResult.objects.filter(finished_at__lt=cutoff).delete()
    return deleted
