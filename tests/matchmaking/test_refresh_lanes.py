"""Work lanes: refreshes of the match index after a bulk import wait on the bulk lane while a
mail queued after them goes out on the mail lane; many changes become one refresh task."""

from __future__ import annotations

import pytest
from django.core import mail as sent_mail
from django.test import override_settings
from django.utils.translation import gettext_noop
from django_tasks_db.models import DBTaskResult

from tests.factories import make_organisation
from yeongilman.core import lanes
from yeongilman.directory import importing
from yeongilman.directory.importing import import_start
from yeongilman.jobs.worker import ResilientWorker
from yeongilman.matchmaking import adapter
from yeongilman.matchmaking.models import MatchVector, PendingRefresh
from yeongilman.outbox.services import mail_on_commit

DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": list(lanes.LANES)}
}
REFRESH_TASK = "yeongilman.matchmaking.tasks.refresh_pending_match_items"
MAIL_TASK = "yeongilman.outbox.tasks.deliver_mail"


def _run_lane(lane: str) -> None:
    ResilientWorker(
        queue_names=[lane], interval=0, batch=True, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id=f"test-{lane}", excluded_queue_names=[],
    ).run()  # fmt: skip


def _import(rows: int) -> bytes:
    lines = ["kind,name_en,country,description_en"]
    lines += [f"startup,Lane Test {i},KR,Battery recycling startup number {i}" for i in range(rows)]
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.django_db(transaction=True)
def test_a_mail_queued_after_a_bulk_imports_refreshes_goes_out_on_the_mail_lane(
    operator, member, settings, monkeypatch
):
    settings.YV_MATCHING_AUTO_INDEX = True
    settings.YV_MATCHING_INLINE = False
    monkeypatch.setattr(importing, "CHUNK_ROWS", 10)  # three bulk writes, three signals
    with override_settings(TASKS=DATABASE_TASKS):
        import_start(actor=operator, filename="orgs.csv", data=_import(30), dry_run=False)
        _run_lane(lanes.DEFAULT)  # the import job itself
        mail_on_commit(
            [member], gettext_noop("New meeting request"), "meetings/email/schedule_changed.txt",
            {"event": "B2B Day"},
        )  # fmt: skip
        _run_lane(lanes.MAIL)

    tasks = {row.task_path: row for row in DBTaskResult.objects.exclude(queue_name="default")}
    assert set(tasks) == {REFRESH_TASK, MAIL_TASK}  # one refresh for 30 rows in three writes
    assert (tasks[REFRESH_TASK].queue_name, tasks[REFRESH_TASK].status) == ("bulk", "READY")
    assert (tasks[MAIL_TASK].queue_name, tasks[MAIL_TASK].status) == ("mail", "SUCCESSFUL")
    assert [m.to for m in sent_mail.outbox] == [[member.email]]
    assert PendingRefresh.objects.count() == 30


@pytest.mark.django_db(transaction=True)
def test_many_changes_become_one_refresh_of_what_changed(operator, settings):
    settings.YV_MATCHING_AUTO_INDEX = True
    settings.YV_MATCHING_INLINE = False
    with override_settings(TASKS=DATABASE_TASKS):
        organisations = [
            make_organisation(
                operator,
                name_en=f"Refresh {i}",
                kind="startup",
                country="KR",
                industries=(),
                description_en=f"Cathode materials, batch {i}.",
            )  # fmt: skip
            for i in range(4)
        ]
        for organisation in organisations[:2]:  # the same items changing again
            organisation.description_en += " Now with recycling."
            organisation.save()
        queued = DBTaskResult.objects.filter(task_path=REFRESH_TASK)
        assert queued.count() == 1
        _run_lane(lanes.BULK)

    assert queued.get().status == "SUCCESSFUL"
    assert queued.get().return_value == 4  # four items, each refreshed once
    assert PendingRefresh.objects.count() == 0
    keys = {f"org:{o.pk}" for o in organisations}
    assert set(MatchVector.objects.filter(key__in=keys).values_list("key", flat=True)) == keys
    assert adapter.stored_version() >= 1


def test_every_task_is_on_a_known_lane_and_mail_is_alone_on_its_own():
    from yeongilman.matchmaking import tasks as matchmaking_tasks
    from yeongilman.outbox import tasks as outbox_tasks

    assert outbox_tasks.deliver_mail.queue_name == lanes.MAIL
    assert outbox_tasks.retry_due_mail.queue_name == lanes.MAIL
    assert matchmaking_tasks.refresh_pending_match_items.queue_name == lanes.BULK
    assert matchmaking_tasks.refresh_match_index.queue_name == lanes.BULK
