"""Template filters that show audit entries in words."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from yeongilman.core.audit import SYSTEM_ACTOR
from yeongilman.core.audit_labels import action_label, detail_lines, subject_label

register = template.Library()


@register.filter
def audit_action(action: str) -> str:
    """ "outcome_selected" → "Selected" / "선정"."""
    return action_label(action)


@register.filter
def audit_subject(entry: Any) -> str:
    """The entry's object as "application #12"."""
    return subject_label(entry.subject_type, entry.subject_id)


@register.filter
def audit_actor(entry: Any) -> str:
    """Who acted: their address, or "System" for the platform itself."""
    label = entry.actor_label
    return label if label and label != SYSTEM_ACTOR else _("System")


@register.filter
def audit_details(details: dict[str, Any]) -> list[tuple[str, str]]:
    """The recorded details as (label, value) pairs in words."""
    return detail_lines(details)
