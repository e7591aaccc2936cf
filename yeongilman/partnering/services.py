"""Writes of partnering: opportunities, expressions of interest, introductions, feedback."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yeongilman.accounts.access import (
    AnyUser,
    is_operator,
    member_organisation_ids,
    require_user,
)
from yeongilman.accounts.consents import consent_active
from yeongilman.accounts.models import ConsentPurpose, Membership, User
from yeongilman.core.db import lock_for_change
from yeongilman.core.errors import Conflict, PermissionDenied, ValidationFailed
from yeongilman.core.i18n import one_language_errors
from yeongilman.directory.models import Industry, Organisation
from yeongilman.outbox.services import mail_on_commit
from yeongilman.partnering.access import can_edit_opportunity
from yeongilman.partnering.models import (
    Interest,
    InterestStatus,
    Introduction,
    IntroductionStatus,
    Opportunity,
    OpportunityStatus,
    OpportunityType,
)

OPPORTUNITY_FIELDS = frozenset(
    {
        "type", "title_ko", "title_en", "description_ko", "description_en", "target_countries",
        "stage", "expires_at", "is_anonymous",
    }
)  # fmt: skip
DEFAULT_LIFETIME = timedelta(days=180)
RENEWAL = timedelta(days=180)
REMIND_BEFORE = timedelta(days=14)


def _members(organisation: Organisation) -> list[User]:
    return [
        m.user
        for m in Membership.objects.filter(organisation=organisation).select_related("user")
        if m.user.is_active and m.user.email
    ]


def _sharing(members: list[User]) -> list[User]:
    """The members who agreed to share their name and address with accepted partners."""
    return [m for m in members if consent_active(m, ConsentPurpose.CONTACT)]


def _invalid(message: str, field: str, error: str) -> ValidationFailed:
    return ValidationFailed(message, field_errors={field: [error]})


def _validate(opportunity: Opportunity) -> None:
    errors = one_language_errors("title", opportunity.title_ko, opportunity.title_en)
    errors |= one_language_errors(
        "description", opportunity.description_ko, opportunity.description_en
    )
    if opportunity.type not in OpportunityType.values:
        errors["type"] = [_("Choose a type.")]
    countries = opportunity.target_countries
    if not isinstance(countries, list) or not all(
        isinstance(c, str) and len(c) == 2 and c.isalpha() for c in countries
    ):
        errors["target_countries"] = [_("Use two-letter country codes, such as US or KR.")]
    else:
        opportunity.target_countries = sorted({c.upper() for c in countries})
    if errors:
        raise ValidationFailed(_("Please correct the marked fields."), field_errors=errors)


def _industries(codes: Iterable[str]) -> list[Industry]:
    codes = list(dict.fromkeys(codes))
    found = list(Industry.objects.filter(code__in=codes))
    if len(found) != len(codes):
        unknown = sorted(set(codes) - {i.code for i in found})
        raise ValidationFailed(
            _("Unknown industry."),
            field_errors={"industries": [_("Unknown: %s") % ", ".join(unknown)]},
        )
    return found


@transaction.atomic
def opportunity_create(
    *, actor: AnyUser, owner: Organisation, values: Mapping[str, Any],
    industries: Iterable[str] = (), publish: bool = False,
) -> Opportunity:  # fmt: skip
    """Create an opportunity for an organisation the actor belongs to (operators: any)."""
    user = require_user(actor)
    if not (is_operator(user) or owner.pk in member_organisation_ids(user)):
        raise PermissionDenied(_("Only members of the organisation can do this."))
    opportunity = Opportunity(owner=owner, created_by=user)
    for field, value in values.items():
        if field in OPPORTUNITY_FIELDS:
            setattr(opportunity, field, value)
    _validate(opportunity)
    chosen = _industries(industries)
    if publish:
        _publish_fields(opportunity)
    opportunity.save()
    opportunity.industries.set(chosen)
    return opportunity


@transaction.atomic
def opportunity_update(
    *, actor: AnyUser, opportunity: Opportunity, values: Mapping[str, Any],
    industries: Iterable[str] | None = None,
) -> Opportunity:  # fmt: skip
    """Change an opportunity's content."""
    if not can_edit_opportunity(actor, opportunity):
        raise PermissionDenied(_("Only members of the organisation can change this."))
    for field, value in values.items():
        if field in OPPORTUNITY_FIELDS:
            setattr(opportunity, field, value)
    _validate(opportunity)
    opportunity.save()
    if industries is not None:
        opportunity.industries.set(_industries(industries))
    return opportunity


def _publish_fields(opportunity: Opportunity) -> None:
    now = timezone.now()
    opportunity.status = OpportunityStatus.PUBLISHED
    opportunity.published_at = opportunity.published_at or now
    if opportunity.expires_at is None or opportunity.expires_at <= now:
        opportunity.expires_at = now + DEFAULT_LIFETIME
    opportunity.renewal_reminded_at = None


@transaction.atomic
def opportunity_set_status(*, actor: AnyUser, opportunity: Opportunity, status: str) -> Opportunity:
    """Publish (also renews an expired one), close or return to draft."""
    lock_for_change(opportunity)
    if not can_edit_opportunity(actor, opportunity):
        raise PermissionDenied(_("Only members of the organisation can change this."))
    if status not in OpportunityStatus.values:
        raise _invalid(_("Unknown status."), "status", _("Unknown status."))
    if status == OpportunityStatus.PUBLISHED:
        _publish_fields(opportunity)
    else:
        opportunity.status = status
    opportunity.save()
    return opportunity


@transaction.atomic
def opportunity_renew(*, actor: AnyUser, opportunity: Opportunity) -> Opportunity:
    """Extend a published opportunity's life from today."""
    lock_for_change(opportunity)
    if not can_edit_opportunity(actor, opportunity):
        raise PermissionDenied(_("Only members of the organisation can change this."))
    opportunity.expires_at = timezone.now() + RENEWAL
    opportunity.status = OpportunityStatus.PUBLISHED
    opportunity.renewal_reminded_at = None
    opportunity.save()
    return opportunity


def remind_expiring(now: Any = None) -> int:
    """Mail the owners of opportunities expiring within two weeks (once each); returns count."""
    now = now or timezone.now()
    due = Opportunity.objects.filter(
        status=OpportunityStatus.PUBLISHED,
        expires_at__gt=now,
        expires_at__lte=now + REMIND_BEFORE,
        renewal_reminded_at__isnull=True,
    ).select_related("owner")
    count = 0
    for opportunity in due:
        with transaction.atomic():
            mail_on_commit(
                _members(opportunity.owner),
                gettext_noop("Your opportunity expires soon"),
                "partnering/email/renew.txt",
                {"opportunity": opportunity},
            )
            opportunity.renewal_reminded_at = now
            opportunity.save(update_fields=["renewal_reminded_at"])
        count += 1
    return count


@transaction.atomic
def interest_send(
    *, actor: AnyUser, opportunity: Opportunity, organisation: Organisation, message: str
) -> Interest:
    """Express interest in an opportunity on behalf of one of the actor's organisations."""
    user = require_user(actor)
    if organisation.pk not in member_organisation_ids(user):
        raise PermissionDenied(_("You can only write on behalf of your own organisation."))
    if organisation.pk == opportunity.owner_id:
        raise ValidationFailed(
            _("This is your own opportunity."),
            field_errors={"organisation": [_("Choose another one.")]},
        )
    if not opportunity.is_live:
        raise ValidationFailed(
            _("This opportunity is not open any more."),
            field_errors={"opportunity": [_("Closed.")]},
        )
    message = (message or "").strip()
    if not message:
        raise _invalid(_("Write a short message."), "message", _("This field is required."))
    try:
        with transaction.atomic():
            interest = Interest.objects.create(
                opportunity=opportunity, organisation=organisation, sender=user,
                message=message[:3000],
            )  # fmt: skip
    except IntegrityError:
        raise ValidationFailed(
            _("Your organisation has already expressed interest in this opportunity."),
            field_errors={"organisation": [_("Already sent.")]},
        ) from None
    mail_on_commit(
        _members(opportunity.owner),
        gettext_noop("New expression of interest"),
        "partnering/email/interest.txt",
        {"interest": interest, "opportunity": opportunity},
    )
    return interest


@transaction.atomic
def interest_answer(*, actor: AnyUser, interest: Interest, accept: bool) -> Interest:
    """The opportunity's owner accepts (contacts are shared both ways) or declines, once: a
    second answer, even at the same moment, is refused and sends nothing."""
    user = require_user(actor)
    lock_for_change(interest)
    owner = interest.opportunity.owner
    if not (is_operator(user) or owner.pk in member_organisation_ids(user)):
        raise PermissionDenied(_("Only the opportunity's organisation can answer."))
    if interest.status != InterestStatus.PENDING:
        raise Conflict(_("This was already answered."), field_errors={"status": [interest.status]})
    interest.status = InterestStatus.ACCEPTED if accept else InterestStatus.DECLINED
    interest.answered_at = timezone.now()
    interest.answered_by = user
    interest.save()
    sender_side = _members(interest.organisation)
    owner_side = _members(owner)
    context = {"interest": interest, "opportunity": interest.opportunity}
    if accept:
        mail_on_commit(sender_side, gettext_noop("Your interest was accepted"),
                "partnering/email/accepted.txt", {**context, "contacts": _sharing(owner_side),
                                                  "partner": owner})  # fmt: skip
        mail_on_commit(owner_side, gettext_noop("Contact details of your new partner"),
                "partnering/email/accepted.txt", {**context, "contacts": _sharing(sender_side),
                                                  "partner": interest.organisation})  # fmt: skip
    else:
        mail_on_commit(sender_side, gettext_noop("Your interest was declined"),
                "partnering/email/declined.txt", context)  # fmt: skip
    return interest


def introduction_create(
    *, actor: AnyUser, first: Organisation, second: Organisation, note: str = "",
    opportunity: Opportunity | None = None,
) -> Introduction:  # fmt: skip
    """An operator brokers an introduction between two organisations."""
    user = require_user(actor)
    if not is_operator(user):
        raise PermissionDenied(_("Only operators can do this."))
    if first.pk == second.pk:
        raise ValidationFailed(
            _("Choose two different organisations."),
            field_errors={"second": [_("Same organisation.")]},
        )
    return Introduction.objects.create(
        first=first, second=second, note=note, opportunity=opportunity, broker=user
    )


@transaction.atomic
def introduction_update(
    *, actor: AnyUser, introduction: Introduction, status: str, outcome: str | None = None
) -> Introduction:
    """Record how an introduction went."""
    lock_for_change(introduction)
    if not is_operator(actor):
        raise PermissionDenied(_("Only operators can do this."))
    if status not in IntroductionStatus.values:
        raise _invalid(_("Unknown status."), "status", _("Unknown status."))
    introduction.status = status
    if outcome is not None:
        introduction.outcome = outcome
    introduction.save()
    return introduction
