"""Answering one expression of interest twice at once: one answer, one set of mails."""

import pytest

from tests.concurrency import at_once
from yeongilman.outbox.models import Mail
from yeongilman.partnering.models import Interest, InterestStatus
from yeongilman.partnering.services import interest_answer, interest_send, opportunity_create

# Real transactions: the threads see each other's commits.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("taxonomy_restored")]


def test_accept_and_decline_at_once_give_one_answer(member, other_member, battery_startup,
                                                    pittsburgh_lab):  # fmt: skip
    opportunity = opportunity_create(
        actor=other_member, owner=pittsburgh_lab,
        values={"type": "pilot_offered", "title_en": "Pilot line", "description_en": "Open."},
        publish=True,
    )  # fmt: skip
    interest = interest_send(
        actor=member, opportunity=opportunity, organisation=battery_startup, message="Hello"
    )
    Mail.objects.all().delete()
    results = at_once(
        2,
        lambda i: interest_answer(
            actor=other_member, interest=Interest.objects.get(pk=interest.pk), accept=i == 0
        ),
    )
    answered = [r for r in results if isinstance(r, Interest)]
    assert len(answered) == 1
    interest.refresh_from_db()
    assert interest.status in (InterestStatus.ACCEPTED, InterestStatus.DECLINED)
    tags = set(Mail.objects.values_list("tag", flat=True))
    accepted = interest.status == InterestStatus.ACCEPTED
    assert tags == (
        {"partnering/email/accepted.txt"} if accepted else {"partnering/email/declined.txt"}
    )
