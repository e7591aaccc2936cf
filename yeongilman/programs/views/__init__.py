"""Programme pages: calls, applications, reviews, and the operators' management."""

from yeongilman.programs.views.applicants import (
    application_autosave,
    application_page,
    application_start,
    application_withdraw,
    call_list,
    call_page,
    file_download,
    mine,
)
from yeongilman.programs.views.operators import (
    audit,
    call_edit,
    export,
    field_edit,
    form_builder,
    manage,
)
from yeongilman.programs.views.presenting import appeal_page, appeals, presentations, reviewing
from yeongilman.programs.views.reviewers import review_conflict, review_page

__all__ = [
    "appeal_page",
    "appeals",
    "application_autosave",
    "application_page",
    "application_start",
    "application_withdraw",
    "audit",
    "call_edit",
    "call_list",
    "call_page",
    "export",
    "field_edit",
    "file_download",
    "form_builder",
    "manage",
    "mine",
    "presentations",
    "review_conflict",
    "review_page",
    "reviewing",
]
