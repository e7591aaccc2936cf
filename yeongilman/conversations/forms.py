"""Forms of the conversation pages. The services check the text itself (length, characters,
files), so a refused message comes back in the form as it was typed."""

from __future__ import annotations

import secrets
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from yeongilman.conversations.models import MAX_MESSAGE_LENGTH, MAX_REPORT_LENGTH, Frequency

LANGUAGE_CHOICES = [("", _("Detect it")), ("ko", "한국어"), ("en", "English")]


def new_client_id() -> str:
    """A key for one message form: sent twice (a double click), it makes one message."""
    return secrets.token_urlsafe(16)


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), required=False, strip=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_MESSAGE_LENGTH}),
    )  # fmt: skip
    language = forms.ChoiceField(
        label=_("Written in"), choices=LANGUAGE_CHOICES, required=False,
        help_text=_("Detected from the text unless you choose."),
    )  # fmt: skip
    file = forms.FileField(
        label=_("Attach a document"), required=False,
        help_text=_("PDF, HWP, Office, pictures, text or ZIP; at most %(mb)s MB."),
    )  # fmt: skip
    client_id = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, max_mb: int = 10, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = str(self.fields["file"].help_text) % {"mb": max_mb}
        if not self.is_bound:
            self.initial.setdefault("client_id", new_client_id())


class DraftForm(forms.Form):
    body = forms.CharField(required=False, strip=False, max_length=MAX_MESSAGE_LENGTH)


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong?"), max_length=MAX_REPORT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


class BlockForm(forms.Form):
    side = forms.IntegerField(min_value=1, max_value=3)


class MuteForm(forms.Form):
    muted = forms.BooleanField(required=False)


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Written in"), choices=LANGUAGE_CHOICES[1:])


class SettingsForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("E-mail me about new messages"), choices=Frequency.choices,
        widget=forms.RadioSelect,
    )  # fmt: skip


class LinkForm(forms.Form):
    meeting = forms.TypedChoiceField(label=_("Meeting"), required=False, coerce=int,
                                     empty_value=None)  # fmt: skip
    agreement = forms.TypedChoiceField(label=_("Agreement"), required=False, coerce=int,
                                       empty_value=None)  # fmt: skip

    def __init__(self, *args: Any, meetings: Any = (), agreements: Any = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["meeting"]).choices = [("", "—"), *meetings]
        cast(forms.ChoiceField, self.fields["agreement"]).choices = [("", "—"), *agreements]


class ResolveForm(forms.Form):
    ACTIONS = [
        ("close", _("Close the conversation")),
        ("suspend", _("Suspend a sender")),
        ("dismiss", _("Dismiss the report")),
    ]
    action = forms.ChoiceField(label=_("What to do"), choices=ACTIONS, widget=forms.RadioSelect)
    sender = forms.TypedChoiceField(label=_("Sender to suspend"), required=False, coerce=int,
                                    empty_value=None)  # fmt: skip
    note = forms.CharField(label=_("Note"), required=False, max_length=MAX_REPORT_LENGTH)

    def __init__(self, *args: Any, senders: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["sender"]).choices = [("", "—"), *senders]
