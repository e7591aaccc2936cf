"""After the demo member reports that a B2B meeting showed no fit, Graphene Square's suggested
partners do not list that partner, and looking it up (on the suggestions page and on its
profile) says why; the partner it saw cooperation with is an open follow-up, not a suggestion."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import signed_in
from yeongilman.directory.models import Organisation
from yeongilman.matchmaking import adapter
from yeongilman.matchmaking.keys import ItemKey
from yeongilman.meetings.models import MeetingRequest
from yeongilman.outcomes.models import Feedback

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLUG = "pittsburgh-b2b-day-2025-demo"
NOTE = "Met at Pittsburgh B2B day 2025 (demo) on 2025-10-14: no fit. Not suggested again."


def test_a_no_fit_partner_leaves_the_suggestions_and_says_why(browser, live_server, demo_data):
    adapter.forget()
    adapter.rebuild()
    graphene = Organisation.objects.get(name_en="Graphene Square")
    ucsd = Organisation.objects.get(name_en="University of California San Diego")
    works = Organisation.objects.get(name_en="Innovation Works")
    meeting = MeetingRequest.objects.get(
        event__slug=SLUG, requester__organisation=graphene, recipient__organisation=ucsd
    )
    context, page = signed_in(browser, live_server.url, "member@demo.yeongilman.kr")
    suggestions = f"{live_server.url}/en/partnering/suggestions/{graphene.slug}/"
    card = page.locator(f'.suggestion[data-key="{ItemKey.organisation(ucsd.pk)}"]')

    page.goto(suggestions)
    page.get_by_label("Look up an organisation").fill("San Diego")
    page.get_by_role("button", name="Look up", exact=True).click()
    expect(page.locator(".looked-up")).to_contain_text(
        "University of California San Diego: not among your first ten suggestions."
    )
    # Innovation Works: met at the same day, cooperation possible: a follow-up, not a card.
    expect(page.locator(".follow-ups")).to_contain_text("Innovation Works")
    expect(page.locator(f'.suggestion[data-key="{ItemKey.organisation(works.pk)}"]')).to_have_count(
        0
    )

    page.goto(live_server.url + "/en/outcomes/")
    rating = page.locator(f"#meeting-{meeting.pk}")
    rating.get_by_label("No interest").check()
    rating.get_by_role("button", name="Save my answer").click()
    page.wait_for_load_state()
    assert Feedback.objects.get(meeting=meeting, registration=meeting.requester).verdict == (
        "no_interest"
    )

    page.goto(suggestions)
    expect(page.get_by_role("heading", level=1)).to_have_text("Suggested partners")
    expect(card).to_have_count(0)
    page.get_by_label("Look up an organisation").fill("San Diego")
    page.get_by_role("button", name="Look up", exact=True).click()
    looked_up = page.locator(".looked-up")
    expect(looked_up).to_contain_text("University of California San Diego")
    expect(looked_up).to_contain_text(NOTE)
    looked_up.get_by_role("link", name="University of California San Diego").click()
    expect(page.locator(".met-notes")).to_have_text(NOTE)
    context.close()
