"""Domain errors: services raise these; pages turn them into messages, the API into 4xx JSON."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A rule of the platform was broken; the message is translated and safe to show."""

    status_code = 400

    def __init__(
        self,
        message: Any,
        *,
        field_errors: dict[str, list[str]] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.field_errors = field_errors or {}
        self.extra = extra or {}  # more of the answer's body, e.g. {"job": 12}


class PermissionDenied(DomainError):
    """The actor may not do this to this object."""

    status_code = 403


class NotFound(DomainError):
    """The object does not exist or is not visible to the actor."""

    status_code = 404


class ValidationFailed(DomainError):
    """Input was rejected; field_errors says which field and why."""

    status_code = 422


class NotAuthenticated(DomainError):
    """The action needs a signed-in user or an API token."""

    status_code = 401


class Conflict(DomainError):
    """The object is not in a state that allows this (already running, already ended, changed)."""

    status_code = 409


class TooManyRequests(DomainError):
    """The actor did this too often in a short time (a rate limit); try again later."""

    status_code = 429
