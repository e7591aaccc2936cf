"""Writes to the directory: create and update organisations and people."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from yeongilman.accounts.access import AnyUser, is_operator
from yeongilman.accounts.models import MembershipRole
from yeongilman.accounts.services import membership_add
from yeongilman.core import images
from yeongilman.core.db import lock_for_change
from yeongilman.core.errors import Conflict, NotAuthenticated, ValidationFailed
from yeongilman.core.i18n import one_language_errors
from yeongilman.directory.access import access_organisation_for_edit, access_person_for_edit
from yeongilman.directory.models import Industry, Organisation, Person
from yeongilman.directory.search import document_fields
from yeongilman.directory.signals import organisations_saved_in_bulk
from yeongilman.directory.taxonomy import canonical_city

ORGANISATION_FIELDS = frozenset(
    {
        "kind", "name_ko", "name_en", "description_ko", "description_en", "stage", "city",
        "country", "founded_year", "employees", "website", "business_number", "tags",
        "is_published", "source", "cover_alt_ko", "cover_alt_en",
    }
)  # fmt: skip
PERSON_FIELDS = frozenset(
    {"name_ko", "name_latin", "title", "email", "phone", "contact_consent", "photo_consent"}
)
# An organisation's pictures: the field each is kept in, and how it is kept.
ORGANISATION_IMAGES = {"logo": images.LOGO, "cover": images.COVER}
# What an edit does to the pictures: a file sets (or replaces) one, None removes it.
ImageChanges = Mapping[str, File | None]
_BUSINESS_NUMBER = re.compile(r"^\d{3}-?\d{2}-?\d{5}$")


def website_domain(url: str) -> str:
    """The host of a website address without 'www.', lower-cased: the import's upsert key."""
    url = (url or "").strip()
    if not url:
        return ""
    if "://" not in url:
        url = "https://" + url
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def normalise_business_number(value: str) -> str:
    """Write a business registration number as 123-45-67890; leave anything else unchanged."""
    digits = re.sub(r"\D", "", value or "")
    if len(digits) == 10:
        return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"
    return (value or "").strip()


def _unique_slug(organisation: Organisation) -> str:
    base = _slug_base(organisation)
    taken = set(
        Organisation.objects.filter(slug__startswith=base)
        .exclude(pk=organisation.pk)
        .values_list("slug", flat=True)
    )
    unique_slugs([organisation], taken)
    return organisation.slug


def _slug_base(organisation: Organisation) -> str:
    base = slugify(organisation.name_en or "")[:80]
    return base or slugify(organisation.name_ko, allow_unicode=True)[:80] or "organisation"


def _clean_tags(tags: Any) -> list[str]:
    if isinstance(tags, str):
        tags = re.split(r"[;,]", tags)
    return [t.strip() for t in (tags or []) if t and t.strip()][:30]


def apply_profile_values(organisation: Organisation, values: Mapping[str, Any]) -> None:
    """Set profile fields from a mapping, normalising city, country, tags and numbers."""
    unknown = set(values) - ORGANISATION_FIELDS
    if unknown:
        raise ValidationFailed(
            _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    for name, value in values.items():
        if name == "tags":
            value = _clean_tags(value)
        elif name == "city":
            value = canonical_city(value or "")
        elif name == "country":
            value = (value or "").strip().upper()
        elif name == "business_number":
            value = normalise_business_number(value or "")
        elif isinstance(value, str):
            value = value.strip()
        setattr(organisation, name, value)
    organisation.website_domain = website_domain(organisation.website)


def validate_organisation(organisation: Organisation) -> None:
    """Run the model's rules plus the directory's own; raise ValidationFailed with field errors."""
    errors: dict[str, list[str]] = {}
    try:
        # Constraints are checked below with messages a person can act on.
        organisation.full_clean(
            exclude=["slug", "search_names", "search_body"], validate_constraints=False
        )
    except ValidationError as exc:
        errors = {k: [str(m) for m in v] for k, v in exc.message_dict.items()}
    for field, messages in one_language_errors(
        "name", organisation.name_ko, organisation.name_en
    ).items():
        errors.setdefault(field, []).extend(messages)
    if organisation.stage and organisation.kind != "startup":
        errors.setdefault("stage", []).append(_("Only startups have a stage."))
    if organisation.business_number and not _BUSINESS_NUMBER.match(organisation.business_number):
        errors.setdefault("business_number", []).append(
            _("A business registration number has 10 digits, like 123-45-67890.")
        )
    if organisation.website_domain:
        clash = Organisation.objects.filter(website_domain=organisation.website_domain).exclude(
            pk=organisation.pk
        )
        if clash.exists():
            errors.setdefault("website", []).append(
                _("Another organisation already uses this website.")
            )
    if organisation.business_number:
        clash = Organisation.objects.filter(business_number=organisation.business_number).exclude(
            pk=organisation.pk
        )
        if clash.exists():
            errors.setdefault("business_number", []).append(
                _("Another organisation already has this business registration number.")
            )
    if errors:
        raise ValidationFailed(_("Please correct the errors below."), field_errors=errors)


def _prepare_images(
    changes: ImageChanges | None, shapes: Mapping[str, images.Shape]
) -> tuple[dict[str, images.PreparedImage | None], dict[str, list[str]]]:
    """Check every uploaded picture before anything is written; gather their errors, so a bad
    picture is named beside the form's other errors and nothing is saved."""
    prepared: dict[str, images.PreparedImage | None] = {}
    errors: dict[str, list[str]] = {}
    for name, upload in (changes or {}).items():
        if name not in shapes:
            raise ValidationFailed(_("Unknown fields: %(fields)s") % {"fields": name})
        if upload is None:
            prepared[name] = None
            continue
        try:
            prepared[name] = images.prepare_image(upload, shape=shapes[name], field_name=name)
        except ValidationFailed as exc:
            errors.update(exc.field_errors)
    return prepared, errors


def _store_images(
    instance: Organisation | Person,
    prepared: Mapping[str, images.PreparedImage | None],
    shapes: Mapping[str, images.Shape],
) -> None:
    """Write the new pictures and point the row at them; the old files go after the commit."""
    for name, picture in prepared.items():
        old = getattr(instance, name).name or ""
        new = images.image_save(picture, shape=shapes[name]) if picture is not None else ""
        setattr(instance, name, new)
        if old != new:
            images.delete_on_commit([old], shape=shapes[name])


def _raise_with(errors: dict[str, list[str]], exc: ValidationFailed | None = None) -> None:
    merged = {k: list(v) for k, v in (exc.field_errors if exc else {}).items()}
    for field, messages in errors.items():
        merged.setdefault(field, []).extend(messages)
    if merged:
        raise ValidationFailed(_("Please correct the errors below."), field_errors=merged)


def _validate_with_images(organisation: Organisation, image_errors: dict[str, list[str]]) -> None:
    try:
        validate_organisation(organisation)
    except ValidationFailed as exc:
        _raise_with(image_errors, exc)
    _raise_with(image_errors)


def refresh_search_entry(organisation: Organisation, industries: Iterable[Industry]) -> None:
    """Recompute derived search fields: tokens (indexed by FTS5 or tsvector), industry bits."""
    industries = list(industries)
    organisation.search_names, organisation.search_body = document_fields(organisation, industries)
    organisation.industry_mask = sum({i.bit for i in industries})


def organisation_reindex(*, organisation: Organisation) -> None:
    """Recompute derived fields after an edit made outside the services (Django admin)."""
    organisation.website_domain = website_domain(organisation.website)
    refresh_search_entry(organisation, organisation.industries.all())
    organisation.save(
        update_fields=["website_domain", "search_names", "search_body", "industry_mask"]
    )


def _industries(codes: Iterable[str] | None) -> list[Industry] | None:
    if codes is None:
        return None
    codes = list(dict.fromkeys(c.strip() for c in codes if c and c.strip()))
    found = list(Industry.objects.filter(code__in=codes))
    missing = sorted(set(codes) - {i.code for i in found})
    if missing:
        raise ValidationFailed(
            _("Unknown industries: %(codes)s") % {"codes": ", ".join(missing)},
            field_errors={"industries": [_("Unknown industry code: %(c)s") % {"c": missing[0]}]},
        )
    return found


@transaction.atomic
def organisation_create(
    *,
    actor: AnyUser,
    values: Mapping[str, Any],
    industry_codes: Iterable[str] = (),
    synthetic: bool = False,
    pictures: ImageChanges | None = None,
) -> Organisation:
    """Create an organisation; a creator who is not an operator becomes its owner.
    `pictures` may give a logo and a cover ({"logo": file, "cover": file})."""
    if not actor.is_authenticated:
        raise NotAuthenticated(_("Sign in to add an organisation."))
    organisation = Organisation(is_synthetic=synthetic)
    apply_profile_values(organisation, values)
    if not is_operator(actor):
        organisation.is_published = bool(values.get("is_published", False))
    organisation.created_by = actor
    industries = _industries(industry_codes) or []
    prepared, image_errors = _prepare_images(pictures, ORGANISATION_IMAGES)
    _validate_with_images(organisation, image_errors)
    organisation.slug = _unique_slug(organisation)
    refresh_search_entry(organisation, industries)
    _store_images(organisation, prepared, ORGANISATION_IMAGES)
    organisation.save()
    organisation.industries.set(industries)
    if not is_operator(actor):
        membership_add(user=actor, organisation=organisation, role=MembershipRole.OWNER)
    return organisation


class StaleVersion(Conflict):
    """The profile changed since the editor read it (`extra["version"]` is the current one)."""

    status_code = 412


@transaction.atomic
def organisation_update(
    *,
    actor: AnyUser,
    organisation: Organisation,
    values: Mapping[str, Any],
    industry_codes: Iterable[str] | None = None,
    expected_version: int | None = None,
    pictures: ImageChanges | None = None,
) -> Organisation:
    """Change an organisation's profile; only its members and operators may. Only the given
    values change, on the row as it is now (two edits of different fields both land); with
    `expected_version`, an edit made from an older version is refused (StaleVersion).
    `pictures` sets, replaces or (with None) removes the logo and the cover; a replaced
    picture's files are deleted once the change is committed."""
    access_organisation_for_edit(actor, organisation)
    lock_for_change(organisation)
    if expected_version is not None and expected_version != organisation.version:
        raise StaleVersion(
            _("Someone else changed this profile while you were editing it. What you typed is "
              "kept below; compare it with the saved profile and save again to replace it."),
            extra={"version": organisation.version},
        )  # fmt: skip
    apply_profile_values(organisation, values)
    industries = _industries(industry_codes)
    prepared, image_errors = _prepare_images(pictures, ORGANISATION_IMAGES)
    _validate_with_images(organisation, image_errors)
    _store_images(organisation, prepared, ORGANISATION_IMAGES)
    if industries is None:
        industries = list(organisation.industries.all())
    else:
        organisation.industries.set(industries)
    refresh_search_entry(organisation, industries)
    organisation.version += 1
    organisation.save()
    return organisation


def _validate_person(person: Person) -> None:
    try:
        person.full_clean()
    except ValidationError as exc:
        raise ValidationFailed(
            _("Please correct the errors below."),
            field_errors={k: [str(m) for m in v] for k, v in exc.message_dict.items()},
        ) from exc
    if not person.name_ko and not person.name_latin:
        raise ValidationFailed(
            _("Please correct the errors below."),
            field_errors={"name_ko": [_("Give a name in Korean or in Latin letters.")]},
        )


PERSON_IMAGES = {"photo": images.PHOTO}


def _person_photo(
    person: Person, photo: File | None, remove_photo: bool, had_consent: bool
) -> None:
    """Apply the photo rules: a photo only with consent (its time recorded); withdrawing the
    consent, or removing the photo, deletes it once the change is committed."""
    if person.photo_consent and not had_consent:
        person.photo_consent_at = timezone.now()
    elif not person.photo_consent:
        person.photo_consent_at = None
    changes: dict[str, File | None] = {}
    if photo is not None:
        if not person.photo_consent:
            message = _("Tick the consent box to show a photo: the person must agree to it.")
            raise ValidationFailed(message, field_errors={"photo_consent": [message]})
        changes["photo"] = photo
    elif remove_photo or (not person.photo_consent and person.photo):
        changes["photo"] = None
    prepared, errors = _prepare_images(changes, PERSON_IMAGES)
    _raise_with(errors)
    _store_images(person, prepared, PERSON_IMAGES)


@transaction.atomic
def person_create(
    *,
    actor: AnyUser,
    organisation: Organisation,
    values: Mapping[str, Any],
    photo: File | None = None,
    user: Any = None,
    synthetic: bool = False,
) -> Person:
    """Add a person to an organisation the actor may edit (a photo only with their consent);
    `user`: the account they sign in with; `synthetic`: an invented person (demo data)."""
    access_organisation_for_edit(actor, organisation)
    unknown = set(values) - PERSON_FIELDS
    if unknown:
        raise ValidationFailed(
            _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    person = Person(**{k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()})
    person.user, person.is_synthetic = user, synthetic
    _validate_person(person)
    _person_photo(person, photo, remove_photo=False, had_consent=False)
    person.save()
    person.organisations.add(organisation)
    return person


@transaction.atomic
def person_update(
    *,
    actor: AnyUser,
    person: Person,
    values: Mapping[str, Any],
    photo: File | None = None,
    remove_photo: bool = False,
) -> Person:
    """Change a person's details; members of their organisations and operators may. A photo
    needs the person's consent; withdrawing the consent deletes the photo."""
    access_person_for_edit(actor, person)
    unknown = set(values) - PERSON_FIELDS
    if unknown:
        raise ValidationFailed(
            _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    # From the row, not the instance: a model form has already set the new value on it.
    had_consent = bool(
        Person.objects.filter(pk=person.pk).values_list("photo_consent", flat=True).first()
    )
    for name, value in values.items():
        setattr(person, name, value.strip() if isinstance(value, str) else value)
    _validate_person(person)
    _person_photo(person, photo, remove_photo=remove_photo, had_consent=had_consent)
    person.save()
    return person


def person_photos_erase(*, user: Any) -> int:
    """Delete the photos of the people a user account is (their account is being deleted);
    the consent goes with them. Returns how many photos were deleted."""
    erased = 0
    for person in Person.objects.filter(user=user).exclude(photo=""):
        images.delete_on_commit([person.photo.name], shape=images.PHOTO)
        person.photo = ""
        person.photo_consent, person.photo_consent_at = False, None
        person.save(update_fields=["photo", "photo_consent", "photo_consent_at", "updated_at"])
        erased += 1
    Person.objects.filter(user=user).update(photo_consent=False, photo_consent_at=None)
    return erased


def people_of(user: Any, address: str) -> Any:
    """The directory entries that are this person: linked to their account, or carrying their
    e-mail address (an entry an organisation typed in before they signed up)."""
    address = address.strip()
    match = Q(user=user) | Q(email__iexact=address) if address else Q(user=user)
    return Person.objects.filter(match)


@transaction.atomic
def people_forget(*, user: Any, address: str) -> int:
    """Delete the directory entries of a person whose account is being deleted (name, e-mail,
    phone, photo: nothing of them stays listed); returns how many entries went."""
    person_photos_erase(user=user)
    for person in people_of(user, address).exclude(photo=""):
        images.delete_on_commit([person.photo.name], shape=images.PHOTO)
    _deleted, by_model = people_of(user, address).delete()
    return by_model.get(Person._meta.label, 0)


def unique_slugs(organisations: Iterable[Organisation], taken: set[str]) -> None:
    """Give each new organisation a slug not in `taken` (which grows as slugs are handed out)."""
    for organisation in organisations:
        base = _slug_base(organisation)
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        organisation.slug = slug


def organisations_bulk_save(
    *,
    new: list[tuple[Organisation, list[Industry]]],
    changed: list[tuple[Organisation, list[Industry] | None]],
    update_fields: Iterable[str] = (),
    batch_size: int = 500,
) -> None:
    """Insert and update many validated organisations at once (imports, synthetic data); after
    the commit, `organisations_saved_in_bulk` names them (bulk writes fire no model signals)."""
    through = Organisation.industries.through
    for organisation, industries in new:
        refresh_search_entry(organisation, industries)
    with transaction.atomic():
        if new:
            unique_slugs(
                [o for o, _i in new if not o.slug],
                set(Organisation.objects.values_list("slug", flat=True)),
            )
            Organisation.objects.bulk_create([o for o, _i in new], batch_size=batch_size)
            through.objects.bulk_create(
                [
                    through(organisation_id=o.pk, industry_id=i.pk)
                    for o, industries in new
                    for i in industries
                ],
                batch_size=2000,
            )
        if changed:
            for organisation, new_industries in changed:
                refresh_search_entry(
                    organisation,
                    new_industries if new_industries is not None else organisation.industries.all(),
                )
            fields = sorted(
                set(update_fields)
                | {"search_names", "search_body", "industry_mask", "website_domain", "updated_at"}
            )
            now = timezone.now()
            for organisation, _ind in changed:
                organisation.updated_at = now
            Organisation.objects.bulk_update(
                [o for o, _i in changed], fields, batch_size=batch_size
            )
            reset = [o.pk for o, industries in changed if industries is not None]
            through.objects.filter(organisation_id__in=reset).delete()
            through.objects.bulk_create(
                [
                    through(organisation_id=o.pk, industry_id=i.pk)
                    for o, industries in changed
                    if industries is not None
                    for i in industries
                ],
                batch_size=2000,
            )
        ids = [o.pk for o, _i in new] + [o.pk for o, _i in changed]
        if ids:
            transaction.on_commit(
                lambda: organisations_saved_in_bulk.send(sender=Organisation, ids=ids)
            )
