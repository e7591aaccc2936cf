"""Who may follow and cancel a job: the person who started it, and operators."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from yeongilman.accounts.access import is_operator
from yeongilman.core.errors import NotAuthenticated, NotFound
from yeongilman.jobs.models import Job


def can_see_job(user: Any, job: Job) -> bool:
    """Operators see every job; others only the jobs they started."""
    if not user.is_authenticated:
        return False
    return is_operator(user) or job.started_by_id == user.pk


def require_can_see(user: Any, job: Job) -> None:
    """Raise unless the user may follow this job (404 for others, so ids tell nothing)."""
    if not user.is_authenticated:
        raise NotAuthenticated(_("Sign in first."))
    if not can_see_job(user, job):
        raise NotFound(_("No such job."))


def require_can_cancel(user: Any, job: Job) -> None:
    """Whoever may follow a job may also cancel it."""
    require_can_see(user, job)
