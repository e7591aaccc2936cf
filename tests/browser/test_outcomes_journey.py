"""On a phone (390 px) a participant says how an ended meeting went and an operator confirms
the no-show another participant reported; nothing scrolls sideways."""

from __future__ import annotations

import pytest

from tests.browser.conftest import signed_in
from yeongilman.meetings.models import MeetingRequest
from yeongilman.outcomes.models import Feedback, NoShow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLUG = "pittsburgh-b2b-day-2025-demo"
SIDEWAYS = "document.documentElement.scrollWidth > window.innerWidth"


def _phone(browser, live_server, email):
    return signed_in(browser, live_server.url, email, width=390, height=844)


def test_member_rates_a_meeting_on_a_phone(browser, live_server, demo_data):
    context, page = _phone(browser, live_server, "member@demo.yeongilman.kr")
    unanswered = MeetingRequest.objects.get(
        event__slug=SLUG, requester__user__email="member@demo.yeongilman.kr",
        recipient__organisation__name_en="University of California San Diego",
    )  # fmt: skip
    page.goto(live_server.url + "/en/outcomes/")
    assert not page.evaluate(SIDEWAYS)
    card = page.locator(f"#meeting-{unanswered.pk}")
    card.get_by_label("Cooperation possible").check()
    card.locator("textarea[name=comment]").fill("A pilot at their lab next spring.")
    card.get_by_role("button", name="Save my answer").click()
    page.wait_for_load_state()
    assert "your answer was saved" in page.locator(".messages").inner_text()
    assert not page.evaluate(SIDEWAYS)
    feedback = Feedback.objects.get(meeting=unanswered, registration=unanswered.requester)
    assert (feedback.verdict, feedback.comment) == (
        "cooperation",
        "A pilot at their lab next spring.",
    )
    # The answered card now shows the answer and offers the follow-up.
    assert "Cooperation possible" in page.locator(f"#meeting-{unanswered.pk}").inner_text()
    context.close()


def test_operator_confirms_a_no_show_on_a_phone(browser, live_server, demo_data):
    context, page = _phone(browser, live_server, "operator@demo.yeongilman.kr")
    page.goto(f"{live_server.url}/en/outcomes/events/{SLUG}/")
    assert not page.evaluate(SIDEWAYS)
    before = set(NoShow.objects.values_list("pk", "decision"))  # the invented world's
    with page.expect_navigation():
        row = page.locator("tr").filter(has_text="Pittsburgh Life Sciences Greenhouse (PLSG)")
        row.get_by_role("button", name="Confirm no-show").first.click()
    assert not page.evaluate(SIDEWAYS)
    (changed,) = set(NoShow.objects.values_list("pk", "decision")) - before
    no_show = NoShow.objects.get(pk=changed[0])
    assert no_show.registration.organisation is not None
    assert (no_show.decision, no_show.registration.organisation.name_en) == (
        "confirmed", "Pittsburgh Life Sciences Greenhouse (PLSG)",
    )  # fmt: skip
    context.close()
