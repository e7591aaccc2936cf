"""Each app registers its own periodic work; the clock and the timers queue what is registered
(jobs names no feature)."""

from __future__ import annotations

from yeongilman.jobs import periodic


def _paths(tasks: list) -> set[str]:
    return {task.module_path for task in tasks}


def test_every_apps_daily_work_is_registered_once():
    daily = periodic.daily_tasks()
    assert len(daily) == len(_paths(daily))
    assert _paths(daily) == {
        "yeongilman.privacy.tasks.apply_retention",
        "yeongilman.partnering.tasks.remind_expiring_opportunities",
        "yeongilman.insights.tasks.remind_overdue_next_steps",
        "yeongilman.grants.tasks.remind_missing_agreement_documents",
        "yeongilman.outcomes.tasks.ask_meeting_outcomes",
        "yeongilman.matchmaking.tasks.rebuild_match_index",
        "yeongilman.jobs.tasks.prune_finished",
        "yeongilman.communications.tasks.send_booking_nudges",
        "yeongilman.communications.tasks.expire_meeting_requests",
        "yeongilman.conversations.tasks.apply_message_retention",
    }


def test_reminders_and_scheduled_messages_run_every_minute():
    assert _paths(periodic.minutely_tasks()) == {
        "yeongilman.communications.tasks.send_due_messages",
        "yeongilman.communications.tasks.send_meeting_reminders",
        "yeongilman.conversations.tasks.send_message_notices",
    }


def test_registering_again_changes_nothing():
    before = periodic.daily_tasks()
    periodic.register(before[0], every="day")
    assert periodic.daily_tasks() == before
