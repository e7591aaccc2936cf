"""Forms of the agreement pages; the services check the rules again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from yeongilman.core.forms import BoundedDatesMixin
from yeongilman.grants.models import EvaluationKind, Verdict
from yeongilman.insights.models import RoundKind

MAX_KRW = 10**15
DATE = forms.DateInput(attrs={"type": "date"})


class TermsForm(BoundedDatesMixin, forms.Form):
    """An agreement's amount, period, documents' deadline and conditions."""

    amount_krw = forms.IntegerField(label=_("Amount (KRW)"), min_value=1, max_value=MAX_KRW)
    starts_on = forms.DateField(label=_("Period starts"), widget=DATE)
    ends_on = forms.DateField(label=_("Period ends"), widget=DATE)
    sign_by = forms.DateField(label=_("Signed documents due"), widget=DATE, required=False)
    conditions_ko = forms.CharField(
        label=_("Conditions (Korean)"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    conditions_en = forms.CharField(
        label=_("Conditions (English)"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DocumentForm(forms.Form):
    """A document the company must upload signed."""

    name_ko = forms.CharField(label=_("Document (Korean)"), required=False, max_length=200)
    name_en = forms.CharField(label=_("Document (English)"), required=False, max_length=200)


class MilestoneForm(BoundedDatesMixin, forms.Form):
    """A milestone with its due date, planned disbursement and evaluation."""

    title_ko = forms.CharField(label=_("Milestone (Korean)"), required=False, max_length=200)
    title_en = forms.CharField(label=_("Milestone (English)"), required=False, max_length=200)
    due_on = forms.DateField(label=_("Due"), widget=DATE)
    amount_krw = forms.IntegerField(
        label=_("Planned disbursement (KRW)"), min_value=0, max_value=MAX_KRW, initial=0
    )
    evaluation = forms.ChoiceField(label=_("Evaluation"), choices=EvaluationKind.choices)


class ReportForm(forms.Form):
    """The company's milestone report."""

    text = forms.CharField(
        label=_("What was done"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 8})
    )
    revenue_krw = forms.IntegerField(
        label=_("Revenue this year so far (KRW)"),
        required=False,
        min_value=0,
        max_value=MAX_KRW,
    )
    employees = forms.IntegerField(
        label=_("Employees now"), required=False, min_value=0, max_value=10_000_000
    )
    jobs_created = forms.IntegerField(
        label=_("Jobs created since the agreement"),
        required=False,
        min_value=0,
        max_value=10_000_000,
    )
    investment_krw = forms.IntegerField(
        label=_("Investment raised since the last report (KRW)"),
        required=False,
        min_value=0,
        max_value=MAX_KRW,
    )
    investment_round = forms.ChoiceField(
        label=_("Investment round"),
        required=False,
        choices=[("", "—"), *[(k, v) for k, v in RoundKind.choices if k != "grant"]],
    )
    file = forms.FileField(
        label=_("Attachment (PDF, optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


class EvaluationForm(forms.Form):
    """An evaluation of a report."""

    verdict = forms.ChoiceField(label=_("Verdict"), choices=Verdict.choices)
    note = forms.CharField(
        label=_("Conditions or reasons"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class LetterForm(forms.Form):
    """A letter of a call in both languages."""

    subject_ko = forms.CharField(label=_("Subject (Korean)"), required=False, max_length=200)
    body_ko = forms.CharField(
        label=_("Text (Korean)"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 7}),
    )
    subject_en = forms.CharField(label=_("Subject (English)"), required=False, max_length=200)
    body_en = forms.CharField(
        label=_("Text (English)"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 7}),
    )
