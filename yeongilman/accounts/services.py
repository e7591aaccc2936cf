"""Writes for accounts: sign-up, language preference, invitations and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from yeongilman.accounts.access import require_operator
from yeongilman.accounts.consents import consents_give
from yeongilman.accounts.models import (
    REQUIRED_PURPOSES,
    TIME_ZONES,
    ApiToken,
    Invitation,
    Membership,
    MembershipRole,
    User,
)
from yeongilman.core.audit import audit_record
from yeongilman.core.errors import NotFound, PermissionDenied, ValidationFailed
from yeongilman.outbox.services import mail_address

if TYPE_CHECKING:  # accounts stand below the directory: the type only
    from yeongilman.directory.models import Organisation

INVITATION_DAYS = 14


@transaction.atomic
def user_sign_up(
    *,
    email: str,
    password: str | None,
    full_name: str = "",
    language: str = "ko",
    consents: set[str] | frozenset[str] = frozenset(),
    name_latin: str = "",
) -> User:
    """Create an account for a new person (no role beyond visitor until invited), with the
    consents they gave; the consent needed to run an account is required. Without a password
    (None) the account cannot sign in until its owner sets one ("forgot password")."""
    if not set(consents) >= REQUIRED_PURPOSES:
        raise ValidationFailed(
            _("Agree to the collection and use of your data to create an account."),
            field_errors={"consent_service": [_("This consent is needed for an account.")]},
        )
    email = email.strip().lower()
    if User.objects.filter(email=email).exists():
        raise ValidationFailed(
            _("An account with this e-mail address already exists."),
            field_errors={"email": [_("An account with this e-mail address already exists.")]},
        )
    user = User.objects.create_user(
        email=email,
        password=password,
        full_name=full_name.strip(),
        language=language,
        name_latin=name_latin.strip(),
    )
    consents_give(user=user, purposes=set(consents))
    return user


def user_set_language(*, user: User, language: str) -> None:
    """Remember the user's interface language so it follows them across devices."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationFailed(_("Unsupported language."))
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def user_update_profile(
    *, user: User, full_name: str, language: str, time_zone: str, name_latin: str | None = None
) -> None:
    """Change the user's display name (and its form in Latin letters), preferred language and
    time zone (empty: the browser's, else each event's)."""
    user_set_language(user=user, language=language)
    if time_zone and time_zone not in dict(TIME_ZONES):
        raise ValidationFailed(_("Unsupported time zone."))
    user.full_name = full_name.strip()
    if name_latin is not None:
        user.name_latin = name_latin.strip()
    user.time_zone = time_zone
    user.save(update_fields=["full_name", "name_latin", "time_zone"])


@transaction.atomic
def invitation_create(
    *, actor: User, email: str, organisation: Organisation, role: str, accept_url_base: str
) -> Invitation:
    """Invite an e-mail address to an organisation with a role, and mail the link."""
    require_operator(actor)
    if role not in MembershipRole.values:
        raise ValidationFailed(_("Unknown role."), field_errors={"role": [_("Unknown role.")]})
    invitation = Invitation.objects.create(
        email=email.strip().lower(),
        organisation=organisation,
        role=role,
        token=secrets.token_urlsafe(32),
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    link = f"{accept_url_base.rstrip('/')}/{invitation.token}/"
    existing = User.objects.filter(email=invitation.email).first()
    language = existing.language if existing else translation.get_language() or "ko"

    with translation.override(language):
        subject = _("You are invited to %(org)s on Yeongilman Valley") % {"org": organisation.name}
        body = render_to_string(
            "accounts/email/invitation.txt",
            {"invitation": invitation, "link": link, "organisation": organisation},
        )
    mail_address(
        address=invitation.email,
        language=language,
        subject=subject,
        body=body,
        user=existing,
        tag="accounts.invitation",
    )
    return invitation


def invitation_for_token(token: str) -> Invitation:
    """Find an open invitation by its secret token."""
    invitation = Invitation.objects.select_related("organisation").filter(token=token).first()
    if invitation is None or invitation.accepted_at is not None:
        raise NotFound(_("This invitation is not valid or was already used."))
    if invitation.expires_at < timezone.now():
        raise NotFound(_("This invitation has expired. Ask the operator for a new one."))
    return invitation


@transaction.atomic
def membership_add(*, user: User, organisation: Organisation, role: str) -> Membership:
    """Make the user a member of the organisation with this role (an existing membership is
    kept; owner is never lowered). Called by the directory when a member creates a profile."""
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    if not created and role == MembershipRole.OWNER and membership.role != role:
        membership.role = MembershipRole.OWNER
        membership.save(update_fields=["role", "updated_at"])
    return membership


def invitation_accept(*, user: User, token: str) -> Membership:
    """Join the invitation's organisation with its role (an existing role is upgraded, not lost)."""
    invitation = invitation_for_token(token)
    if invitation.email != user.email.lower():
        raise PermissionDenied(
            _("This invitation was sent to %(email)s. Sign in with that address to accept it.")
            % {"email": invitation.email}
        )
    membership = membership_add(
        user=user, organisation=invitation.organisation, role=invitation.role
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    return membership


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_issue(*, actor: User, user: User, name: str) -> tuple[ApiToken, str]:
    """Issue an API token for a user (operators only); the raw token is returned once."""
    require_operator(actor)
    token, raw = _token_issue(user=user, name=name, issued_by=actor)
    audit_record(actor=actor, action="token_issued", subject=token, scope="accounts",
                 user=user.email, name=token.name, prefix=token.prefix)  # fmt: skip
    return token, raw


def api_token_issue_from_console(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Issue a token from the server's console (`manage.py issue_token`: set-up, automation);
    whoever can run commands on the server is trusted already."""
    token, raw = _token_issue(user=user, name=name, issued_by=None)
    audit_record(actor=None, action="token_issued", subject=token, scope="accounts",
                 user=user.email, name=token.name, prefix=token.prefix, via="console")  # fmt: skip
    return token, raw


def _token_issue(*, user: User, name: str, issued_by: User | None) -> tuple[ApiToken, str]:
    name = name.strip()
    if not name:
        raise ValidationFailed(
            _("Give the token a name."), field_errors={"name": [_("This field is required.")]}
        )
    raw = "yv_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name[:100], digest=_digest(raw), prefix=raw[:8], issued_by=issued_by
    )
    return token, raw


def api_token_revoke(*, actor: User, token: ApiToken) -> None:
    """Revoke a token so it no longer authenticates."""
    require_operator(actor)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at", "updated_at"])
    audit_record(actor=actor, action="token_revoked", subject=token, scope="accounts",
                 user=token.user.email, prefix=token.prefix)  # fmt: skip


def api_token_authenticate(raw: str) -> User | None:
    """Return the active user behind a raw token, or None."""
    if not raw or not raw.startswith("yv_"):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def login_unlock(*, actor: User, username: str, ip: str) -> int:
    """Clear the failed log-ins of an address (and client), so the person may log in again;
    returns how many records were cleared. Audited."""
    from axes.utils import reset

    require_operator(actor)
    cleared = reset(username=username.strip().lower() or None, ip=ip.strip() or None)
    audit_record(actor=actor, action="login_unlocked", subject=actor, scope="accounts",
                 username=username, ip=ip, cleared=cleared)  # fmt: skip
    return cleared


ROLE_FIELDS = ("is_operator", "is_reviewer", "is_staff", "is_superuser", "is_active")


def user_roles_changed(*, actor: Any, user: User, before: dict[str, bool]) -> None:
    """Audit a change of a user's roles (operators change them in the admin)."""
    after = {f: bool(getattr(user, f)) for f in ROLE_FIELDS}
    changed = {f: [before.get(f), after[f]] for f in ROLE_FIELDS if before.get(f) != after[f]}
    if changed:
        audit_record(actor=actor, action="roles_changed", subject=user, scope="accounts",
                     user=user.email, changes=changed)  # fmt: skip


def login_recorded(*, user: User, ip: str) -> None:
    """Audit a successful log-in."""
    audit_record(actor=user, action="login", subject=user, scope="accounts", ip=ip)


def login_failure_recorded(*, username: str, ip: str) -> None:
    """Audit a failed log-in (the address tried, never the password)."""
    known = User.objects.filter(email=username.strip().lower()).first()
    audit_record(actor=None, action="login_failed", subject=known, scope="accounts",
                 username=username[:254], ip=ip)  # fmt: skip


def account_forget(*, user: User, pseudonym: str) -> None:
    """Erase what accounts hold about a deleted person: tokens, memberships, invitations to
    their address, their sessions; the user row stays (others' records point at it) under the
    pseudonym, without a usable password or any role."""
    ApiToken.objects.filter(user=user).delete()
    Membership.objects.filter(user=user).delete()
    Invitation.objects.filter(email=user.email.lower()).delete()
    for session in Session.objects.filter(expire_date__gte=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
    user.email = f"deleted-{user.pk}@invalid.yeongilman"
    user.full_name = user.name_latin = ""
    user.calendar_token = ""
    user.is_active = user.is_operator = user.is_reviewer = user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
