"""Each event's settings of the automatic mails and the platform's editable templates."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from yeongilman.accounts.access import AnyUser, require_operator
from yeongilman.communications import placeholders, selectors
from yeongilman.communications.models import (
    EventCommsSettings,
    MailKind,
    MailTemplate,
    ReminderLead,
)
from yeongilman.communications.services.messages import TEXT_FIELDS
from yeongilman.communications.services.rendering import (
    _event_link,
    _moment,
    render_for,
)
from yeongilman.core.errors import ValidationFailed
from yeongilman.events.models import Event

SETTING_LIMITS = {"nudge_every_days": (1, 30), "expire_after_days": (1, 60)}

SETTING_FIELDS = (
    "nudges_enabled", "nudge_every_days", "reminders_enabled", "reminder_minutes_before",
    "expiry_enabled", "expire_after_days", "schedule_changed_enabled",
)  # fmt: skip


@transaction.atomic
def comms_settings_update(*, actor: AnyUser, event: Event, **values: Any) -> EventCommsSettings:
    """Switch an event's automatic mails on or off and set their numbers (operators)."""
    require_operator(actor)
    options, _created = EventCommsSettings.objects.select_for_update().get_or_create(event=event)
    errors: dict[str, list[str]] = {}
    for field, value in values.items():
        if field not in SETTING_FIELDS or value is None:
            continue
        if field in SETTING_LIMITS:
            low, high = SETTING_LIMITS[field]
            if not low <= int(value) <= high:
                errors[field] = [
                    _("Use a number from %(low)s to %(high)s.") % {"low": low, "high": high}
                ]
                continue
        if field == "reminder_minutes_before" and int(value) not in ReminderLead.values:
            errors[field] = [_("Choose one of the offered reminder times.")]
            continue
        setattr(options, field, value)
    if errors:
        raise ValidationFailed(next(iter(errors.values()))[0], field_errors=errors)
    options.save()
    return options


def _check_template_texts(texts: dict[str, str]) -> dict[str, str]:
    clean = {f: (texts.get(f) or "").strip() for f in TEXT_FIELDS}
    missing = {
        f: [_("This text is needed in both languages.")] for f, text in clean.items() if not text
    }
    if missing:
        raise ValidationFailed(next(iter(missing.values()))[0], field_errors=missing)
    placeholders.check_texts(clean)
    return clean


@transaction.atomic
def template_save(*, actor: AnyUser, kind: str, texts: dict[str, str]) -> MailTemplate:
    """Save the operators' texts of a kind of mail, both languages (unknown placeholders are
    refused, naming them)."""
    require_operator(actor)
    if kind not in MailKind.values:
        raise ValidationFailed(_("There is no such kind of mail."))
    clean = _check_template_texts(texts)
    template, _created = MailTemplate.objects.update_or_create(kind=kind, defaults=clean)
    return template


SAMPLE = {
    "name": "Kim Minji",
    "partner": "Alex Morgan",
    "organisation": "Pittsburgh Robotics Lab",
    "table": "3",
    "days": "7",
}


def template_preview(
    *, actor: AnyUser, kind: str, texts: dict[str, str] | None = None, event: Event | None = None
) -> dict[str, dict[str, str]]:
    """A kind's texts (given, or the saved ones) filled with sample values, per language."""
    require_operator(actor)
    if kind not in MailKind.values:
        raise ValidationFailed(_("There is no such kind of mail."))
    chosen = _check_template_texts(texts) if texts is not None else selectors.template_texts(kind)
    now = timezone.now().replace(second=0, microsecond=0)
    zone = event.time_zone if event else "Asia/Seoul"
    out = {}
    for language in ("ko", "en"):
        with translation.override(language):
            values = dict(SAMPLE)
            values["event"] = str(event.title) if event else _("Sample event")
            values["link"] = _event_link(event, language) if event else settings.YV_SITE_URL
            values["time"] = values["event_time"] = _moment(now, zone)
            values["table"] = _("Table %(number)s") % {"number": 3}
            if kind == MailKind.REMINDER:
                values["link"] = ""  # the sample meeting is at a table, not a video call
            values["changes"] = "- " + _("Meeting with %(partner)s: %(old)s → %(new)s") % {
                "partner": SAMPLE["partner"], "old": _moment(now, zone),
                "new": _moment(now + timedelta(hours=1), zone),
            }  # fmt: skip
            subject, body = render_for(chosen, values, language)
        out[language] = {"subject": subject, "body": body}
    return out
