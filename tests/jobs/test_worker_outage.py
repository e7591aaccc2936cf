"""The task worker outlives a database outage; the reaper closes every task whose worker is
gone, with or without a job record."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.management import get_commands
from django.db import OperationalError
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet

from yeongilman.core import lanes
from yeongilman.jobs import worker as worker_module
from yeongilman.jobs.models import WorkerBeat
from yeongilman.jobs.services import jobs_reap, lease_seconds, task_results_prune
from yeongilman.jobs.tasks import prune_finished
from yeongilman.jobs.worker import ResilientWorker

DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": list(lanes.LANES)}
}


def _worker() -> ResilientWorker:
    return ResilientWorker(
        queue_names=[lanes.BULK], interval=0, batch=True, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id="test-worker", excluded_queue_names=[],
    )  # fmt: skip


def test_db_worker_is_the_worker_that_waits_out_outages():
    assert get_commands()["db_worker"] == "yeongilman.jobs"


@pytest.mark.django_db(transaction=True)
def test_the_worker_waits_for_the_database_and_then_runs_its_whole_queue(monkeypatch):
    real_get_locked = DBTaskResultQuerySet.get_locked
    calls = {"claims": 0, "probes": 0}

    def claim_fails_twice_after_the_first(self: Any) -> Any:
        calls["claims"] += 1
        if calls["claims"] in (2, 3):
            raise OperationalError("server closed the connection unexpectedly")
        return real_get_locked(self)

    def database_back_on_third_probe() -> bool:
        calls["probes"] += 1
        return calls["probes"] >= 3

    monkeypatch.setattr(DBTaskResultQuerySet, "get_locked", claim_fails_twice_after_the_first)
    monkeypatch.setattr(worker_module, "database_answers", database_back_on_third_probe)
    monkeypatch.setattr(worker_module.time, "sleep", lambda seconds: None)
    with override_settings(TASKS=DATABASE_TASKS):
        results = [prune_finished.enqueue() for _ in range(3)]
        worker = _worker()
        worker.run()  # batch mode: returns once the queue is empty

    statuses = DBTaskResult.objects.filter(id__in=[r.id for r in results])
    assert sorted(statuses.values_list("status", flat=True)) == ["SUCCESSFUL"] * 3
    assert worker.outages == 2
    assert calls["probes"] == 4  # two failed probes in the first outage, then one per outage


@pytest.mark.django_db(transaction=True)
def test_a_task_whose_result_could_not_be_written_is_closed_once_the_database_is_back(
    monkeypatch,
):
    real_set_successful, real_set_failed = DBTaskResult.set_successful, DBTaskResult.set_failed
    failures: list[Any] = []

    def result_write_fails_once(self: DBTaskResult, value: Any) -> None:
        if not failures:
            failures.append(self.id)
            raise OperationalError("terminating connection due to administrator command")
        real_set_successful(self, value)

    def failure_write_fails_while_down(self: DBTaskResult, exc: BaseException) -> None:
        if len(failures) == 1:  # the database is still away when the worker records the error
            failures.append("down")
            raise OperationalError("no connection to the server")
        real_set_failed(self, exc)

    monkeypatch.setattr(DBTaskResult, "set_successful", result_write_fails_once)
    monkeypatch.setattr(DBTaskResult, "set_failed", failure_write_fails_while_down)
    monkeypatch.setattr(worker_module, "database_answers", lambda: True)
    with override_settings(TASKS=DATABASE_TASKS):
        first, second = prune_finished.enqueue(), prune_finished.enqueue()
        worker = _worker()
        worker.run()

    rows = {str(r.id): r for r in DBTaskResult.objects.filter(id__in=[first.id, second.id])}
    lost = rows.pop(str(failures[0]))
    (other,) = rows.values()
    assert (lost.status, lost.exception_class_path) == (
        "FAILED", "django.db.utils.OperationalError"
    )  # fmt: skip
    assert other.status == "SUCCESSFUL"
    assert worker.outages == 1


@pytest.mark.django_db(transaction=True)
def test_the_worker_writes_its_heartbeat_while_it_runs():
    with override_settings(TASKS=DATABASE_TASKS):
        prune_finished.enqueue()
        worker = _worker()
        worker.run()
    beat = WorkerBeat.objects.get(worker_id="test-worker")
    assert beat.started_at == worker.started_at
    assert beat.queues == "bulk"


def _running_task(worker_id: str, started_seconds_ago: float) -> DBTaskResult:
    result = prune_finished.enqueue()
    row = DBTaskResult.objects.get(id=result.id)
    row.claim(worker_id)
    DBTaskResult.objects.filter(id=row.id).update(
        started_at=timezone.now() - timedelta(seconds=started_seconds_ago)
    )
    return row


@pytest.mark.django_db
def test_the_reaper_closes_every_running_task_whose_worker_is_gone_job_or_not():
    lease = lease_seconds()
    now = timezone.now()
    WorkerBeat.objects.create(worker_id="alive", started_at=now - timedelta(hours=1), beat_at=now)
    WorkerBeat.objects.create(  # restarted (same id, as systemd's %H-%i) after its task began
        worker_id="restarted", started_at=now - timedelta(seconds=lease), beat_at=now
    )
    WorkerBeat.objects.create(
        worker_id="silent", started_at=now - timedelta(hours=1), beat_at=now - timedelta(hours=1)
    )
    with override_settings(TASKS=DATABASE_TASKS):
        busy = _running_task("alive", 3 * lease)
        young = _running_task("never-beat", lease / 2)
        restarted = _running_task("restarted", 3 * lease)
        silent = _running_task("silent", 3 * lease)
        unknown = _running_task("never-beat", 3 * lease)
        assert jobs_reap() == 0  # no job records: the count is of jobs

    status = dict(DBTaskResult.objects.values_list("id", "status"))
    assert (status[busy.id], status[young.id]) == ("RUNNING", "RUNNING")
    assert [status[restarted.id], status[silent.id], status[unknown.id]] == ["FAILED"] * 3
    closed = DBTaskResult.objects.get(id=silent.id)
    assert closed.finished_at is not None
    assert closed.exception_class_path == "yeongilman.jobs.services.WorkerLost"


@pytest.mark.django_db
def test_pruning_forgets_the_heartbeats_of_workers_gone_for_two_weeks():
    now = timezone.now()
    for worker_id, age in (("gone", timedelta(days=15)), ("recent", timedelta(days=13))):
        WorkerBeat.objects.create(worker_id=worker_id, started_at=now - age, beat_at=now - age)
    task_results_prune(days=14)
    assert list(WorkerBeat.objects.values_list("worker_id", flat=True)) == ["recent"]
