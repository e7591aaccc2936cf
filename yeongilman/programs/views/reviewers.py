"""Programme pages for reviewers: score an assigned application, declare a conflict."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from yeongilman.core.errors import DomainError
from yeongilman.core.pages import domain_errors_as_pages
from yeongilman.programs import access, selectors
from yeongilman.programs.services import reviews as review_services
from yeongilman.programs.views.common import answers_for_display


@login_required
@require_http_methods(["GET", "POST"])
@domain_errors_as_pages
def review_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Read the assigned application and score it against the rubric."""
    review = access.access_review(request.user, pk)
    application = review.application
    call = application.call
    stage = review.stage or selectors.stages_of(call)[0]
    criteria = list(selectors.stage_criteria(stage))
    errors: dict[str, list[str]] = {}
    values = {str(k): v for k, v in review.scores.items()}
    comment = review.comment
    if request.method == "POST":
        values = {str(c.pk): request.POST.get(f"score-{c.pk}", "") for c in criteria}
        comment = request.POST.get("comment", "")
        try:
            review_services.review_save(
                actor=request.user, review=review, scores=values, comment=comment,
                submit="submit" in request.POST,
            )  # fmt: skip
            messages.success(request, _("Your review was saved."))
            return redirect("programs:review", pk=review.pk)
        except DomainError as exc:
            errors = exc.field_errors
            messages.error(request, exc.message)
    return render(
        request,
        "programs/review.html",
        {
            "review": review,
            "application": application,
            "call": call,
            "blind": access.review_hides_applicant(review),
            "stage": stage,
            "answers": answers_for_display(application),
            "criteria": [
                {
                    "criterion": c,
                    "value": values.get(str(c.pk), ""),
                    "errors": errors.get(str(c.pk), []),
                }  # fmt: skip
                for c in criteria
            ],
            "comment": comment,
        },
    )


@login_required
@require_POST
@domain_errors_as_pages
def review_conflict(request: HttpRequest, pk: int) -> HttpResponse:
    """Declare a conflict of interest: the application goes to another reviewer."""
    review = access.access_review(request.user, pk)
    review_services.conflict_declare(
        actor=request.user, review=review, reason=request.POST.get("reason", "")
    )
    messages.success(request, _("Conflict recorded; the application goes to another reviewer."))
    return redirect("programs:mine")
