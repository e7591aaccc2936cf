"""The task worker that outlives its database: `manage.py db_worker` runs this one.

django-tasks' database worker exits on the first connection error, and with it honcho stops
`make run`, while systemd restarts it only to fail again until the database is back. This
worker waits instead: it closes the broken connection, tries again with a growing pause (at
most `MAX_WAIT_SECONDS`), and picks its queue up where it was once the database answers. A task
whose result could not be written while the database was away is closed as failed as soon as
it is back (the reaper would otherwise do it after the lease).

A thread writes the worker's heartbeat (`WorkerBeat`) every `BEAT_SECONDS`, also while a long
task runs, so the reaper tells a busy worker from a dead one.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime

from django.db import InterfaceError, OperationalError, close_old_connections, connections
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from yeongilman.jobs.models import WorkerBeat

log = logging.getLogger(__name__)

DATABASE_DOWN = (OperationalError, InterfaceError)
FIRST_WAIT_SECONDS = 0.5
MAX_WAIT_SECONDS = 15.0
BEAT_SECONDS = 5.0


def close_connections() -> None:
    """Drop this thread's database connections, broken ones included, without raising."""
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except DATABASE_DOWN:
            connection.connection = None


def database_answers() -> bool:
    """Whether the default database answers a trivial query now (a fresh connection)."""
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DATABASE_DOWN:
        close_connections()
        return False


def beat(worker_id: str, started_at: datetime, queues: str) -> None:
    """Write the worker's heartbeat (one row per worker id, kept up to date)."""
    now = timezone.now()
    values = {"beat_at": now, "started_at": started_at, "queues": queues[:200]}
    if not WorkerBeat.objects.filter(worker_id=worker_id).update(**values):
        WorkerBeat.objects.update_or_create(worker_id=worker_id, defaults=values)


class ResilientWorker(Worker):
    """django-tasks' worker, waiting out database outages instead of exiting."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.started_at = timezone.now()
        self.unrecorded: tuple[DBTaskResult, BaseException] | None = None
        self.outages = 0
        self._stop_beating = threading.Event()

    def run(self) -> None:
        """Work the queues until told to stop; an outage is a pause, not the end."""
        beater = threading.Thread(target=self._beat_forever, name="worker-beat", daemon=True)
        beater.start()
        try:
            while True:
                try:
                    self.close_unrecorded()
                    super().run()
                    return
                except DATABASE_DOWN as exc:
                    if not self.running:
                        return
                    self.outages += 1
                    self.wait_for_database(exc)
                    self.startup_delay = False
        finally:
            self._stop_beating.set()
            beater.join(timeout=BEAT_SECONDS)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        """Run a task; if its result cannot be written (the database went away), remember it
        so that it is closed once the database is back."""
        try:
            super().run_task(db_task_result)
        except DATABASE_DOWN as exc:
            self.unrecorded = (db_task_result, exc)
            raise

    def wait_for_database(self, exc: BaseException) -> None:
        """Pause with a growing interval until the database answers again (or a signal stops
        the worker: the signal handler exits during the pause)."""
        wait = FIRST_WAIT_SECONDS
        log.warning("database unreachable (%s); worker %s waits", exc, self.worker_id)
        close_connections()
        while self.running and not database_answers():
            time.sleep(wait)
            wait = min(MAX_WAIT_SECONDS, wait * 2)
        log.warning("database reachable again; worker %s goes on", self.worker_id)

    def close_unrecorded(self) -> None:
        """Mark the task that was running when the database went away as failed (only if it
        is still this worker's and still running)."""
        if self.unrecorded is None:
            return
        db_task_result, exc = self.unrecorded
        current = DBTaskResult.objects.filter(pk=db_task_result.pk, status="RUNNING").first()
        if current is not None and current.worker_ids[-1:] == [self.worker_id]:
            current.set_failed(exc)
        self.unrecorded = None

    def _beat_forever(self) -> None:
        queues = ",".join(self.queue_names)
        while not self._stop_beating.is_set():
            try:
                beat(self.worker_id, self.started_at, queues)
            except DATABASE_DOWN:
                close_connections()
            except Exception:  # the heartbeat must never stop the worker
                log.exception("worker heartbeat failed")
            finally:
                close_old_connections()
            self._stop_beating.wait(BEAT_SECONDS)
        close_connections()
