"""Whether a call may take an irreversible step now (advance a stage, publish the results):
its deadline passed or it was closed early with a reason, every required review is in or the
operator waived the missing ones with a reason, and no appeal of an earlier stage is open.
The operators' confirmation page reads the same figures the service checks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from yeongilman.accounts.models import User
from yeongilman.core.audit import audit_record
from yeongilman.core.errors import ValidationFailed
from yeongilman.programs import selectors
from yeongilman.programs.models import Appeal, AppealStatus, Application, Call, Review, Stage


@dataclass
class Readiness:
    """What stands between a stage and its irreversible step, and whom the step reaches."""

    deadline_passed: bool  # or the call was closed early
    closes_at: datetime
    short_of_reviews: int  # applications of the stage with fewer reviews in than required
    reviews_missing: int  # reviews still to come for those
    appeal_block: str  # why an earlier stage's appeals stop the step ('' when none do)
    applications: int  # applications the step decides
    organisations: int
    recipients: int  # people who get a letter

    @property
    def blocked(self) -> bool:
        """Whether nothing but waiting (or deciding appeals) lets the step go ahead."""
        return bool(self.appeal_block)


def readiness(
    stage: Stage, applications: list[Application], now: datetime | None = None
) -> Readiness:
    """The figures for taking `stage`'s step with `applications` (those it decides)."""
    now = now or timezone.now()
    call = stage.call
    ids = [a.pk for a in applications]
    done = dict(
        Review.objects.filter(selectors.of_stage_q(stage), application_id__in=ids)
        .values_list("application_id")
        .annotate(n=Count("id", filter=Q(submitted_at__isnull=False)))
    )
    needed = stage.per_application
    short = [pk for pk in ids if done.get(pk, 0) < needed]
    missing = sum(needed - done.get(pk, 0) for pk in short)
    organisations = {a.organisation_id for a in applications}
    recipients = (
        User.objects.filter(memberships__organisation_id__in=organisations, is_active=True)
        .distinct()
        .count()
    )
    return Readiness(
        deadline_passed=deadline_passed(call, now),
        closes_at=call.closes_at,
        short_of_reviews=len(short),
        reviews_missing=missing,
        appeal_block=_appeal_block(stage, now),
        applications=len(applications),
        organisations=len(organisations),
        recipients=recipients,
    )


def deadline_passed(call: Call, now: datetime) -> bool:
    """Whether the call no longer takes applications: its deadline passed or it closed early."""
    return now >= call.closes_at or call.closed_early_at is not None


def _appeal_block(stage: Stage, now: datetime) -> str:
    earlier = list(stage.call.stages.filter(position__lt=stage.position).order_by("position"))
    for before in earlier:
        if before.appeals_close_at and now < before.appeals_close_at:
            return _(
                "Appeals against the result of %(stage)s are open until %(time)s (UTC); "
                "wait until they close and are decided."
            ) % {"stage": before.name.primary, "time": f"{before.appeals_close_at:%Y-%m-%d %H:%M}"}
    pending = Appeal.objects.filter(stage__in=earlier, status=AppealStatus.PENDING).count()
    if pending:
        return ngettext(
            "%(n)s appeal against an earlier stage awaits a decision; decide it first.",
            "%(n)s appeals against an earlier stage await a decision; decide them first.",
            pending,
        ) % {"n": pending}
    return ""


def require_ready(
    *,
    user: User,
    stage: Stage,
    applications: list[Application],
    close_early_reason: str,
    waive_reviews_reason: str,
    now: datetime | None = None,
) -> Readiness:
    """Refuse the step unless the call's deadline passed (or closing it early is asked for,
    with a reason), every required review is in (or waiving them is asked for, with a reason)
    and no earlier stage's appeals are open. Records the closing and the waiver (audited);
    runs inside the step's transaction, with the call's row locked."""
    now = now or timezone.now()
    call = stage.call
    state = readiness(stage, applications, now)
    close_early_reason = (close_early_reason or "").strip()[:2000]
    waive_reviews_reason = (waive_reviews_reason or "").strip()[:2000]
    if state.appeal_block:
        raise ValidationFailed(state.appeal_block)
    errors: dict[str, list[str]] = {}
    if not state.deadline_passed and not close_early_reason:
        errors["close_early_reason"] = [
            _(
                "The call takes applications until %(time)s (UTC). Wait for the deadline, or "
                "close the call early and give the reason."
            )
            % {"time": f"{call.closes_at:%Y-%m-%d %H:%M}"}
        ]
    if state.short_of_reviews and not waive_reviews_reason:
        errors["waive_reviews_reason"] = [
            ngettext(
                "%(apps)s of %(total)s applications lacks %(missing)s of the reviews required. "
                "Wait for them, or go ahead without them and give the reason.",
                "%(apps)s of %(total)s applications lack %(missing)s of the reviews required. "
                "Wait for them, or go ahead without them and give the reason.",
                state.short_of_reviews,
            )
            % {
                "apps": state.short_of_reviews,
                "total": state.applications,
                "missing": state.reviews_missing,
            }  # fmt: skip
        ]
    if errors:
        raise ValidationFailed(next(iter(errors.values()))[0], field_errors=errors)
    if not state.deadline_passed:
        call.closed_early_at, call.close_early_reason = now, close_early_reason
        call.save(update_fields=["closed_early_at", "close_early_reason", "updated_at"])
        audit_record(actor=user, action="call_closed_early", subject=call,
                     scope=f"call:{call.pk}", reason=close_early_reason)  # fmt: skip
    if state.short_of_reviews:
        call.reviews_waived_reason = waive_reviews_reason
        call.save(update_fields=["reviews_waived_reason", "updated_at"])
        audit_record(actor=user, action="reviews_waived", subject=call, scope=f"call:{call.pk}",
                     stage=str(stage.name), applications=state.short_of_reviews,
                     missing=state.reviews_missing, reason=waive_reviews_reason)  # fmt: skip
    return state
