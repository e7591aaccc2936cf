"""Users, their roles, organisation memberships, invitations and API tokens."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yeongilman.core.i18n import current_language
from yeongilman.core.models import TimeStampedModel

TIME_ZONES = [
    ("Asia/Seoul", _("Seoul (Asia/Seoul)")),
    ("America/New_York", _("Pittsburgh, New York (America/New_York)")),
    ("America/Los_Angeles", _("San Diego, Las Vegas (America/Los_Angeles)")),
    ("UTC", _("UTC")),
]


class UserManager(BaseUserManager["User"]):
    """Creates users identified by e-mail address."""

    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        """Create a user with a normalised e-mail and a hashed password."""
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        """Create an operator with access to Django admin."""
        extra.update(is_staff=True, is_superuser=True, is_operator=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. Roles are flags; organisation roles live in Membership."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("name"), max_length=200, blank=True)
    # The name in Latin letters ("Kim Min-jun") that English pages, badges and agendas show
    # when `full_name` is written in Hangul; blank when the name is already in Latin letters.
    name_latin = models.CharField(_("name in Latin letters"), max_length=200, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=2, choices=settings.LANGUAGES, default="ko"
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=40,
        blank=True,
        default="",
        # Empty: the browser's zone, else each event's (yeongilman.core.zones).
        help_text=_("Times are shown in this zone unless you ask for the event's own."),
    )
    # Secret part of the personal iCalendar feed address; reset it to revoke old links.
    calendar_token = models.CharField(max_length=43, blank=True, db_index=True)
    is_operator = models.BooleanField(
        _("operator"), default=False, help_text=_("City or agency staff who manage everything.")
    )
    is_reviewer = models.BooleanField(_("reviewer"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("admin access"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name()

    def display_name(self, language: str | None = None) -> str:
        """The name for a reader of `language` (the active one by default): English pages get
        the name in Latin letters where there is one, Korean pages the name as written."""
        latin = (self.name_latin or "").strip()
        if latin and (language or current_language()) == "en":
            return latin
        return self.full_name or latin or self.email


class MembershipRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    EDITOR = "editor", _("Editor")


class Membership(TimeStampedModel):
    """A user's role in one organisation: owners and editors may edit its profile."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"


class Invitation(TimeStampedModel):
    """An operator's invitation for an e-mail address to join an organisation with a role."""

    email = models.EmailField(_("e-mail address"))
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole.choices)
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"


class ApiToken(TimeStampedModel):
    """A bearer token for the JSON API; only its SHA-256 digest is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    issued_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class ConsentPurpose(models.TextChoices):
    SERVICE = "service", _("Collection and use of my personal data to run my account (required)")
    CONTACT = (
        "contact",
        _("Sharing my name and e-mail address with partners my organisation accepts (optional)"),
    )
    NEWSLETTER = "newsletter", _("News and event announcements by e-mail (optional)")
    EXHIBITORS = (
        "exhibitors",
        _(
            "Being listed to the stands of events I register for, so a stand can note me as a"
            " visitor without scanning my badge (optional)"
        ),
    )


REQUIRED_PURPOSES = frozenset({ConsentPurpose.SERVICE})


class Consent(models.Model):
    """One consent a person gave, to one version of the privacy policy, and its withdrawal.
    Rows are kept after a withdrawal: they prove what was agreed and when."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    policy_version = models.CharField(_("privacy policy version"), max_length=20)
    given_at = models.DateTimeField(_("given"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering = ["-given_at", "-id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [models.Index(fields=["user", "purpose"], name="consent_user_purpose")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.purpose} {self.policy_version}"
