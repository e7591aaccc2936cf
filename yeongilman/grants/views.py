"""Agreement pages: the operator's list per call and the agreement with its documents,
milestones and reports; the company's agreements, uploads and milestone reports; letters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from yeongilman.accounts.access import is_operator, require_operator
from yeongilman.accounts.models import User
from yeongilman.core.converters import id_from
from yeongilman.core.errors import DomainError, NotFound
from yeongilman.core.forms import add_domain_errors
from yeongilman.core.pages import ACCESS_ERRORS, domain_errors_as_pages
from yeongilman.core.talk import talk_links
from yeongilman.grants import access, selectors, services
from yeongilman.grants.forms import (
    DocumentForm,
    EvaluationForm,
    LetterForm,
    MilestoneForm,
    ReportForm,
    TermsForm,
)
from yeongilman.grants.letters import PLACEHOLDER_HELP, check_template
from yeongilman.grants.models import Agreement, LetterKind, LetterTemplate, MilestoneReport
from yeongilman.programs.access import access_call
from yeongilman.programs.models import Application, Outcome


@login_required
@require_GET
@domain_errors_as_pages
def mine(request: HttpRequest) -> HttpResponse:
    """The agreements of the user's organisations, with what is still to do."""
    return render(
        request, "grants/mine.html", {"agreements": selectors.my_agreements(request.user)}
    )


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def call_agreements(request: HttpRequest, slug: str) -> HttpResponse:
    """The operator's agreements of a call: amounts, planned and disbursed money with totals;
    a draft for each selected application still without one; result letters."""
    require_operator(request.user)
    call = access_call(request.user, slug)
    form: TermsForm | None = None
    drafting: int | None = None
    if request.method == "POST":
        try:
            if request.POST.get("action") == "result_letters":
                services.result_letters_send(actor=request.user, call=call)
                messages.success(request, _("The result letters are being sent."))
                return redirect("grants:call", slug=call.slug)
            application = get_object_or_404(
                Application,
                pk=request.POST.get("application") or 0,
                call=call,
                outcome=Outcome.SELECTED,
            )
            drafting = application.pk
            form = TermsForm(request.POST, auto_id=f"draft{application.pk}_%s")
            if form.is_valid():
                agreement = services.agreement_draft(
                    actor=request.user, application=application, values=form.cleaned_data
                )
                messages.success(request, _("The agreement is drafted."))
                return redirect("grants:agreement", pk=agreement.pk)
        except ACCESS_ERRORS:
            raise
        except DomainError as error:
            if form is not None:
                add_domain_errors(form, error)
            messages.error(request, error.message)
    table = selectors.call_agreements(request.user, call)
    drafts = [
        (a, form if form is not None and a.pk == drafting else TermsForm(auto_id=f"draft{a.pk}_%s"))
        for a in table.without
    ]
    return render(
        request,
        "grants/call.html",
        {"call": call, "table": table, "drafts": drafts, "drafting": drafting},
        status=422 if form is not None and form.errors else 200,
    )


def _agreement_context(request: HttpRequest, agreement: Agreement, **forms: Any) -> dict:
    operator = is_operator(request.user)
    company = access.is_company(request.user, agreement)
    milestones = list(agreement.milestones.all())
    return {
        "agreement": agreement,
        "documents": list(agreement.documents.all()),
        "milestones": milestones,
        "planned_krw": sum(m.amount_krw for m in milestones),
        "disbursed_krw": sum(m.disbursed_krw or 0 for m in milestones),
        "is_operator": operator,
        "is_company": company,
        "can_evaluate": access.can_evaluate(request.user, agreement),
        "terms_form": forms.get("terms_form")
        or TermsForm(initial={k: getattr(agreement, k) for k in services.AGREEMENT_FIELDS}),
        "document_form": forms.get("document_form") or DocumentForm(),
        "milestone_form": forms.get("milestone_form") or MilestoneForm(),
        "evaluation_form": forms.get("evaluation_form") or EvaluationForm(),
        "evaluating": forms.get("evaluating"),
        "reviewers": list(User.objects.filter(is_reviewer=True, is_active=True).order_by("email"))
        if operator
        else [],
        "evaluator_ids": set(agreement.evaluators.values_list("pk", flat=True)),
        "talk": talk_links(request.user, "agreement", [agreement.pk]).get(agreement.pk),
    }


# The agreement page's actions, one function each: they carry out the posted action and return
# None when it is done, or what the page shows again (a bound form with its errors).
AgreementAction = Callable[[HttpRequest, Agreement], "dict[str, Any] | None"]


def _upload(request: HttpRequest, agreement: Agreement) -> dict[str, Any] | None:
    document = get_object_or_404(agreement.documents, pk=id_from(request.POST.get("document")) or 0)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose the signed PDF to upload."))
        return {}
    services.document_upload(actor=request.user, document=document, upload=upload)
    messages.success(request, _("The signed copy is uploaded."))
    return None


def _send(request: HttpRequest, agreement: Agreement) -> dict[str, Any] | None:
    services.agreement_send(actor=request.user, agreement=agreement)
    messages.success(request, _("The agreement is sent to the company."))
    return None


def _sign(request: HttpRequest, agreement: Agreement) -> dict[str, Any] | None:
    services.agreement_sign(actor=request.user, agreement=agreement)
    messages.success(request, _("The agreement is marked signed."))
    return None


def _cancel(request: HttpRequest, agreement: Agreement) -> dict[str, Any] | None:
    reason = request.POST.get("reason", "")
    services.agreement_cancel(actor=request.user, agreement=agreement, reason=reason)
    messages.success(request, _("The agreement is cancelled."))
    return None


def _evaluators(request: HttpRequest, agreement: Agreement) -> dict[str, Any] | None:
    chosen = User.objects.filter(pk__in=request.POST.getlist("evaluators"), is_reviewer=True)
    services.evaluators_set(actor=request.user, agreement=agreement, users=list(chosen))
    messages.success(request, _("The evaluators are saved."))
    return None


def _disburse(request: HttpRequest, agreement: Agreement) -> dict[str, Any] | None:
    milestone = get_object_or_404(
        agreement.milestones, pk=id_from(request.POST.get("milestone")) or 0
    )
    amount = id_from(request.POST.get("amount_krw", ""))
    if amount is None:
        messages.error(request, _("Give the amount disbursed in KRW."))
        return {}
    services.milestone_disburse(actor=request.user, milestone=milestone, amount_krw=amount)
    messages.success(request, _("The disbursement is recorded."))
    return None


def _with_form(
    name: str, form_class: type[forms.Form], save: Callable[[HttpRequest, Agreement, Any], None]
) -> AgreementAction:
    """An action that posts a form: the form's errors, or the domain's refusal, on the page."""

    def action(request: HttpRequest, agreement: Agreement) -> dict[str, Any] | None:
        form = form_class(request.POST)
        bound: dict[str, Any] = {name: form}
        if not form.is_valid():
            return bound
        try:
            save(request, agreement, form.cleaned_data)
        except ACCESS_ERRORS:
            raise
        except DomainError as error:
            add_domain_errors(form, error)
            if request.POST.get("report"):
                bound["evaluating"] = id_from(request.POST.get("report"))
            return bound
        messages.success(request, _("Saved."))
        return None

    return action


def _save_terms(request: HttpRequest, agreement: Agreement, data: Any) -> None:
    services.agreement_update(actor=request.user, agreement=agreement, values=data)


def _save_document(request: HttpRequest, agreement: Agreement, data: Any) -> None:
    services.document_require(actor=request.user, agreement=agreement, **data)


def _save_milestone(request: HttpRequest, agreement: Agreement, data: Any) -> None:
    services.milestone_add(actor=request.user, agreement=agreement, values=data)


def _save_evaluation(request: HttpRequest, agreement: Agreement, data: Any) -> None:
    report = get_object_or_404(
        MilestoneReport, pk=id_from(request.POST.get("report")) or 0, milestone__agreement=agreement
    )
    services.report_evaluate(
        actor=request.user, report=report, verdict=data["verdict"], note=data["note"]
    )


AGREEMENT_ACTIONS: dict[str, AgreementAction] = {
    "upload": _upload,
    "send": _send,
    "sign": _sign,
    "cancel": _cancel,
    "evaluators": _evaluators,
    "disburse": _disburse,
    "terms": _with_form("terms_form", TermsForm, _save_terms),
    "document": _with_form("document_form", DocumentForm, _save_document),
    "milestone": _with_form("milestone_form", MilestoneForm, _save_milestone),
    "evaluate": _with_form("evaluation_form", EvaluationForm, _save_evaluation),
}


def _agreement_action(request: HttpRequest, agreement: Agreement) -> dict[str, Any] | None:
    """Carry out the posted action (one function each, above)."""
    action = AGREEMENT_ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Unknown action."))
        return {}
    return action(request, agreement)


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def agreement_page(request: HttpRequest, pk: int) -> HttpResponse:
    """One agreement: terms, documents and signed copies, milestones with reports; what the
    viewer may do (operators change and sign, the company uploads, evaluators evaluate)."""
    agreement = access.access_agreement(request.user, pk)
    bound: dict[str, Any] = {}
    if request.method == "POST":
        try:
            result = _agreement_action(request, agreement)
        except ACCESS_ERRORS:
            raise
        except DomainError as error:
            messages.error(request, error.message)
            result = {}
        if result is None:
            return redirect("grants:agreement", pk=agreement.pk)
        bound = result
    agreement = selectors.agreement_detail(request.user, pk)
    status = 422 if bound else 200
    return render(
        request,
        "grants/agreement.html",
        _agreement_context(request, agreement, **bound),
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def report_page(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The company's report on a milestone (its form until evaluated; others read it)."""
    milestone = access.access_milestone(request.user, pk)
    agreement = milestone.agreement
    report = MilestoneReport.objects.filter(milestone=milestone).first()
    if request.method == "GET" and request.GET.get("file"):
        # The report's attachment, for whoever may read the report (no route of its own).
        if report is None or not report.file:
            raise NotFound(_("No file has been uploaded yet."))
        response = FileResponse(
            report.file.open("rb"), as_attachment=True, filename=report.original_name
        )
        response["Cache-Control"] = "private, no-store"
        return response
    company = access.is_company(request.user, agreement)
    initial = {k: getattr(report, k) for k in services.REPORT_FIELDS} if report else {}
    form = ReportForm(initial=initial)
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES)
        if form.is_valid():
            values = {k: v for k, v in form.cleaned_data.items() if k != "file"}
            try:
                services.report_submit(
                    actor=request.user,
                    milestone=milestone,
                    values=values,
                    upload=form.cleaned_data.get("file"),
                )
            except ACCESS_ERRORS:
                raise
            except DomainError as error:
                add_domain_errors(form, error)
            else:
                messages.success(request, _("Your report is submitted."))
                return redirect("grants:agreement", pk=agreement.pk)
    return render(
        request,
        "grants/report.html",
        {
            "agreement": agreement,
            "milestone": milestone,
            "report": report,
            "form": form,
            "can_submit": company and not (report and report.evaluated_at),
        },
        status=422 if form.errors else 200,
    )


@login_required
@require_GET
@domain_errors_as_pages
def document_file(request: HttpRequest, pk: int) -> FileResponse:
    """A signed copy, for the company, operators and the agreement's evaluators."""
    document = access.access_document(request.user, pk)
    if not document.file:
        raise NotFound(_("No file has been uploaded yet."))
    response = FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.original_name
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def letters(request: HttpRequest, slug: str) -> HttpResponse:
    """The call's result and agreement letters in both languages, with a preview."""
    require_operator(request.user)
    call = access_call(request.user, slug)
    kind = request.GET.get("kind") or request.POST.get("kind") or LetterKind.AGREEMENT
    if kind not in LetterKind.values:
        kind = LetterKind.AGREEMENT
    saved = LetterTemplate.objects.filter(call=call, kind=kind).first()
    initial: dict[str, str] = {}
    for language in ("ko", "en"):
        texts = services.letter_texts(call, kind, language)
        initial |= {f"subject_{language}": texts["subject"], f"body_{language}": texts["body"]}
    form = LetterForm(request.POST if request.method == "POST" else None, initial=initial)
    preview: list[dict[str, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            if request.POST.get("action") == "save":
                services.letter_save(
                    actor=request.user, call=call, kind=kind, values=form.cleaned_data
                )
                messages.success(request, _("The letter is saved."))
                return redirect(f"{request.path}?kind={kind}")
            check_template(form.cleaned_data)
            preview = _preview(call, kind, form.cleaned_data)
        except ACCESS_ERRORS:
            raise
        except DomainError as error:
            add_domain_errors(form, error)
    return render(
        request,
        "grants/letters.html",
        {
            "call": call,
            "kind": kind,
            "kinds": LetterKind.choices,
            "form": form,
            "saved": saved,
            "preview": preview,
            "placeholders": PLACEHOLDER_HELP,
        },
        status=422 if form.errors else 200,
    )


def _preview(call: Any, kind: str, data: dict[str, str]) -> list[dict[str, str]]:
    """The letter filled in for the call's first agreement (or first application) in each
    language, so the operator sees it as a company will."""
    agreement = Agreement.objects.filter(call=call).select_related("application").first()
    application = agreement.application if agreement else call.applications.first()
    if application is None:
        return []
    result = []
    for language, name in (("ko", _("Korean")), ("en", _("English"))):
        texts = {"subject": data[f"subject_{language}"], "body": data[f"body_{language}"]}
        with translation.override(language):
            letter = services.letter_render(texts, application, agreement, language)
        result.append({"language": language, "name": name, **letter})
    return result
