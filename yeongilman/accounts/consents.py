"""Consents: what a person agreed to, to which version of the privacy policy, and when they
took it back. Features that depend on an optional consent ask `consent_active`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yeongilman.accounts.models import REQUIRED_PURPOSES, Consent, ConsentPurpose, User
from yeongilman.core.audit import audit_record
from yeongilman.core.errors import ValidationFailed


def consents_give(*, user: User, purposes: set[str]) -> None:
    """Record consent to the current privacy policy for each purpose."""
    version = settings.YV_PRIVACY_POLICY_VERSION
    now = timezone.now()
    Consent.objects.bulk_create(
        [Consent(user=user, purpose=p, policy_version=version, given_at=now) for p in purposes]
    )


def consent_active(user: User, purpose: str) -> bool:
    """Whether the user's latest consent for the purpose stands."""
    latest = Consent.objects.filter(user=user, purpose=purpose).first()
    return bool(latest and latest.withdrawn_at is None)


def consents_of(user: User) -> list[dict[str, Any]]:
    """Each purpose with the user's standing consent (or None), for the profile page."""
    standing: dict[str, Consent | None] = {}
    for consent in Consent.objects.filter(user=user).order_by("given_at", "id"):
        standing[consent.purpose] = None if consent.withdrawn_at else consent
    return [
        {
            "purpose": purpose,
            "label": label,
            "required": purpose in REQUIRED_PURPOSES,
            "consent": standing.get(purpose),
        }
        for purpose, label in ConsentPurpose.choices
    ]


@transaction.atomic
def consent_set(*, user: User, purpose: str, given: bool) -> None:
    """Give or withdraw an optional consent (the required one goes with the account)."""
    if purpose not in ConsentPurpose.values:
        raise ValidationFailed(_("Unknown purpose."))
    if purpose in REQUIRED_PURPOSES and not given:
        raise ValidationFailed(
            _("This consent is needed to keep an account. To withdraw it, delete your account.")
        )
    active = consent_active(user, purpose)
    if given and not active:
        consents_give(user=user, purposes={purpose})
    elif not given and active:
        Consent.objects.filter(user=user, purpose=purpose, withdrawn_at__isnull=True).update(
            withdrawn_at=timezone.now()
        )
    if given != active:
        audit_record(actor=user, action="consent_given" if given else "consent_withdrawn",
                     subject=user, scope="privacy", purpose=purpose)  # fmt: skip
