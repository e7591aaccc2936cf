"""Who may see and change what in programmes: every page and endpoint goes through here."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from yeongilman.accounts.access import AnyUser, is_operator, member_organisation_ids
from yeongilman.core.errors import NotFound, PermissionDenied
from yeongilman.programs.models import (
    Application,
    ApplicationFile,
    ApplicationStatus,
    Call,
    Review,
)


def visible_calls(user: AnyUser) -> QuerySet[Call]:
    """Published calls for everyone; operators also see unpublished ones."""
    calls = Call.objects.select_related("program", "program__agency")
    return calls if is_operator(user) else calls.filter(is_published=True)


def access_call(user: AnyUser, slug: str) -> Call:
    """The call if the user may see it, else NotFound."""
    call = visible_calls(user).filter(slug=slug).first()
    if call is None:
        raise NotFound(_("No such call."))
    return call


def is_applicant(user: AnyUser, application: Application) -> bool:
    """A member of the applying organisation."""
    return application.organisation_id in member_organisation_ids(user)


def is_assigned_reviewer(user: AnyUser, application: Application) -> bool:
    """A reviewer assigned to this submitted application."""
    return (
        user.is_authenticated
        and application.status == ApplicationStatus.SUBMITTED
        and application.reviews.filter(reviewer_id=user.pk).exists()
    )


def visible_applications_q(user: AnyUser) -> Q:
    """Applications the user may read: own organisation's, assigned ones, all for operators."""
    if is_operator(user):
        return Q()
    if not user.is_authenticated:
        return Q(pk__in=[])
    return Q(organisation_id__in=member_organisation_ids(user)) | Q(
        status=ApplicationStatus.SUBMITTED, reviews__reviewer_id=user.pk
    )


def hides_applicant(user: AnyUser, application: Application) -> bool:
    """Whether the applicant's identity is hidden from the viewer: operators and the applicant
    always see it; a reviewer sees it through an assignment in a stage that is not blind."""
    if is_operator(user) or is_applicant(user, application):
        return False
    reviews = list(
        application.reviews.filter(
            reviewer_id=user.pk if user.is_authenticated else None
        ).select_related("stage", "stage__call")
    )
    if not reviews:
        return application.call.blind_review
    return all(_review_is_blind(review) for review in reviews)


def _review_is_blind(review: Review) -> bool:
    if review.stage is not None:
        return review.stage.is_blind
    first = review.application.call.stages.order_by("position").first()
    return first.is_blind if first is not None else review.application.call.blind_review


def review_hides_applicant(review: Review) -> bool:
    """Whether the reviewer of this assignment works blind (the setting of its stage)."""
    return _review_is_blind(review)


def access_application(user: AnyUser, pk: int) -> Application:
    """The application if the user may read it, else NotFound (no hint that it exists)."""
    application = (
        Application.objects.select_related("call", "call__program", "organisation")
        .filter(pk=pk)
        .first()
    )
    if application is None or not (
        is_operator(user) or is_applicant(user, application)
        or is_assigned_reviewer(user, application)
    ):  # fmt: skip
        raise NotFound(_("No such application."))
    return application


def access_application_for_edit(user: AnyUser, pk: int) -> Application:
    """The application if the user is a member of the applying organisation."""
    application = access_application(user, pk)
    if not is_applicant(user, application):
        raise PermissionDenied(_("Only the applying organisation's members may change it."))
    return application


def access_file(user: AnyUser, pk: int) -> ApplicationFile:
    """An uploaded file, for the applicant, assigned reviewers and operators only."""
    upload = ApplicationFile.objects.select_related("application").filter(pk=pk).first()
    if upload is None:
        raise NotFound(_("No such file."))
    access_application(user, upload.application_id)
    return upload


def access_review(user: AnyUser, pk: int) -> Review:
    """The reviewer's own review (assignment), else NotFound."""
    review = (
        Review.objects.select_related(
            "application",
            "application__call",
            "application__organisation",
            "stage",
            "stage__call",
        )  # fmt: skip
        .filter(pk=pk, reviewer_id=user.pk if user.is_authenticated else None)
        .first()
    )
    if review is None:
        raise NotFound(_("No such review."))
    return review
