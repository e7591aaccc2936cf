"""The events API's contract for delegations: one event's answer carries its itinerary, each
stop with its own zone and a time with that zone's offset (the 409 for registering after the
end is asserted in tests/events/test_archive.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from yeongilman.events.models import Visit
from yeongilman.events.services import event_create

JSON = "application/json"
LA, NEW_YORK = ZoneInfo("America/Los_Angeles"), ZoneInfo("America/New_York")


@pytest.fixture
def schema(client):
    return client.get("/api/v1/openapi.json").json()


def test_the_visit_shape_is_documented_with_its_zone(schema):
    shapes = schema["components"]["schemas"]
    detail = shapes["EventDetailOut"]
    assert "itinerary" in detail["required"]
    assert detail["properties"]["itinerary"]["items"] == {"$ref": "#/components/schemas/VisitOut"}
    visit = shapes["VisitOut"]
    assert {"id", "place", "time_zone", "starts_at", "organisation"} <= set(visit["required"])
    assert visit["properties"]["starts_at"]["format"] == "date-time"


def test_an_events_answer_carries_each_stop_in_its_own_zone(client, operator):
    trip = event_create(
        actor=operator, kind="delegation", title_en="Trip", is_published=True,
        time_zone="America/New_York", starts_at=datetime(2030, 1, 10, tzinfo=UTC),
        ends_at=datetime(2030, 1, 16, tzinfo=UTC),
    )  # fmt: skip
    Visit.objects.create(
        event=trip, place="Pittsburgh", starts_at=datetime(2030, 1, 11, 10, tzinfo=NEW_YORK)
    )
    Visit.objects.create(
        event=trip, place="San Diego", time_zone="America/Los_Angeles",
        starts_at=datetime(2030, 1, 13, 10, tzinfo=LA),
    )  # fmt: skip
    stops = client.get(f"/api/v1/events/{trip.pk}").json()["itinerary"]
    assert [(s["place"], s["time_zone"], s["starts_at"]) for s in stops] == [
        ("Pittsburgh", "America/New_York", "2030-01-11T10:00:00-05:00"),
        ("San Diego", "America/Los_Angeles", "2030-01-13T10:00:00-08:00"),
    ]
    other = event_create(
        actor=operator, kind="forum", title_en="Forum", is_published=True,
        starts_at=datetime(2030, 1, 10, tzinfo=UTC), ends_at=datetime(2030, 1, 10, 8, tzinfo=UTC),
    )  # fmt: skip
    assert client.get(f"/api/v1/events/{other.pk}").json()["itinerary"] == []
