"""The operators' forms: compose a message, an event's automatic mails, a mail template."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from yeongilman.communications.models import ReminderLead, Segment
from yeongilman.communications.placeholders import allowed_list


def _texts(form: forms.Form) -> None:
    hint = _("Placeholders: %(names)s") % {"names": allowed_list()}
    form.fields["subject_ko"] = forms.CharField(
        label=_("Subject (Korean)"), max_length=200, required=False
    )
    form.fields["subject_en"] = forms.CharField(
        label=_("Subject (English)"), max_length=200, required=False
    )
    form.fields["body_ko"] = forms.CharField(
        label=_("Text (Korean)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=hint,
    )
    form.fields["body_en"] = forms.CharField(
        label=_("Text (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=hint,
    )


class ComposeForm(forms.Form):
    """A message to a segment: one text per language, sent now or at a time."""

    segment = forms.ChoiceField(label=_("Recipients"), choices=Segment.choices)

    def __init__(self, *args: object, zone_label: str = "", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        _texts(self)
        self.fields["send_at"] = forms.DateTimeField(
            label=_("Send at (for a scheduled message)"),
            required=False,
            widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
            help_text=_("In your time zone: %(zone)s") % {"zone": zone_label},
        )


class SettingsForm(forms.Form):
    """Which automatic mails an event sends, and when."""

    reminders_enabled = forms.BooleanField(
        label=_("Remind both people before each meeting"), required=False
    )
    reminder_minutes_before = forms.TypedChoiceField(
        label=_("Reminder time"), choices=ReminderLead.choices, coerce=int
    )
    nudges_enabled = forms.BooleanField(
        label=_("Nudge confirmed participants who have not asked anyone for a meeting"),
        required=False,
    )
    nudge_every_days = forms.IntegerField(label=_("Nudge every (days)"), min_value=1, max_value=30)
    expiry_enabled = forms.BooleanField(label=_("Expire requests left unanswered"), required=False)
    expire_after_days = forms.IntegerField(
        label=_("Expire after (days)"), min_value=1, max_value=60
    )
    schedule_changed_enabled = forms.BooleanField(
        label=_("Tell people what changed when their meetings move"), required=False
    )


class TemplateForm(forms.Form):
    """A kind of mail's texts, both languages."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        _texts(self)
        for field in self.fields.values():
            field.required = True
