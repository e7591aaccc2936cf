"""Unavailable times of a presentation stage, one at a time (the API's list, add and delete):
a panel member keeps their own, an applicant's members keep the applicant's, operators may
keep either; nobody else may, and nothing changes once the stage is advanced."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from tests.conftest import login
from yeongilman.core.errors import PermissionDenied, ValidationFailed
from yeongilman.programs.models import Unavailability
from yeongilman.programs.services import presentations as presenting

NINE = datetime(2027, 3, 1, 0, tzinfo=UTC)
TEN = datetime(2027, 3, 1, 1, tzinfo=UTC)


def test_a_panel_member_adds_lists_and_removes_their_own_times(ces_call, pool):
    stage = ces_call.stages.get()
    reviewer = pool[0]
    row = presenting.unavailability_add(actor=reviewer, stage=stage, starts_at=NINE, ends_at=TEN)
    assert (row.user_id, row.application_id) == (reviewer.pk, None)
    assert presenting.unavailability_list(actor=reviewer, stage=stage) == [row]
    assert presenting.unavailability_list(actor=pool[1], stage=stage) == []
    with pytest.raises(PermissionDenied):
        presenting.unavailability_delete(actor=pool[1], unavailability=row)
    presenting.unavailability_delete(actor=reviewer, unavailability=row)
    assert not Unavailability.objects.exists()


def test_a_time_must_end_after_it_starts(ces_call, pool):
    with pytest.raises(ValidationFailed) as refused:
        presenting.unavailability_add(actor=pool[0], stage=ces_call.stages.get(), starts_at=TEN,
                                      ends_at=NINE)  # fmt: skip
    assert "ends_at" in refused.value.field_errors
    assert not Unavailability.objects.exists()


def test_only_the_stage_reviewers_keep_own_times(ces_call, member, other_member):
    with pytest.raises(PermissionDenied):
        presenting.unavailability_add(actor=member, stage=ces_call.stages.get(), starts_at=NINE,
                                      ends_at=TEN)  # fmt: skip


def test_the_applicants_members_and_operators_keep_the_applicants_times(
    ces_call, submitted, member, other_member, operator
):
    stage = ces_call.stages.get()
    row = presenting.unavailability_add(actor=member, stage=stage, starts_at=NINE, ends_at=TEN,
                                        application=submitted)  # fmt: skip
    assert (row.user_id, row.application_id) == (None, submitted.pk)
    listed = presenting.unavailability_list(actor=operator, stage=stage, application=submitted)
    assert listed == [row]
    with pytest.raises(PermissionDenied):
        presenting.unavailability_add(actor=other_member, stage=stage, starts_at=NINE,
                                      ends_at=TEN, application=submitted)  # fmt: skip
    with pytest.raises(PermissionDenied):
        presenting.unavailability_delete(actor=other_member, unavailability=row)
    presenting.unavailability_delete(actor=operator, unavailability=row)
    assert not Unavailability.objects.exists()


def test_nothing_changes_once_the_stage_is_advanced(ces_call, pool):
    stage = ces_call.stages.get()
    row = presenting.unavailability_add(actor=pool[0], stage=stage, starts_at=NINE, ends_at=TEN)
    stage.advanced_at = timezone.now()
    stage.save(update_fields=["advanced_at"])
    with pytest.raises(ValidationFailed):
        presenting.unavailability_add(actor=pool[0], stage=stage, starts_at=NINE, ends_at=TEN)
    with pytest.raises(ValidationFailed):
        presenting.unavailability_delete(actor=pool[0], unavailability=row)
    assert Unavailability.objects.count() == 1


def test_the_api_adds_lists_and_deletes_and_hides_others_times(client, ces_call, pool, member):
    stage = ces_call.stages.get()
    url = f"/api/v1/calls/{ces_call.slug}/stages/{stage.pk}/unavailability"
    login(client, pool[0])
    body = {"starts_at": "2027-03-01T09:00:00+09:00", "ends_at": "2027-03-01T10:00:00+09:00"}
    made = client.post(url, body, content_type="application/json")
    assert made.status_code == 201 and made.json()["application"] is None
    backwards = {"starts_at": body["ends_at"], "ends_at": body["starts_at"]}
    assert client.post(url, backwards, content_type="application/json").status_code == 422
    assert [r["id"] for r in client.get(url).json()] == [made.json()["id"]]
    login(client, member)
    assert client.get(url).status_code == 403
    assert client.delete(f"/api/v1/unavailability/{made.json()['id']}").status_code == 404
    login(client, pool[0])
    assert client.delete(f"/api/v1/unavailability/{made.json()['id']}").status_code == 204
    assert client.get(url).json() == []
