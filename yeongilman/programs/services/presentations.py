"""Writes to presentation stages: panels (members from the stage's reviewers), their slots,
unavailable times, and the schedule that puts each applicant of the stage before a panel with
the project's meeting scheduler (an applicant and their panel meet; the panel's members are
participants too, so nobody sits in two places at once)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from yeongilman.accounts.access import AnyUser, is_operator, require_operator, require_user
from yeongilman.accounts.models import Membership, User
from yeongilman.core.audit import audit_record
from yeongilman.core.db import lock_for_change
from yeongilman.core.errors import PermissionDenied, ValidationFailed
from yeongilman.jobs.models import Job, JobKind
from yeongilman.jobs.services import JobContext, job_enqueue
from yeongilman.outbox.services import mail_on_commit
from yeongilman.programs import selectors
from yeongilman.programs.models import (
    Application,
    Panel,
    PresentationSlot,
    Review,
    Stage,
    Unavailability,
)
from yeongilman.programs.services.reviews import conflict_pairs
from yeongilman.scheduling import parse_instance, plan

MAX_SLOTS = 200  # slots one call of presentation_slots_define may add to a panel


def _require_open(stage: Stage) -> None:
    if stage.advanced_at:
        raise ValidationFailed(_("This stage has been advanced: its presentations are closed."))


@transaction.atomic
def panel_save(
    *, actor: AnyUser, stage: Stage, name: str, member_ids: list[int], panel: Panel | None = None
) -> Panel:
    """Add a panel to a stage, or change one; members come from the stage's reviewer pool and
    sit on one panel of the stage only (so the schedule cannot put them in two rooms)."""
    user = require_operator(actor)
    lock_for_change(stage)
    _require_open(stage)
    name = name.strip()[:100]
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("This field is required.")]
    pool = set(selectors.stage_pool(stage).values_list("user_id", flat=True))
    members = set(member_ids)
    if not members:
        errors["members"] = [_("Choose at least one member.")]
    elif members - pool:
        errors["members"] = [_("Panel members must be reviewers of this stage.")]
    elsewhere = Panel.members.through.objects.filter(panel__stage=stage, user_id__in=members)
    if panel is not None:
        elsewhere = elsewhere.exclude(panel_id=panel.pk)
    if elsewhere.exists():
        errors["members"] = [_("A reviewer sits on one panel of a stage only.")]
    taken = stage.panels.filter(name=name)
    if panel is not None:
        taken = taken.exclude(pk=panel.pk)
    if name and taken.exists():
        errors["name"] = [_("The stage already has a panel of that name.")]
    if errors:
        raise ValidationFailed(_("The panel was not saved."), field_errors=errors)
    created = panel is None
    if panel is None:
        panel = Panel.objects.create(stage=stage, name=name)
    else:
        panel.name = name
        panel.save(update_fields=["name", "updated_at"])
    panel.members.set(sorted(members))
    audit_record(actor=user, action="panel_added" if created else "panel_changed",
                 subject=stage.call, scope=f"call:{stage.call_id}", stage=str(stage.name),
                 panel=name, members=len(members))  # fmt: skip
    return panel


@transaction.atomic
def presentation_slots_define(
    *, actor: AnyUser, panel: Panel, first_start: datetime, minutes: int, count: int,
    buffer_minutes: int = 5, room: str = "", video_link: str = "",
) -> list[PresentationSlot]:  # fmt: skip
    """Add `count` slots of `minutes` to a panel, `buffer_minutes` apart, in a room or by a
    video link; a slot may not overlap another of the same panel."""
    user = require_operator(actor)
    stage = panel.stage
    lock_for_change(stage)
    _require_open(stage)
    if not (1 <= count <= MAX_SLOTS and 5 <= minutes <= 240 and 0 <= buffer_minutes <= 240):
        raise ValidationFailed(
            _("Use 1–%(most)s slots of 5–240 minutes with a buffer of 0–240 minutes.")
            % {"most": MAX_SLOTS}
        )
    room, video_link = room.strip()[:100], video_link.strip()[:300]
    if not room and not video_link:
        raise ValidationFailed(
            _("Give a room or a video link."),
            field_errors={"room": [_("Give a room or a video link.")]},
        )
    if video_link and not video_link.startswith(("https://", "http://")):
        raise ValidationFailed(
            _("The video link must start with https://."),
            field_errors={"video_link": [_("Enter a valid address.")]},
        )
    slots, start = [], first_start
    for _n in range(count):
        end = start + timedelta(minutes=minutes)
        slots.append(PresentationSlot(panel=panel, stage=stage, starts_at=start, ends_at=end,
                                      room=room, video_link=video_link))  # fmt: skip
        start = end + timedelta(minutes=buffer_minutes)
    if panel.slots.filter(starts_at__lt=slots[-1].ends_at, ends_at__gt=first_start).exists():
        raise ValidationFailed(_("These slots overlap slots the panel already has."))
    made = PresentationSlot.objects.bulk_create(slots)
    audit_record(actor=user, action="presentation_slots_added", subject=stage.call,
                 scope=f"call:{stage.call_id}", stage=str(stage.name), panel=panel.name,
                 slots=count)  # fmt: skip
    return made


@transaction.atomic
def unavailability_set(
    *, actor: AnyUser, stage: Stage, periods: list[tuple[datetime, datetime]],
    application: Application | None = None,
) -> int:  # fmt: skip
    """Replace the times the actor (a panel member), or the applicant `application`, cannot
    present in the stage; operators may set them for an applicant."""
    user = require_user(actor)
    if application is not None:
        member = Membership.objects.filter(
            user=user, organisation_id=application.organisation_id
        ).exists()
        if not (member or is_operator(user)) or application.call_id != stage.call_id:
            raise PermissionDenied(_("Only the applicant can say when they are unavailable."))
        rows = Unavailability.objects.filter(stage=stage, application=application)
    else:
        rows = Unavailability.objects.filter(stage=stage, user=user)
    for starts, ends in periods:
        if ends <= starts:
            raise ValidationFailed(_("Each unavailable time must end after it starts."))
    rows.delete()
    Unavailability.objects.bulk_create(
        [
            Unavailability(
                stage=stage,
                starts_at=s,
                ends_at=e,
                application=application,
                user=None if application else user,
            )  # fmt: skip
            for s, e in periods[:100]
        ]
    )
    return min(len(periods), 100)


MAX_UNAVAILABLE = 100  # unavailable times one person or applicant keeps per stage


def _check_speaks_for(user: User, stage: Stage, application: Application | None) -> None:
    """Who may read and change unavailable times: an applicant's members (and operators) for
    the applicant's; the stage's reviewers (and operators) for their own."""
    if is_operator(user):
        if application is not None and application.call_id != stage.call_id:
            raise ValidationFailed(_("The application is not in this call."))
        return
    if application is not None:
        member = Membership.objects.filter(
            user=user, organisation_id=application.organisation_id
        ).exists()
        if not member or application.call_id != stage.call_id:
            raise PermissionDenied(_("Only the applicant can say when they are unavailable."))
    elif not selectors.stage_pool(stage).filter(user_id=user.pk).exists():
        raise PermissionDenied(_("Only this stage's reviewers can say when they are away."))


def unavailability_list(
    *, actor: AnyUser, stage: Stage, application: Application | None = None
) -> list[Unavailability]:
    """The actor's own unavailable times in the stage, or the applicant's (`application`)."""
    user = require_user(actor)
    _check_speaks_for(user, stage, application)
    rows = Unavailability.objects.filter(stage=stage)
    if application is not None:
        rows = rows.filter(application=application)
    else:
        rows = rows.filter(user=user)
    return list(rows.order_by("starts_at", "pk"))


@transaction.atomic
def unavailability_add(
    *, actor: AnyUser, stage: Stage, starts_at: datetime, ends_at: datetime,
    application: Application | None = None,
) -> Unavailability:  # fmt: skip
    """Add one time the actor (a reviewer of the stage), or the applicant, cannot present or
    sit; refused once the stage is advanced, for a time that ends before it starts, and beyond
    MAX_UNAVAILABLE times."""
    user = require_user(actor)
    _check_speaks_for(user, stage, application)
    lock_for_change(stage)
    _require_open(stage)
    if ends_at <= starts_at:
        raise ValidationFailed(
            _("Each unavailable time must end after it starts."),
            field_errors={"ends_at": [_("Each unavailable time must end after it starts.")]},
        )
    rows = Unavailability.objects.filter(stage=stage)
    rows = rows.filter(application=application) if application else rows.filter(user=user)
    if rows.count() >= MAX_UNAVAILABLE:
        raise ValidationFailed(
            _("At most %(n)s unavailable times per stage.") % {"n": MAX_UNAVAILABLE}
        )
    return Unavailability.objects.create(
        stage=stage, starts_at=starts_at, ends_at=ends_at, application=application,
        user=None if application else user,
    )  # fmt: skip


@transaction.atomic
def unavailability_delete(*, actor: AnyUser, unavailability: Unavailability) -> None:
    """Remove an unavailable time: its owner (the reviewer, or the applicant's members) or an
    operator, while the stage is open."""
    user = require_user(actor)
    stage = unavailability.stage
    mine = unavailability.user_id == user.pk
    if not mine:
        application = unavailability.application
        if application is None and not is_operator(user):
            raise PermissionDenied(_("This is not your unavailable time."))
        if application is not None:
            _check_speaks_for(user, stage, application)
    lock_for_change(stage)
    _require_open(stage)
    unavailability.delete()


@dataclass
class PresentationSchedule:
    """What scheduling did: applications placed (slot ids) and those left out, with why."""

    placed: dict[int, int] = field(default_factory=dict)
    unplaced: dict[int, str] = field(default_factory=dict)
    seconds: float = 0.0


def _free(windows: list[tuple[datetime, datetime]], busy: list[tuple[datetime, datetime]]
          ) -> list[str]:  # fmt: skip
    return [
        f"w{n}" for n, (s, e) in enumerate(windows)
        if not any(bs < e and be > s for bs, be in busy)
    ]  # fmt: skip


def _choose_panels(
    applications: list[Application], panels: list[Panel], free_of: dict[str, set[str]],
    conflicts: set[tuple[int, int]], members: dict[int, list[int]], open_of: dict[int, int],
) -> tuple[dict[int, Panel], dict[int, str]]:  # fmt: skip
    """Each applicant's panel: one without a conflicted member, sharing a free time with the
    applicant, and with the most open slots left (so the load is spread)."""
    left = dict(open_of)
    chosen: dict[int, Panel] = {}
    refused: dict[int, str] = {}
    for application in applications:
        options = [
            p for p in panels
            if left[p.pk] > 0
            and not any((application.pk, m) in conflicts for m in members[p.pk])
            and free_of[f"a{application.pk}"] & free_of[f"p{p.pk}"]
        ]  # fmt: skip
        if not options:
            clean = [
                p
                for p in panels
                if not any((application.pk, m) in conflicts for m in members[p.pk])
            ]
            refused[application.pk] = (
                gettext_noop("every panel has a member with a conflict of interest")
                if not clean else gettext_noop("no panel is free when the applicant is")
            )  # fmt: skip
            continue
        best = max(options, key=lambda p: (left[p.pk], -p.pk))
        chosen[application.pk] = best
        left[best.pk] -= 1
    return chosen, refused


@transaction.atomic
def presentations_schedule(
    *, actor: AnyUser, stage: Stage, replace: bool = False, time_limit: float = 10.0
) -> PresentationSchedule:
    """Put every applicant of the stage who has no slot yet (all of them with `replace`) into a
    free slot before a panel: the applicant, the panel and each of its members at most once at
    a time, everyone's unavailable times respected, no panel with a conflicted member. Panel
    members get the stage's review of the applicants they hear; applicants get a letter."""
    user = require_operator(actor)
    call = stage.call
    lock_for_change(call)
    lock_for_change(stage)
    _require_open(stage)
    panels = list(stage.panels.prefetch_related("members"))
    if not panels:
        raise ValidationFailed(_("Add a panel with its slots first."))
    slots = PresentationSlot.objects.filter(stage=stage)
    if replace:
        slots.update(application=None)
    slots_list = list(slots.order_by("starts_at", "panel_id"))
    placed_already = {s.application_id for s in slots_list if s.application_id}
    applications = [
        a for a in selectors.in_stage(stage).select_related("stage")
        .order_by("receipt_number", "pk")
        if (a.stage.position if a.stage else 1) == stage.position and a.pk not in placed_already
    ]  # fmt: skip
    result = PresentationSchedule()
    free_slots = [s for s in slots_list if s.application_id is None]
    if not applications:
        return result
    windows = sorted({(s.starts_at, s.ends_at) for s in free_slots})
    index = {w: f"w{n}" for n, w in enumerate(windows)}
    members = {p.pk: [m.pk for m in p.members.all()] for p in panels}
    busy: dict[str, list[tuple[datetime, datetime]]] = defaultdict(list)
    for row in Unavailability.objects.filter(stage=stage):
        who = f"a{row.application_id}" if row.application_id else f"u{row.user_id}"
        busy[who].append((row.starts_at, row.ends_at))
    # A panel member already hearing someone in a slot (kept from an earlier run) is busy then.
    for s in slots_list:
        if s.application_id:
            for m in members.get(s.panel_id, []):
                busy[f"u{m}"].append((s.starts_at, s.ends_at))
    free_of: dict[str, set[str]] = {}
    slot_at: dict[tuple[int, str], PresentationSlot] = {}
    for s in free_slots:
        slot_at[(s.panel_id, index[(s.starts_at, s.ends_at)])] = s
    for p in panels:
        own = {w for (pid, w) in slot_at if pid == p.pk}
        for m in members[p.pk]:
            own &= set(_free(windows, busy[f"u{m}"]))
        free_of[f"p{p.pk}"] = own
    for a in applications:
        free_of[f"a{a.pk}"] = set(_free(windows, busy[f"a{a.pk}"]))
    conflicts = conflict_pairs(call, stage=stage)
    open_of = {p.pk: len(free_of[f"p{p.pk}"]) for p in panels}
    chosen, refused = _choose_panels(applications, panels, free_of, conflicts, members, open_of)
    result.unplaced.update(refused)
    instance = {
        "tables": len(panels),
        "slots": [
            {"id": index[w], "start": w[0].isoformat(), "end": w[1].isoformat()} for w in windows
        ],
        "participants": [
            {"id": pid, "available": sorted(free)} for pid, free in free_of.items()
        ] + [
            {"id": f"u{m}", "available": _free(windows, busy[f"u{m}"])}
            for p in panels for m in members[p.pk]
        ],
        "meetings": [
            {"id": f"m{app_id}", "participants": [f"a{app_id}", f"p{panel.pk}"]
             + [f"u{m}" for m in members[panel.pk]]}
            for app_id, panel in chosen.items()
        ],
    }  # fmt: skip
    if chosen:
        schedule = plan(parse_instance(instance), time_limit=time_limit)
        result.seconds = schedule.seconds
        changed = []
        for placed in schedule.assignments:
            app_id = int(placed.meeting[1:])
            slot = slot_at[(chosen[app_id].pk, placed.slot)]
            slot.application_id = app_id
            changed.append(slot)
            result.placed[app_id] = slot.pk
        for u in schedule.unscheduled:
            result.unplaced[int(u.meeting[1:])] = u.reason
        PresentationSlot.objects.bulk_update(changed, ["application"], batch_size=500)
        _panel_reviews(stage, changed, members)
        _letters(stage, changed)
    audit_record(actor=user, action="presentations_scheduled", subject=call,
                 scope=f"call:{call.pk}", stage=str(stage.name), placed=len(result.placed),
                 unplaced=len(result.unplaced), replace=replace)  # fmt: skip
    return result


def _panel_reviews(stage: Stage, slots: list[PresentationSlot], members: dict[int, list[int]]
                   ) -> None:  # fmt: skip
    """The panel's members review the applicants they hear, on the stage's own review form."""
    Review.objects.bulk_create(
        [
            Review(application_id=s.application_id, reviewer_id=m, stage=stage)
            for s in slots if s.application_id for m in members[s.panel_id]
        ],
        ignore_conflicts=True,
        batch_size=500,
    )  # fmt: skip


def _letters(stage: Stage, slots: list[PresentationSlot]) -> None:
    by_org: dict[int, list[User]] = defaultdict(list)
    apps = {
        a.pk: a for a in Application.objects.filter(pk__in=[s.application_id for s in slots])
    }  # fmt: skip
    for m in Membership.objects.filter(
        organisation_id__in={a.organisation_id for a in apps.values()}, user__is_active=True
    ).select_related("user"):
        by_org[m.organisation_id].append(m.user)
    for slot in slots:
        application = apps[slot.application_id or 0]
        mail_on_commit(
            by_org.get(application.organisation_id, []),
            gettext_noop("Your presentation time"),
            "programs/email/presentation_slot.txt",
            {"slot": slot, "stage": stage, "call": stage.call, "application": application},
        )


def presentation_schedule_as_json(result: PresentationSchedule) -> dict[str, Any]:
    """The result as plain data (API and job answers)."""
    return {
        "placed": [{"application": a, "slot": s} for a, s in sorted(result.placed.items())],
        "unplaced": [{"application": a, "reason": r} for a, r in sorted(result.unplaced.items())],
        "seconds": round(result.seconds, 3),
    }


def presentations_scope(stage: Stage) -> str:
    """The job scope of a stage's scheduling runs."""
    return f"stage:{stage.pk}"


def presentations_schedule_start(*, actor: AnyUser, stage: Stage, replace: bool = False) -> Job:
    """Queue the scheduling of a stage's presentations (hundreds of slots take seconds); what
    can be refused at once (not an operator, no panels, an advanced stage) is refused here,
    and a second run while one is queued or running for the stage is a Conflict."""
    from yeongilman.programs.tasks import schedule_presentations

    user = require_operator(actor)
    _require_open(stage)
    if not stage.panels.exists():
        raise ValidationFailed(_("Add a panel with its slots first."))
    return job_enqueue(
        kind=JobKind.SCHEDULE_RUN,
        task=schedule_presentations,
        actor=user,
        args={"stage_id": stage.pk, "replace": bool(replace)},
        scope=presentations_scope(stage),
        lock_key=f"presentations:{stage.pk}",
        busy_message=_("The presentations of this stage are already being scheduled."),
    )


def presentations_execute(ctx: JobContext) -> dict[str, Any]:
    """The job's work: schedule the stage as the operator who started it."""
    stage = Stage.objects.select_related("call").get(pk=ctx.args["stage_id"])
    if ctx.started_by is None:
        raise PermissionDenied(_("The operator who started the run is gone."))
    ctx.beat(force=True)
    result = presentations_schedule(actor=ctx.started_by, stage=stage,
                                    replace=bool(ctx.args.get("replace")))  # fmt: skip
    return presentation_schedule_as_json(result)
