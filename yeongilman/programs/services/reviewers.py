"""Writes about reviewers themselves: the profile that carries their expertise across calls,
and the operators' messages to a stage's reviewers."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from yeongilman.accounts.access import AnyUser, require_operator, require_user
from yeongilman.accounts.models import User
from yeongilman.core.audit import audit_record
from yeongilman.core.errors import ValidationFailed
from yeongilman.directory.models import Industry
from yeongilman.outbox.services import mail_on_commit
from yeongilman.programs import selectors
from yeongilman.programs.models import Review, ReviewerProfile, Stage


@transaction.atomic
def reviewer_profile_save(*, actor: AnyUser, expertise: list[str]) -> ReviewerProfile:
    """Set the actor's own expertise (industry codes); every call's assignment prefers it."""
    user = require_user(actor)
    if not (user.is_reviewer or user.is_operator):
        raise ValidationFailed(_("Only reviewers keep a reviewer profile."))
    codes = sorted(set(expertise))
    known = set(Industry.objects.filter(code__in=codes).values_list("code", flat=True))
    if set(codes) - known:
        raise ValidationFailed(
            _("Choose industries from the list."),
            field_errors={"expertise": [_("Unknown industry.")]},
        )
    profile, _new = ReviewerProfile.objects.update_or_create(
        user=user, defaults={"expertise": codes}
    )
    return profile


@transaction.atomic
def reviewers_mail(
    *, actor: AnyUser, stage: Stage, subject: str, body: str, only_unfinished: bool = False
) -> int:
    """Mail the stage's reviewers (with `only_unfinished`, those with reviews still to do);
    returns how many were mailed."""
    user = require_operator(actor)
    subject, body = subject.strip()[:200], body.strip()[:5000]
    errors = {}
    if not subject:
        errors["subject"] = [_("This field is required.")]
    if not body:
        errors["body"] = [_("This field is required.")]
    if errors:
        raise ValidationFailed(_("The message was not sent."), field_errors=errors)
    ids = set(selectors.stage_pool(stage).values_list("user_id", flat=True))
    if only_unfinished:
        ids &= set(
            Review.objects.filter(selectors.of_stage_q(stage), application__call=stage.call,
                                  submitted_at__isnull=True)
            .values_list("reviewer_id", flat=True)
        )  # fmt: skip
    recipients = list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk"))
    if not recipients:
        raise ValidationFailed(_("Nobody to write to: the stage has no such reviewers."))
    mail_on_commit(
        recipients, subject, "programs/email/reviewer_message.txt",
        {"call": stage.call, "stage": stage, "body": body},
        tag="programs/email/reviewer_message.txt",
    )  # fmt: skip
    audit_record(actor=user, action="reviewers_mailed", subject=stage.call,
                 scope=f"call:{stage.call_id}", stage=str(stage.name),
                 recipients=len(recipients), subject_line=subject)  # fmt: skip
    return len(recipients)
