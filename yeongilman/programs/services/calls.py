"""Writes to calls, their forms and rubrics (operators only). A form with applications is
only extended: no field is deleted, retyped or narrowed, so no answer is lost."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from yeongilman.accounts.access import AnyUser, require_operator
from yeongilman.core.audit import audit_record
from yeongilman.core.documents import CHECKED_TYPES
from yeongilman.core.errors import ValidationFailed
from yeongilman.core.i18n import one_language_errors
from yeongilman.programs import selectors
from yeongilman.programs.models import Call, Criterion, FieldKind, FormField, Review, Stage

CHOICE_KINDS = (FieldKind.CHOICE, FieldKind.MULTIPLE_CHOICE)


@transaction.atomic
def call_save(
    *, actor: AnyUser, values: dict[str, Any], industries: list[Any], call: Call | None = None
) -> Call:
    """Create or change a call (texts, dates, eligibility, review settings)."""
    user = require_operator(actor)
    missing = one_language_errors("title", values.get("title_ko"), values.get("title_en"))
    if missing:
        raise ValidationFailed(_("The call was not saved."), field_errors=missing)
    if values["closes_at"] <= values["opens_at"]:
        raise ValidationFailed(
            _("The call was not saved."),
            field_errors={"closes_at": [_("The call must close after it opens.")]},
        )
    created = call is None
    call = call or Call()
    for name, value in values.items():
        setattr(call, name, value)
    call.save()
    call.eligible_industries.set(industries)
    if created:
        from yeongilman.programs.services.stages import first_stage

        first_stage(call)
    audit_record(actor=user, action="call_created" if created else "call_changed", subject=call,
                 scope=f"call:{call.pk}", fields=sorted(values))  # fmt: skip
    return call


def _check_field(values: dict[str, Any], kept_types: Iterable[str] = ()) -> None:
    errors = one_language_errors("label", values.get("label_ko"), values.get("label_en"))
    if values.get("kind") in CHOICE_KINDS:
        choice_values = [c.get("value") for c in values.get("choices") or []]
        if not choice_values:
            errors["choices"] = [_("A choice field needs at least one option.")]
        elif len(set(choice_values)) != len(choice_values):
            errors["choices"] = [_("Two options have the same value.")]
    if values.get("kind") == FieldKind.FILE and not values.get("allowed_types"):
        errors["allowed_types"] = [_("Name the allowed file types, e.g. pdf, png.")]
    # Types already on a field (chosen before this rule) may stay; none is added unchecked.
    unchecked = sorted(set(values.get("allowed_types") or []) - CHECKED_TYPES - set(kept_types))
    if values.get("kind") == FieldKind.FILE and unchecked:
        errors["allowed_types"] = [
            _("Files of type %(types)s cannot be checked by their content; choose from: "
              "%(checked)s.") % {"types": ", ".join(unchecked),
                                 "checked": ", ".join(sorted(CHECKED_TYPES))}
        ]  # fmt: skip
    if errors:
        raise ValidationFailed(_("The field was not saved."), field_errors=errors)


def _normalise(values: dict[str, Any]) -> dict[str, Any]:
    values = dict(values)
    if "allowed_types" in values:
        values["allowed_types"] = sorted(
            {t.strip().lower().lstrip(".") for t in values["allowed_types"] if t.strip()}
        )
    return values


@transaction.atomic
def field_add(*, actor: AnyUser, call: Call, **values: Any) -> FormField:
    """Add a question at the end of the call's form (always allowed)."""
    user = require_operator(actor)
    values = _normalise(values)
    _check_field(values)
    key = slugify(values.pop("key", "") or values.get("label_en") or "") or "q"
    base, n = key[:36], 2
    while FormField.objects.filter(call=call, key=key).exists():
        key, n = f"{base}-{n}", n + 1
    last = call.fields.order_by("-position").values_list("position", flat=True).first()
    field = FormField.objects.create(call=call, key=key, position=(last or 0) + 1, **values)
    audit_record(actor=user, action="form_field_added", subject=call, scope=f"call:{call.pk}",
                 field=key)  # fmt: skip
    return field


@transaction.atomic
def field_update(*, actor: AnyUser, field: FormField, **values: Any) -> FormField:
    """Change a question; once the call has applications only widening changes are allowed."""
    user = require_operator(actor)
    values = _normalise(values)
    merged = {f: getattr(field, f) for f in ("kind", "label_ko", "label_en", "choices",
                                             "allowed_types")}  # fmt: skip
    merged.update(values)
    _check_field(merged, kept_types=field.allowed_types)
    if field.call.applications.exists():
        _check_widening(field, values)
    for name, value in values.items():
        setattr(field, name, value)
    field.save(update_fields=list(values))
    audit_record(actor=user, action="form_field_changed", subject=field.call,
                 scope=f"call:{field.call_id}", field=field.key,
                 changed=sorted(values))  # fmt: skip
    return field


def _check_widening(field: FormField, values: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    if "kind" in values and values["kind"] != field.kind:
        errors["kind"] = [_("Applications exist: the kind of a question cannot change.")]
    if "choices" in values:
        kept = {c.get("value") for c in values["choices"]}
        if not {c.get("value") for c in field.choices} <= kept:
            errors["choices"] = [_("Applications exist: options can be added, not removed.")]
    if "allowed_types" in values and not set(field.allowed_types) <= set(values["allowed_types"]):
        errors["allowed_types"] = [_("Applications exist: file types can be added, not removed.")]
    limit = values.get("max_chars", field.max_chars)
    if limit is not None and (field.max_chars is None or limit < field.max_chars):
        errors["max_chars"] = [_("Applications exist: the character limit can only grow.")]
    if values.get("max_size_mb", field.max_size_mb) < field.max_size_mb:
        errors["max_size_mb"] = [_("Applications exist: the size limit can only grow.")]
    if errors:
        raise ValidationFailed(
            _("This change would lose or invalidate answers already given."), field_errors=errors
        )


@transaction.atomic
def field_retire(*, actor: AnyUser, field: FormField, retired: bool = True) -> FormField:
    """Hide a question from the form (answers already given are kept), or bring it back."""
    user = require_operator(actor)
    if not retired or field.call.applications.exists():
        field.retired = retired
        field.save(update_fields=["retired"])
        action = "form_field_retired" if retired else "form_field_restored"
    else:  # nobody has answered yet: remove it for good
        field.delete()
        action = "form_field_removed"
    audit_record(actor=user, action=action, subject=field.call, scope=f"call:{field.call_id}",
                 field=field.key)  # fmt: skip
    return field


@transaction.atomic
def field_move(*, actor: AnyUser, field: FormField, step: int) -> None:
    """Move a question up (step -1) or down (+1)."""
    require_operator(actor)
    ordered = list(field.call.fields.order_by("position", "id"))
    i = ordered.index(field)
    j = max(0, min(len(ordered) - 1, i + step))
    ordered.insert(j, ordered.pop(i))
    for position, item in enumerate(ordered, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
def criterion_add(
    *, actor: AnyUser, call: Call, stage: Stage | None = None, **values: Any
) -> Criterion:
    """Add a weighted criterion to a stage's rubric (the first stage's by default)."""
    from yeongilman.programs.services.stages import first_stage

    user = require_operator(actor)
    stage = stage or first_stage(call)
    errors = one_language_errors("name", values.get("name_ko"), values.get("name_en"))
    if values.get("max_score", 10) <= values.get("min_score", 0):
        errors["max_score"] = [_("The highest score must be above the lowest.")]
    if _stage_scored(stage):
        errors["__all__"] = [_("Reviews have been submitted: the rubric can no longer change.")]
    if errors:
        raise ValidationFailed(_("The criterion was not saved."), field_errors=errors)
    last = call.criteria.order_by("-position").values_list("position", flat=True).first()
    criterion = Criterion.objects.create(call=call, stage=stage, position=(last or 0) + 1, **values)
    audit_record(actor=user, action="criterion_added", subject=call, scope=f"call:{call.pk}",
                 criterion=str(criterion.name))  # fmt: skip
    return criterion


@transaction.atomic
def criterion_remove(*, actor: AnyUser, criterion: Criterion) -> None:
    """Remove a criterion while no review has been submitted."""
    user = require_operator(actor)
    call = criterion.call
    stage = criterion.stage or selectors.stages_of(call)[0]
    if _stage_scored(stage):
        raise ValidationFailed(_("Reviews have been submitted: the rubric can no longer change."))
    audit_record(actor=user, action="criterion_removed", subject=call, scope=f"call:{call.pk}",
                 criterion=str(criterion.name))  # fmt: skip
    criterion.delete()


def _stage_scored(stage: Stage) -> bool:
    """A submitted review scored on the stage's rubric (the first stage's rubric also serves
    later stages that have none of their own)."""
    reviews = Review.objects.filter(application__call_id=stage.call_id, submitted_at__isnull=False)
    if stage.position <= 1:
        return reviews.exists()
    return reviews.filter(selectors.of_stage_q(stage)).exists()
