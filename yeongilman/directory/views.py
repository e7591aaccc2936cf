"""Directory pages: search with facets, profiles, edit forms, import and export."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import (
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from yeongilman.accounts.forms import InvitationForm
from yeongilman.accounts.services import invitation_create
from yeongilman.core.audit import export_recorded
from yeongilman.core.cache import cache_key, cached
from yeongilman.core.downloads import NamePart, name_download
from yeongilman.core.errors import DomainError, NotFound, ValidationFailed
from yeongilman.core.forms import add_domain_errors
from yeongilman.core.pages import domain_errors_as_pages
from yeongilman.core.spreadsheets import xlsx_response
from yeongilman.directory import access, exporting, importing, selectors, services
from yeongilman.directory.extensions import profile_notes
from yeongilman.directory.forms import ImportForm, OrganisationForm, PersonForm
from yeongilman.directory.models import Organisation, Person
from yeongilman.jobs.models import JobKind
from yeongilman.jobs.selectors import job_of_kind

PAGE_SIZE = 20


def filters_from(request: HttpRequest) -> selectors.DirectoryFilters:
    """Read the search box and facet values from the query string."""
    get = request.GET
    return selectors.DirectoryFilters(
        q=get.get("q", "")[:200],
        kind=get.getlist("kind"),
        industry=get.getlist("industry"),
        country=get.getlist("country"),
        city=get.getlist("city"),
        stage=get.getlist("stage"),
        include_unpublished=get.get("mine") == "1",
    )


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, min(int(request.GET.get("page", "1")), 10_000))
    except ValueError:
        return 1


@require_GET
@domain_errors_as_pages
def directory(request: HttpRequest) -> HttpResponse:
    """The directory: text search ranked by relevance, facets, pagination."""
    filters = filters_from(request)
    params = request.GET.copy()
    params.pop("page", None)
    page = _page_number(request)

    def results() -> str:
        found = selectors.search_directory(request.user, filters, page=page, page_size=PAGE_SIZE)
        context = {
            "filters": filters,
            "result": found,
            "query_string": params.urlencode(),
            "has_facet_filters": any(getattr(filters, f) for f in selectors.FACETS),
            "facet_titles": {
                "kind": _("Kind"),
                "industry": _("Industry"),
                "country": _("Country"),
                "city": _("City"),
                "stage": _("Stage"),
            },
        }
        return render_to_string("directory/_results.html", context, request)

    if request.user.is_authenticated:  # members see their unpublished organisations: fresh
        html = results()
    else:  # every visitor sees the same published results: a minute old at most
        key = cache_key("directory", sorted(request.GET.lists()), page)
        html = cached(key, settings.YV_PUBLIC_CACHE_SECONDS, results)
    if request.htmx:  # type: ignore[attr-defined]
        return HttpResponse(html)
    return render(request, "directory/list.html", {"filters": filters, "results_html": html})


def _organisation_or_404(request: HttpRequest, slug: str) -> Organisation:
    return selectors.organisation_detail(request.user, slug)


def _organisation_to_edit(request: HttpRequest, slug: str) -> Organisation:
    return access.access_organisation_for_edit(request.user, _organisation_or_404(request, slug))


@require_GET
@domain_errors_as_pages
def organisation_page(request: HttpRequest, slug: str) -> HttpResponse:
    """One organisation's profile, its people, and edit links for those who may edit."""
    organisation = _organisation_or_404(request, slug)
    return render(
        request,
        "directory/detail.html",
        {
            "organisation": organisation,
            "people": selectors.people_of(request.user, organisation),
            "can_edit": access.can_edit_organisation(request.user, organisation),
            "met_notes": profile_notes(request.user, organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def organisation_new(request: HttpRequest) -> HttpResponse:
    """Add an organisation; the member who adds it becomes its owner."""
    form = OrganisationForm(request.POST or None, request.FILES or None, initial={"country": "KR"})
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(
                actor=request.user,
                values=form.service_values(),
                industry_codes=form.industry_codes(),
                pictures=form.pictures(),
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("The organisation was created."))
            return redirect("directory:detail", slug=organisation.slug)
    return render(request, "directory/form.html", {"form": form, "organisation": None})


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Edit a profile (members of the organisation and operators)."""
    organisation = _organisation_to_edit(request, slug)
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                actor=request.user,
                organisation=organisation,
                values=form.service_values(),
                industry_codes=form.industry_codes(),
                expected_version=form.expected_version(),
                pictures=form.pictures(),
            )
        except services.StaleVersion as exc:
            add_domain_errors(form, exc)
            form.show_current_version(exc.extra["version"])
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect("directory:detail", slug=organisation.slug)
    return render(request, "directory/form.html", {"form": form, "organisation": organisation})


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def person_new(request: HttpRequest, slug: str) -> HttpResponse:
    """Add a person to an organisation the user may edit."""
    organisation = _organisation_to_edit(request, slug)
    form = PersonForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_create(
                actor=request.user,
                organisation=organisation,
                values=form.service_values(),
                photo=form.pictures().get("photo"),
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("The person was added."))
            return redirect("directory:detail", slug=organisation.slug)
    return render(
        request, "directory/person_form.html", {"form": form, "organisation": organisation}
    )


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a person's details and consent."""
    person = get_object_or_404(Person, pk=pk)
    access.access_person_for_edit(request.user, person)
    form = PersonForm(request.POST or None, request.FILES or None, instance=person)
    organisation = person.organisations.first()
    if request.method == "POST" and form.is_valid():
        changes = form.pictures()
        try:
            services.person_update(
                actor=request.user,
                person=person,
                values=form.service_values(),
                photo=changes.get("photo"),
                remove_photo="photo" in changes and changes["photo"] is None,
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Your changes were saved."))
            if organisation:
                return redirect("directory:detail", slug=organisation.slug)
            return redirect("directory:list")
    return render(
        request,
        "directory/person_form.html",
        {"form": form, "organisation": organisation, "person": person},
    )


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    """Operators invite someone by e-mail to join an organisation with a role."""
    organisation = _organisation_or_404(request, slug)
    access.require_operator(request.user)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        base = request.build_absolute_uri(reverse("accounts:invitation_accept", args=["x"]))
        invitation_create(
            actor=request.user,  # type: ignore[arg-type]
            email=form.cleaned_data["email"],
            organisation=organisation,
            role=form.cleaned_data["role"],
            accept_url_base=base.rsplit("/x/", 1)[0],
        )
        messages.success(request, _("An invitation was sent to %(email)s.") % form.cleaned_data)
        return redirect("directory:detail", slug=organisation.slug)
    return render(request, "directory/invite.html", {"form": form, "organisation": organisation})


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def import_view(request: HttpRequest) -> HttpResponse:
    """Operators upload CSV/XLSX; the import runs as a job whose progress and report the page
    shows (a reload keeps them: the job is in the address)."""
    access.require_operator(request.user)
    if request.method == "POST" and "after_dry_run" in request.POST:
        dry_run_job = job_of_kind(
            request.user, request.POST["after_dry_run"], JobKind.ORGANISATION_IMPORT
        )
        if dry_run_job is None:
            raise NotFound(_("This dry run is not there any more."))
        try:
            job = importing.import_start_after_dry_run(actor=request.user, dry_run_job=dry_run_job)
        except ValidationFailed as exc:
            messages.error(request, str(exc))
            job = dry_run_job
        return redirect(f"{reverse('directory:import')}?job={job.pk}")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            importing.check_upload(upload.name, upload.size)
            job = importing.import_start(
                actor=request.user,
                filename=upload.name,
                data=upload.read(),
                dry_run=form.cleaned_data["dry_run"],
            )
            return redirect(f"{reverse('directory:import')}?job={job.pk}")
        except DomainError as exc:
            add_domain_errors(form, exc)
    shown = job_of_kind(request.user, request.GET.get("job", ""), JobKind.ORGANISATION_IMPORT)
    partial = request.htmx and shown  # type: ignore[attr-defined]
    return render(
        request,
        "directory/_import_job.html" if partial else "directory/import.html",
        {
            "form": form,
            "job": shown,
            "report": shown.result if shown and shown.result else None,
            "columns": importing.COLUMNS,
        },
    )


@require_GET
@domain_errors_as_pages
def export(request: HttpRequest) -> HttpResponseBase:
    """Download the current filtered list as CSV or XLSX (what the viewer may see)."""
    organisations = selectors.organisation_for_export(request.user, filters_from(request))
    file_format = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    export_recorded(actor=request.user, what="organisations", format=file_format,
                    query=request.GET.urlencode()[:500])  # fmt: skip
    name: list[NamePart] = [
        gettext_lazy("Yeongilman Valley organisations"),
        timezone.localdate().isoformat(),
    ]
    if file_format == "xlsx":
        return xlsx_response(exporting.export_xlsx(organisations.iterator(chunk_size=2000)), name)
    streaming = StreamingHttpResponse(
        exporting.export_csv(organisations.iterator(chunk_size=2000)),
        content_type="text/csv; charset=utf-8",
    )
    return name_download(streaming, name, "csv")
