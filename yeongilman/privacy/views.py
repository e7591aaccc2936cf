"""Privacy pages: the policy, a person's own data (consents, download, deletion)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yeongilman.accounts.consents import consent_set, consents_of
from yeongilman.accounts.models import User
from yeongilman.core.errors import DomainError
from yeongilman.core.pages import domain_errors_as_pages
from yeongilman.privacy import services


@require_GET
@domain_errors_as_pages
def policy(request: HttpRequest) -> HttpResponse:
    """The privacy policy in the viewer's language."""
    language = "ko" if translation.get_language() == "ko" else "en"
    return render(request, f"privacy/policy_{language}.html", {})


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def my_data(request: HttpRequest) -> HttpResponse:
    """Consents to give or withdraw, a copy of one's data, and deleting the account."""
    user: User = request.user  # type: ignore[assignment]
    if request.method == "POST":
        try:
            consent_set(
                user=user,
                purpose=request.POST.get("purpose", ""),
                given=request.POST.get("given") == "1",
            )
            messages.success(request, _("Your choice was saved."))
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect("privacy:my_data")
    return render(request, "privacy/my_data.html", {"consents": consents_of(user)})


@login_required
@require_GET
@domain_errors_as_pages
def download(request: HttpRequest) -> HttpResponse:
    """Everything the platform holds about the signed-in person, as JSON or XLSX."""
    file_format = "xlsx" if request.GET.get("format") == "xlsx" else "json"
    user: User = request.user  # type: ignore[assignment]
    content, content_type, name = services.personal_data_export(user=user, file_format=file_format)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
@domain_errors_as_pages
def delete_account(request: HttpRequest) -> HttpResponse:
    """Delete the signed-in person's account after they type their e-mail address."""
    try:
        services.account_delete(
            user=request.user,  # type: ignore[arg-type]
            confirm_email=request.POST.get("confirm_email", ""),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("privacy:my_data")
    logout(request)
    messages.success(request, _("Your account was deleted."))
    return redirect("portal:home")
