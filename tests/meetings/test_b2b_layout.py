"""The B2B participant list stays a list: one folded request form per participant, opened on
demand; the one a refusal sends back is open with what was typed."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import translation

from tests.conftest import login


def _request_boxes(page: str) -> list[str]:
    return re.findall(r'<details class="request-details"[^>]*>', page)


def test_each_participants_request_form_is_folded_until_asked_for(client, b2b_day, registrations):
    startup, investor = registrations
    login(client, startup.user)
    with translation.override("en"):
        page = client.get(reverse("meetings:b2b", args=[b2b_day.slug])).content.decode()
    assert _request_boxes(page) == ['<details class="request-details">']
    folded = page[page.index('<details class="request-details">') :]
    assert folded.index("Write a meeting request</summary>") < folded.index(
        f'id="request-{investor.pk}"'
    )


def test_a_refused_request_comes_back_open_with_what_was_typed(client, b2b_day, registrations):
    startup, investor = registrations
    login(client, startup.user)
    with translation.override("en"):
        url = reverse("meetings:send_request", args=[b2b_day.slug, investor.pk])
    response = client.post(url, {"message": "Our LFP cells", "video_link": "ftp://x"})
    page = response.content.decode()
    assert _request_boxes(page) == ['<details class="request-details" open>']
    assert "Our LFP cells</textarea>" in page
