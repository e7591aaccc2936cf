"""The front page: what is on in the ecosystem, and a signed-in person's own next steps.

Reads each app's rules (events_for, visible_calls, the public opportunity rule) rather than
filtering by hand; every list is bounded and fetched with what its template needs (no N+1).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from yeongilman.accounts.access import AnyUser, is_operator
from yeongilman.accounts.models import Membership
from yeongilman.core.cache import cache_key, cached
from yeongilman.directory.models import Organisation
from yeongilman.directory.selectors import home_figures
from yeongilman.events.models import Event, EventKind, Exhibitor, Registration, RegistrationStatus
from yeongilman.events.selectors import events_for
from yeongilman.insights.headlines import Headline, headline_figures
from yeongilman.meetings.models import MeetingRequest, RequestStatus
from yeongilman.partnering.models import (
    Interest,
    InterestStatus,
    Introduction,
    IntroductionStatus,
    Opportunity,
    OpportunityStatus,
)
from yeongilman.programs.access import visible_calls
from yeongilman.programs.models import Application, ApplicationStatus, Call

EVENTS = 4
CALLS = 4
OPPORTUNITIES = 4
WINNERS = 6
STEP_ITEMS = 3
# Cached lists hold a few more than are shown, so that items which end or close while the
# copy is kept can be dropped at each request and the sections stay full.
SPARE = 2

T = TypeVar("T")


@dataclass
class Ecosystem:
    """The public sections: upcoming events, open (or soon opening) calls, the latest published
    opportunities, a pavilion and its award winners, and figures with their years."""

    events: list[Event]
    calls: list[Call]
    opportunities: list[Opportunity]
    pavilion: Event | None
    exhibitors: int  # how many organisations exhibit at the pavilion
    winners: list[Exhibitor]
    figures: dict[str, int]
    headlines: list[Headline]
    includes_unpublished: bool = False  # operators' copy: drafts shown with a badge

    def current(self, now: datetime) -> Ecosystem:
        """Without what ended or closed since this copy was made, trimmed to the page's size."""
        return replace(
            self,
            events=[e for e in self.events if e.ends_at >= now][:EVENTS],
            calls=[c for c in self.calls if c.closes_at > now][:CALLS],
            opportunities=[
                o for o in self.opportunities if o.expires_at is None or o.expires_at > now
            ][:OPPORTUNITIES],
        )


def _upcoming_events(user: AnyUser, now: datetime) -> list[Event]:
    return list(events_for(user).filter(ends_at__gte=now)[: EVENTS + SPARE])


def _calls(user: AnyUser, now: datetime) -> list[Call]:
    """Open calls by deadline; when fewer than a page are open, the next to open after them."""
    calls = visible_calls(user)
    found = list(
        calls.filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at", "pk")[
            : CALLS + SPARE
        ]
    )
    if len(found) < CALLS + SPARE:
        found += calls.filter(opens_at__gt=now).order_by("opens_at", "pk")[
            : CALLS + SPARE - len(found)
        ]
    return found


def _opportunities(now: datetime) -> list[Opportunity]:
    """The latest published, unexpired opportunities of published organisations (a member's
    drafts and an operator's view of them belong to their own pages, not to the front page)."""
    wanted = OPPORTUNITIES + SPARE
    live = Opportunity.objects.filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now), status=OpportunityStatus.PUBLISHED
    ).order_by("-published_at", "-pk")
    # Newest first without the owner: joining every published opportunity to its organisation
    # before sorting costs ~300 ms at 30,000 on SQLite, the sort alone ~20 ms. The owners of a
    # few candidates are checked after; only when too few of them are published does the
    # joined query run.
    candidates = list(live.values_list("pk", "owner_id")[: wanted * 4])
    published = set(
        Organisation.objects.filter(
            pk__in={owner for _pk, owner in candidates}, is_published=True
        ).values_list("pk", flat=True)
    )
    chosen = [pk for pk, owner in candidates if owner in published][:wanted]
    if len(chosen) < wanted and len(candidates) == wanted * 4:
        return list(live.filter(owner__is_published=True).select_related("owner")[:wanted])
    by_pk = Opportunity.objects.select_related("owner").in_bulk(chosen)
    return [by_pk[pk] for pk in chosen if pk in by_pk]


def _pavilion(user: AnyUser, now: datetime) -> tuple[Event | None, int, list[Exhibitor]]:
    """The next pavilion with exhibitors (else the latest one), how many exhibit, and those of
    them with an award (published organisations only: the page links to their profiles)."""
    pavilions = (
        events_for(user).filter(kind=EventKind.EXHIBITION, exhibitors__isnull=False).distinct()
    )
    pavilion = (
        pavilions.filter(ends_at__gte=now).order_by("starts_at").first()
        or pavilions.order_by("-starts_at").first()
    )
    if pavilion is None:
        return None, 0, []
    shown = Exhibitor.objects.filter(event=pavilion, organisation__is_published=True)
    winners = list(
        shown.exclude(award="")
        .select_related("organisation")
        .order_by("organisation__name_en")[:WINNERS]
    )
    return pavilion, shown.count(), winners


def _ecosystem(user: AnyUser) -> Ecosystem:
    now = timezone.now()
    pavilion, exhibitors, winners = _pavilion(user, now)
    return Ecosystem(
        events=_upcoming_events(user, now),
        calls=_calls(user, now),
        opportunities=_opportunities(now),
        pavilion=pavilion,
        exhibitors=exhibitors,
        winners=winners,
        figures=_figures(),
        headlines=_headlines(),
        includes_unpublished=is_operator(user),
    )


def _figures() -> dict[str, int]:
    # Counts over every organisation and every figure are the page's costly part (tens of ms
    # at 100,000 organisations): they are public, so every viewer shares one copy.
    return cached(
        cache_key("front-page-figures"),
        settings.YV_PUBLIC_CACHE_SECONDS,
        lambda: home_figures(AnonymousUser()),
    )


def _headlines() -> list[Headline]:
    return cached(
        cache_key("front-page-headlines"), settings.YV_PUBLIC_CACHE_SECONDS, headline_figures
    )


def front_page(user: AnyUser) -> Ecosystem:
    """The public sections for this viewer, already filtered.

    Visitors and members see the same public data, so they share one cached copy per language
    (a short TTL, YV_PUBLIC_CACHE_SECONDS, not invalidation: the sections come from four apps'
    writes, and a minute's delay on a front page is harmless; what ended or closed meanwhile
    is dropped at each request by `current`). Operators also see unpublished events and calls
    and get a fresh copy each time (a few small indexed queries; the figures stay cached)."""
    now = timezone.now()
    if is_operator(user):
        return _ecosystem(user).current(now)
    public = cached(
        cache_key("front-page-public"),
        settings.YV_PUBLIC_CACHE_SECONDS,
        lambda: _ecosystem(AnonymousUser()),
    )
    return public.current(now)


# --- a signed-in person's next steps -------------------------------------------------------


@dataclass
class Few(Generic[T]):
    """How many there are and the first few of them."""

    count: int = 0
    items: list[T] = field(default_factory=list)


def _few(rows: QuerySet[Any], n: int = STEP_ITEMS) -> Few[Any]:
    """The first `n` rows; the count is a second query only when there may be more."""
    items = list(rows[:n])
    return Few(len(items) if len(items) < n else rows.count(), items)


@dataclass
class NextSteps:
    """What waits for a member (answers, drafts, meetings) and, for operators, approvals."""

    organisations: list[Organisation] = field(default_factory=list)
    interests_received: Few[Interest] = field(default_factory=Few)
    interests_sent: int = 0
    meeting_requests: Few[MeetingRequest] = field(default_factory=Few)
    draft_opportunities: Few[Opportunity] = field(default_factory=Few)
    draft_applications: Few[Application] = field(default_factory=Few)
    registrations: Few[Registration] = field(default_factory=Few)
    pending_registrations: Few[Registration] = field(default_factory=Few)
    introductions_requested: int = 0
    is_operator: bool = False

    @property
    def anything(self) -> bool:
        """True when there is at least one thing to show."""
        return bool(
            self.interests_received.count or self.interests_sent
            or self.meeting_requests.count or self.draft_opportunities.count
            or self.draft_applications.count or self.registrations.count
            or self.pending_registrations.count or self.introductions_requested
        )  # fmt: skip


def next_steps(user: AnyUser) -> NextSteps | None:
    """The viewer's own next steps, computed per request (never cached: they are one person's);
    None for visitors. Counts and a few items each; suggestions are only linked (ranking them
    costs more than the whole page)."""
    if not user.is_authenticated:
        return None
    now = timezone.now()
    organisations = [
        m.organisation
        for m in Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name_en", "organisation__pk")
    ]
    mine = [o.pk for o in organisations]
    steps = NextSteps(organisations=organisations[:STEP_ITEMS], is_operator=is_operator(user))
    if mine:
        steps.interests_received = _few(
            Interest.objects.filter(opportunity__owner_id__in=mine, status=InterestStatus.PENDING)
            .select_related("opportunity", "organisation")
            .order_by("-created_at", "-pk")
        )
        steps.interests_sent = Interest.objects.filter(
            organisation_id__in=mine, status=InterestStatus.PENDING
        ).count()
        steps.draft_opportunities = _few(
            Opportunity.objects.filter(owner_id__in=mine, status=OpportunityStatus.DRAFT)
            .select_related("owner")
            .order_by("-updated_at", "-pk")
        )
        steps.draft_applications = _few(
            Application.objects.filter(
                organisation_id__in=mine,
                status=ApplicationStatus.DRAFT,
                call__is_published=True,
                call__closes_at__gt=now,
            )
            .select_related("call", "organisation")
            .order_by("call__closes_at", "pk")
        )
    steps.meeting_requests = _few(
        MeetingRequest.objects.filter(
            recipient__user=user, status=RequestStatus.REQUESTED, event__ends_at__gt=now
        )
        .select_related("event", "requester__user", "requester__organisation")
        .order_by("event__starts_at", "created_at", "pk")
    )
    steps.registrations = _few(
        Registration.objects.filter(
            user=user, status=RegistrationStatus.CONFIRMED, event__ends_at__gte=now
        )
        .select_related("event")
        .order_by("event__starts_at", "pk")
    )
    if steps.is_operator:
        steps.pending_registrations = _few(
            Registration.objects.filter(status=RegistrationStatus.PENDING, event__ends_at__gte=now)
            .select_related("event", "user")
            .order_by("event__starts_at", "created_at", "pk")
        )
        steps.introductions_requested = Introduction.objects.filter(
            status=IntroductionStatus.REQUESTED
        ).count()
    return steps
