"""Seed a fresh database for the deployment test (run as a script with Django's settings):
an operator with an API token, a partner looking for Korean battery cells, and a B2B day big
enough that a scheduler run lasts a few seconds. Prints what the test needs as JSON."""

from __future__ import annotations

import json
import random
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

import django

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402

from yeongilman.accounts.models import User  # noqa: E402
from yeongilman.accounts.services import api_token_issue_from_console  # noqa: E402
from yeongilman.directory.services import organisation_create  # noqa: E402
from yeongilman.events.models import Registration, RegistrationStatus  # noqa: E402
from yeongilman.events.services import event_create  # noqa: E402
from yeongilman.matchmaking import adapter  # noqa: E402
from yeongilman.meetings.models import MeetingRequest, RequestStatus  # noqa: E402
from yeongilman.meetings.services import slots_define  # noqa: E402

LA = ZoneInfo("America/Los_Angeles")


def main(participants: int, requests: int) -> None:
    """Create the data and print ids and the token."""
    operator = User.objects.create_user(
        email="ops@example.org", password="runtime-test-password", is_operator=True, language="en"
    )
    _token, raw = api_token_issue_from_console(user=operator, name="runtime test")
    partner = organisation_create(
        actor=operator,
        values={
            "kind": "corporate",
            "name_en": "Allegheny Robotics Manufacturing",
            "description_en": "We build warehouse robots in Pittsburgh. We are looking for a "
            "supplier of lithium-ion battery cells and battery packs for our robot fleet.",
            "country": "US",
            "city": "Pittsburgh",
            "is_published": True,
        },
        industry_codes=["robotics"],
    )
    adapter.rebuild()
    event = event_create(
        actor=operator,
        kind="b2b",
        title_en="Runtime test B2B day",
        city="Las Vegas",
        time_zone="America/Los_Angeles",
        starts_at=datetime(2027, 1, 6, 9, 0, tzinfo=LA),
        ends_at=datetime(2027, 1, 6, 18, 0, tzinfo=LA),
        is_published=True,
    )
    slots_define(
        actor=operator,
        event=event,
        first_start=datetime(2027, 1, 6, 9, 0, tzinfo=LA),
        minutes=25,
        count=16,
        gap_minutes=5,
        tables=participants // 4,
    )
    password = make_password(None)
    users = User.objects.bulk_create(
        [User(email=f"p{i}@example.org", password=password) for i in range(participants)]
    )
    registrations = Registration.objects.bulk_create(
        [Registration(event=event, user=u, status=RegistrationStatus.CONFIRMED) for u in users]
    )
    rng = random.Random(7)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < requests:
        a, b = rng.sample(range(participants), 2)
        pairs.add((a, b))
    MeetingRequest.objects.bulk_create(
        [
            MeetingRequest(
                event=event,
                requester=registrations[a],
                recipient=registrations[b],
                status=RequestStatus.ACCEPTED,
                priority=rng.choice((1, 1, 2, 3)),
            )
            for a, b in sorted(pairs)
        ],
        batch_size=2000,
    )
    print(json.dumps({"token": raw, "partner": partner.pk, "event": event.pk}))


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
