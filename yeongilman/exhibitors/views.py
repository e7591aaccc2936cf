"""Exhibitor pages: a stand's portal (profile, products, team, brochures), lead capture and
export, the operator's completeness table with reminders and the floor plan."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yeongilman.core.converters import id_from
from yeongilman.core.errors import DomainError, NotFound
from yeongilman.core.forms import add_domain_errors
from yeongilman.core.pages import domain_errors_as_pages
from yeongilman.core.spreadsheets import xlsx_response
from yeongilman.core.talk import talk_links
from yeongilman.events import access
from yeongilman.events import selectors as event_selectors
from yeongilman.events.models import Event, Exhibitor
from yeongilman.exhibitors import selectors, services
from yeongilman.exhibitors.forms import (
    DocumentForm,
    ExhibitorImageForm,
    FloorPlanForm,
    LeadForm,
    ProductForm,
    StandForm,
)
from yeongilman.exhibitors.lead_export import leads_xlsx
from yeongilman.exhibitors.models import ExhibitorDocument, ExhibitorProduct


def _stand(request: HttpRequest, slug: str, exhibitor_id: int) -> Exhibitor:
    """The stand the viewer manages, at the event the address names."""
    exhibitor = access.access_exhibitor(request.user, exhibitor_id)
    if exhibitor.event.slug != slug:
        raise NotFound(_("No such exhibitor."))
    return exhibitor


def _portal_url(exhibitor: Exhibitor, anchor: str = "") -> str:
    url = reverse("exhibitors:exhibitor_portal", args=[exhibitor.event.slug, exhibitor.pk])
    return f"{url}#{anchor}" if anchor else url


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def exhibitor_portal(request: HttpRequest, slug: str, exhibitor_id: int) -> HttpResponse:
    """A stand's own page: where it is, what it shows, who staffs it, what it hands out."""
    exhibitor = selectors.exhibitor_portal(_stand(request, slug, exhibitor_id))
    initial = {f: getattr(exhibitor, f) for f in StandForm.base_fields}
    form = StandForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.exhibitor_profile_update(
                actor=request.user, exhibitor=exhibitor, values=form.cleaned_data
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect(_portal_url(exhibitor))
    return render(
        request,
        "exhibitors/exhibitor_portal.html",
        {
            "event": exhibitor.event,
            "exhibitor": exhibitor,
            "form": form,
            "missing": selectors.missing_labels(selectors.completeness(exhibitor)),
            "candidates": selectors.team_candidates(exhibitor),
            "team_ids": {u.pk for u in exhibitor.team.all()},
            "document_form": DocumentForm(),
            "meetings": selectors.exhibitor_meetings(exhibitor),
        },
    )


@login_required
@require_POST
@domain_errors_as_pages
def exhibitor_team(request: HttpRequest, slug: str, exhibitor_id: int) -> HttpResponse:
    """Name who staffs the stand (ticked members of the organisation)."""
    exhibitor = _stand(request, slug, exhibitor_id)
    ids = {i for i in map(id_from, request.POST.getlist("team")) if i is not None}
    try:
        services.team_set(actor=request.user, exhibitor=exhibitor, user_ids=ids)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your changes were saved."))
    return redirect(_portal_url(exhibitor, "team"))


def _product_form_page(
    request: HttpRequest, exhibitor: Exhibitor, product: ExhibitorProduct | None
) -> HttpResponse:
    initial = (
        {f: getattr(product, f) for f in ("name_ko", "name_en", "description_ko", "description_en")}
        if product
        else {}
    )
    form = ProductForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k not in ("image", "remove_image")}
        image = form.cleaned_data.get("image") or None
        try:
            if product is None:
                services.product_create(
                    actor=request.user, exhibitor=exhibitor, values=values, image=image
                )
            else:
                services.product_update(
                    actor=request.user, product=product, values=values, image=image,
                    remove_image=bool(form.cleaned_data.get("remove_image")),
                )  # fmt: skip
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect(_portal_url(exhibitor, "products"))
    return render(
        request,
        "exhibitors/exhibitor_product_form.html",
        {"event": exhibitor.event, "exhibitor": exhibitor, "product": product, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def product_new(request: HttpRequest, slug: str, exhibitor_id: int) -> HttpResponse:
    """Add a product to the stand."""
    return _product_form_page(request, _stand(request, slug, exhibitor_id), None)


def _product(exhibitor: Exhibitor, product_id: int) -> ExhibitorProduct:
    product = exhibitor.items.filter(pk=product_id).first()
    if product is None:
        raise NotFound(_("No such product."))
    return product


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def product_edit(
    request: HttpRequest, slug: str, exhibitor_id: int, product_id: int
) -> HttpResponse:
    """Change one of the stand's products."""
    exhibitor = _stand(request, slug, exhibitor_id)
    return _product_form_page(request, exhibitor, _product(exhibitor, product_id))


@login_required
@require_POST
@domain_errors_as_pages
def product_delete(
    request: HttpRequest, slug: str, exhibitor_id: int, product_id: int
) -> HttpResponse:
    """Remove one of the stand's products."""
    exhibitor = _stand(request, slug, exhibitor_id)
    services.product_delete(actor=request.user, product=_product(exhibitor, product_id))
    messages.success(request, _("The product was removed."))
    return redirect(_portal_url(exhibitor, "products"))


@login_required
@require_POST
@domain_errors_as_pages
def document_add(request: HttpRequest, slug: str, exhibitor_id: int) -> HttpResponse:
    """Upload a brochure (PDF)."""
    exhibitor = _stand(request, slug, exhibitor_id)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_add(
                actor=request.user, exhibitor=exhibitor, title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )  # fmt: skip
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The brochure was added."))
    else:
        messages.error(request, _("Choose a PDF file to upload."))
    return redirect(_portal_url(exhibitor, "documents"))


def _document(exhibitor: Exhibitor, document_id: int) -> ExhibitorDocument:
    document = exhibitor.documents.filter(pk=document_id).first()
    if document is None:
        raise NotFound(_("No such brochure."))
    return document


@require_GET
@domain_errors_as_pages
def document_download(
    request: HttpRequest, slug: str, exhibitor_id: int, document_id: int
) -> HttpResponseBase:
    """A stand's brochure, for anyone who may see the event (downloaded, never shown inline)."""
    event = event_selectors.event_detail(request.user, slug)
    exhibitor = event.exhibitors.filter(pk=exhibitor_id).first()
    if exhibitor is None:
        raise NotFound(_("No such exhibitor."))
    document = _document(exhibitor, document_id)
    name = f"{slugify(document.title, allow_unicode=True) or 'brochure'}.pdf"
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=name, content_type="application/pdf"
    )


@login_required
@require_POST
@domain_errors_as_pages
def document_delete(
    request: HttpRequest, slug: str, exhibitor_id: int, document_id: int
) -> HttpResponse:
    """Remove a brochure."""
    exhibitor = _stand(request, slug, exhibitor_id)
    services.document_delete(actor=request.user, document=_document(exhibitor, document_id))
    messages.success(request, _("The brochure was removed."))
    return redirect(_portal_url(exhibitor, "documents"))


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def leads(request: HttpRequest, slug: str, exhibitor_id: int) -> HttpResponse:
    """Capture a visitor by badge code or from the participants, and the stand's leads."""
    exhibitor = _stand(request, slug, exhibitor_id)
    candidates = [
        (r.pk, f"{str(r.user)}"
               + (f" · {r.organisation.name.primary}" if r.organisation else ""))
        for r in selectors.capture_candidates(exhibitor)[:500]
    ]  # fmt: skip
    form = LeadForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            lead, created = services.lead_capture(
                actor=request.user, exhibitor=exhibitor, code=data["code"],
                registration_id=data["registration"], rating=data["rating"], tags=data["tags"],
                note=data["note"], follow_up_on=data["follow_up_on"],
            )  # fmt: skip
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            who = lead.registration.user.full_name or _("the visitor")
            if created:
                messages.success(request, _("Lead saved: %(name)s.") % {"name": who})
            else:
                messages.success(request, _("Lead updated: %(name)s.") % {"name": who})
            return redirect(reverse("exhibitors:leads", args=[slug, exhibitor.pk]))
    rows = list(selectors.leads_of(exhibitor))
    contacts = selectors.shared_contacts(rows)
    return render(
        request,
        "exhibitors/leads.html",
        {
            "event": exhibitor.event,
            "exhibitor": exhibitor,
            "form": form,
            "leads": [(lead, contacts[lead.pk]) for lead in rows],
            "talk": talk_links(request.user, "lead", [lead.pk for lead in rows]),
        },
    )


@login_required
@require_GET
@domain_errors_as_pages
def leads_export(request: HttpRequest, slug: str, exhibitor_id: int) -> HttpResponse:
    """The stand's leads as a spreadsheet."""
    exhibitor = _stand(request, slug, exhibitor_id)
    return xlsx_response(
        leads_xlsx(exhibitor),
        [exhibitor.event.title, exhibitor.organisation.name, gettext_lazy("leads")],
    )


def _operator_event(request: HttpRequest, slug: str) -> Event:
    event = event_selectors.event_detail(request.user, slug)
    access.require_event_operator(request.user, event)
    return event


@login_required
@require_GET
@domain_errors_as_pages
def exhibitors_manage(request: HttpRequest, slug: str) -> HttpResponse:
    """Operators: every stand's completeness, reminders and the floor plan."""
    event = _operator_event(request, slug)
    rows = selectors.completeness_table(event)
    return render(
        request,
        "exhibitors/exhibitors_manage.html",
        {
            "event": event,
            "rows": rows,
            "incomplete": sum(1 for r in rows if r.missing),
            "floor_plan_form": FloorPlanForm(
                initial={
                    "floor_plan_alt_ko": event.floor_plan_alt_ko,
                    "floor_plan_alt_en": event.floor_plan_alt_en,
                }
            ),
            "lead_counts": selectors.lead_counts(event),
        },
    )


@login_required
@require_POST
@domain_errors_as_pages
def exhibitors_remind(request: HttpRequest, slug: str) -> HttpResponse:
    """Operators: remind one stand (`exhibitor`) or every incomplete one by mail."""
    event = _operator_event(request, slug)
    one = request.POST.get("exhibitor", "")
    count = services.exhibitors_remind(
        actor=request.user, event=event, exhibitor_ids={id_from(one) or 0} if one.strip() else None,
        site=request.build_absolute_uri("/")[:-1],
    )  # fmt: skip
    if count:
        messages.success(
            request,
            ngettext(
                "A reminder went to %(count)d exhibitor.",
                "A reminder went to %(count)d exhibitors.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.info(request, _("No exhibitor needed a reminder."))
    return redirect(reverse("exhibitors:exhibitors_manage", args=[event.slug]))


@login_required
@require_POST
@domain_errors_as_pages
def floor_plan(request: HttpRequest, slug: str) -> HttpResponse:
    """Operators: upload, describe or remove the floor plan."""
    event = _operator_event(request, slug)
    form = FloorPlanForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["remove"]:
                services.floor_plan_remove(actor=request.user, event=event)
            else:
                services.floor_plan_set(
                    actor=request.user, event=event, image=data["image"] or None,
                    alt_ko=data["floor_plan_alt_ko"], alt_en=data["floor_plan_alt_en"],
                )  # fmt: skip
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Your changes were saved."))
    return redirect(reverse("exhibitors:exhibitors_manage", args=[event.slug]) + "#floor-plan")


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def exhibitor_edit(request: HttpRequest, slug: str, exhibitor_id: int) -> HttpResponse:
    """Change an exhibitor's product image (the exhibiting organisation's members, operators)."""
    event = event_selectors.event_detail(request.user, slug)
    exhibitor = access.access_exhibitor_for_edit(request.user, event, exhibitor_id)
    form = ExhibitorImageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        image = form.cleaned_data.get("image")
        if image or form.cleaned_data.get("remove"):
            try:
                services.exhibitor_product_image_set(
                    actor=request.user, exhibitor=exhibitor, image=image or None
                )
            except DomainError as exc:
                add_domain_errors(form, exc)
            else:
                messages.success(request, _("Your changes were saved."))
                return redirect(f"{reverse('events:detail', args=[event.slug])}#exhibitors")
        else:
            form.add_error("image", _("Choose a picture to upload."))
    return render(
        request,
        "exhibitors/exhibitor_form.html",
        {"event": event, "exhibitor": exhibitor, "form": form},
    )
