"""Reads for exhibitors: stands with their products, what a stand still lacks, leads with
only the contact details each visitor agreed to share, and who captured a visitor."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from yeongilman.accounts.access import AnyUser
from yeongilman.accounts.models import Consent, ConsentPurpose, User
from yeongilman.directory.models import Person
from yeongilman.events.models import Event, Exhibitor, Registration, RegistrationStatus
from yeongilman.exhibitors.models import ExhibitorProduct, Lead

# What an operator's table and a reminder name as missing, in this order.
MISSING: dict[str, Promise] = {
    "booth": _("booth number"),
    "products": _("products"),
    "korean": _("Korean text"),
    "english": _("English text"),
}


def exhibitors_of(event: Event) -> QuerySet[Exhibitor]:
    """The event's exhibitors with their organisation, products and brochures, by booth."""
    return (
        event.exhibitors.select_related("organisation")
        .prefetch_related(
            Prefetch("items", queryset=ExhibitorProduct.objects.order_by("id")), "documents"
        )
        .order_by("booth", "id")
    )


def completeness(exhibitor: Exhibitor) -> list[str]:
    """What the stand still lacks (keys of MISSING); [] when complete. Products are the
    prefetched `items`, or the old one-line product description."""
    items = list(exhibitor.items.all())
    missing = []
    if not exhibitor.booth.strip():
        missing.append("booth")
    if not items and not exhibitor.products.strip():
        missing.append("products")
    if not exhibitor.description_ko.strip() or any(not p.name_ko for p in items):
        missing.append("korean")
    if not exhibitor.description_en.strip() or any(not p.name_en for p in items):
        missing.append("english")
    return missing


def missing_labels(keys: list[str]) -> list[Promise]:
    """The missing parts as words, translated when shown (in a reminder: its reader's language)."""
    return [MISSING[k] for k in keys]


@dataclass
class StandRow:
    """One line of the operator's completeness table."""

    exhibitor: Exhibitor
    missing: list[str]
    labels: list[Promise]
    leads: int


def completeness_table(event: Event) -> list[StandRow]:
    """Every exhibitor of the event with what it lacks and its leads, incomplete ones first."""
    rows = []
    for x in exhibitors_of(event).annotate(lead_count=Count("leads", distinct=True)):
        missing = completeness(x)
        rows.append(StandRow(x, missing, missing_labels(missing), x.lead_count))
    rows.sort(key=lambda r: (not r.missing, r.exhibitor.booth, r.exhibitor.pk))
    return rows


def exhibitor_portal(exhibitor: Exhibitor) -> Exhibitor:
    """The stand with its products, brochures and team, for its own portal page."""
    return (
        Exhibitor.objects.select_related("organisation", "event")
        .prefetch_related(
            Prefetch("items", queryset=ExhibitorProduct.objects.order_by("id")),
            "documents",
            "team",
        )
        .get(pk=exhibitor.pk)
    )


def team_candidates(exhibitor: Exhibitor) -> QuerySet[User]:
    """Who may staff the stand: the exhibiting organisation's owners and editors."""
    return User.objects.filter(
        memberships__organisation=exhibitor.organisation_id, is_active=True
    ).order_by("full_name", "email")


def exhibitor_meetings(exhibitor: Exhibitor) -> int:
    """How many B2B meeting requests the exhibiting organisation sent or received at the event."""
    return (
        exhibitor.event.meeting_requests.filter(
            Q(requester__organisation=exhibitor.organisation_id)
            | Q(recipient__organisation=exhibitor.organisation_id)
        )
        .exclude(status="cancelled")
        .count()
    )


def listed_to_stands_q() -> Q:
    """Registrations whose person chose to be listed to the event's stands (the `exhibitors`
    consent stands: a withdrawal closes every open row)."""
    return Q(
        Exists(
            Consent.objects.filter(
                user=OuterRef("user_id"),
                purpose=ConsentPurpose.EXHIBITORS,
                withdrawn_at__isnull=True,
            )
        )
    )


def capture_candidates(exhibitor: Exhibitor) -> QuerySet[Registration]:
    """Participants a stand may pick as a lead without a scan: the event's registrations that
    stand whose person chose to be listed to stands, and the visitors the stand already
    recorded (a scanned badge), apart from the exhibiting organisation's own people."""
    own = User.objects.filter(memberships__organisation=exhibitor.organisation_id)
    met = Lead.objects.filter(exhibitor=exhibitor).values("registration_id")
    return (
        Registration.objects.filter(event_id=exhibitor.event_id)
        .filter(listed_to_stands_q() | Q(pk__in=met))
        .exclude(status=RegistrationStatus.CANCELLED)
        .exclude(user__in=own)
        .select_related("user", "organisation")
        .order_by("user__full_name", "user__email")
    )


def leads_of(exhibitor: Exhibitor) -> QuerySet[Lead]:
    """The stand's leads with their visitor and who captured them, latest first."""
    return exhibitor.leads.select_related(
        "registration__user", "registration__organisation", "captured_by"
    ).order_by("-updated_at", "-id")


@dataclass(frozen=True)
class SharedContact:
    """What a visitor agreed to share with a stand that captured them."""

    email: str
    phone: str


def shared_contacts(leads: list[Lead]) -> dict[int, SharedContact]:
    """Per lead, the visitor's e-mail only while their consent to share contact details
    stands, and a phone only from a directory entry that agreed to show it (two queries)."""
    user_ids = {lead.registration.user_id for lead in leads}
    latest: dict[int, bool] = {}
    # Consents come newest first; the first row per user decides.
    for user_id, withdrawn in Consent.objects.filter(
        user_id__in=user_ids, purpose=ConsentPurpose.CONTACT
    ).values_list("user_id", "withdrawn_at"):
        latest.setdefault(user_id, withdrawn is None)
    phones = dict(
        Person.objects.filter(user_id__in=user_ids, contact_consent=True)
        .exclude(phone="")
        .values_list("user_id", "phone")
    )
    out = {}
    for lead in leads:
        user = lead.registration.user
        out[lead.pk] = SharedContact(
            email=user.email if latest.get(user.pk, False) else "",
            phone=phones.get(user.pk, ""),
        )
    return out


def leads_about(user: AnyUser) -> QuerySet[Lead]:
    """The stands that captured the user as a lead, and who did, newest first."""
    if not user.is_authenticated:
        return Lead.objects.none()
    return (
        Lead.objects.filter(registration__user=user)
        .select_related("exhibitor__organisation", "exhibitor__event", "captured_by")
        .order_by("-created_at", "-id")
    )


def lead_counts(event: Event) -> dict[str, int]:
    """The event's lead figures: leads, stands that captured any, visitors captured."""
    figures = Lead.objects.filter(exhibitor__event=event).aggregate(
        leads=Count("id"),
        exhibitors=Count("exhibitor", distinct=True),
        visitors=Count("registration", distinct=True),
    )
    return {
        "leads": figures["leads"] or 0,
        "exhibitors_with_leads": figures["exhibitors"] or 0,
        "visitors": figures["visitors"] or 0,
    }
