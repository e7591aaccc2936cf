"""Writes to selection: top-N with caps per industry, decisions by hand with a reason,
and the results (letters to every applicant; selected organisations become exhibitors)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yeongilman.accounts.access import AnyUser, require_operator
from yeongilman.accounts.models import User
from yeongilman.core.audit import audit_record
from yeongilman.core.db import lock_for_change
from yeongilman.core.errors import ValidationFailed
from yeongilman.events.services import exhibitor_ensure, exhibitor_exists, exhibitor_release
from yeongilman.outbox.services import mail_on_commit
from yeongilman.programs import selectors
from yeongilman.programs.models import Application, ApplicationStatus, Call, Outcome
from yeongilman.programs.scoring import select_top
from yeongilman.programs.services import readiness


@transaction.atomic
def selection_apply(
    *, actor: AnyUser, call: Call, places: int | None = None,
    quotas: dict[str, int] | None = None,
) -> list[int]:  # fmt: skip
    """Select the best-ranked applications for the call's places (caps per industry from
    `quotas` or the call's own); decisions made by hand stay as they are."""
    user = require_operator(actor)
    lock_for_change(call)  # one selection of a call at a time; publishing waits for it
    if call.results_published_at:
        raise ValidationFailed(_("The results are already published."))
    places = call.places if places is None else places
    quotas = call.industry_quotas if quotas is None else quotas
    if places < 0 or any(v < 0 for v in quotas.values()):
        raise ValidationFailed(_("Places and caps cannot be negative."))
    stages = selectors.stages_of(call)
    if any(s.advanced_at is None for s in stages[:-1]):
        raise ValidationFailed(_("Advance the earlier stages first."))
    final = stages[-1]
    ranking = selectors.ranking(call, final)
    applications = {a.pk: a for a in selectors.in_stage(final)}
    by_hand = {pk for pk, a in applications.items() if a.outcome_reason}
    chosen = set(
        select_top(
            [r.application for r in ranking],
            places,
            industry_of={r.application: r.industry for r in ranking},
            quotas=quotas,
            forced_in=frozenset(
                pk for pk in by_hand if applications[pk].outcome == Outcome.SELECTED
            ),
            forced_out=frozenset(
                pk for pk in by_hand if applications[pk].outcome == Outcome.NOT_SELECTED
            ),
        )
    )
    for pk, application in applications.items():
        if pk in by_hand:
            continue
        outcome = Outcome.SELECTED if pk in chosen else Outcome.NOT_SELECTED
        if application.outcome != outcome:
            application.outcome = outcome
            application.save(update_fields=["outcome", "updated_at"])
            audit_record(actor=user, action=f"outcome_{outcome}", subject=application,
                         scope=f"call:{call.pk}", by="ranking")  # fmt: skip
    audit_record(actor=user, action="selection_applied", subject=call, scope=f"call:{call.pk}",
                 places=places, quotas=quotas, selected=len(chosen))  # fmt: skip
    return sorted(int(str(pk)) for pk in chosen)


@transaction.atomic
def selection_override(
    *, actor: AnyUser, application: Application, outcome: str, reason: str
) -> Application:
    """Decide one application by hand; the reason is required and recorded."""
    user = require_operator(actor)
    lock_for_change(application.call)
    lock_for_change(application)
    if outcome not in (Outcome.SELECTED, Outcome.NOT_SELECTED, Outcome.PENDING):
        raise ValidationFailed(_("Unknown outcome."))
    reason = reason.strip()
    if outcome != Outcome.PENDING and not reason:
        raise ValidationFailed(
            _("Give the reason for a decision by hand."),
            field_errors={"reason": [_("This field is required.")]},
        )
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationFailed(_("Only submitted applications can be selected."))
    if application.call.results_published_at:
        raise ValidationFailed(_("The results are already published."))
    final = selectors.stages_of(application.call)[-1]
    if not selectors.in_stage(final).filter(pk=application.pk).exists():
        raise ValidationFailed(_("The application did not reach the final stage."))
    before = application.outcome
    application.outcome = outcome
    application.outcome_reason = reason if outcome != Outcome.PENDING else ""
    application.save(update_fields=["outcome", "outcome_reason", "updated_at"])
    audit_record(actor=user, action=f"outcome_{outcome}", subject=application,
                 scope=f"call:{application.call_id}", by="hand", previous=before,
                 reason=reason)  # fmt: skip
    return application


def results_preview(call: Call) -> readiness.Readiness:
    """What publishing the results would do now and what stands in its way (the operators'
    confirmation page reads it)."""
    final = selectors.stages_of(call)[-1]
    return readiness.readiness(final, list(selectors.in_stage(final)))


@transaction.atomic
def results_publish(
    *, actor: AnyUser, call: Call, close_early_reason: str = "", waive_reviews_reason: str = ""
) -> int:
    """Publish the results: letters to every submitted applicant in their language; the
    selected organisations become exhibitors of the call's event. Returns letters sent.
    Only after the deadline (or closing the call early, with a reason), with every required
    review in (or the missing ones waived, with a reason) and no earlier appeal open.
    Publishing twice at once sends one set of letters: the second waits, then is refused."""
    user = require_operator(actor)
    lock_for_change(call)
    if call.results_published_at:
        raise ValidationFailed(_("The results are already published."))
    # Applications stopped at an earlier stage had their letter when it was advanced.
    final = selectors.stages_of(call)[-1]
    if any(s.advanced_at is None for s in selectors.stages_of(call)[:-1]):
        raise ValidationFailed(_("Advance the earlier stages first."))
    submitted = list(selectors.in_stage(final).select_related("organisation"))
    if any(a.outcome == Outcome.PENDING for a in submitted):
        raise ValidationFailed(_("Decide every submitted application first."))
    readiness.require_ready(
        user=user, stage=final, applications=submitted,
        close_early_reason=close_early_reason, waive_reviews_reason=waive_reviews_reason,
    )  # fmt: skip
    call.results_published_at = timezone.now()
    call.save(update_fields=["results_published_at", "updated_at"])
    letters = 0
    for application in submitted:
        recipients = User.objects.filter(
            memberships__organisation_id=application.organisation_id, is_active=True
        ).distinct()
        mail_on_commit(
            list(recipients),
            gettext_noop("The result of your application"),
            "programs/email/result.txt",
            {"application": application, "call": call},
        )
        letters += recipients.count()
        if call.event_id and application.outcome == Outcome.SELECTED:
            existed = exhibitor_exists(
                event_id=call.event_id, organisation_id=application.organisation_id
            )
            exhibitor_ensure(event_id=call.event_id, organisation_id=application.organisation_id)
            if not existed:
                application.made_exhibitor = True
                application.save(update_fields=["made_exhibitor"])
    audit_record(actor=user, action="results_published", subject=call, scope=f"call:{call.pk}",
                 letters=letters)  # fmt: skip
    return letters


@transaction.atomic
def selected_application_withdraw(
    *, actor: AnyUser, application: Application, reason: str
) -> Application:
    """Operators withdraw a selected application (its organisation gave up the place; an
    applicant alone cannot): the exhibitor row the publication made is taken back through
    events, and the organisation's members get a letter with the reason. Audited."""
    user = require_operator(actor)
    call = application.call
    lock_for_change(call)
    lock_for_change(application)
    reason = (reason or "").strip()[:2000]
    if not reason:
        message = _("Give the reason for withdrawing a selected application.")
        raise ValidationFailed(message, field_errors={"reason": [message]})
    if application.status == ApplicationStatus.WITHDRAWN:
        return application
    if application.outcome != Outcome.SELECTED:
        raise ValidationFailed(_("Only a selected application is withdrawn here."))
    before = application.status
    application.status, application.withdrawn_at = ApplicationStatus.WITHDRAWN, timezone.now()
    released = False
    if application.made_exhibitor and call.event_id:
        released = exhibitor_release(
            actor=user, event_id=call.event_id, organisation_id=application.organisation_id,
            reason=reason,
        )  # fmt: skip
        application.made_exhibitor = False
    application.save(update_fields=["status", "withdrawn_at", "made_exhibitor", "updated_at"])
    audit_record(actor=user, action="application_withdrawn", subject=application,
                 scope=f"call:{call.pk}", previous=before, by="operator", reason=reason,
                 exhibitor_released=released)  # fmt: skip
    if call.results_published_at:
        members = User.objects.filter(
            memberships__organisation_id=application.organisation_id, is_active=True
        ).distinct()
        mail_on_commit(
            list(members),
            gettext_noop("Your application was withdrawn"),
            "programs/email/withdrawn.txt",
            {"application": application, "call": call, "reason": reason,
             "exhibitor_released": released},
        )  # fmt: skip
    return application
