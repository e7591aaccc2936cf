"""Writes for exhibitors: the stand's profile, products, team and brochures, the operator's
reminders and floor plan, and the leads a stand's team captures from visitors' badges."""

from __future__ import annotations

import logging
import secrets
from datetime import date
from typing import IO, Any

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yeongilman.accounts.access import AnyUser, require_operator, require_user
from yeongilman.accounts.models import Membership, User
from yeongilman.core import images
from yeongilman.core.audit import audit_record
from yeongilman.core.documents import check_document
from yeongilman.core.errors import ValidationFailed
from yeongilman.core.i18n import one_language_errors
from yeongilman.events import access
from yeongilman.events.codes import registration_id_from_code
from yeongilman.events.models import Event, Exhibitor, Registration, RegistrationStatus
from yeongilman.exhibitors.models import ExhibitorDocument, ExhibitorProduct, Lead
from yeongilman.exhibitors.selectors import capture_candidates, completeness, missing_labels
from yeongilman.outbox.services import mail_on_commit

# The floor plan is a large picture read closely: kept up to 3000 px, shown at 1440.
log = logging.getLogger(__name__)

FLOOR_PLAN = images.Shape(
    folder="floorplans", largest=3000, boxes=((480, 480), (1440, 1440)), crop=False
)
DOCUMENT_MAX_MB = 10
PROFILE_FIELDS = ("booth", "hall", "zone", "description_ko", "description_en", "products")
MAX_TAGS, TAG_LENGTH = 10, 40


def _refuse(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, field_errors={field: [message]})


@transaction.atomic
def exhibitor_profile_update(
    *, actor: AnyUser, exhibitor: Exhibitor, values: dict[str, Any]
) -> Exhibitor:
    """Change the stand's booth, hall, zone, description (both languages) and product line:
    operators and the exhibiting organisation's members; fields not given stay."""
    access.access_exhibitor(actor, exhibitor.pk)
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationFailed(_("These fields cannot be changed here."))
    limits = {f.name: f.max_length for f in Exhibitor._meta.fields if f.name in PROFILE_FIELDS}
    for name, value in values.items():
        text = str(value or "").strip()
        limit = limits.get(name)
        if limit and len(text) > limit:
            raise _refuse(
                name,
                _("Write at most %(count)d characters.") % {"count": limit},
            )
        setattr(exhibitor, name, text)
    if values:
        exhibitor.save(update_fields=list(values))
    return exhibitor


def _product_values(values: dict[str, Any]) -> dict[str, str]:
    cleaned = {
        k: str(values.get(k) or "").strip()
        for k in ("name_ko", "name_en", "description_ko", "description_en")
    }
    missing = one_language_errors("name", cleaned["name_ko"], cleaned["name_en"])
    if missing:
        raise ValidationFailed(missing["name_ko"][0], field_errors=missing)
    for name in ("name_ko", "name_en"):
        if len(cleaned[name]) > 200:
            raise _refuse(name, _("Write at most %(count)d characters.") % {"count": 200})
    return cleaned


@transaction.atomic
def product_create(
    *,
    actor: AnyUser,
    exhibitor: Exhibitor,
    values: dict[str, Any],
    image: IO[bytes] | None = None,
) -> ExhibitorProduct:
    """Add a product to the stand (a name in Korean and/or English, an optional picture)."""
    access.access_exhibitor(actor, exhibitor.pk)
    product = ExhibitorProduct(exhibitor=exhibitor, **_product_values(values))
    if image is not None:
        prepared = images.prepare_image(image, shape=images.PRODUCT, field_name="image")
        product.image = images.image_save(prepared, shape=images.PRODUCT)
    product.save()
    return product


@transaction.atomic
def product_update(
    *,
    actor: AnyUser,
    product: ExhibitorProduct,
    values: dict[str, Any],
    image: IO[bytes] | None = None,
    remove_image: bool = False,
) -> ExhibitorProduct:
    """Change a product's text and replace or remove its picture (old files go after commit)."""
    access.access_exhibitor(actor, product.exhibitor_id)
    merged = {
        k: values.get(k, getattr(product, k))
        for k in ("name_ko", "name_en", "description_ko", "description_en")
    }
    for name, value in _product_values(merged).items():
        setattr(product, name, value)
    old = product.image.name or ""
    if image is not None:
        prepared = images.prepare_image(image, shape=images.PRODUCT, field_name="image")
        product.image = images.image_save(prepared, shape=images.PRODUCT)
    elif remove_image:
        product.image = ""
    product.save()
    if old and old != (product.image.name or ""):
        images.delete_on_commit([old], shape=images.PRODUCT)
    return product


@transaction.atomic
def product_delete(*, actor: AnyUser, product: ExhibitorProduct) -> None:
    """Remove a product and, after commit, its picture."""
    access.access_exhibitor(actor, product.exhibitor_id)
    if product.image:
        images.delete_on_commit([product.image.name], shape=images.PRODUCT)
    product.delete()


@transaction.atomic
def team_set(*, actor: AnyUser, exhibitor: Exhibitor, user_ids: set[int]) -> list[User]:
    """Name who staffs the stand: owners and editors of the exhibiting organisation only."""
    access.access_exhibitor(actor, exhibitor.pk)
    members = set(
        Membership.objects.filter(organisation_id=exhibitor.organisation_id).values_list(
            "user_id", flat=True
        )
    )
    strangers = user_ids - members
    if strangers:
        raise _refuse("team", _("Only members of the exhibiting organisation can staff its stand."))
    team = list(User.objects.filter(pk__in=user_ids))
    exhibitor.team.set(team)
    return team


@transaction.atomic
def document_add(
    *, actor: AnyUser, exhibitor: Exhibitor, title: str, upload: IO[bytes]
) -> ExhibitorDocument:
    """Add a brochure to hand out: a PDF (by its first bytes, not its name) of at most 10 MB."""
    access.access_exhibitor(actor, exhibitor.pk)
    check_document(upload, field="file", allowed=["pdf"], max_mb=DOCUMENT_MAX_MB)
    upload.seek(0)
    data = upload.read()
    title = (title or "").strip()[:200] or (getattr(upload, "name", "") or "")[:200]
    if not title:
        raise _refuse("title", _("Give the brochure a title."))
    # Outside the public picture folder: brochures are served by a view with the right type.
    name = default_storage.save(
        f"exhibitor-documents/{secrets.token_hex(10)}.pdf", ContentFile(data)
    )
    document = ExhibitorDocument.objects.create(
        exhibitor=exhibitor, title=title, file=name, size=len(data)
    )
    return document


@transaction.atomic
def document_delete(*, actor: AnyUser, document: ExhibitorDocument) -> None:
    """Remove a brochure and, after commit, its file."""
    access.access_exhibitor(actor, document.exhibitor_id)
    name = document.file.name
    document.delete()
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


@transaction.atomic
def floor_plan_set(
    *,
    actor: AnyUser,
    event: Event,
    image: IO[bytes] | None,
    alt_ko: str = "",
    alt_en: str = "",
) -> Event:
    """Set or replace the event's floor plan, or (without a picture) change its description
    (operators); a plan is described in Korean and/or English for people who cannot see it."""
    require_operator(actor)
    old = event.floor_plan.name or ""
    if image is None and not old:
        raise _refuse("image", _("Choose a picture to upload."))
    alt_ko, alt_en = (alt_ko or "").strip()[:300], (alt_en or "").strip()[:300]
    if not alt_ko and not alt_en:
        raise _refuse("floor_plan_alt_ko", _("Describe the floor plan in Korean or English."))
    if image is not None:
        prepared = images.prepare_image(image, shape=FLOOR_PLAN, field_name="image")
        event.floor_plan = images.image_save(prepared, shape=FLOOR_PLAN)
    event.floor_plan_alt_ko, event.floor_plan_alt_en = alt_ko, alt_en
    event.save(update_fields=["floor_plan", "floor_plan_alt_ko", "floor_plan_alt_en"])
    if old and old != event.floor_plan.name:
        images.delete_on_commit([old], shape=FLOOR_PLAN)
    return event


@transaction.atomic
def floor_plan_remove(*, actor: AnyUser, event: Event) -> Event:
    """Remove the event's floor plan (operators)."""
    require_operator(actor)
    old = event.floor_plan.name or ""
    event.floor_plan = ""
    event.floor_plan_alt_ko = event.floor_plan_alt_en = ""
    event.save(update_fields=["floor_plan", "floor_plan_alt_ko", "floor_plan_alt_en"])
    images.delete_on_commit([old], shape=FLOOR_PLAN)
    return event


@transaction.atomic
def exhibitors_remind(
    *, actor: AnyUser, event: Event, exhibitor_ids: set[int] | None, site: str = ""
) -> int:
    """Mail the owners and editors of each incomplete exhibitor (those named, or all) what
    their stand still lacks, in each one's language, with a link to their portal (`site`:
    the address the links start with); returns how many stands were reminded."""
    user = require_operator(actor)
    exhibitors = event.exhibitors.select_related("organisation").prefetch_related("items")
    if exhibitor_ids is not None:
        exhibitors = exhibitors.filter(pk__in=exhibitor_ids)
    now, reminded = timezone.now(), 0
    for exhibitor in exhibitors:
        missing = completeness(exhibitor)
        if not missing:
            continue
        members = list(
            User.objects.filter(memberships__organisation=exhibitor.organisation_id, is_active=True)
        )
        if not members:
            continue
        mail_on_commit(
            members,
            gettext_noop("Your stand's page is not complete yet"),
            "exhibitors/email/exhibitor_reminder.txt",
            {
                "event": event,
                "exhibitor": exhibitor,
                "missing": missing_labels(missing),
                "site": site.rstrip("/"),
            },
            tag="exhibitor_reminder",
        )
        Exhibitor.objects.filter(pk=exhibitor.pk).update(reminded_at=now)
        reminded += 1
    audit_record(actor=user, action="exhibitors_reminded", subject=event,
                 scope=f"event:{event.pk}", count=reminded)  # fmt: skip
    return reminded


def _clean_tags(tags: list[str] | str | None) -> list[str]:
    raw = tags.split(",") if isinstance(tags, str) else list(tags or [])
    seen: list[str] = []
    for tag in raw:
        text = str(tag).strip()[:TAG_LENGTH]
        if text and text not in seen:
            seen.append(text)
    if len(seen) > MAX_TAGS:
        raise _refuse("tags", _("Use at most %(count)d tags.") % {"count": MAX_TAGS})
    return seen


def _lead_registration(
    exhibitor: Exhibitor, code: str, registration_id: int | None
) -> Registration:
    """The visitor's registration at the exhibitor's event, from a badge code or the list."""
    if code:
        try:
            registration_id = registration_id_from_code(code)  # refuses tampered codes
        except ValidationFailed:
            # Logged as the check-in desk logs its refusals: a forged badge at a stand is a
            # sign someone is trying codes.
            log.warning("lead capture refused a tampered or foreign code at stand %s",
                        exhibitor.pk)  # fmt: skip
            raise
        registrations = Registration.objects.filter(event_id=exhibitor.event_id)
    elif registration_id is None:
        raise _refuse("code", _("Scan or type the visitor's badge code, or choose them."))
    else:
        # Without a badge: only people who chose to be listed to stands, or a visitor the
        # stand already recorded from their badge (the same rule as the list it offers).
        registrations = capture_candidates(exhibitor)
    registration = (
        registrations.select_related("user")
        .filter(pk=registration_id)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )
    if registration is None and not code:
        raise _refuse("registration", _("Choose a participant from the list, or scan their badge."))
    if registration is None:
        raise _refuse("code", _("This badge is not a registration for this event."))
    return registration


@transaction.atomic
def lead_capture(
    *,
    actor: AnyUser,
    exhibitor: Exhibitor,
    code: str = "",
    registration_id: int | None = None,
    rating: int | None = None,
    tags: list[str] | str | None = None,
    note: str = "",
    follow_up_on: date | None = None,
) -> tuple[Lead, bool]:
    """Record a visitor the stand met, by their badge code or picked from the participants;
    a second capture of the same visitor updates the lead. Returns (lead, created)."""
    user = require_user(actor)
    access.access_exhibitor(user, exhibitor.pk)
    registration = _lead_registration(exhibitor, code, registration_id)
    if registration.user_id == user.pk:
        raise _refuse("code", _("You cannot capture yourself as a lead."))
    if rating is not None and not 1 <= rating <= 5:
        raise _refuse("rating", _("Rate the lead from 1 to 5."))
    values = {
        "rating": rating,
        "tags": _clean_tags(tags),
        "note": (note or "").strip()[:5000],
        "follow_up_on": follow_up_on,
        "captured_by": user,
    }
    lead, created = Lead.objects.select_for_update().get_or_create(
        exhibitor=exhibitor, registration=registration, defaults=values
    )
    if not created:
        for name, value in values.items():
            setattr(lead, name, value)
        lead.save()
    return lead, created


@transaction.atomic
def lead_update(*, actor: AnyUser, lead: Lead, values: dict[str, Any]) -> Lead:
    """Change a lead's rating, tags, note or follow-up date (fields not given stay)."""
    access.access_exhibitor(actor, lead.exhibitor_id)
    if "rating" in values:
        rating = values["rating"]
        if rating is not None and not 1 <= int(rating) <= 5:
            raise _refuse("rating", _("Rate the lead from 1 to 5."))
        lead.rating = rating
    if "tags" in values:
        lead.tags = _clean_tags(values["tags"])
    if "note" in values:
        lead.note = str(values["note"] or "").strip()[:5000]
    if "follow_up_on" in values:
        lead.follow_up_on = values["follow_up_on"]
    lead.save()
    return lead


@transaction.atomic
def lead_delete(*, actor: AnyUser, lead: Lead) -> None:
    """Remove a lead (the stand no longer follows the visitor up)."""
    access.access_exhibitor(actor, lead.exhibitor_id)
    lead.delete()


def leads_forget(*, user: User) -> int:
    """Delete what stands recorded about a person whose account is being deleted (their leads,
    with the teams' notes and ratings); returns how many leads went."""
    _deleted, by_model = Lead.objects.filter(registration__user=user).delete()
    return by_model.get(Lead._meta.label, 0)


@transaction.atomic
def exhibitor_product_image_set(
    *, actor: AnyUser, exhibitor: Exhibitor, image: File | None
) -> Exhibitor:
    """Set, replace or (with None) remove an exhibitor's product image: operators and the
    exhibiting organisation's members. The old files go once the change is committed."""
    access.access_exhibitor_for_edit(actor, exhibitor.event, exhibitor.pk)
    prepared = None
    if image is not None:
        prepared = images.prepare_image(image, shape=images.PRODUCT, field_name="image")
    old = exhibitor.product_image.name or ""
    exhibitor.product_image = (
        images.image_save(prepared, shape=images.PRODUCT) if prepared is not None else ""
    )
    exhibitor.save(update_fields=["product_image"])
    if old and old != exhibitor.product_image.name:
        images.delete_on_commit([old], shape=images.PRODUCT)
    return exhibitor
