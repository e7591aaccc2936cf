"""The compose preview says what the operator would otherwise miss: text written like a
placeholder that is not one, and a segment with nobody in it (never the operator as sample)."""

from __future__ import annotations

from django.utils import translation

from tests.communications.conftest import TEXTS
from tests.conftest import login
from yeongilman.communications import services
from yeongilman.communications.models import Message, Segment
from yeongilman.outbox.models import Mail


def test_preview_flags_double_braces_and_other_styles(operator, b2b_day, registrations):
    texts = {**TEXTS, "body_en": "Dear {{ name }}, see you at [event] with %(partner)s."}
    preview = services.message_preview(
        actor=operator, event=b2b_day, segment=Segment.CONFIRMED, texts=texts, language="en"
    )
    assert preview.look_alikes == ("{{ name }}", "[event]", "%(partner)s")
    assert preview.body == "Dear { name }, see you at [event] with %(partner)s."


def test_preview_of_correct_placeholders_flags_nothing(operator, b2b_day, registrations):
    preview = services.message_preview(
        actor=operator, event=b2b_day, segment=Segment.CONFIRMED, texts=TEXTS
    )
    assert preview.look_alikes == ()


def test_empty_segment_is_said_and_the_operator_is_no_sample(operator, b2b_day, registrations):
    preview = services.message_preview(
        actor=operator, event=b2b_day, segment=Segment.EXHIBITORS, texts=TEXTS, language="en"
    )
    assert (preview.count, preview.recipient) == (0, "")
    assert preview.body == "Dear {name}, see you tomorrow."
    assert "Op Erator" not in preview.body


def test_compose_page_warns_of_look_alikes_and_an_empty_segment(
    client, operator, b2b_day, registrations
):
    login(client, operator)
    mails_before = Mail.objects.count()
    with translation.override("en"):
        url = f"/en/communications/{b2b_day.slug}/compose/"
    texts = {**TEXTS, "body_en": "Dear {{ name }}"}
    answer = client.post(url, {"segment": "exhibitors", "action": "preview", **texts})
    html = answer.content.decode()
    assert answer.status_code == 200
    assert "Not a placeholder, sent exactly as written: {{ name }}." in html
    assert "Nobody is in this segment yet: the message would reach no one." in html
    assert "As Op Erator receives it" not in html
    assert Message.objects.count() == 0 and Mail.objects.count() == mails_before
