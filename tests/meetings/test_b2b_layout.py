"""The B2B participant list stays a list: one folded request form per participant, opened on
demand; the one a refusal sends back is open with what was typed."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import translation

from tests.conftest import login


def _request_boxes(page: str) -> list[str]:
    return re.findall(r'<details class="request-details"[^>]*>', page)


def test_each_participants_request_form_is_folded_and_loaded_when_opened(
    client, b2b_day, registrations
):
    startup, investor = registrations
    login(client, startup.user)
    with translation.override("en"):
        url = reverse("meetings:send_request", args=[b2b_day.slug, investor.pk])
        page = client.get(reverse("meetings:b2b", args=[b2b_day.slug])).content.decode()
    # One folded box per card, and no form in it until it is opened (not a wall of forms);
    # without scripts its link opens the form on the page.
    [box] = _request_boxes(page)
    assert f'hx-get="{url}"' in box and 'hx-trigger="toggle once"' in box
    assert f'id="request-{investor.pk}"' not in page
    assert f'href="{url}#request-{investor.pk}"' in page
    # Opened: the form alone, prefilled with a greeting, for that participant.
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert f'id="request-{investor.pk}"' in fragment and "<html" not in fragment
    assert "</textarea>" in fragment and 'name="proposed_slots"' in fragment
    # Without htmx the same address is the B2B page with that form open.
    full = client.get(url).content.decode()
    assert (
        '<details class="request-details" open>' in full and f'id="request-{investor.pk}"' in full
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
