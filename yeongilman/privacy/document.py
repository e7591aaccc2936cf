"""A person's copy of their data as something to read: sections by what they did (profile,
organisations, events, meetings, interests, applications, messages, consents, sign-ins),
names instead of ids, times in their own zone, headings in their language. The same sections
go into the JSON (under stable English keys, for software) and the XLSX (one sheet each)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from yeongilman.accounts.models import Consent, ConsentPurpose, Membership, User
from yeongilman.core.models import AuditEntry
from yeongilman.core.zones import person_zone
from yeongilman.directory.models import Person
from yeongilman.events.models import Registration
from yeongilman.meetings.models import MeetingMode, MeetingRequest
from yeongilman.partnering.models import Interest
from yeongilman.programs.models import Application

# Excel refuses a sheet name longer than this.
SHEET_NAME_LIMIT = 31


@dataclass
class Section:
    """One part of the copy: what the person did of one kind, as a table to read."""

    key: str  # stable, for software: "meetings"
    title: str  # in the reader's language; also the sheet's name (≤ 31 characters)
    columns: list[tuple[str, str]]  # (stable key, heading in the reader's language)
    rows: list[dict[str, Any]] = field(default_factory=list)


def _when(value: datetime | None, zone: ZoneInfo) -> str:
    return f"{value.astimezone(zone):%Y-%m-%d %H:%M}" if value else ""


def _organisation(org: Any) -> str:
    return org.name.primary if org is not None else ""


def _person(user: User | None) -> str:
    return str(user) if user is not None else ""


def sections(user: User, records: dict[str, list[dict[str, Any]]]) -> list[Section]:
    """The person's data in sections, read in the active language; `records` is the complete
    technical record (conversations join it through privacy's hook)."""
    zone = ZoneInfo(person_zone(user))
    return [
        _profile(user, zone),
        _organisations(user, zone),
        _registrations(user, zone),
        _meetings(user, zone),
        _interests(user, zone),
        _applications(user, zone),
        _messages(records, zone),
        _consents(user, zone),
        _sign_ins(user, zone),
    ]


def _profile(user: User, zone: ZoneInfo) -> Section:
    section = Section("profile", _("Profile"), [("item", _("Item")), ("value", _("Value"))])
    roles = [label for flag, label in ((user.is_operator, _("Operator")),
                                       (user.is_reviewer, _("Reviewer"))) if flag]  # fmt: skip
    items = [
        (_("Name"), user.full_name),
        (_("E-mail address"), user.email),
        (_("Language"), user.get_language_display()),
        (_("Time zone"), user.time_zone or _("not set (your browser's)")),
        (_("Joined"), _when(user.date_joined, zone)),
        (_("Last signed in"), _when(user.last_login, zone)),
        (_("Roles"), ", ".join(str(r) for r in roles)),
    ]
    for person in Person.objects.filter(user=user).prefetch_related("organisations"):
        names = ", ".join(_organisation(o) for o in person.organisations.all())
        listed = f"{person.name.primary}" + (f" ({names})" if names else "")
        items.append((_("Listed in the directory as"), listed))
    section.rows = [{"item": str(k), "value": v} for k, v in items]
    return section


def _organisations(user: User, zone: ZoneInfo) -> Section:
    section = Section(
        "organisations",
        _("Organisations"),
        [("organisation", _("Organisation")), ("role", _("Your role")), ("since", _("Since"))],
    )
    memberships = Membership.objects.filter(user=user).select_related("organisation")
    for m in memberships.order_by("pk"):
        section.rows.append({
            "organisation": _organisation(m.organisation), "role": m.get_role_display(),
            "since": _when(m.created_at, zone),
        })  # fmt: skip
    return section


def _registrations(user: User, zone: ZoneInfo) -> Section:
    section = Section(
        "registrations",
        _("Event registrations"),
        [("event", _("Event")), ("starts", _("Starts")), ("city", _("City")),
         ("status", _("Status")), ("organisation", _("For organisation")),
         ("registered", _("Registered"))],
    )  # fmt: skip
    rows = Registration.objects.filter(user=user).select_related("event", "organisation")
    for r in rows.order_by("event__starts_at", "pk"):
        section.rows.append({
            "event": r.event.title.primary, "starts": _when(r.event.starts_at, zone),
            "city": r.event.city, "status": r.get_status_display(),
            "organisation": _organisation(r.organisation), "registered": _when(r.created_at, zone),
        })  # fmt: skip
    return section


def _meetings(user: User, zone: ZoneInfo) -> Section:
    section = Section(
        "meetings",
        _("Meetings and requests"),
        [("event", _("Event")), ("direction", _("Who asked")), ("with", _("With")),
         ("status", _("Status")), ("time", _("Time")), ("how", _("How")),
         ("message", _("Message")), ("sent", _("Sent on"))],
    )  # fmt: skip
    meetings = (
        MeetingRequest.objects.filter(Q(requester__user=user) | Q(recipient__user=user))
        .select_related(
            "event",
            "slot",
            "requester__user",
            "requester__organisation",
            "recipient__user",
            "recipient__organisation",
        )  # fmt: skip
        .order_by("created_at", "pk")
    )
    for m in meetings:
        sent = m.requester.user_id == user.pk
        other = m.recipient if sent else m.requester
        with_whom = _person(other.user)
        if other.organisation is not None:
            with_whom = f"{with_whom} ({_organisation(other.organisation)})"
        how = _("Online") if m.mode == MeetingMode.ONLINE else _("In person")
        section.rows.append({
            "event": m.event.title.primary,
            "direction": pgettext("meeting request", "You") if sent else with_whom,
            "with": with_whom, "status": m.get_status_display(),
            "time": _when(m.slot.starts_at, zone) if m.slot else "", "how": str(how),
            "message": m.message, "sent": _when(m.created_at, zone),
        })  # fmt: skip
    return section


def _interests(user: User, zone: ZoneInfo) -> Section:
    section = Section(
        "interests",
        _("Interests sent"),
        [("opportunity", _("Opportunity")), ("organisation", _("For organisation")),
         ("status", _("Status")), ("message", _("Message")), ("sent", _("Sent on"))],
    )  # fmt: skip
    interests = Interest.objects.filter(sender=user).select_related("opportunity", "organisation")
    for i in interests.order_by("created_at", "pk"):
        section.rows.append({
            "opportunity": i.opportunity.title.primary,
            "organisation": _organisation(i.organisation), "status": i.get_status_display(),
            "message": i.message, "sent": _when(i.created_at, zone),
        })  # fmt: skip
    return section


def _applications(user: User, zone: ZoneInfo) -> Section:
    section = Section(
        "applications",
        _("Applications"),
        [("call", _("Call")), ("organisation", _("Organisation")), ("status", _("Status")),
         ("submitted", _("Submitted")), ("withdrawn", _("Withdrawn"))],
    )  # fmt: skip
    applications = Application.objects.filter(Q(created_by=user) | Q(submitted_by=user))
    for a in applications.select_related("call", "organisation").order_by("created_at", "pk"):
        section.rows.append({
            "call": a.call.title.primary, "organisation": _organisation(a.organisation),
            "status": a.get_status_display(), "submitted": _when(a.submitted_at, zone),
            "withdrawn": _when(a.withdrawn_at, zone),
        })  # fmt: skip
    return section


def _messages(records: dict[str, list[dict[str, Any]]], zone: ZoneInfo) -> Section:
    section = Section(
        "messages",
        _("Messages"),
        [("conversation", _("Conversation about")), ("with", _("With")),
         ("sent", _("Sent on")), ("text", _("Text")), ("attachment", _("Attachment"))],
    )  # fmt: skip
    about = {c["conversation"]: c for c in records.get("conversations.conversations", [])}
    for m in records.get("conversations.messages_written", []):
        conversation = about.get(m["conversation"], {})
        section.rows.append({
            "conversation": str(conversation.get("about", "")),
            "with": str(conversation.get("with", "")),
            "sent": _when(datetime.fromisoformat(m["sent_at"]), zone), "text": m["text"],
            "attachment": m["attachment"],
        })  # fmt: skip
    return section


def _consents(user: User, zone: ZoneInfo) -> Section:
    section = Section(
        "consents",
        _("Consents"),
        [("purpose", _("What for")), ("policy", _("Privacy policy version")),
         ("given", _("Given")), ("withdrawn", _("Withdrawn"))],
    )  # fmt: skip
    labels = dict(ConsentPurpose.choices)
    for c in Consent.objects.filter(user=user).order_by("given_at", "pk"):
        section.rows.append({
            "purpose": str(labels.get(c.purpose, c.purpose)), "policy": c.policy_version,
            "given": _when(c.given_at, zone), "withdrawn": _when(c.withdrawn_at, zone),
        })  # fmt: skip
    return section


def _sign_ins(user: User, zone: ZoneInfo) -> Section:
    section = Section(
        "sign_ins", _("Sign-ins"), [("at", _("When")), ("address", _("From address"))]
    )
    entries = AuditEntry.objects.filter(actor=user, action="login").order_by("-at")[:500]
    for entry in entries:
        section.rows.append({"at": _when(entry.at, zone), "address": entry.details.get("ip", "")})
    return section
