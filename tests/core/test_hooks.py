"""Hooks let a lower app cause work in a higher one: receivers run in the caller's transaction,
once each, in the order they were connected."""

from __future__ import annotations

import pytest
from django.db import transaction

from yeongilman.core.hooks import Hook
from yeongilman.events.services import registration_cancelled
from yeongilman.meetings.services import requests_cancel_for_registration, schedule_changed


def test_receivers_run_once_each_in_order():
    calls: list[str] = []
    hook: Hook[[str]] = Hook("test.happened")

    def first(value: str) -> None:
        calls.append(f"first {value}")

    def second(value: str) -> None:
        calls.append(f"second {value}")

    hook.connect(first)
    hook.connect(second)
    hook.connect(first)  # connecting again changes nothing
    hook("x")
    assert calls == ["first x", "second x"]


@pytest.mark.django_db
def test_a_failing_receiver_rolls_the_whole_change_back(operator):
    from yeongilman.accounts.models import User

    hook: Hook[[User]] = Hook("test.failing")

    def fails(user: User) -> None:
        raise RuntimeError("the app above failed")

    hook.connect(fails)
    with pytest.raises(RuntimeError), transaction.atomic():
        User.objects.filter(pk=operator.pk).update(full_name="Changed")
        hook(operator)
    operator.refresh_from_db()
    assert operator.full_name == "Op Erator"


def test_the_apps_above_are_connected_at_start_up():
    from yeongilman.communications.services import schedule_changes_notify

    assert requests_cancel_for_registration in registration_cancelled._receivers
    assert schedule_changes_notify in schedule_changed._receivers
