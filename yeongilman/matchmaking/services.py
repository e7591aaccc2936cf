"""Writes of matchmaking: rebuilding the stored match index as a job."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from yeongilman.accounts.access import (
    AnyUser,
    require_operator,
    require_user,
)
from yeongilman.accounts.models import User
from yeongilman.core.errors import ValidationFailed
from yeongilman.jobs.models import Job, JobKind
from yeongilman.jobs.services import JobContext, job_enqueue
from yeongilman.matchmaking import adapter
from yeongilman.matchmaking.keys import ItemKey
from yeongilman.matchmaking.models import SuggestionFeedback, SuggestionVerdict


def match_index_rebuild_start(*, actor: User | None) -> Job:
    """Queue a rebuild of the stored match index (operators, or the system with actor=None);
    one at a time."""
    from yeongilman.matchmaking.tasks import rebuild_match_index_job

    if actor is not None:
        require_operator(actor)
    return job_enqueue(
        kind=JobKind.MATCH_INDEX_REBUILD,
        task=rebuild_match_index_job,
        actor=actor,
        lock_key="match-index-rebuild",
        max_attempts=3,  # a rebuild is idempotent: a lost one simply runs again
        busy_message=_("A rebuild of the match index is already queued or running."),
    )


def match_index_rebuild_execute(ctx: JobContext) -> dict[str, Any] | None:
    """Drop what is no longer indexable, then encode what changed in parts of a few hundred,
    each its own task, so every task worker shares the work."""
    items, keys = adapter.rebuild_plan()
    ctx.progress(0, len(keys))
    if not keys:
        return {"items": items, "encoded": 0}
    ctx.detach({"items": items, "encoded": len(keys)})
    adapter.refresh_later(keys, job_id=ctx.job_id, attempt=ctx.attempt)
    return None


def feedback_record(
    *, actor: AnyUser, subject: str, candidate: str, verdict: str,
    rank: int | None = None, score: float | None = None,
) -> SuggestionFeedback:  # fmt: skip
    """Store a member's verdict on a suggestion (the latest verdict wins)."""
    user = require_user(actor)
    if verdict not in SuggestionVerdict.values:
        raise ValidationFailed(
            _("Unknown verdict."), field_errors={"verdict": [_("Unknown verdict.")]}
        )
    if ItemKey.parse(candidate) is None:
        message = _("Not a suggested organisation or opportunity.")
        raise ValidationFailed(message, field_errors={"candidate": [message]})
    feedback, _created = SuggestionFeedback.objects.update_or_create(
        user=user, subject=subject, candidate=candidate,
        defaults={"verdict": verdict, "rank": rank, "score": score},
    )  # fmt: skip
    return feedback


def feedback_forget(*, user: User) -> int:
    """A deleted account's verdicts on suggestions go."""
    deleted, _by_model = SuggestionFeedback.objects.filter(user=user).delete()
    return deleted
