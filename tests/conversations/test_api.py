"""The conversations API: list with unread counts, start, read, write (JSON and multipart),
mark read; each refusal with its documented status and nothing kept."""

from __future__ import annotations

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from tests.conversations.conftest import start
from yeongilman.accounts.services import api_token_issue_from_console
from yeongilman.conversations import services
from yeongilman.conversations.models import Conversation, Message

API = "/api/v1/conversations"


def _auth(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": "Bearer " + api_token_issue_from_console(user=user, name="t")[1]}


def _post(client, path, body, user):
    return client.post(path, json.dumps(body), content_type="application/json", **_auth(user))


def test_start_list_read_and_answer(client, member, other_member, interest):
    body = {
        "subject_kind": "interest",
        "subject_id": interest.pk,
        "body": "수소 연료전지 질문입니다",
        "client_id": "a1",
    }
    started = _post(client, API, body, member)
    assert started.status_code == 201
    conversation = started.json()["conversation"]
    assert conversation["subject"]["kind"] == "interest" and conversation["messages"] == 1
    assert _post(client, API, body, member).status_code == 200  # the same message again
    assert Message.objects.count() == 1
    listed = client.get(API, **_auth(other_member)).json()
    assert (listed["count"], listed["unread_total"]) == (1, 1)
    assert listed["results"][0]["counterpart"] == "영일만배터리"
    messages = client.get(f"{API}/{conversation['id']}/messages", HTTP_ACCEPT_LANGUAGE="en",
                          **_auth(other_member)).json()  # fmt: skip
    (first,) = messages["results"]
    assert (first["language"], first["mine"]) == ("ko", False)
    assert {"text": "연료전지", "counterpart": "fuel cell"} in first["terms"]
    answer = _post(client, f"{API}/{conversation['id']}/messages",
                   {"body": "Happy to answer."}, other_member)  # fmt: skip
    assert answer.status_code == 201 and answer.json()["language"] == "en"
    since = client.get(f"{API}/{conversation['id']}/messages?after={first['id']}",
                       **_auth(member)).json()  # fmt: skip
    assert [m["body"] for m in since["results"]] == ["Happy to answer."]
    read = _post(client, f"{API}/{conversation['id']}/read", {}, member)
    assert read.json()["unread"] == 0


def test_refusals_have_their_documented_status_and_keep_nothing(
    client, member, other_member, operator, interest
):
    conversation = start(member, interest)
    url = f"{API}/{conversation.pk}/messages"
    assert client.get(API).status_code == 401
    assert client.get(f"{API}/{conversation.pk}", **_auth(operator)).status_code == 404
    assert _post(client, url, {"body": "hi"}, operator).status_code == 404
    hidden = {"subject_kind": "interest", "subject_id": interest.pk + 999, "body": "x"}
    assert _post(client, API, hidden, member).status_code == 404
    assert _post(client, API, {**hidden, "subject_kind": "planet"}, member).status_code == 422
    assert _post(client, url, {"body": ""}, member).status_code == 422
    too_long = _post(client, url, {"body": "x" * 5001}, member)
    assert too_long.status_code == 422 and "5,001" in too_long.json()["detail"]
    assert _post(client, url, {"body": "hi", "extra": 1}, member).status_code == 422
    invalid = client.post(url, b'{"body": "\\ud800"}', content_type="application/json",
                          **_auth(member))  # fmt: skip
    assert invalid.status_code == 422
    services.block_add(actor=other_member, conversation=conversation, side_number=2)
    blocked = _post(client, url, {"body": "hello?"}, member)
    assert blocked.status_code == 403 and "other" not in blocked.json()["detail"].lower()
    assert Message.objects.count() == 1


@override_settings(YV_CONVERSATIONS_PER_HOUR=0)
def test_too_many_new_conversations_answer_429(client, member, interest):
    body = {"subject_kind": "interest", "subject_id": interest.pk, "body": "질문"}
    answer = _post(client, API, body, member)
    assert answer.status_code == 429 and Conversation.objects.count() == 0


def test_a_document_goes_as_multipart_and_a_bad_one_is_refused(client, member, interest):
    conversation = start(member, interest)
    url = f"{API}/{conversation.pk}/messages/upload"
    bad = client.post(url, {"file": SimpleUploadedFile("x.exe", b"MZ"), "body": "run me"},
                      **_auth(member))  # fmt: skip
    assert bad.status_code == 422 and Message.objects.count() == 1
    good = client.post(
        url, {"file": SimpleUploadedFile("spec.pdf", b"%PDF-1.4 s"), "body": "사양서입니다"},
        **_auth(member),
    )  # fmt: skip
    assert good.status_code == 201
    attachment = good.json()["attachment"]
    assert (attachment["name"], attachment["size"]) == ("spec.pdf", 10)
