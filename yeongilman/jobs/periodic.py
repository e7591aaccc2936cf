"""Periodic work: each app registers its own tasks here (in its `AppConfig.ready`), and the
clock, the every-minute timer and the daily timer queue what is registered. `jobs` knows no
feature: the list is whatever the installed apps put in it."""

from __future__ import annotations

import logging
from typing import Any, Literal

log = logging.getLogger(__name__)

Every = Literal["minute", "day"]
_registered: dict[Every, dict[str, Any]] = {"minute": {}, "day": {}}


def register(task: Any, *, every: Every) -> None:
    """Queue `task` every minute or once a day. It must be safe to run twice (and, every
    minute, on two workers at once). Registering the same task again changes nothing."""
    _registered[every][task.module_path] = task


def daily_tasks() -> list[Any]:
    """The daily tasks the installed apps registered, in the order they registered them."""
    return list(_registered["day"].values())


def minutely_tasks() -> list[Any]:
    """The tasks queued every minute: work that must not wait a day, such as a reminder 30
    minutes before a meeting."""
    return list(_registered["minute"].values())


def enqueue_daily() -> int:
    """Queue the daily tasks for the task workers; returns how many were queued."""
    tasks = daily_tasks()
    for task in tasks:
        task.enqueue()
    log.info("queued %d daily tasks", len(tasks))
    return len(tasks)


def enqueue_minutely() -> int:
    """Queue the every-minute tasks for the task workers; returns how many were queued."""
    tasks = minutely_tasks()
    for task in tasks:
        task.enqueue()
    return len(tasks)
