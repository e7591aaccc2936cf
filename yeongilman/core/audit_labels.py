"""The audit log in words: what each recorded action and detail means, in the reader's language,
instead of the codes services write ("outcome_selected", {"by": "hand"})."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "account_deleted": _("Account deleted"),
    "agreement_created": _("Agreement created"),
    "application_reopened": _("Application reopened"),
    "application_started": _("Application started"),
    "application_submitted": _("Application submitted"),
    "application_withdrawn": _("Application withdrawn"),
    "call_closed_early": _("Call closed early"),
    "call_created": _("Call created"),
    "call_changed": _("Call changed"),
    "conflict_declared": _("Conflict of interest declared"),
    "consent_given": _("Consent given"),
    "criterion_added": _("Criterion added"),
    "criterion_removed": _("Criterion removed"),
    "data_exported": _("Data exported"),
    "document_attached": _("Document attached"),
    "form_field_added": _("Form field added"),
    "form_field_changed": _("Form field changed"),
    "form_field_removed": _("Form field removed"),
    "form_field_retired": _("Form field retired"),
    "form_field_restored": _("Form field restored"),
    "lead_created": _("Lead created"),
    "login": _("Logged in"),
    "login_failed": _("Log-in failed"),
    "login_unlocked": _("Log-in unlocked"),
    "outcome_selected": _("Selected"),
    "outcome_not_selected": _("Not selected"),
    "outcome_pending": _("Decision reset to pending"),
    "policy_created": _("Policy request created"),
    "results_published": _("Results published"),
    "reviews_waived": _("Went ahead without every review"),
    "retention_applied": _("Retention rules applied"),
    "review_submitted": _("Review submitted"),
    "reviewer_pool_set": _("Reviewer pool set"),
    "reviewers_assigned": _("Reviewers assigned"),
    "roles_changed": _("Roles changed"),
    "selection_applied": _("Selection applied"),
    "stage_added": _("Review stage added"),
    "stage_advanced": _("Review stage advanced"),
    "stage_changed": _("Review stage changed"),
    "stage_decided": _("Stage decided by hand"),
    "stage_moved": _("Review stage moved"),
    "stage_not_passed": _("Did not pass the stage"),
    "stage_passed": _("Passed the stage"),
    "token_issued": _("API token issued"),
    "token_revoked": _("API token revoked"),
}

DETAILS = {
    "applications": _("applications"),
    "by": _("by"),
    "field": _("field"),
    "fields": _("fields"),
    "letters": _("letters"),
    "new_assignments": _("new assignments"),
    "organisation": _("organisation"),
    "places": _("places"),
    "previous": _("before"),
    "quotas": _("quotas"),
    "reason": _("reason"),
    "reviewer": _("reviewer"),
    "reviewers": _("reviewers"),
    "selected": _("selected"),
    "short": _("still missing reviewers"),
    "stage": _("stage"),
    "advanced": _("advanced"),
    "stopped": _("did not advance"),
    "advances": _("advances"),
    "receipt_number": _("receipt number"),
    "step": _("step"),
    "what": _("what"),
}

VALUES = {
    "hand": _("by hand"),
    "ranking": _("from the ranking"),
    "selected": _("selected"),
    "not_selected": _("not selected"),
    "pending": _("pending"),
    "draft": _("draft"),
    "submitted": _("submitted"),
    "withdrawn": _("withdrawn"),
    True: _("yes"),
    False: _("no"),
}


def action_label(action: str) -> str:
    """What was done, in words."""
    label = ACTIONS.get(action)
    return str(label) if label is not None else action.replace("_", " ").capitalize()


def subject_label(subject_type: str, subject_id: int) -> str:
    """The kind of object by its model's name, with its number ("application #12")."""
    if not subject_type:
        return "—"
    try:
        name = str(apps.get_model(subject_type)._meta.verbose_name)
    except (LookupError, ValueError):
        name = subject_type.rsplit(".", 1)[-1]
    return f"{name} #{subject_id}"


def detail_lines(details: dict[str, Any]) -> list[tuple[str, str]]:
    """Each recorded detail as (label, value) in words."""
    return [(str(DETAILS.get(key, key.replace("_", " "))), _value(value))
            for key, value in (details or {}).items()]  # fmt: skip


def _value(value: Any) -> str:
    if isinstance(value, bool | str) and value in VALUES:
        return str(VALUES[value])
    if isinstance(value, list | tuple):
        return ", ".join(_value(v) for v in value) or "—"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_value(v)}" for k, v in value.items()) or "—"
    return "—" if value in (None, "") else str(value)
