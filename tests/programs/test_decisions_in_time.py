"""Irreversible steps wait for their time: publishing results and advancing a stage refuse
before the deadline (unless the call is closed early with a reason) and with reviews missing
(unless waived with a reason); the page says what will happen and to how many before it does;
a selected application is withdrawn by operators only, and its exhibitor row goes with it."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.conftest import login
from tests.factories import make_organisation, make_user
from tests.programs.conftest import GO_AHEAD
from yeongilman.core.errors import Conflict, ValidationFailed
from yeongilman.core.models import AuditEntry
from yeongilman.events.models import Event, Exhibitor
from yeongilman.programs import selectors
from yeongilman.programs.models import Application, Call, Review
from yeongilman.programs.services import applications as app_services
from yeongilman.programs.services import selection as selection_services
from yeongilman.programs.services.applications import CallClosed

pytestmark = pytest.mark.usefixtures("english")


def _decided_call(
    operator, call, member, reviews_each: int = 1, select: bool = True
) -> tuple[Application, Application]:
    """Two submitted applications, `reviews_each` reviews each (the call asks for 2), the
    first selected: ready to publish but for the deadline (a week away)."""
    now = timezone.now()
    call.event = Event.objects.create(
        slug="ces-2027", kind="exhibition", title_en="CES 2027",
        starts_at=now + timedelta(days=40), ends_at=now + timedelta(days=43),
    )  # fmt: skip
    call.save()
    apps = []
    for i in range(2):
        org = make_organisation(operator, members=(member,), name_en=f"Startup {i}",
                                city="Pohang")  # fmt: skip
        apps.append(Application.objects.create(call=call, organisation=org, status="submitted",
                                               submitted_at=now))  # fmt: skip
    tech, market = call.criteria.all()
    for n in range(reviews_each):
        reviewer = make_user(f"judge{n}@example.org", is_reviewer=True)
        for i, app in enumerate(apps):
            Review.objects.create(application=app, reviewer=reviewer, submitted_at=now,
                                  scores={str(tech.pk): 9 - i, str(market.pk): 3})  # fmt: skip
    if select:
        selection_services.selection_apply(actor=operator, call=call, places=1)
    return apps[0], apps[1]


def _nothing_published(call: Call) -> None:
    call.refresh_from_db()
    assert call.results_published_at is None and call.closed_early_at is None
    assert not Exhibitor.objects.exists()
    assert not AuditEntry.objects.filter(action="results_published").exists()


def test_results_cannot_be_published_before_the_deadline_without_closing_early(
    operator, ces_call, member
):
    _decided_call(operator, ces_call, member, reviews_each=2)
    mail.outbox.clear()
    with pytest.raises(ValidationFailed) as refused:
        selection_services.results_publish(actor=operator, call=ces_call)
    assert list(refused.value.field_errors) == ["close_early_reason"]
    assert "Wait for the deadline, or close the call early and give the reason." in (
        refused.value.message
    )
    _nothing_published(ces_call)
    assert mail.outbox == []


def test_results_cannot_be_published_with_reviews_missing_unless_waived_with_a_reason(
    operator, ces_call, member
):
    _decided_call(operator, ces_call, member, reviews_each=1)
    with pytest.raises(ValidationFailed) as refused:
        selection_services.results_publish(
            actor=operator, call=ces_call, close_early_reason="Jury met early"
        )
    assert refused.value.field_errors["waive_reviews_reason"] == [
        "2 of 2 applications lack 2 of the reviews required. Wait for them, or go ahead "
        "without them and give the reason."
    ]
    _nothing_published(ces_call)
    selection_services.results_publish(actor=operator, call=ces_call, **GO_AHEAD)
    ces_call.refresh_from_db()
    assert ces_call.results_published_at is not None
    assert ces_call.close_early_reason == "Closed early for the test"
    assert ces_call.reviews_waived_reason == "Reviews waived for the test"
    waived = AuditEntry.objects.get(action="reviews_waived")
    assert (waived.details["missing"], waived.details["reason"]) == (
        2, "Reviews waived for the test"
    )  # fmt: skip
    assert AuditEntry.objects.filter(action="call_closed_early").count() == 1


def test_a_call_closed_early_takes_no_more_applications(
    operator, ces_call, member, battery_startup
):
    _decided_call(operator, ces_call, member, reviews_each=2)
    selection_services.results_publish(actor=operator, call=ces_call, **GO_AHEAD)
    ces_call.refresh_from_db()
    assert not ces_call.is_open()
    with pytest.raises(CallClosed, match="closed early"):
        app_services.application_start(actor=member, call=ces_call, organisation=battery_startup)
    assert not Application.objects.filter(organisation=battery_startup).exists()
    assert ces_call not in selectors.calls_by_state(member)["open"]


def test_a_selected_applicant_cannot_withdraw_alone(operator, ces_call, member):
    selected, _other = _decided_call(operator, ces_call, member, reviews_each=2)
    selection_services.results_publish(actor=operator, call=ces_call, **GO_AHEAD)
    with pytest.raises(Conflict, match="only the programme's operators can withdraw it"):
        app_services.application_withdraw(actor=member, application=selected)
    selected.refresh_from_db()
    assert (selected.status, selected.withdrawn_at) == ("submitted", None)


def test_the_operator_withdraws_a_selected_application_and_its_exhibitor_row_goes(
    operator, ces_call, member, django_capture_on_commit_callbacks
):
    selected, _other = _decided_call(operator, ces_call, member, reviews_each=2)
    selection_services.results_publish(actor=operator, call=ces_call, **GO_AHEAD)
    assert list(Exhibitor.objects.values_list("organisation_id", flat=True)) == [
        selected.organisation_id
    ]
    with pytest.raises(ValidationFailed, match="Give the reason"):
        selection_services.selected_application_withdraw(
            actor=operator, application=selected, reason=" "
        )
    assert Exhibitor.objects.count() == 1
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        selection_services.selected_application_withdraw(
            actor=operator, application=Application.objects.get(pk=selected.pk),
            reason="The company gave up its place",
        )  # fmt: skip
    selected.refresh_from_db()
    assert selected.status == "withdrawn" and not selected.made_exhibitor
    assert not Exhibitor.objects.exists()
    (letter,) = [m for m in mail.outbox if m.to == [member.email]]
    assert "The company gave up its place" in letter.body
    assert "Startup 0은(는) 더 이상 CES 2027의 참가 기업이 아닙니다." in letter.body  # Korean


def test_publishing_from_the_page_first_says_what_will_happen_and_to_how_many(
    client, operator, ces_call, member
):
    _decided_call(operator, ces_call, member, reviews_each=1)
    login(client, operator)
    url = f"/en/programs/{ces_call.slug}/manage/"
    page = client.post(url, {"action": "publish"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "1 application is selected." in text and "1 is not selected." in text
    assert "1 selected organisation becomes an exhibitor of CES 2027." in text
    assert "A letter goes to 1 person at 2 organisations, in their language." in text
    assert 'name="close_early_reason"' in text and 'name="waive_reviews_reason"' in text
    assert "Publish and send 1 letter" in text
    _nothing_published(ces_call)
    # Confirmed without the reasons: the same page with what was typed, nothing published.
    page = client.post(url, {"action": "publish", "confirm": "yes",
                             "close_early_reason": "Jury met early"})  # fmt: skip
    text = page.content.decode()
    assert page.status_code == 422
    assert ">Jury met early</textarea>" in text
    assert "Wait for them, or go ahead without them and give the reason." in text
    _nothing_published(ces_call)
    page = client.post(url, {"action": "publish", "confirm": "yes", **GO_AHEAD})
    assert page.status_code == 302
    ces_call.refresh_from_db()
    assert ces_call.results_published_at is not None


def test_the_api_refuses_to_advance_a_stage_early_and_takes_the_reasons(
    client, operator, ces_call, member
):
    from yeongilman.accounts.services import api_token_issue
    from yeongilman.programs.services import stages as stage_services

    stage_services.stage_save(actor=operator, call=ces_call,
                              values={"name_en": "Presentation", "cutoff": "none"})  # fmt: skip
    _decided_call(operator, ces_call, member, reviews_each=2, select=False)
    first = selectors.stages_of(ces_call)[0]
    token = api_token_issue(actor=operator, user=operator, name="ops")[1]
    url = f"/api/v1/calls/{ces_call.slug}/stages/{first.pk}/advance"
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    refused = client.post(url, content_type="application/json", **headers)  # no body, as before
    assert refused.status_code == 422
    assert "사유를 적고 조기 마감하세요." in refused.json()["detail"]  # the operator reads Korean
    first.refresh_from_db()
    assert first.advanced_at is None
    done = client.post(url, json.dumps({"close_early_reason": "Jury met early"}),
                       content_type="application/json", **headers)  # fmt: skip
    assert done.status_code == 200, done.content
    first.refresh_from_db()
    assert first.advanced_at is not None
