"""Background work of agreements: reminders of missing signed copies and result letters."""

from __future__ import annotations

from django_tasks import task

from yeongilman.grants import services


@task()
def remind_missing_agreement_documents() -> int:
    """Remind companies of signed copies still missing (at most once a week each)."""
    return services.remind_missing_documents()


@task()
def send_result_letters(call_id: int) -> int:
    """Mail a call's result letters, each in its recipient's language."""
    return services.result_letters_deliver(call_id)
