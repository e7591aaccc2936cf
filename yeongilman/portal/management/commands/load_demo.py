"""Load the real ecosystem organisations, one demo account per role and the invented demo world
around them (safe to run again: a second run changes nothing)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

import yeongilman.directory as directory_package
from yeongilman.accounts.consents import consents_give
from yeongilman.accounts.models import ConsentPurpose, Membership, MembershipRole, User
from yeongilman.conversations.demo import load_demo_conversation
from yeongilman.directory.importing import import_rows
from yeongilman.directory.models import Organisation, Person
from yeongilman.grants.demo import load_demo_agreements
from yeongilman.insights.demo import load_demo_insights
from yeongilman.matchmaking.demo import load_demo_feedback
from yeongilman.outcomes.demo import load_demo_outcomes
from yeongilman.partnering.demo import load_demo_opportunities
from yeongilman.portal.demo.load import load_demo_world
from yeongilman.portal.demo_events import load_demo_events
from yeongilman.portal.demo_pictures import load_demo_pictures
from yeongilman.programs.demo import load_demo_programs

# The directory's real organisations (facts with their sources), kept beside the directory.
DEMO_FILE = Path(directory_package.__file__).resolve().parent / "demo" / "organisations.json"
DEMO_PASSWORD = "yeongilman-demo"  # noqa: S105 - documented demo password, local use only
DEMO_USERS: list[dict[str, Any]] = [
    {"email": "operator@demo.yeongilman.kr", "full_name": "운영자 데모",
     "name_latin": "Demo Operator", "language": "ko", "is_operator": True, "is_staff": True,
     "is_superuser": True},
    {"email": "member@demo.yeongilman.kr", "full_name": "스타트업 데모 회원",
     "name_latin": "Demo Start-up Member", "language": "ko",
     "organisation": "Graphene Square", "role": MembershipRole.OWNER},
    {"email": "partner@demo.yeongilman.kr", "full_name": "Demo Partner", "language": "en",
     "organisation": "Innovation Works", "role": MembershipRole.EDITOR},
    {"email": "reviewer@demo.yeongilman.kr", "full_name": "심사위원 데모",
     "name_latin": "Demo Reviewer", "language": "ko", "is_reviewer": True},
]  # fmt: skip


class Command(BaseCommand):
    help = "Load the bundled demo data: real organisations of the ecosystem and demo accounts."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the directory already has organisations (first start only).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Organisation.objects.exists():
            self.stdout.write("The directory already has data; demo data not loaded.")
            return
        rows = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
        report = import_rows(
            rows=[(n, {k: str(v) for k, v in row.items()}) for n, row in enumerate(rows, 1)],
            dry_run=False,
        )
        for error in report.errors:
            self.stderr.write(f"demo row {error.line}: {error.column} {error.message}")
        with transaction.atomic():
            for spec in DEMO_USERS:
                self._user(dict(spec))
            operator = User.objects.get(email=DEMO_USERS[0]["email"])
            members = list(
                User.objects.filter(email__in=[DEMO_USERS[1]["email"], DEMO_USERS[2]["email"]])
            )
            members_by_role = {u.email.split("@")[0]: u for u in members}
            events = load_demo_events(operator, members)
            load_demo_pictures(operator)  # after the events: exhibitors get product tiles
            opportunities = load_demo_opportunities()
            load_demo_feedback()
            calls = load_demo_programs(User.objects.filter(is_reviewer=True).first())
            load_demo_agreements(operator)  # after the programmes: it signs one
            insights = load_demo_insights(operator)
            load_demo_outcomes(operator)  # after events and insights: it links to both
            load_demo_conversation(  # after the opportunities: the member asks the partner
                User.objects.get(email=DEMO_USERS[1]["email"]),
                User.objects.get(email=DEMO_USERS[2]["email"]),
            )
            # The invented world, last: it fills the days, calls and figures made above.
            world = load_demo_world(
                operator, {k: u for k, u in (("member", members_by_role.get("member")),
                                             ("partner", members_by_role.get("partner"))) if u},
            )  # fmt: skip
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data: {report.created} organisations created, {report.updated} updated, "
                f"{report.unchanged} unchanged; {events} events, {opportunities} "
                f"opportunities, {calls} calls and {insights} insight items created; "
                f"{len(DEMO_USERS)} demo accounts "
                f"(password: {DEMO_PASSWORD})."
            )
        )
        if world is not None:
            self.stdout.write(world.summary())

        if settings.YV_MATCHING_AUTO_INDEX:
            # A few hundred profiles take a minute or two to encode: the task worker does it
            # in the background (every profile saved above queued its re-indexing), so the
            # site is up at once and suggestions appear when it is done.
            self.stdout.write(
                "The task worker indexes the profiles for matchmaking in the background "
                "(`make run` starts one; `manage.py rebuild_match_index` does it here and now)."
            )

    def _user(self, spec: dict[str, Any]) -> None:
        organisation_name = spec.pop("organisation", None)
        role = spec.pop("role", None)
        user = User.objects.filter(email=spec["email"]).first()
        if user is None:
            user = User.objects.create_user(password=DEMO_PASSWORD, **spec)
            # Demo people agreed at sign-up, as real ones do on the sign-up page.
            consents_give(user=user, purposes={ConsentPurpose.SERVICE, ConsentPurpose.CONTACT})
        elif spec.get("name_latin") and not user.name_latin:  # loaded before the field existed
            user.full_name, user.name_latin = spec["full_name"], spec["name_latin"]
            user.save(update_fields=["full_name", "name_latin"])
        if organisation_name:
            organisation = Organisation.objects.get(name_en=organisation_name)
            Membership.objects.get_or_create(
                user=user, organisation=organisation, defaults={"role": role}
            )
            person, _created = Person.objects.get_or_create(
                user=user,
                defaults={
                    "name_ko": spec["full_name"] if spec["language"] == "ko" else "",
                    "name_latin": spec.get("name_latin") or spec["full_name"],
                    "title": "Demo account" if spec["language"] == "en" else "데모 계정",
                    "email": spec["email"],
                    "contact_consent": True,
                },
            )
            person.organisations.add(organisation)
