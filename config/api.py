"""The JSON API: one NinjaAPI at /api/v1 with token or session auth and one error shape."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import RequestDataTooBig
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import SessionAuth

from yeongilman.accounts.api import router as accounts_router
from yeongilman.accounts.services import api_token_authenticate
from yeongilman.communications.api import router as communications_router
from yeongilman.conversations.api import router as conversations_router
from yeongilman.core.errors import DomainError
from yeongilman.core.throttle import attempts, client_ip, count_attempt
from yeongilman.directory.api import router as directory_router
from yeongilman.events.api import router as events_router
from yeongilman.exhibitors.api import router as exhibitors_router
from yeongilman.grants.api import router as grants_router
from yeongilman.insights.api import router as insights_router
from yeongilman.jobs.api import router as jobs_router
from yeongilman.matchmaking.api import router as matchmaking_router
from yeongilman.meetings.api import router as meetings_router
from yeongilman.onsite.api import router as onsite_router
from yeongilman.onsite.printing.api import router as printing_router
from yeongilman.outcomes.api import router as outcomes_router
from yeongilman.partnering.api import router as partnering_router
from yeongilman.programs.api import router as programs_router


class TokenOrSession:
    """Bearer token first; else the browser session (with CSRF); else an anonymous visitor.

    A request that sends a token that is wrong is refused (401) rather than treated as anonymous.
    """

    openapi_type = "http"
    openapi_scheme = "bearer"

    def __init__(self) -> None:
        self._session = SessionAuth(csrf=True)

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization", "")
        if header:
            key = f"token:{client_ip(request)}"
            if attempts(key) >= settings.YV_TOKEN_FAILURE_LIMIT:
                raise HttpError(429, _("Too many wrong API tokens from your address; try again "
                                       "in an hour."))  # fmt: skip
            scheme, _sep, raw = header.partition(" ")
            user = api_token_authenticate(raw.strip()) if scheme.lower() == "bearer" else None
            if user is None:
                count_attempt(key, 3600)
                raise AuthenticationError(401, _("The API token is missing, wrong or revoked."))
            request.user = user
            return user
        if request.user.is_authenticated:
            return self._session(request)
        request.user = AnonymousUser()
        return request.user


# The 4xx answers every operation may give, by method, all with the one error body. A visitor
# or a wrong token: 401; a role without the right: 403; unknown or invisible ids: 404; a
# malformed body: 400; invalid fields, unknown fields, values out of range: 422; too many
# attempts: 429. Writes may also meet a state that forbids them (409), a stale version (412), a
# body above the limit (413) or a file type that is not accepted (415).
READ_ERRORS = (400, 401, 403, 404, 422, 429)
WRITE_ERRORS = (*READ_ERRORS, 409, 412, 413, 415)
ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "required": ["detail"],
    "properties": {
        "detail": {"type": "string", "description": "What went wrong, in the caller's language."},
        "errors": {
            "type": "object",
            "description": "Messages per field (`__all__` for the request as a whole).",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
        "job": {
            "type": ["integer", "null"],
            "description": "On 409: the job that is already queued or running.",
        },
    },
}


class DocumentedAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document lists every error an operation can answer."""

    # Operations keep the id they were first published with when their code moves to another
    # app (clients generated from the document name their methods after it).
    PUBLISHED_MODULES = {
        "yeongilman_meetings_api_": "yeongilman_events_api_",
        "yeongilman_exhibitors_api_": "yeongilman_events_exhibitor_api_",
        "yeongilman_matchmaking_api_": "yeongilman_partnering_api_",
    }

    def get_openapi_operation_id(self, operation: Any) -> str:
        """Ninja's id (module and function), under the module the operation was published in."""
        operation_id = str(super().get_openapi_operation_id(operation))
        for moved, published in self.PUBLISHED_MODULES.items():
            if operation_id.startswith(moved):
                return published + operation_id.removeprefix(moved)
        return operation_id

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        """The generated document, plus the error answers of every operation."""
        schema = super().get_openapi_schema(**kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        for operations in schema.get("paths", {}).values():
            for method, operation in operations.items():
                codes = READ_ERRORS if method == "get" else WRITE_ERRORS
                responses = operation.setdefault("responses", {})
                for code in codes:
                    responses.setdefault(
                        str(code),
                        {
                            "description": HTTPStatus(code).phrase,
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Error"}
                                }
                            },
                        },
                    )
        return schema


api = DocumentedAPI(
    title="Yeongilman Valley API",
    version="1",
    description="Directory, partnering, matchmaking, programmes, events, insights and "
    "background jobs of the Yeongilman Valley startup ecosystem. "
    "Send `Authorization: Bearer <token>`; operators issue tokens.",
    auth=TokenOrSession(),
    urls_namespace="api",
)
api.add_router("/", accounts_router)
api.add_router("/", directory_router)
api.add_router("/", partnering_router)
api.add_router("/", matchmaking_router)
api.add_router("/", programs_router)
api.add_router("/", events_router)
api.add_router("/", meetings_router)
api.add_router("/", exhibitors_router)
api.add_router("/", communications_router)
api.add_router("/insights", insights_router)
api.add_router("/", jobs_router)
api.add_router("/", outcomes_router)
api.add_router("/", conversations_router)
api.add_router("/grants", grants_router)
api.add_router("/", printing_router)
api.add_router("/", onsite_router)


def _error(
    request: HttpRequest, status: int, detail: str, errors: Any = None, **extra: Any
) -> HttpResponse:
    body: dict[str, Any] = {"detail": detail, **extra}
    if errors:
        body["errors"] = errors
    return api.create_response(request, body, status=status)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    """Services' rule violations become 4xx with the field-level messages."""
    return _error(request, exc.status_code, exc.message, exc.field_errors, **exc.extra)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Schema errors: {'detail': ..., 'errors': {'field': ['message']}} with status 422."""
    errors: dict[str, list[str]] = {}
    for item in exc.errors:
        loc = list(item.get("loc", []))
        # ("body", "payload", "body") is the field named "body": only the place goes.
        if loc and loc[0] in ("body", "query", "path", "form", "file", "header", "cookie"):
            loc = loc[1:]
        if loc and loc[0] == "payload":
            loc = loc[1:]
        message = str(item.get("msg", ""))
        if item.get("type") == "extra_forbidden":
            message = _("This field is not part of this request.")
        errors.setdefault(".".join(map(str, loc)) or "__all__", []).append(message)
    return _error(request, 422, _("The request has invalid fields."), errors)


@api.exception_handler(RequestDataTooBig)
def body_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    """A body above Django's limit that the size check before the view could not see (no
    Content-Length, e.g. a chunked upload)."""
    return _error(request, 413, _("The request is too large."))


@api.exception_handler(DataError)
@api.exception_handler(OverflowError)
def out_of_range(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A value the database cannot hold (a safety net: inputs have bounds of their own)."""
    return _error(request, 422, _("A value in the request is out of range."))


@api.exception_handler(AuthenticationError)
def auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    """Missing or wrong credentials."""
    message = str(exc.message) if getattr(exc, "message", None) else _("Sign in or send a token.")
    return _error(request, 401, message)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    """Unknown or invisible objects."""
    return _error(request, 404, str(exc) or _("Not found."))


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """Errors raised with an explicit status (e.g. unparseable JSON)."""
    return _error(request, exc.status_code, str(exc.message))
