"""Account pages: sign-in, sign-up, profile, invitations and operators' API tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, PasswordResetView
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy, translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from yeongilman.accounts import selectors, services
from yeongilman.accounts.access import require_operator
from yeongilman.accounts.forms import ProfileForm, QueuedPasswordResetForm, SignUpForm, TokenForm
from yeongilman.accounts.models import ApiToken, User
from yeongilman.core.errors import DomainError
from yeongilman.core.pages import domain_errors_as_pages
from yeongilman.core.throttle import client_ip, count_attempt


def _language_cookie(response: HttpResponse, language: str) -> None:
    """The remembered interface language: Secure where the site is (production), SameSite=Lax,
    as Django's own language cookie settings say."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]  # a setting: "Lax"
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )


def _safe_next(request: HttpRequest, next_url: str, fallback: str) -> str:
    """`next` when it stays on this site (Django's check: no other host, no scheme tricks such
    as "/\\evil.example"), else the fallback."""
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return fallback


def _with_language(response: HttpResponse, user: User) -> HttpResponse:
    """Send the user's preferred language along, and move the redirect into it."""
    _language_cookie(response, user.language)
    if isinstance(response, HttpResponseRedirect):
        response["Location"] = translate_url(response["Location"], user.language)
    return response


class ThrottledPasswordResetView(PasswordResetView):
    """Django's reset page, with at most a few mails per address and per client an hour (the
    page says so rather than mailing without end; it never says whether an account exists)."""

    form_class = QueuedPasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: QueuedPasswordResetForm) -> HttpResponse:
        """Count the request; past either limit, refuse it with a message."""
        email = form.cleaned_data["email"].strip().lower()
        per_address = count_attempt(f"reset:{email}", 3600)
        per_client = count_attempt(f"reset-client:{client_ip(self.request)}", 3600)
        if (
            per_address > settings.YV_RESET_LIMIT_PER_ADDRESS
            or per_client > settings.YV_RESET_LIMIT_PER_CLIENT
        ):
            form.add_error(None, _("Too many reset requests; try again in an hour."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def lockouts(request: HttpRequest) -> HttpResponse:
    """Operators see log-ins locked after repeated wrong passwords and unlock them."""
    user = require_operator(request.user)
    if request.method == "POST":
        unlocked = services.login_unlock(
            actor=user, username=request.POST.get("username", ""), ip=request.POST.get("ip", "")
        )
        messages.success(request, _("Unlocked (%(n)d records cleared).") % {"n": unlocked})
        return redirect("accounts:lockouts")
    return render(request, "accounts/lockouts.html", {"attempts": selectors.locked_logins()})


class _LoginView(LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        return _with_language(super().form_valid(form), form.get_user())


login_view = _LoginView.as_view()


@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def signup(request: HttpRequest) -> HttpResponse:
    """Create an account with e-mail and password, then sign in."""
    form = SignUpForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_sign_up(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                full_name=form.cleaned_data["full_name"],
                language=form.cleaned_data["language"],
                consents=form.consents(),
            )
        except DomainError as exc:
            for field, errors in exc.field_errors.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome! Your account is ready."))
            next_url = _safe_next(request, request.GET.get("next", ""), f"/{user.language}/")
            return _with_language(redirect(next_url), user)
    return render(request, "accounts/signup.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def profile(request: HttpRequest) -> HttpResponse:
    """The user's name and preferred language, and their organisations."""
    user: User = request.user  # type: ignore[assignment]
    form = ProfileForm(
        request.POST or None,
        initial={
            "full_name": user.full_name,
            "name_latin": user.name_latin,
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
@domain_errors_as_pages
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
@domain_errors_as_pages
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


@require_POST
@domain_errors_as_pages
def switch_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language, remember it, and return to the same page."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        return HttpResponseRedirect("/")
    next_url = _safe_next(request, request.POST.get("next") or "", f"/{language}/")
    response = HttpResponseRedirect(translate_url(next_url, language))
    _language_cookie(response, language)
    if request.user.is_authenticated:
        services.user_set_language(user=request.user, language=language)
    return response
