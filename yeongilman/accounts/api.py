"""Account endpoints: who am I, and operators issuing tokens."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from yeongilman.accounts import services
from yeongilman.accounts.models import User
from yeongilman.core.errors import NotAuthenticated, NotFound
from yeongilman.core.schemas import StrictIn

router = Router(tags=["accounts"])


class MeOut(Schema):
    authenticated: bool
    email: str = ""
    language: str = ""
    is_operator: bool = False
    is_reviewer: bool = False
    organisations: list[int] = []


class TokenIn(StrictIn):
    email: str = Field(..., max_length=254)
    name: str = Field(..., min_length=1, max_length=100)


class TokenOut(Schema):
    token: str
    name: str
    prefix: str
    user: str


@router.get("/me", response=MeOut, summary="The caller's identity and roles")
def me(request: HttpRequest) -> Any:
    user = request.user
    if not user.is_authenticated:
        return {"authenticated": False}
    return {
        "authenticated": True,
        "email": user.email,
        "language": user.language,
        "is_operator": user.is_operator,
        "is_reviewer": user.is_reviewer,
        "organisations": list(user.memberships.values_list("organisation_id", flat=True)),
    }


@router.post("/tokens", response={201: TokenOut}, summary="Issue an API token (operators)")
def issue_token(request: HttpRequest, payload: TokenIn) -> Any:
    if not request.user.is_authenticated:
        raise NotAuthenticated(_("Sign in or send a token."))
    target = User.objects.filter(email=str(payload.email).lower()).first()
    if target is None:
        raise NotFound(_("No user has this e-mail address."))
    token, raw = services.api_token_issue(
        actor=request.user,
        user=target,
        name=payload.name,
    )
    return Status(
        201, {"token": raw, "name": token.name, "prefix": token.prefix, "user": target.email}
    )
