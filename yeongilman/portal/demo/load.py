"""Load the invented half of the demo world once (`load_demo` calls it after the real data)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from yeongilman.accounts.models import User
from yeongilman.directory.models import Organisation
from yeongilman.portal.demo import b2b, exhibition
from yeongilman.portal.demo.directory import load_directory
from yeongilman.portal.demo.insights import InsightCounts, load_insights
from yeongilman.portal.demo.programs import ProgramCounts, load_programs
from yeongilman.portal.demo.world import SEED, SOURCE, build_world


@dataclass
class WorldReport:
    """What the load made, and how long each part took (seconds)."""

    organisations: int = 0
    people: int = 0
    opportunities: int = 0
    upcoming: b2b.DayCounts = field(default_factory=b2b.DayCounts)
    past: b2b.DayCounts = field(default_factory=b2b.DayCounts)
    stands: int = 0
    programs: ProgramCounts = field(default_factory=ProgramCounts)
    insights: InsightCounts = field(default_factory=InsightCounts)
    seconds: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        """One paragraph for the command's output."""
        up, past, prog, ins = self.upcoming, self.past, self.programs, self.insights
        return (
            f"Invented demo world: {self.organisations} organisations, {self.people} people, "
            f"{self.opportunities} opportunities; CES 2027 B2B day: {up.participants} "
            f"participants, {sum(up.requests.values())} requests "
            f"({up.requests['accepted']} accepted, {up.requests['requested']} waiting, "
            f"{up.requests['declined']} declined), {up.scheduled} scheduled; past day: "
            f"{past.participants} participants, {past.scheduled} meetings, {past.check_ins} "
            f"check-ins; {self.stands} stands; {prog.applications} applications, "
            f"{prog.reviews_submitted} reviews, {prog.agreements} agreements; "
            f"{ins.figures} yearly figures, {ins.rounds} funding rounds "
            f"({sum(self.seconds.values()):.1f} s)."
        )


def world_is_loaded() -> bool:
    """Whether an earlier load stored the invented organisations."""
    return Organisation.objects.filter(is_synthetic=True, source=SOURCE).exists()


def load_demo_world(
    operator: User, demo_accounts: dict[str, User], seed: int = SEED
) -> WorldReport | None:
    """Store the invented world once (None when it is there already). `demo_accounts`: the
    member and partner demo accounts by role, for the requests they find waiting."""
    if world_is_loaded():
        return None
    report = WorldReport()
    world = build_world(seed)
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        report.seconds[name] = round(now - clock, 2)
        clock = now

    directory = load_directory(operator, world)
    report.organisations = len(directory.organisations)
    report.people = len(world.people)
    report.opportunities = len(directory.opportunities)
    lap("directory")
    report.upcoming = b2b.load_upcoming_day(operator, world, directory, demo_accounts, seed)
    lap("upcoming day")
    report.past = b2b.load_past_day(operator, world, directory, seed)
    lap("past day")
    report.stands = exhibition.load_pavilion(operator, world, directory, seed)
    lap("pavilion")
    report.programs = load_programs(operator, world, directory, seed)
    lap("programmes and agreements")
    report.insights = load_insights(operator, world, directory, seed)
    lap("figures")
    return report
