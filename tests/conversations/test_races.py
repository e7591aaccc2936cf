"""Racing writes: the same message sent twice at once is one message; two people starting the
conversation about one subject at once make one conversation."""

import pytest

from tests.concurrency import at_once
from tests.conversations.conftest import start
from yeongilman.accounts.models import User
from yeongilman.conversations import services
from yeongilman.conversations.models import Conversation, Message
from yeongilman.partnering.models import Interest

# Real transactions: the threads see each other's commits.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("taxonomy_restored")]


def test_a_double_post_at_once_makes_one_message(member, interest):
    conversation = start(member, interest)
    results = at_once(3, lambda i: services.message_post(
        actor=User.objects.get(pk=member.pk), conversation=Conversation.objects.get(),
        body="한 번만", client_id="same-key",
    ))  # fmt: skip
    assert not [r for r in results if isinstance(r, Exception)]
    assert {message.pk for message, _created in results} == {Message.objects.get(body="한 번만").pk}
    assert sum(created for _message, created in results) == 1
    conversation.refresh_from_db()
    assert conversation.message_count == Message.objects.count() == 2


def test_both_sides_starting_at_once_make_one_conversation(member, other_member, interest):
    people = [member, other_member]
    results = at_once(2, lambda i: services.conversation_start(
        actor=User.objects.get(pk=people[i].pk), kind="interest",
        subject_id=Interest.objects.get().pk, body=f"first from {i}",
    ))  # fmt: skip
    assert not [r for r in results if isinstance(r, Exception)]
    assert Conversation.objects.count() == 1
    assert sorted(created for _c, _m, created in results) == [False, True]
    assert Conversation.objects.get().message_count == Message.objects.count() == 2
