"""The three pipelines described once for their pages: model, form, write service, stages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import QuerySet

from yeongilman.core.models import AuditEntry
from yeongilman.insights import services
from yeongilman.insights.forms import AgreementForm, LeadForm, PolicyForm
from yeongilman.insights.models import (
    Agreement,
    AgreementStage,
    InvestmentLead,
    LeadStage,
    PolicyRequest,
    PolicyStatus,
)


@dataclass(frozen=True)
class Pipeline:
    """How pages handle one kind of tracked item."""

    slug: str
    scope: str  # audit scope prefix
    model: type[models.Model]
    form: type[Any]
    stage_field: str
    stages: type[models.TextChoices]
    save: Callable[..., Any]

    @property
    def title(self) -> str:
        """The pipeline's name (the model's plural name, capitalised)."""
        return str(self.model._meta.verbose_name_plural).capitalize()

    @property
    def item_name(self) -> str:
        """What one item is called."""
        return str(self.model._meta.verbose_name).capitalize()

    def items(self) -> QuerySet[Any]:
        """Every item, next step due first, with owner."""
        return self.model.objects.select_related("owner").order_by(  # type: ignore[attr-defined]
            "next_step_due", "-updated_at"
        )

    def board(self) -> list[tuple[str, str, list[Any]]]:
        """(stage value, label, items) per stage, in pipeline order."""
        by_stage: dict[str, list[Any]] = {value: [] for value in self.stages.values}
        for item in self.items():
            by_stage[getattr(item, self.stage_field)].append(item)
        return [(v, str(label), by_stage[v]) for v, label in self.stages.choices]

    def history(self, item: Any) -> QuerySet[AuditEntry]:
        """The item's recorded changes, newest first."""
        return AuditEntry.objects.filter(scope=f"{self.scope}:{item.pk}")


def _save_agreement(*, actor: Any, values: dict[str, Any], item: Any = None) -> Any:
    parties = list(values.pop("parties", []))
    return services.agreement_save(actor=actor, values=values, parties=parties, agreement=item)


def _save_lead(*, actor: Any, values: dict[str, Any], item: Any = None) -> Any:
    return services.lead_save(actor=actor, values=values, lead=item)


def _save_policy(*, actor: Any, values: dict[str, Any], item: Any = None) -> Any:
    return services.policy_save(actor=actor, values=values, policy=item)


PIPELINES = {
    p.slug: p
    for p in (
        Pipeline("agreements", "agreement", Agreement, AgreementForm, "stage", AgreementStage,
                 _save_agreement),
        Pipeline("leads", "lead", InvestmentLead, LeadForm, "stage", LeadStage, _save_lead),
        Pipeline("policies", "policy", PolicyRequest, PolicyForm, "status", PolicyStatus,
                 _save_policy),
    )
}  # fmt: skip
