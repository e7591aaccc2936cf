"""Conversations through their services: who takes part for each kind of subject, what is
refused (and that nothing is kept then), anonymity, blocks, reports, languages and glossary,
reading state, what a conversation led to, and the funnel's "talked"."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation

from tests.conversations.conftest import start
from tests.factories import make_user, register_while_open
from tests.grants.conftest import agreement, period, selected, sent  # noqa: F401
from tests.programs.conftest import ces_call, program, submitted  # noqa: F401
from yeongilman.accounts.services import membership_add
from yeongilman.conversations import selectors, services
from yeongilman.conversations.access import access_conversation
from yeongilman.conversations.models import (
    Attachment,
    Block,
    Conversation,
    Message,
    Participant,
    Report,
)
from yeongilman.conversations.rendering import render_body
from yeongilman.core.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    TooManyRequests,
    ValidationFailed,
)
from yeongilman.core.models import AuditEntry
from yeongilman.events.models import Exhibitor
from yeongilman.exhibitors.models import Lead
from yeongilman.meetings.services import meeting_request_send
from yeongilman.outcomes import selectors as outcomes
from yeongilman.partnering.services import interest_answer, introduction_create


def _seated(conversation):
    return sorted(
        Participant.objects.filter(conversation=conversation).values_list("user__email", "side")
    )


def test_a_member_asks_before_the_interest_is_accepted_and_both_organisations_take_part(
    member, other_member, interest
):
    conversation = start(member, interest)
    assert conversation.kind == "interest" and conversation.message_count == 1
    assert _seated(conversation) == [("member@example.org", 2), ("other@example.org", 1)]
    theirs = selectors.inbox(other_member).rows
    assert [(r.counterpart, r.participant.unread) for r in theirs] == [("영일만배터리", 1)]


def test_one_conversation_per_subject_whoever_starts_it(member, other_member, interest):
    first = start(member, interest)
    second = start(other_member, interest, body="Sure, ask away.")
    assert first.pk == second.pk
    assert Conversation.objects.count() == 1
    assert Message.objects.filter(conversation=first).count() == 2


def test_a_subject_the_person_is_not_on_does_not_exist_for_them(operator, interest, db):
    stranger = make_user("stranger@example.org")
    for actor in (stranger, operator):  # operators read nothing that was not reported
        with pytest.raises(NotFound):
            start(actor, interest)
    assert Conversation.objects.count() == 0
    conversation = start(interest.sender, interest)
    for actor in (stranger, operator):
        with pytest.raises(NotFound):
            access_conversation(actor, conversation.pk)
        with pytest.raises(NotFound):
            services.message_post(actor=actor, conversation=conversation, body="hi")
    assert Message.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("   \n ", "Write a message."),
        ("x" * 5001, "A message has at most 5,000 characters; this one has 5,001."),
        ("bad \x00 byte", "The message contains control characters that cannot be shown."),
        ("half \ud800 pair", "The message is not valid text."),
    ],
)
def test_bad_messages_are_refused_and_nothing_is_kept(member, interest, english, body, error):
    with pytest.raises(ValidationFailed) as refused:
        start(member, interest, body=body)
    assert refused.value.message == error
    assert Conversation.objects.count() == Message.objects.count() == 0


def test_five_thousand_characters_are_accepted(member, interest):
    conversation = start(member, interest, body="가" * 5000)
    assert len(Message.objects.get(conversation=conversation).body) == 5000


def test_an_unsupported_or_renamed_attachment_is_refused_and_nothing_is_kept(
    member, interest, english
):
    conversation = start(member, interest)
    for upload, message in [
        (SimpleUploadedFile("run.exe", b"MZ..."), "Files of type exe are not accepted here"),
        (SimpleUploadedFile("deck.pdf", b"not a pdf"), "deck.pdf is not a PDF file."),
    ]:
        with pytest.raises(ValidationFailed) as refused:
            services.message_post(actor=member, conversation=conversation, body="see",
                                  upload=upload)  # fmt: skip
        assert refused.value.message.startswith(message)
    assert Message.objects.count() == 1 and Attachment.objects.count() == 0


def test_a_document_goes_with_a_message(member, other_member, interest):
    conversation = start(member, interest)
    upload = SimpleUploadedFile("spec.pdf", b"%PDF-1.4 spec", content_type="application/pdf")
    message, created = services.message_post(actor=other_member, conversation=conversation,
                                             body="", upload=upload)  # fmt: skip
    assert created and message.body == "" and message.attachment.name == "spec.pdf"
    assert message.attachment.file.read() == b"%PDF-1.4 spec"


def test_the_same_client_key_twice_makes_one_message(member, interest):
    conversation = start(member, interest, client_id="k1")
    again = services.conversation_start(
        actor=member, kind="interest", subject_id=interest.pk, body="안녕하세요, 질문이 있습니다.",
        client_id="k1",
    )  # fmt: skip
    assert again[2] is False and again[0].pk == conversation.pk
    assert Message.objects.count() == 1
    conversation.refresh_from_db()
    assert conversation.message_count == 1


def test_anonymous_opportunity_stays_anonymous_until_accepted(
    member, other_member, hidden_interest, english
):
    conversation = start(other_member, hidden_interest, body="Is the pilot site in Pohang?")
    services.message_post(actor=member, conversation=conversation, body="Yes, near the port.")
    (row,) = selectors.inbox(other_member).rows
    assert row.counterpart == "An anonymous organisation" and row.subject.anonymous
    seat = access_conversation(other_member, conversation.pk)
    view = selectors.conversation_view(seat, other_member)
    assert [m.author for m in view.messages] == [
        "Other Member", "Someone of the anonymous organisation",
    ]  # fmt: skip
    assert view.profiles == []  # nothing of the owner's profile either
    interest_answer(actor=member, interest=hidden_interest, accept=True)
    (row,) = selectors.inbox(other_member).rows
    assert row.counterpart == "영일만배터리" and not row.subject.anonymous
    # The owner's side always saw who was interested.
    assert selectors.inbox(member).rows[0].counterpart == "Allegheny Robotics Lab"


def test_a_declined_interest_closes_the_conversation_for_writing(member, other_member, interest):
    conversation = start(member, interest)
    interest_answer(actor=other_member, interest=interest, accept=False)
    with pytest.raises(Conflict):
        services.message_post(actor=other_member, conversation=conversation, body="Sorry")
    assert Message.objects.count() == 1


def test_a_new_colleague_joins_at_the_next_message(member, interest):
    conversation = start(member, interest)
    colleague = make_user("colleague@example.org")
    membership_add(user=colleague, organisation=interest.opportunity.owner, role="editor")
    assert access_conversation(colleague, conversation.pk).participant is None  # may read
    services.message_post(actor=member, conversation=conversation, body="한 가지 더요")
    seat = Participant.objects.get(conversation=conversation, user=colleague)
    assert (seat.side, seat.unread) == (1, 1)


def test_meeting_request_conversation_is_between_the_two_people(
    b2b_day, member, other_member, battery_startup, pittsburgh_lab
):
    mine = register_while_open(actor=member, event=b2b_day, organisation=battery_startup)
    theirs = register_while_open(actor=other_member, event=b2b_day, organisation=pittsburgh_lab)
    request = meeting_request_send(actor=member, event=b2b_day, recipient=theirs)
    conversation = start(other_member, request, kind="meeting", body="Which table?")
    assert _seated(conversation) == [("member@example.org", 1), ("other@example.org", 2)]
    assert conversation.event_id == b2b_day.pk
    assert mine.user == member


def test_introduction_conversation_includes_the_broker(
    operator, member, other_member, battery_startup, pittsburgh_lab
):
    introduction = introduction_create(actor=operator, first=battery_startup,
                                       second=pittsburgh_lab)  # fmt: skip
    conversation = start(operator, introduction, kind="introduction", body="Meet each other!")
    assert _seated(conversation) == [
        ("member@example.org", 1), ("operator@example.org", 3), ("other@example.org", 2),
    ]  # fmt: skip
    with translation.override("en"):
        view = selectors.inbox(member).rows[0]
    assert view.counterpart == "Allegheny Robotics Lab · Op Erator (operator)"


def test_agreement_conversation_is_the_grant_manager_and_the_company(member, sent):  # noqa: F811
    conversation = start(member, sent, kind="agreement", body="서류 제출 기한을 연장할 수 있나요?")
    assert _seated(conversation) == [("member@example.org", 2), ("operator@example.org", 1)]
    assert conversation.call_id == sent.call_id


def test_a_draft_agreement_is_nothing_to_talk_about_for_the_company(
    member,
    agreement,  # noqa: F811
):
    with pytest.raises(NotFound):
        start(member, agreement, kind="agreement")


def test_lead_conversation_is_the_stand_team_and_the_visitor(
    b2b_day, member, other_member, battery_startup
):
    visitor = register_while_open(actor=other_member, event=b2b_day)
    exhibitor = Exhibitor.objects.create(event=b2b_day, organisation=battery_startup)
    lead = Lead.objects.create(exhibitor=exhibitor, registration=visitor, captured_by=member)
    conversation = start(member, lead, kind="lead", body="Thank you for visiting our stand!")
    assert _seated(conversation) == [("member@example.org", 1), ("other@example.org", 2)]


def test_a_blocked_sender_is_refused_without_naming_the_blocker(
    member, other_member, interest, english
):
    conversation = start(member, interest)
    services.block_add(actor=other_member, conversation=conversation, side_number=2)
    with pytest.raises(PermissionDenied) as refused:
        services.message_post(actor=member, conversation=conversation, body="hello?")
    assert refused.value.message == "You cannot send messages in this conversation."
    with pytest.raises(PermissionDenied) as own:
        services.message_post(actor=other_member, conversation=conversation, body="hm")
    assert own.value.message == "You blocked them; unblock them to write again."
    assert Message.objects.count() == 1
    services.block_remove(actor=other_member, block=Block.objects.get())
    assert services.message_post(actor=member, conversation=conversation, body="hello?")[1]


def test_an_operator_side_cannot_be_blocked(operator, member, battery_startup, pittsburgh_lab):
    introduction = introduction_create(actor=operator, first=battery_startup,
                                       second=pittsburgh_lab)  # fmt: skip
    conversation = start(operator, introduction, kind="introduction", body="Hello both")
    with pytest.raises(ValidationFailed):
        services.block_add(actor=member, conversation=conversation, side_number=3)
    assert Block.objects.count() == 0


def test_report_lets_operators_read_audited_then_close_or_suspend(
    operator, member, other_member, interest
):
    conversation = start(member, interest)
    services.message_post(actor=other_member, conversation=conversation, body="Buy crypto now")
    report = services.report_create(actor=member, conversation=conversation, reason="Spam")
    assert services.report_create(actor=member, conversation=conversation, reason="x") == report
    with pytest.raises(PermissionDenied):
        services.report_read(actor=member, report=report)
    services.report_read(actor=operator, report=report)
    assert AuditEntry.objects.filter(action="reported_conversation_read",
                                     subject_id=conversation.pk).count() == 1  # fmt: skip
    with pytest.raises(ValidationFailed):  # only someone who wrote there
        services.report_resolve(actor=operator, report=report, action="suspend",
                                sender_id=operator.pk)  # fmt: skip
    services.report_resolve(actor=operator, report=report, action="suspend",
                            sender_id=other_member.pk)  # fmt: skip
    assert services.is_suspended(other_member)
    with pytest.raises(PermissionDenied):
        services.message_post(actor=other_member, conversation=conversation, body="again")
    second = services.report_create(actor=member, conversation=conversation, reason="Still")
    services.report_resolve(actor=operator, report=second, action="close")
    conversation.refresh_from_db()
    assert conversation.closed_at is not None
    with pytest.raises(Conflict):
        services.message_post(actor=member, conversation=conversation, body="closed?")
    with pytest.raises(Conflict):
        services.report_resolve(actor=operator, report=second, action="dismiss")
    assert Report.objects.filter(status="open").count() == 0


@override_settings(YV_CONVERSATIONS_PER_HOUR=1)
def test_new_conversations_per_hour_are_limited(member, interest, b2b_day, other_member,
                                                battery_startup, pittsburgh_lab):  # fmt: skip
    start(member, interest)
    register_while_open(actor=member, event=b2b_day, organisation=battery_startup)
    theirs = register_while_open(actor=other_member, event=b2b_day, organisation=pittsburgh_lab)
    request = meeting_request_send(actor=member, event=b2b_day, recipient=theirs)
    with pytest.raises(TooManyRequests):
        start(member, request, kind="meeting")
    assert Conversation.objects.count() == 1
    start(member, interest, body="Writing in an existing one is not limited")


def test_language_is_detected_and_the_writer_can_correct_it(member, other_member, interest):
    conversation = start(member, interest, body="LFP 양극재 샘플을 보내 주실 수 있나요?")
    korean = Message.objects.get()
    english, _new = services.message_post(actor=other_member, conversation=conversation,
                                          body="Meet Dr. 김 at the booth")  # fmt: skip
    assert (korean.language, english.language) == ("ko", "en")
    with pytest.raises(PermissionDenied):
        services.message_language_set(actor=other_member, message=korean, language="en")
    services.message_language_set(actor=other_member, message=english, language="ko")
    english.refresh_from_db()
    assert (english.language, english.detected_language) == ("ko", "en")


def test_a_korean_reader_sees_glossary_terms_of_an_english_message_in_korean(
    member, other_member, interest
):
    conversation = start(member, interest)
    services.message_post(
        actor=other_member,
        conversation=conversation,
        body="Our fuel cell controllers also fit hydrogen refueling stations.",
    )
    seat = access_conversation(member, conversation.pk)
    with translation.override("ko"):
        view = selectors.conversation_view(seat, member)
    terms = {t.text: t.counterpart for t in view.messages[-1].terms}
    assert terms["fuel cell"] == "연료전지"
    assert (terms["hydrogen"], terms["refueling stations"]) == ("수소", "수소충전소, 충전소")
    assert '<abbr class="term" title="연료전지">fuel cell</abbr>' in view.messages[-1].body


def test_links_are_text_with_their_real_host_and_html_is_shown_as_typed():
    html = render_body("<b>hi</b> see https://раураl.com/login, or www.example.org.")
    assert "&lt;b&gt;hi&lt;/b&gt;" in html and "<a " not in html
    assert '<span class="msg-link">https://раураl.com/login</span>' in html
    assert "xn--" in html  # the look-alike's real name
    assert '<span class="msg-link">www.example.org</span>' in html


def test_reading_clears_unread_and_the_header_count_leaves_muted_ones_out(
    member, other_member, interest
):
    conversation = start(member, interest)
    services.message_post(actor=member, conversation=conversation, body="하나 더")
    assert selectors.unread_total(other_member) == 2
    services.conversation_mute(actor=other_member, conversation=conversation, muted=True)
    assert selectors.unread_total(other_member) == 0
    services.conversation_mute(actor=other_member, conversation=conversation, muted=False)
    first = Message.objects.order_by("id")[0]
    services.conversation_read(actor=other_member, conversation=conversation, up_to=first.pk)
    assert selectors.unread_total(other_member) == 1
    services.conversation_read(actor=other_member, conversation=conversation)
    assert selectors.unread_total(other_member) == 0


def test_read_receipts_name_who_read_how_far(member, other_member, interest):
    conversation = start(member, interest)
    second, _new = services.message_post(actor=member, conversation=conversation, body="둘째")
    first = Message.objects.order_by("id")[0]
    services.conversation_read(actor=other_member, conversation=conversation, up_to=first.pk)
    view = selectors.conversation_view(access_conversation(member, conversation.pk), member)
    assert [m.read_by for m in view.messages] == [["Other Member"], []]


def test_a_draft_is_kept_until_the_message_is_sent(member, interest):
    conversation = start(member, interest)
    services.draft_save(actor=member, conversation=conversation, text="쓰는 중…")
    assert Participant.objects.get(user=member).draft == "쓰는 중…"
    services.message_post(actor=member, conversation=conversation, body="쓰는 중… 끝")
    assert Participant.objects.get(user=member).draft == ""


def test_a_meeting_booked_by_people_who_talked_links_and_counts_as_talked(
    b2b_day, member, other_member, interest, battery_startup, pittsburgh_lab
):
    conversation = start(member, interest)
    services.message_post(actor=other_member, conversation=conversation, body="Let's meet.")
    conversation.refresh_from_db()
    assert conversation.talked_at is not None
    register_while_open(actor=member, event=b2b_day, organisation=battery_startup)
    theirs = register_while_open(actor=other_member, event=b2b_day, organisation=pittsburgh_lab)
    request = meeting_request_send(actor=member, event=b2b_day, recipient=theirs)
    conversation.refresh_from_db()
    assert conversation.led_to_meeting_id == request.pk
    (row,) = outcomes.funnel("event", event=b2b_day)
    assert (row.counts["requested"], row.counts["talked"], row.rates["talked"]) == (1, 1, 1.0)


def test_one_sided_writing_is_not_talking(b2b_day, member, other_member, interest,
                                          battery_startup, pittsburgh_lab):  # fmt: skip
    start(member, interest)
    register_while_open(actor=member, event=b2b_day, organisation=battery_startup)
    theirs = register_while_open(actor=other_member, event=b2b_day, organisation=pittsburgh_lab)
    meeting_request_send(actor=member, event=b2b_day, recipient=theirs)
    (row,) = outcomes.funnel("event", event=b2b_day)
    assert row.counts["talked"] == 0


def test_operators_count_conversations_per_event_without_contents(
    b2b_day, member, other_member, battery_startup, pittsburgh_lab
):
    register_while_open(actor=member, event=b2b_day, organisation=battery_startup)
    theirs = register_while_open(actor=other_member, event=b2b_day, organisation=pittsburgh_lab)
    request = meeting_request_send(actor=member, event=b2b_day, recipient=theirs)
    conversation = start(member, request, kind="meeting", body="Table 3?")
    services.message_post(actor=other_member, conversation=conversation, body="Yes")
    figures = selectors.figures()
    assert [(e.pk, n, t) for e, n, t in figures.by_event] == [(b2b_day.pk, 1, 1)]
    assert [(k, n, t) for k, _name, n, t in figures.by_kind] == [("meeting", 1, 1)]


def test_the_inbox_reads_a_fixed_number_of_queries_however_many_conversations(
    member, other_member, interest, offer, battery_startup, pittsburgh_lab
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from yeongilman.partnering.services import interest_send, opportunity_create

    start(member, interest)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            rows = selectors.inbox(other_member).rows
            assert all(row.label and row.counterpart for row in rows)
        return len(captured.captured_queries)

    one = queries()
    for n in range(3):
        more = opportunity_create(
            actor=other_member, owner=pittsburgh_lab,
            values={"type": "technology_offer", "title_en": f"Offer {n}",
                    "description_en": "Controllers."}, publish=True,
        )  # fmt: skip
        start(member, interest_send(actor=member, opportunity=more,
                                    organisation=battery_startup, message="관심"))  # fmt: skip
    assert len(selectors.inbox(other_member).rows) == 4
    assert queries() == one
