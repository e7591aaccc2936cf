"""Mail to users in their own language, sent once the current transaction commits."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from yeongilman.accounts.models import User


def mail_on_commit(
    users: Iterable[User], subject: str, template: str, context: dict[str, Any]
) -> None:
    """Render `template` for each user (as `recipient`) in their language; `subject` is an
    untranslated message id (mark it with gettext_noop)."""
    recipients = list(users)

    def send() -> None:
        for user in recipients:
            with translation.override(user.language or "ko"):
                body = render_to_string(template, {**context, "recipient": user})
                send_mail(str(_(subject)), body, None, [user.email])

    transaction.on_commit(send)
