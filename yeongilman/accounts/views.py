"""Account pages: sign-in, sign-up, profile, invitations and operators' API tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import translate_url
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from yeongilman.accounts import selectors, services
from yeongilman.accounts.forms import ProfileForm, SignUpForm, TokenForm
from yeongilman.accounts.models import ApiToken, User
from yeongilman.core.errors import DomainError


def _with_language(response: HttpResponse, user: User) -> HttpResponse:
    """Send the user's preferred language along, and move the redirect into it."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, user.language, max_age=settings.LANGUAGE_COOKIE_AGE
    )
    if isinstance(response, HttpResponseRedirect):
        response["Location"] = translate_url(response["Location"], user.language)
    return response


class _LoginView(LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        return _with_language(super().form_valid(form), form.get_user())


login_view = _LoginView.as_view()


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """Create an account with e-mail and password, then sign in."""
    form = SignUpForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_sign_up(**form.cleaned_data)
        except DomainError as exc:
            for field, errors in exc.field_errors.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome! Your account is ready."))
            next_url = request.GET.get("next", "")
            if not next_url.startswith("/") or next_url.startswith("//"):
                next_url = f"/{user.language}/"
            return _with_language(redirect(next_url), user)
    return render(request, "accounts/signup.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """The user's name and preferred language, and their organisations."""
    user: User = request.user  # type: ignore[assignment]
    form = ProfileForm(
        request.POST or None,
        initial={
            "full_name": user.full_name,
            "language": user.language,
            "time_zone": user.time_zone,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(user=user, **form.cleaned_data)
        messages.success(request, _("Your profile was saved."))
        return _with_language(redirect("accounts:profile"), user)
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "memberships": selectors.memberships_of(user)},
    )


@require_http_methods(["GET", "POST"])
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    """Show an invitation; a signed-in invitee accepts it and joins the organisation."""
    try:
        invitation = services.invitation_for_token(token)
    except DomainError as exc:
        return render(request, "accounts/invitation.html", {"error": exc.message}, status=404)
    error = ""
    if request.method == "POST" and request.user.is_authenticated:
        try:
            membership = services.invitation_accept(user=request.user, token=token)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(
                request,
                _("You joined %(org)s.") % {"org": membership.organisation.name},
            )
            return redirect("directory:detail", slug=membership.organisation.slug)
    return render(request, "accounts/invitation.html", {"invitation": invitation, "error": error})


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """Operators issue and revoke API tokens; the raw token is shown once."""
    user: User = request.user  # type: ignore[assignment]
    if not user.is_operator:
        return HttpResponseForbidden(_("Only operators can manage API tokens."))
    form = TokenForm(request.POST or None)
    raw = ""
    if request.method == "POST" and request.POST.get("revoke"):
        token = ApiToken.objects.filter(pk=request.POST["revoke"]).first()
        if token:
            services.api_token_revoke(actor=user, token=token)
            messages.success(request, _("The token was revoked."))
        return redirect("accounts:tokens")
    if request.method == "POST" and form.is_valid():
        _token, raw = services.api_token_issue(
            actor=user, user=form.cleaned_data["email"], name=form.cleaned_data["name"]
        )
        form = TokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {"form": form, "raw_token": raw, "tokens": selectors.api_tokens()},
    )
