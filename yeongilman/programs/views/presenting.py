"""Programme pages for presentation stages, appeals and reviewers: the operators' schedule of
a stage's presentations (panels, slots, scheduling, mail to reviewers) and its appeals, the
applicant's appeal form, and the reviewer's dashboard with their profile."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from yeongilman.accounts.access import require_operator, require_user
from yeongilman.accounts.models import User
from yeongilman.core.errors import DomainError, NotFound
from yeongilman.core.forms import add_domain_errors
from yeongilman.core.pages import ACCESS_ERRORS, domain_errors_as_pages
from yeongilman.directory.models import Industry
from yeongilman.jobs.models import JobKind, JobStatus
from yeongilman.jobs.selectors import latest_job
from yeongilman.programs import access, selectors
from yeongilman.programs.models import Appeal, ReviewerProfile, Stage
from yeongilman.programs.services import appeals as appeal_services
from yeongilman.programs.services import presentations as presenting
from yeongilman.programs.services import reviewers as reviewer_services
from yeongilman.programs.views.common import call_zone

LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class PanelForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Panel name"), max_length=100)
    members = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Members"), coerce=int, widget=forms.CheckboxSelectMultiple
    )


class SlotsForm(forms.Form):
    panel = forms.TypedChoiceField(label=gettext_lazy("Panel"), coerce=int)
    first_start = forms.DateTimeField(
        label=gettext_lazy("First slot starts (the call's time zone)"), widget=LOCAL
    )
    minutes = forms.IntegerField(label=gettext_lazy("Minutes per slot"), min_value=5,
                                 max_value=240, initial=20)  # fmt: skip
    count = forms.IntegerField(label=gettext_lazy("Number of slots"), min_value=1,
                               max_value=presenting.MAX_SLOTS, initial=8)  # fmt: skip
    buffer_minutes = forms.IntegerField(label=gettext_lazy("Buffer between slots (minutes)"),
                                        min_value=0, max_value=240, initial=5)  # fmt: skip
    room = forms.CharField(label=gettext_lazy("Room"), max_length=100, required=False)
    video_link = forms.URLField(label=gettext_lazy("Video link"), max_length=300,
                                required=False, assume_scheme="https")  # fmt: skip


class MailForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=200)
    body = forms.CharField(label=gettext_lazy("Message"), max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip
    only_unfinished = forms.BooleanField(
        label=gettext_lazy("Only reviewers with reviews left to do"), required=False
    )


def _choices(form: forms.Form, name: str, choices: list[tuple[int, str]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def _operator_stage(request: HttpRequest, slug: str, stage_id: int) -> Stage:
    require_operator(request.user)
    call = access.access_call(request.user, slug)
    stage = call.stages.filter(pk=stage_id).first()
    if stage is None:
        raise NotFound(_("No such stage."))
    stage.call = call
    return stage


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def presentations(request: HttpRequest, slug: str, stage_id: int) -> HttpResponse:
    """Operators: a stage's panels and slots, the schedule, and mail to its reviewers."""
    stage = _operator_stage(request, slug, stage_id)
    call = stage.call
    zone = call_zone(call)
    pool = list(
        User.objects.filter(pk__in=selectors.stage_pool(stage).values("user_id")).order_by("email")
    )
    panels = selectors.stage_presentations(stage)
    action = request.POST.get("action") if request.method == "POST" else None
    panel_form = PanelForm(request.POST if action == "panel" else None)
    _choices(panel_form, "members", [(u.pk, str(u)) for u in pool])
    slots_form = SlotsForm(request.POST if action == "slots" else None)
    _choices(slots_form, "panel", [(p.pk, p.name) for p in panels])
    mail_form = MailForm(request.POST if action == "mail" else None)
    forms_by_action: dict[str, forms.Form] = {
        "panel": panel_form, "slots": slots_form, "mail": mail_form,
    }  # fmt: skip
    if action:
        form = forms_by_action.get(action)
        try:
            if form is not None and form.is_valid():
                data = form.cleaned_data
                if action == "panel":
                    presenting.panel_save(actor=request.user, stage=stage, name=data["name"],
                                          member_ids=data["members"])  # fmt: skip
                    messages.success(request, _("The panel was added."))
                elif action == "slots":
                    panel = next(p for p in panels if p.pk == data["panel"])
                    presenting.presentation_slots_define(
                        actor=request.user, panel=panel,
                        first_start=data["first_start"].replace(tzinfo=zone),
                        minutes=data["minutes"], count=data["count"],
                        buffer_minutes=data["buffer_minutes"], room=data["room"],
                        video_link=data["video_link"],
                    )  # fmt: skip
                    messages.success(request, _("The slots were added."))
                else:
                    sent = reviewer_services.reviewers_mail(
                        actor=request.user, stage=stage, subject=data["subject"],
                        body=data["body"], only_unfinished=data["only_unfinished"],
                    )  # fmt: skip
                    messages.success(request, _("Sent to %(n)s reviewers.") % {"n": sent})
                return redirect("programs:presentations", slug=call.slug, stage_id=stage.pk)
            if action == "schedule":
                presenting.presentations_schedule_start(
                    actor=request.user, stage=stage, replace=bool(request.POST.get("replace"))
                )
                messages.success(request, _("The schedule is being made; reload in a moment."))
                return redirect("programs:presentations", slug=call.slug, stage_id=stage.pk)
        except ACCESS_ERRORS:
            raise
        except DomainError as exc:
            if form is not None:
                add_domain_errors(form, exc)
            messages.error(request, exc.message)
    slots = []
    for p in panels:
        for slot in p.slots.all():
            slot.panel = p  # read once with the panels, not per slot
            slots.append(slot)
    slots.sort(key=lambda s: (s.starts_at, s.panel.name))
    job = latest_job(kind=JobKind.SCHEDULE_RUN, scope=presenting.presentations_scope(stage))
    reasons = {r["application"]: r["reason"] for r in (job.result or {}).get("unplaced", [])
               } if job and job.status == JobStatus.DONE else {}  # fmt: skip
    unplaced = [
        {"application": a, "reason": _(reasons[a.pk])}
        for a in selectors.in_stage(stage).select_related("organisation")
        if a.pk in reasons and not any(s.application_id == a.pk for s in slots)
    ]  # fmt: skip
    return render(
        request,
        "programs/presentations.html",
        {
            "call": call, "stage": stage, "zone": zone, "panels": panels, "slots": slots,
            "panel_form": panel_form, "slots_form": slots_form, "mail_form": mail_form,
            "unplaced": unplaced, "pool": pool, "job": job,
            "in_stage": selectors.in_stage(stage).count(),
            "placed": sum(1 for s in slots if s.application_id),
        },
    )  # fmt: skip


class AppealForm(forms.Form):
    stage = forms.TypedChoiceField(label=gettext_lazy("review stage"), coerce=int)
    text = forms.CharField(
        label=gettext_lazy("Why should the result change?"), max_length=appeal_services.MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def appeal_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The applicant: appeal a stage's result within its window, with files; earlier appeals
    and their decisions."""
    application = access.access_application_for_edit(request.user, pk)
    call = application.call
    stages = selectors.stages_of(call)
    open_stages = [s for s in stages if s.pk and not appeal_services.appeal_refusal(s, application)]
    form = AppealForm(request.POST if request.method == "POST" else None)
    _choices(form, "stage", [(s.pk, str(s.name)) for s in open_stages])
    if request.method == "POST" and form.is_valid():
        stage = next(s for s in open_stages if s.pk == form.cleaned_data["stage"])
        try:
            appeal_services.appeal_create(
                actor=request.user, stage=stage, application=application,
                text=form.cleaned_data["text"], files=request.FILES.getlist("files"),
            )  # fmt: skip
        except ACCESS_ERRORS:
            raise
        except DomainError as exc:
            add_domain_errors(form, exc)
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Your appeal was received."))
            return redirect("programs:appeal", pk=application.pk)
    return render(
        request,
        "programs/appeal.html",
        {
            "application": application, "call": call, "form": form, "zone": call_zone(call),
            "open_stages": open_stages, "appeals": application.appeals.select_related("stage")
            .prefetch_related("files"),
            "types": ", ".join(t.upper() for t in appeal_services.APPEAL_TYPES),
            "max_mb": appeal_services.MAX_FILE_MB, "max_files": appeal_services.MAX_FILES,
        },
    )  # fmt: skip


class WindowForm(forms.Form):
    closes_at = forms.DateTimeField(
        label=gettext_lazy("Appeals close (the call's time zone)"), widget=LOCAL, required=False
    )


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def appeals(request: HttpRequest, slug: str, stage_id: int) -> HttpResponse:
    """Operators: a stage's appeal window and its appeals, to uphold or reject with a reason."""
    stage = _operator_stage(request, slug, stage_id)
    call = stage.call
    zone = call_zone(call)
    local = stage.appeals_close_at.astimezone(zone).replace(tzinfo=None) if (
        stage.appeals_close_at) else None  # fmt: skip
    window = WindowForm(
        request.POST if request.POST.get("action") == "window" else None,
        initial={"closes_at": local},
    )
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "window" and window.is_valid():
                closes: datetime | None = window.cleaned_data["closes_at"]
                appeal_services.appeal_window_set(
                    actor=request.user, stage=stage,
                    closes_at=closes.replace(tzinfo=zone) if closes else None,
                )  # fmt: skip
                messages.success(request, _("The appeal window was saved."))
                return redirect("programs:appeals", slug=call.slug, stage_id=stage.pk)
            if action in ("uphold", "reject"):
                appeal = Appeal.objects.filter(stage=stage, pk=request.POST.get("appeal") or 0
                                               ).select_related("application").first()  # fmt: skip
                if appeal is None:
                    raise NotFound(_("No such appeal."))
                appeal.stage = stage
                appeal_services.appeal_decide(actor=request.user, appeal=appeal,
                                              uphold=action == "uphold",
                                              reason=request.POST.get("reason", ""))  # fmt: skip
                messages.success(request, _("The decision was recorded and mailed."))
                return redirect("programs:appeals", slug=call.slug, stage_id=stage.pk)
        except ACCESS_ERRORS:
            raise
        except DomainError as exc:
            messages.error(request, exc.message)
    return render(
        request,
        "programs/appeals.html",
        {"call": call, "stage": stage, "zone": zone, "window": window,
         "appeals": selectors.stage_appeals(stage)},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def reviewing(request: HttpRequest) -> HttpResponse:
    """The reviewer's dashboard across calls and stages, and their expertise profile."""
    user = require_user(request.user)
    profile = ReviewerProfile.objects.filter(user=user).first()
    chosen = set(profile.expertise) if profile else set()
    if request.method == "POST":
        codes = request.POST.getlist("expertise")
        try:
            reviewer_services.reviewer_profile_save(actor=user, expertise=codes)
        except ACCESS_ERRORS:
            raise
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Your expertise was saved."))
            return redirect("programs:reviewing")
    rows: list[Any] = selectors.reviewer_dashboard(user)
    return render(
        request,
        "programs/reviewing.html",
        {
            "rows": rows, "industries": Industry.objects.all(), "chosen": chosen,
            "can_profile": user.is_reviewer or user.is_operator,
            "to_do": sum(len(r.to_do) for r in rows), "done": sum(len(r.done) for r in rows),
        },
    )  # fmt: skip
