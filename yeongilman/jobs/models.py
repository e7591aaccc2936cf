"""A background job that a person can follow: what it is, how far it got, how it ended."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class JobKind(models.TextChoices):
    ORGANISATION_IMPORT = "directory.import", _("Organisation import")
    FIGURES_IMPORT = "insights.import_figures", _("Figures import")
    BRIEFING_REPORT = "insights.briefing", _("Briefing report")
    SCHEDULE_RUN = "events.schedule", _("Scheduler run")
    MATCH_INDEX_REBUILD = "matching.rebuild", _("Match index rebuild")
    PRINTING = "onsite.printing", _("Badges, agendas or table cards (PDF)")


ACTIVE_STATUSES = (JobStatus.QUEUED, JobStatus.RUNNING)


class Job(models.Model):
    """One piece of background work (an import, a scheduler run, a re-index) and its outcome.

    The task queue runs the work; this row is what pages and the API show, and what the reaper
    reads: a running job writes `heartbeat_at`, and one whose heartbeat is older than the lease
    lost its worker.
    """

    kind = models.CharField(_("kind"), max_length=40, choices=JobKind.choices, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    # What the job belongs to, for finding the latest one of a thing (e.g. "event:12").
    scope = models.CharField(_("scope"), max_length=80, blank=True, db_index=True)
    # Jobs with the same lock key never run side by side (a constraint, not a convention).
    lock_key = models.CharField(max_length=80, null=True, blank=True)
    task_path = models.CharField(max_length=200)
    args = models.JSONField(default=dict, blank=True)
    task_result_id = models.CharField(max_length=64, blank=True)
    progress_done = models.PositiveBigIntegerField(_("done"), default=0)
    progress_total = models.PositiveBigIntegerField(_("total"), default=0)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    max_attempts = models.PositiveSmallIntegerField(_("maximum attempts"), default=1)
    cancel_requested = models.BooleanField(_("cancel requested"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        constraints = [
            models.UniqueConstraint(
                fields=["lock_key"],
                condition=Q(status__in=["queued", "running"]),
                name="job_one_active_per_lock_key",
            )
        ]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="job_status_heartbeat")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def is_active(self) -> bool:
        """Queued or running: the page keeps polling."""
        return self.status in ACTIVE_STATUSES

    @property
    def percent(self) -> int | None:
        """Progress in per cent, when the job knows its total."""
        if not self.progress_total:
            return None
        return min(100, round(100 * self.progress_done / self.progress_total))


class JobFile(models.Model):
    """A file a job works on (an uploaded import) or makes (a report), kept in the database so
    task workers and web servers on other machines share it. Inputs are deleted when the job
    ends; outputs stay for the people who may follow the job, until they are pruned."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=255)
    content = models.BinaryField()
    is_output = models.BooleanField(default=False)

    def __str__(self) -> str:
        return self.name


class WorkerBeat(models.Model):
    """A task worker's sign of life, written every few seconds while it runs (also during a
    long task). The reaper closes a running task whose worker stopped beating, or restarted
    since the task began, once the lease has passed: a task without a job record included."""

    worker_id = models.CharField(max_length=64, unique=True)
    queues = models.CharField(max_length=200, blank=True)
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.worker_id
