"""From meeting to agreement in the browser: two participants meet at a B2B day and both say
cooperation is possible; the follow-up is not asked before its time; six months later one of
them reports an agreement, the operator confirms the draft in the pipeline, and the Korean
briefing counts it in the event's funnel."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from tests.browser.conftest import signed_in
from yeongilman.accounts.models import User
from yeongilman.events.models import Event, Registration, RegistrationStatus
from yeongilman.events.services import event_create
from yeongilman.insights.models import AgreementStage
from yeongilman.meetings.models import MeetingRequest
from yeongilman.meetings.services import slots_define
from yeongilman.outcomes.models import Feedback, OutcomeLink

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE_KO = "포항–피츠버그 수소 상담회"


def _signed_in(browser, live_server, email):
    return signed_in(browser, live_server.url, email)


def _yesterdays_meeting() -> MeetingRequest:
    """A B2B day that ended yesterday, with one held meeting between member and partner."""
    operator = User.objects.get(email="operator@demo.yeongilman.kr")
    start = (timezone.now() - timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    day = event_create(
        actor=operator, kind="b2b", title_en="Pohang–Pittsburgh hydrogen B2B day",
        title_ko=TITLE_KO, venue="Pittsburgh", city="Pittsburgh",
        time_zone="America/New_York", is_published=True, starts_at=start,
        ends_at=start + timedelta(hours=2),
    )  # fmt: skip
    slots_define(actor=operator, event=day, first_start=start, minutes=25, count=2,
                 gap_minutes=5, tables=2)  # fmt: skip
    sides = []
    for email in ("member@demo.yeongilman.kr", "partner@demo.yeongilman.kr"):
        user = User.objects.get(email=email)
        sides.append(Registration.objects.create(
            event=day, user=user, status=RegistrationStatus.CONFIRMED,
            organisation=user.memberships.get().organisation,
        ))  # fmt: skip
    return MeetingRequest.objects.create(
        event=day, requester=sides[0], recipient=sides[1], status="accepted",
        slot=day.slots.order_by("starts_at").first(), table=1, confirmed=True,
    )  # fmt: skip


def _rate_cooperation(page, live_server, meeting):
    page.goto(live_server.url + "/en/outcomes/")
    card = page.locator(f"#meeting-{meeting.pk}")
    card.get_by_label("Cooperation possible").check()
    card.get_by_role("button", name="Save my answer").click()
    page.wait_for_selector(".messages")
    assert "your answer was saved" in page.locator(".messages").inner_text()


def _six_months_pass(meeting: MeetingRequest) -> None:
    """Move the day (event and slots) seven months into the past: the clock of this test."""
    shift = timedelta(days=213)
    event = Event.objects.get(pk=meeting.event_id)
    event.starts_at -= shift
    event.ends_at -= shift
    event.save(update_fields=["starts_at", "ends_at"])
    for slot in event.slots.all():
        slot.starts_at -= shift
        slot.ends_at -= shift
        slot.save(update_fields=["starts_at", "ends_at"])


def _briefing_text(pdf: bytes) -> str:
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return text.replace("\x00", "").replace(" ", "")


def test_a_meeting_becomes_a_confirmed_agreement_in_the_briefing(browser, live_server, demo_data):
    meeting = _yesterdays_meeting()
    member, member_page = _signed_in(browser, live_server, "member@demo.yeongilman.kr")
    partner, partner_page = _signed_in(browser, live_server, "partner@demo.yeongilman.kr")

    _rate_cooperation(member_page, live_server, meeting)
    _rate_cooperation(partner_page, live_server, meeting)
    assert set(Feedback.objects.filter(meeting=meeting).values_list("verdict", flat=True)) == {
        "cooperation"
    }
    # Too early for the follow-up: the card says when it will be asked instead.
    card = member_page.locator(f"#meeting-{meeting.pk}")
    assert "We will ask what came of it from" in card.inner_text()
    assert card.get_by_role("button", name="Save the follow-up").count() == 0

    _six_months_pass(meeting)
    member_page.reload()
    card = member_page.locator(f"#meeting-{meeting.pk}")
    card.get_by_label("Agreement reached").check()
    card.get_by_label("Kind of agreement").select_option("mou")
    card.get_by_label("Note for the operators").fill("MOU on a hydrogen pilot, signed in May.")
    card.get_by_role("button", name="Save the follow-up").click()
    member_page.wait_for_selector(".messages")
    draft = OutcomeLink.objects.get(meeting=meeting)
    assert draft.agreement is not None and not draft.confirmed
    member.close()
    partner.close()

    operator, page = _signed_in(browser, live_server, "operator@demo.yeongilman.kr")
    page.goto(live_server.url + "/en/outcomes/links/")
    card = page.locator("li.card", has_text="MOU on a hydrogen pilot")
    card.get_by_role("button", name="Confirm").click()
    page.wait_for_selector(".messages")
    draft.refresh_from_db()
    draft.agreement.refresh_from_db()
    assert draft.confirmed and draft.agreement.stage == AgreementStage.SIGNED
    # The pipeline's agreement page is where the draft's title led the operator.
    page.goto(f"{live_server.url}/en/insights/pipelines/agreements/{draft.agreement.pk}/")
    assert page.locator("main").is_visible()

    year = meeting.event.starts_at.year
    page.goto(live_server.url + "/en/insights/report/")
    page.fill("#id_year_from", str(year - 1))
    page.fill("#id_year_to", str(year))
    page.select_option("#id_language", "ko")
    page.select_option("#id_format", "pdf")
    page.locator("main form button[type=submit]").click()
    with page.expect_download() as download:
        page.locator("#report-download").click()
    text = _briefing_text(download.value.path().read_bytes())
    row = text.split(TITLE_KO.replace(" ", ""), 1)[1][:80]
    # Requested 1; talked on the platform 0 (0 %); accepted, held, in negotiation and
    # agreement: 1 each (100 %).
    assert row.startswith("10(0.0%)1(100.0%)1(100.0%)1(100.0%)1(100.0%)"), row
    operator.close()
