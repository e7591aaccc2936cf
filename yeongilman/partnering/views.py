"""Partnering pages: opportunities, expressions of interest, suggestions, introductions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yeongilman.accounts.access import is_operator, require_operator
from yeongilman.core.converters import id_from
from yeongilman.core.errors import DomainError
from yeongilman.core.forms import add_domain_errors
from yeongilman.core.pages import ACCESS_ERRORS, domain_errors_as_pages
from yeongilman.core.talk import talk_links
from yeongilman.directory.models import Industry, Organisation
from yeongilman.directory.taxonomy import country_choices
from yeongilman.partnering import access, selectors, services
from yeongilman.partnering.forms import (
    InterestForm,
    IntroductionForm,
    IntroductionUpdateForm,
    OpportunityForm,
)
from yeongilman.partnering.models import (
    Interest,
    InterestStatus,
    Introduction,
    Opportunity,
    OpportunityStatus,
    OpportunityType,
)


def _opportunity(request: HttpRequest, pk: int) -> Opportunity:
    return access.access_opportunity(request.user, pk)


@require_GET
@domain_errors_as_pages
def opportunity_list(request: HttpRequest) -> HttpResponse:
    """Live opportunities with filters by type, industry, target country and words."""
    params = {
        "q": request.GET.get("q", "")[:100],
        "type": request.GET.get("type", "")[:30],
        "industry": request.GET.get("industry", "")[:40],
        "country": request.GET.get("country", "")[:2].upper(),
    }
    if params["type"] not in OpportunityType.values:
        params["type"] = ""
    page = Paginator(selectors.opportunity_list(request.user, **params), selectors.PAGE_SIZE)
    return render(
        request,
        "partnering/list.html",
        {
            "page": page.get_page(request.GET.get("page")),
            "params": params,
            "types": OpportunityType.choices,
            "industries": Industry.objects.all(),
            "countries": country_choices(),
        },
    )


@login_required
@require_GET
@domain_errors_as_pages
def mine(request: HttpRequest) -> HttpResponse:
    """The user's organisations' opportunities and the interests sent and received."""
    received = list(selectors.interests_received(request.user))
    sent = list(selectors.interests_sent(request.user))
    talk = talk_links(request.user, "interest", [i.pk for i in received + sent])
    return render(
        request,
        "partnering/mine.html",
        {
            "opportunities": selectors.opportunities_of(request.user),
            "received": [(interest, talk.get(interest.pk)) for interest in received],
            "sent": [(interest, talk.get(interest.pk)) for interest in sent],
            "organisations": selectors.my_organisations(request.user),
        },
    )


def _save_opportunity(
    request: HttpRequest, form: OpportunityForm, owner: Organisation | None,
    opportunity: Opportunity | None,
) -> Opportunity | None:  # fmt: skip
    if not form.is_valid():
        return None
    data = dict(form.cleaned_data)
    codes = [i.code for i in data.pop("industries", [])]
    try:
        if opportunity is None:
            assert owner is not None
            return services.opportunity_create(
                actor=request.user, owner=owner, values=data, industries=codes,
                publish=request.POST.get("publish") == "1",
            )  # fmt: skip
        return services.opportunity_update(
            actor=request.user, opportunity=opportunity, values=data, industries=codes
        )
    except DomainError as exc:
        add_domain_errors(form, exc)
        return None


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def opportunity_new(request: HttpRequest) -> HttpResponse:
    """Post an offer or a request for one of the user's organisations."""
    organisations = selectors.my_organisations(request.user)
    if is_operator(request.user):
        organisations = Organisation.objects.order_by("name_en")
    if not organisations.exists():
        messages.info(request, _("Join or create an organisation first."))
        return redirect("directory:list")
    chosen = request.POST.get("owner") or request.GET.get("owner") or ""
    owner = organisations.filter(pk=id_from(chosen) or 0).first() if chosen else None
    owner = owner or organisations.first()
    form = OpportunityForm(request.POST or None)
    if request.method == "POST":
        saved = _save_opportunity(request, form, owner, None)
        if saved is not None:
            messages.success(request, _("Your opportunity was saved."))
            return redirect("partnering:detail", pk=saved.pk)
    return render(
        request,
        "partnering/form.html",
        {"form": form, "organisations": organisations, "owner": owner, "opportunity": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def opportunity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit an opportunity of the user's organisation."""
    opportunity = access.access_opportunity_for_edit(request.user, pk)
    form = OpportunityForm(request.POST or None, instance=opportunity)
    if request.method == "POST" and _save_opportunity(request, form, None, opportunity):
        messages.success(request, _("Your opportunity was saved."))
        return redirect("partnering:detail", pk=opportunity.pk)
    return render(
        request,
        "partnering/form.html",
        {"form": form, "opportunity": opportunity, "owner": opportunity.owner},
    )


def _detail(
    request: HttpRequest, opportunity: Opportunity, form: InterestForm | None = None,
    status: int = 200,
) -> HttpResponse:  # fmt: skip
    """The opportunity page; `form` carries a rejected expression of interest back."""
    can_edit = access.can_edit_opportunity(request.user, opportunity)
    my_orgs = selectors.my_organisations(request.user).exclude(pk=opportunity.owner_id)
    sent = (
        Interest.objects.filter(opportunity=opportunity, organisation__in=my_orgs).first()
        if request.user.is_authenticated and form is None
        else None
    )
    if form is None and my_orgs.exists() and not sent:
        form = InterestForm(organisations=my_orgs)
    interests = list(opportunity.interests.select_related("organisation")) if can_edit else []
    asked = [i.pk for i in interests] + ([sent.pk] if sent else [])
    talk = talk_links(request.user, "interest", asked)
    return render(
        request,
        "partnering/detail.html",
        {
            "opportunity": opportunity,
            "can_edit": can_edit,
            "owner_shown": access.owner_revealed(request.user, opportunity),
            "interests": [(interest, talk.get(interest.pk)) for interest in interests],
            "sent": sent,
            "sent_talk": talk.get(sent.pk) if sent else None,
            "form": form,
            "statuses": OpportunityStatus,
        },
        status=status,
    )


@require_GET
@domain_errors_as_pages
def opportunity_page(request: HttpRequest, pk: int) -> HttpResponse:
    """An opportunity: content, owner (unless anonymous), interests for its owner."""
    return _detail(request, _opportunity(request, pk))


@login_required
@require_POST
@domain_errors_as_pages
def opportunity_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish, renew, close or return to draft."""
    opportunity = _opportunity(request, pk)
    action = request.POST.get("action", "")
    try:
        if action == "renew":
            services.opportunity_renew(actor=request.user, opportunity=opportunity)
        else:
            services.opportunity_set_status(
                actor=request.user, opportunity=opportunity, status=action
            )
    except ACCESS_ERRORS:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Saved."))
    return redirect("partnering:detail", pk=opportunity.pk)


@login_required
@require_POST
@domain_errors_as_pages
def interest_send(request: HttpRequest, pk: int) -> HttpResponse:
    """Express interest on behalf of one of the user's organisations."""
    opportunity = _opportunity(request, pk)
    my_orgs = selectors.my_organisations(request.user).exclude(pk=opportunity.owner_id)
    form = InterestForm(request.POST, organisations=my_orgs)
    if form.is_valid():
        try:
            services.interest_send(
                actor=request.user, opportunity=opportunity,
                organisation=form.cleaned_data["organisation"],
                message=form.cleaned_data["message"],
            )  # fmt: skip
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Your expression of interest was sent."))
            return redirect("partnering:detail", pk=opportunity.pk)
    return _detail(request, opportunity, form=form, status=400)


@login_required
@require_POST
@domain_errors_as_pages
def interest_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept or decline an expression of interest."""
    try:
        interest = access.access_interest(request.user, pk)
        services.interest_answer(
            actor=request.user, interest=interest, accept=request.POST.get("answer") == "accept"
        )
    except ACCESS_ERRORS:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        accepted = interest.status == InterestStatus.ACCEPTED
        messages.success(
            request,
            _("Accepted: you can now contact each other by e-mail.")
            if accepted
            else _("Declined."),
        )
    return redirect("partnering:detail", pk=interest.opportunity_id)


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def introductions(request: HttpRequest) -> HttpResponse:
    """Operators broker introductions and follow them up."""
    require_operator(request.user)
    form = IntroductionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.introduction_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("The introduction was recorded."))
            return redirect("partnering:introductions")
    return render(
        request,
        "partnering/introductions.html",
        {
            "form": form,
            "introductions": Introduction.objects.select_related("first", "second", "broker"),
            "update_form": IntroductionUpdateForm(),
        },
    )


@login_required
@require_POST
@domain_errors_as_pages
def introduction_update(request: HttpRequest, pk: int) -> HttpResponse:
    """Record an introduction's status and outcome."""
    require_operator(request.user)
    introduction = get_object_or_404(Introduction, pk=pk)
    form = IntroductionUpdateForm(request.POST)
    if form.is_valid():
        services.introduction_update(
            actor=request.user, introduction=introduction, status=form.cleaned_data["status"],
            outcome=form.cleaned_data["outcome"],
        )  # fmt: skip
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Please correct the marked fields."))
    return redirect("partnering:introductions")
