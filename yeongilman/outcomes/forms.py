"""Forms of the outcome pages: a side's answer and follow-up, operators' settings and links."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from yeongilman.insights.models import Agreement, InvestmentLead
from yeongilman.outcomes.models import FollowUpStatus, MeetingVerdict, OutcomeKind


class FeedbackForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("How did the meeting go?"), choices=MeetingVerdict.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment for the operators"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only the platform's operators read this; the other side does not."),
    )  # fmt: skip


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(
        label=_("What came of it?"), choices=FollowUpStatus.choices, widget=forms.RadioSelect
    )
    kind = forms.ChoiceField(
        label=_("Kind of agreement"), required=False,
        choices=[("", "—"), *OutcomeKind.choices],
        help_text=_("Only when an agreement was reached."),
    )  # fmt: skip
    note = forms.CharField(
        label=_("Note for the operators"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip


class SettingsForm(forms.Form):
    follow_up_months = forms.IntegerField(
        label=_("Ask for the follow-up after (months)"), min_value=1, max_value=36
    )


class LinkForm(forms.Form):
    """An operator links a visit or an introduction to an agreement or an investment lead."""

    agreement = forms.ModelChoiceField(
        label=_("Agreement"), required=False, queryset=Agreement.objects.all()
    )
    lead = forms.ModelChoiceField(
        label=_("Investment lead"), required=False,
        queryset=InvestmentLead.objects.all(),
    )  # fmt: skip

    def clean(self) -> dict:
        """Exactly one of the two."""
        data = super().clean() or {}
        if bool(data.get("agreement")) == bool(data.get("lead")):
            raise forms.ValidationError(_("Choose one agreement or one investment lead to link."))
        return data
