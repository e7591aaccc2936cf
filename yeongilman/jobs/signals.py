"""A task worker that starts a task first reaps jobs that lost their worker."""

from __future__ import annotations

import logging
from typing import Any

from django.dispatch import receiver
from django_tasks.signals import task_started

log = logging.getLogger(__name__)


@receiver(task_started)
def reap_before_task(sender: type, **kwargs: Any) -> None:
    """Cheap (one indexed query); a restarted worker thus frees what its predecessor held."""
    from yeongilman.jobs.services import jobs_reap

    try:
        jobs_reap()
    except Exception:  # never stop the task that is about to run
        log.exception("reaping lost jobs failed")
