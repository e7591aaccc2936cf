"""The demo's B2B days at real size: the upcoming CES 2027 day (about 120 participants, about
400 meeting requests answered or waiting, unavailable times, interpreters, online meetings and a
real scheduler run), and the past Pittsburgh 2025 day (more participants, the scheduler's
placement, check-ins at the desk, how meetings went, no-shows and follow-ups).

Every write goes through the owning app's service, as the participants and operators would
make it; only the past day's registrations are rows of their own, as for a day that has ended
(`registration_create` refuses those, which is right for people; the demo records history).
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from yeongilman.accounts.models import User
from yeongilman.core.errors import ValidationFailed
from yeongilman.events.codes import code_for
from yeongilman.events.models import Event, Registration, RegistrationStatus
from yeongilman.events.selectors import event_has_ended
from yeongilman.events.services import registration_create
from yeongilman.jobs.services import job_run
from yeongilman.meetings.models import MeetingMode, MeetingRequest, RequestStatus
from yeongilman.meetings.selectors import slot_conflicts
from yeongilman.meetings.services import (
    interpreter_save,
    meeting_request_respond,
    meeting_request_send,
    schedule_execute,
    schedule_start,
    unavailability_set,
)
from yeongilman.onsite.services import Scan, check_in_batch
from yeongilman.outcomes import services as outcomes
from yeongilman.portal.demo.directory import Directory
from yeongilman.portal.demo.world import InventedOrganisation, World

UPCOMING_DAY = "ces-2027-pohang-pavilion-b2b-day-demo"
PAST_DAY = "pittsburgh-b2b-day-2025-demo"
SCHEDULER_SECONDS = 8.0  # the demo's days solve to proven optimum in well under this
# With the member and partner demo accounts: 120 confirmed participants.
INVENTED_PARTICIPANTS = 118
MAX_ACCEPTED = 5  # per person: the day allows six, so every accepted meeting finds a time

# Who a Korean participant asks for a meeting, by its sector (the US sectors it needs).
WANTS: dict[str, tuple[str, ...]] = {
    "battery-materials": ("ev-battery", "us-hardtech-vc", "us-cvc", "us-climate-vc"),
    "battery-recycling": ("ev-battery", "us-climate-vc", "distributors"),
    "battery-software": ("ev-battery", "us-climate-vc", "us-hardtech-vc"),
    "hydrogen": ("hydrogen-equipment", "us-climate-vc"),
    "bio-therapeutics": ("us-bio-vc", "medical-devices"),
    "medtech": ("medical-devices", "distributors", "us-bio-vc", "wearables"),
    "industrial-ai": ("robot-makers", "us-hardtech-vc", "seating"),
    "esg": ("us-climate-vc", "robot-makers", "ev-battery"),
    "xr": ("robot-makers", "distributors", "us-angels"),
    "ai-software": ("distributors", "us-angels"),
    "materials": ("heaters", "seating", "wearables", "appliances", "us-cvc", "us-hardtech-vc"),
    "agrifood": ("distributors", "us-angels", "us-climate-vc"),
    "robotics": ("robot-makers", "us-hardtech-vc"),
    "kr-suppliers": ("seating", "appliances", "ev-battery", "heaters"),
    "kr-vc": ("us-hardtech-vc", "us-climate-vc", "us-bio-vc"),
    "kr-cvc": ("us-hardtech-vc", "us-climate-vc"),
    "kr-accelerator": ("us-angels", "us-hardtech-vc"),
    "kr-labs": ("ev-battery", "hydrogen-equipment", "medical-devices"),
}

MESSAGES_EN = (
    "We make {product} in {city} and would like to show you samples at CES.",
    "Our {product} could fit your products; could we meet for 25 minutes at CES?",
    "We are preparing a US launch of our {product} and would value your view.",
    "Hello from {city}! We would like to discuss a pilot of our {product} with you.",
)
MESSAGES_KO = (
    "저희는 {product_ko} 기술을 개발하고 있습니다. CES에서 샘플을 보여 드리고 싶습니다.",
    "저희 {product_ko} 기술이 귀사와 맞을 것 같아 CES에서 25분 상담을 요청드립니다.",
)
FROM_US = (
    "We make {product} in {city} and are looking for Korean suppliers like you. Could we meet "
    "at the Pohang pavilion?",
    "We are sourcing new parts for our {product}, and your profile fits. Shall we meet at CES?",
)


@dataclass
class DayCounts:
    """What a demo day holds after loading (for the benchmark and the tests)."""

    participants: int = 0
    requests: Counter[str] = field(default_factory=Counter)
    scheduled: int = 0
    check_ins: int = 0


def _register(event: Event, user: User, organisation_id: int) -> Registration:
    """A confirmed place: through registration_create while the day is ahead (the participant
    registers; the confirmation mail with its code is written); for a day that has ended, the
    row as registration_create would have made it then."""
    if not event_has_ended(event):
        organisation = user.memberships.get(organisation_id=organisation_id).organisation
        return registration_create(actor=user, event=event, organisation=organisation)
    registration, _created = Registration.objects.get_or_create(
        event=event, user=user,
        defaults={"status": RegistrationStatus.CONFIRMED, "organisation_id": organisation_id},
    )  # fmt: skip
    return registration


def _participants(rng: random.Random, world: World) -> list[InventedOrganisation]:
    """The invented organisations at the CES day (INVENTED_PARTICIPANTS of them): nearly every
    US maker, distributor and investor, and about half of the Korean start-ups, suppliers,
    funds and labs."""
    chosen = [o for o in world.organisations if o.country == "US" and o.role != "lab"]
    chosen += list(world.of("lab", country="US"))[:3]
    korean = [o for o in world.organisations if o.country == "KR"]
    chosen += [o for n, o in enumerate(korean) if n % 2 == 0 or o.role != "startup"]
    chosen = chosen[:INVENTED_PARTICIPANTS]
    rng.shuffle(chosen)
    return chosen


def _message(rng: random.Random, spec: InventedOrganisation, to_us: bool) -> str:
    if spec.country == "US":
        return rng.choice(FROM_US).format(product=spec.product_en, city=spec.city)
    if to_us or rng.random() < 0.5:
        return rng.choice(MESSAGES_EN).format(product=spec.product_en, city=spec.city)
    return rng.choice(MESSAGES_KO).format(product_ko=spec.product_ko)


class _Day:
    """One day's participants as the loaders need them."""

    def __init__(self, event: Event) -> None:
        self.event = event
        self.slots = list(event.slots.order_by("starts_at", "pk"))
        self.registrations: dict[str, Registration] = {}  # by organisation's English name
        self.accepted: Counter[int] = Counter()  # registration id → accepted meetings
        self.pairs: set[frozenset[int]] = set()
        self.unavailable: dict[int, set[int]] = {}

    def ask(self, rng: random.Random, a: Registration, b: Registration, message: str, *,
            interpreter: bool = False, online: bool = False,
            propose: bool = False) -> MeetingRequest | None:  # fmt: skip
        pair = frozenset((a.pk, b.pk))
        if a.pk == b.pk or pair in self.pairs:
            return None
        self.pairs.add(pair)
        # Times both are free in (neither marked it, neither meets someone else then): what
        # the request form offers.
        taken = slot_conflicts(self.event, {a.pk, b.pk})
        free = [s.pk for s in self.slots if (a.pk, s.pk) not in taken and (b.pk, s.pk) not in taken]
        proposed = sorted(rng.sample(free, 2)) if propose and len(free) >= 2 else []
        return meeting_request_send(
            actor=a.user, event=self.event, recipient=b, message=message,
            mode=MeetingMode.ONLINE if online else MeetingMode.IN_PERSON,
            video_link=f"https://meet.example/demo-{len(self.pairs):04d}" if online else "",
            needs_interpreter=interpreter and not online, proposed_slot_ids=proposed,
        )  # fmt: skip

    def answer(self, rng: random.Random, request: MeetingRequest, accept_share: float) -> str:
        """The recipient answers: accepts (with a proposed time it is free in, now and then),
        declines, or has not answered yet. Nobody takes more than MAX_ACCEPTED."""
        roll = rng.random()
        if roll < accept_share:
            sides = (request.requester_id, request.recipient_id)
            if max(self.accepted[s] for s in sides) >= MAX_ACCEPTED:
                return RequestStatus.REQUESTED
            proposed = list(request.proposed_slots.all())
            booked = False
            if proposed and rng.random() < 0.5:
                # Accept at a proposed time, when the day's rules allow it (both free, a
                # table, the limits); otherwise the scheduler finds the time.
                try:
                    meeting_request_respond(actor=request.recipient.user, request=request,
                                            accept=True, slot=proposed[0])  # fmt: skip
                    booked = True
                except ValidationFailed:
                    request.refresh_from_db()
            if not booked:
                meeting_request_respond(actor=request.recipient.user, request=request, accept=True)
            for s in sides:
                self.accepted[s] += 1
            return RequestStatus.ACCEPTED
        if roll < accept_share + 0.2:
            meeting_request_respond(actor=request.recipient.user, request=request, accept=False)
            return RequestStatus.DECLINED
        return RequestStatus.REQUESTED


def _by_sector(day: _Day, specs: list[InventedOrganisation]) -> dict[str, list[Registration]]:
    out: dict[str, list[Registration]] = defaultdict(list)
    for spec in specs:
        out[spec.sector].append(day.registrations[spec.name_en])
    return out


def _schedule(operator: User, event: Event) -> int:
    """Run the real scheduler on the day, as the manage page's button does (the job is queued
    and run here at once; the task queued after the commit finds it done and skips it)."""
    job = schedule_start(actor=operator, event=event)
    job_run(job.pk, lambda ctx: schedule_execute(ctx, time_limit=SCHEDULER_SECONDS))
    return event.meeting_requests.filter(status=RequestStatus.ACCEPTED, confirmed=True).count()


def load_upcoming_day(
    operator: User, world: World, directory: Directory, demo_accounts: dict[str, User], seed: int
) -> DayCounts:
    """Fill the CES 2027 day: registrations, unavailable times, interpreters, requests and
    answers, then the scheduler's run."""
    rng = random.Random(seed)
    event = Event.objects.get(slug=UPCOMING_DAY)
    day = _Day(event)
    chosen = _participants(rng, world)
    for spec in chosen:
        organisation = directory.organisation(spec)
        day.registrations[spec.name_en] = _register(event, directory.account(spec), organisation.pk)
    # Some people are busy part of the day (a booth shift, a keynote): they say so first.
    for spec in chosen[::9]:
        registration = day.registrations[spec.name_en]
        busy = {day.slots[i].pk for i in rng.sample(range(len(day.slots)), 2)}
        unavailability_set(actor=registration.user, registration=registration,
                           slot_ids=sorted(busy))  # fmt: skip
        day.unavailable[registration.pk] = busy
    for name, slots in (("Choi Eun-ha (demo)", day.slots[4:]), ("Alex Kwon (demo)", [])):
        interpreter_save(actor=operator, event=event, name=name,
                         slot_ids=[s.pk for s in slots])  # fmt: skip
    sectors = _by_sector(day, chosen)
    korean = [s for s in chosen if s.country == "KR"]
    american = [s for s in chosen if s.country == "US"]
    requests: list[MeetingRequest] = []
    for spec in korean:
        a = day.registrations[spec.name_en]
        targets = [r for sector in WANTS.get(spec.sector, ()) for r in sectors.get(sector, [])]
        rng.shuffle(targets)
        for b in targets[: rng.randint(4, 6)]:
            speaks_ko = a.user.language == "ko"
            made = day.ask(
                rng, a, b, _message(rng, spec, True),
                interpreter=speaks_ko and rng.random() < 0.2, online=rng.random() < 0.08,
                propose=rng.random() < 0.3,
            )  # fmt: skip
            if made:
                requests.append(made)
    wanted_by: dict[str, list[str]] = defaultdict(list)
    for source, sought in WANTS.items():
        for target in sought:
            wanted_by[target].append(source)
    for spec in american:
        a = day.registrations[spec.name_en]
        targets = [r for sector in wanted_by.get(spec.sector, ()) for r in sectors.get(sector, [])]
        rng.shuffle(targets)
        for b in targets[: rng.randint(1, 3)]:
            made = day.ask(rng, a, b, _message(rng, spec, False), propose=rng.random() < 0.3)
            if made:
                requests.append(made)
    _demo_accounts_requests(rng, day, chosen, demo_accounts, requests)
    counts = DayCounts(participants=event.registrations.filter(
        status=RegistrationStatus.CONFIRMED).count())  # fmt: skip
    for request in requests:
        if request.recipient.user_id in {u.pk for u in demo_accounts.values()}:
            counts.requests[RequestStatus.REQUESTED] += 1  # left for the demo's own people
            continue
        counts.requests[day.answer(rng, request, accept_share=0.55)] += 1
    counts.scheduled = _schedule(operator, event)
    return counts


def _demo_accounts_requests(
    rng: random.Random, day: _Day, chosen: list[InventedOrganisation],
    demo_accounts: dict[str, User], requests: list[MeetingRequest],
) -> None:  # fmt: skip
    """Requests waiting for the demo's member (Graphene Square: US makers of heaters, seats,
    wearables and appliances ask) and partner (Innovation Works: Korean start-ups ask); the
    demo's accounts send none, so trying the day starts from their own first request."""
    mine = {
        "member": ("heaters", "seating", "wearables", "appliances"),
        "partner": ("battery-materials", "robotics", "industrial-ai"),
    }
    for who, sectors in mine.items():
        user = demo_accounts.get(who)
        registration = (
            Registration.objects.filter(event=day.event, user=user).first() if user else None
        )
        if registration is None:
            continue
        for sector in sectors:
            spec = next((s for s in chosen if s.sector == sector), None)
            if spec is None:
                continue
            made = day.ask(rng, day.registrations[spec.name_en], registration,
                           _message(rng, spec, who == "partner"))  # fmt: skip
            if made:
                requests.append(made)


# --- the past day ---------------------------------------------------------------------------

VERDICTS = (("cooperation", 3), ("informative", 4), ("held", 2), ("no_interest", 1))
FOLLOW_UPS = (("negotiation", 5), ("no_contact", 4), ("agreement", 2))
AGREEMENT_KINDS = ("mou", "investment", "other")


def load_past_day(operator: User, world: World, directory: Directory, seed: int) -> DayCounts:
    """Add invented participants to the past Pittsburgh day: their requests and answers, the
    scheduler's placement, check-ins at the desk, how the meetings went, no-shows confirmed by
    the operator, and what came of them six months on."""
    rng = random.Random(seed + 1)
    event = Event.objects.get(slug=PAST_DAY)
    day = _Day(event)
    korean = list(world.of("startup", country="KR"))[1::3][:20]
    american = [o for o in world.organisations if o.country == "US"][::3][:20]
    for spec in korean + american:
        day.registrations[spec.name_en] = _register(
            event, directory.account(spec), directory.organisation(spec).pk
        )
    requests = []
    for spec in korean:
        a = day.registrations[spec.name_en]
        targets = [day.registrations[s.name_en] for s in american]
        rng.shuffle(targets)
        for b in targets[:4]:
            made = day.ask(rng, a, b, _message(rng, spec, True))
            if made:
                requests.append(made)
    counts = DayCounts(participants=event.registrations.filter(
        status=RegistrationStatus.CONFIRMED).count())  # fmt: skip
    for request in requests:
        counts.requests[day.answer(rng, request, accept_share=0.7)] += 1
    counts.scheduled = _schedule(operator, event)
    counts.check_ins = _check_ins(rng, operator, event)
    _outcomes(rng, operator, event, {day.registrations[s.name_en].pk for s in korean + american})
    return counts


def _check_ins(rng: random.Random, operator: User, event: Event) -> int:
    """The desk admitted most participants as they arrived (scanned badges, a few typed)."""
    registrations = list(event.registrations.filter(status=RegistrationStatus.CONFIRMED)
                         .order_by("pk"))  # fmt: skip
    first = event.starts_at - timedelta(minutes=40)
    scans = [
        Scan(code=code_for(r), client_scan_id=f"demo-{r.pk}",
             scanned_at=first + timedelta(seconds=rng.randint(0, 3600)),
             method="typed" if rng.random() < 0.1 else "scan")
        for r in registrations if rng.random() < 0.85
    ]  # fmt: skip
    results = check_in_batch(actor=operator, event=event, scans=scans)
    return sum(1 for r in results if r.admitted)


def _outcomes(rng: random.Random, operator: User, event: Event, invented: set[int]) -> None:
    """Both sides rate most held meetings; a few say the other side did not come (the operator
    confirms or dismisses it); six months on, some report negotiations or an agreement, which
    drafts an agreement or an investment lead for the operator to confirm."""
    meetings = (
        MeetingRequest.objects.filter(
            event=event, status=RequestStatus.ACCEPTED, confirmed=True, requester_id__in=invented
        )  # fmt: skip
        .select_related("requester__user", "recipient__user", "slot")
        .order_by("slot__starts_at", "pk")
    )
    asked = event.ends_at + timedelta(hours=2)
    followed = outcomes.add_months(event.ends_at, 7)
    for meeting in meetings:
        sides = (meeting.requester, meeting.recipient)
        if rng.random() < 0.08:
            outcomes.feedback_record(actor=sides[0].user, meeting=meeting, side=sides[0],
                                     verdict="not_held", now=asked)  # fmt: skip
            (candidate,) = outcomes.no_show_candidates_of(meeting)
            outcomes.no_show_decide(actor=operator, meeting=meeting, registration=candidate,
                                    confirm=rng.random() < 0.7, now=asked)  # fmt: skip
            continue
        for side in sides:
            if rng.random() < 0.8:
                verdict = rng.choices([v for v, _w in VERDICTS], [w for _v, w in VERDICTS])[0]
                outcomes.feedback_record(actor=side.user, meeting=meeting, side=side,
                                         verdict=verdict, now=asked)  # fmt: skip
        if rng.random() < 0.6:
            status = rng.choices([s for s, _w in FOLLOW_UPS], [w for _s, w in FOLLOW_UPS])[0]
            kind = rng.choice(AGREEMENT_KINDS) if status == "agreement" else ""
            outcomes.follow_up_record(actor=sides[0].user, meeting=meeting, side=sides[0],
                                      status=status, kind=kind, now=followed)  # fmt: skip
            link = meeting.outcome_links.first()
            if link is not None and rng.random() < 0.5:
                outcomes.link_confirm(actor=operator, link=link)
