"""Log-ins and failed log-ins join the audit log (Django's auth signals carry them)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from yeongilman.accounts import services
from yeongilman.core.throttle import client_ip


@receiver(user_logged_in)
def logged_in(sender: type, request: Any, user: Any, **kwargs: Any) -> None:
    """A successful log-in, with the client's address."""
    services.login_recorded(user=user, ip=client_ip(request) if request is not None else "")


@receiver(user_login_failed)
def login_failed(
    sender: type, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    """A failed log-in: the address tried (Django hides the password), and from where."""
    services.login_failure_recorded(
        username=str(credentials.get("username") or credentials.get("email") or ""),
        ip=client_ip(request) if request is not None else "",
    )
