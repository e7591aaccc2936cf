"""The role × route table: every page route and every API operation answers each role exactly
as the table says, and a route without a row fails the coverage test. Pages are asked with
GET, POST-only pages with an empty POST (those answer with a redirect and a message for every
role; their services' own tests check the refusals); API writes send a valid body, so the
answer is about who may, not about what was sent."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLResolver, get_resolver, reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.conftest import login
from tests.factories import make_user
from tests.grants.world import grant_world
from tests.programs.conftest import ces_call, pdf, program  # noqa: F401 - fixtures
from yeongilman.accounts.services import api_token_issue_from_console, invitation_create
from yeongilman.communications.services import message_create
from yeongilman.conversations import services as conversations
from yeongilman.conversations.models import Block
from yeongilman.events.models import Exhibitor
from yeongilman.events.services import calendar_token_for, event_create, registration_create
from yeongilman.exhibitors.models import ExhibitorDocument, ExhibitorProduct
from yeongilman.exhibitors.models import Lead as StandLead
from yeongilman.insights import services as insights
from yeongilman.insights.reports import briefing_start
from yeongilman.meetings.services import meeting_request_send, schedule_start, slots_define
from yeongilman.outcomes import services as outcomes
from yeongilman.partnering import services as partnering
from yeongilman.programs.models import Appeal, CallReviewer, Review, Unavailability
from yeongilman.programs.services import applications as app_services
from yeongilman.programs.services import presentations as presenting
from yeongilman.programs.services import reviews as review_services

ROLES = ("visitor", "member", "other_member", "reviewer", "operator")


def expect(visitor: Any, member: Any, other: Any, reviewer: Any, operator: Any) -> dict:
    """Expected answers in the order of ROLES."""
    return dict(zip(ROLES, (visitor, member, other, reviewer, operator), strict=True))


@dataclass
class World:
    """One of every object a route can name."""

    values: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.values[key]


@pytest.fixture
def world(
    operator, member, other_member, reviewer, battery_startup, pittsburgh_lab, hidden_org,
    consenting_person, ces_call, django_capture_on_commit_callbacks,  # noqa: F811
) -> World:  # fmt: skip
    la = ZoneInfo("America/Los_Angeles")
    event = event_create(
        actor=operator, kind="b2b", title_en="B2B Day", city="Las Vegas",
        time_zone="America/Los_Angeles", starts_at=datetime(2027, 1, 6, 9, tzinfo=la),
        ends_at=datetime(2027, 1, 6, 17, tzinfo=la), is_published=True,
    )  # fmt: skip
    slots_define(actor=operator, event=event, first_start=datetime(2027, 1, 6, 9, tzinfo=la),
                 minutes=25, count=2, gap_minutes=5, tables=2)  # fmt: skip
    mine = registration_create(actor=member, event=event, organisation=battery_startup)
    theirs = registration_create(actor=other_member, event=event, organisation=pittsburgh_lab)
    request = meeting_request_send(actor=member, event=event, recipient=theirs, message="Hi")
    run = schedule_start(actor=operator, event=event)
    offer = partnering.opportunity_create(
        actor=other_member, owner=pittsburgh_lab,
        values={"type": "technology_offer", "title_en": "Controllers", "description_en": "AI."},
        publish=True,
    )  # fmt: skip
    interest = partnering.interest_send(
        actor=member, opportunity=offer, organisation=battery_startup, message="Interested"
    )
    introduction = partnering.introduction_create(
        actor=operator, first=battery_startup, second=pittsburgh_lab
    )
    application = app_services.application_start(
        actor=member, call=ces_call, organisation=battery_startup
    )
    app_services.application_save_draft(actor=member, application=application, answers={
        "product": "LFP", "market": "us", "first_time": "yes"})  # fmt: skip
    app_services.application_upload(actor=member, application=application, field_key="deck",
                                    upload=pdf())  # fmt: skip
    app_services.application_submit(actor=member, application=application)
    review_services.pool_set(actor=operator, call=ces_call, entries={reviewer.pk: []})
    review_services.reviewers_assign(actor=operator, call=ces_call)
    agreement = insights.agreement_save(
        actor=operator, values={"title_en": "MOU", "kind": "mou", "stage": "idea"},
        parties=[pittsburgh_lab],
    )  # fmt: skip
    document = insights.document_attach(
        actor=operator, target=agreement, upload=SimpleUploadedFile("mou.pdf", b"%PDF-1.4 x")
    )
    figure = insights.figure_record(actor=operator, organisation=battery_startup, year=2024,
                                    values={"employees": 5})  # fmt: skip
    lead = insights.lead_save(actor=operator, values={"title": "Bio fund"})
    policy = insights.policy_save(actor=operator, values={"title": "Zone", "ministry": "MSS"})
    with django_capture_on_commit_callbacks(execute=True):
        briefing = briefing_start(actor=operator, year_from=2025, year_to=2026, language="en",
                                  file_format="pdf")  # fmt: skip
        invitation = invitation_create(
            actor=operator, email="new@example.org", organisation=battery_startup,
            role="editor", accept_url_base="http://testserver/en/accounts/invitations",
        )  # fmt: skip
    field = ces_call.fields.first()
    exhibitor = Exhibitor.objects.create(event=event, organisation=battery_startup)
    product = ExhibitorProduct.objects.create(exhibitor=exhibitor, name_en="Cells")
    brochure = ExhibitorDocument.objects.create(
        exhibitor=exhibitor, title="Catalogue", size=9,
        file=default_storage.save("exhibitor-documents/t.pdf", ContentFile(b"%PDF-1.4 x")),
    )  # fmt: skip
    stand_lead = StandLead.objects.create(exhibitor=exhibitor, registration=theirs)
    # A presentation panel of the call's stage (the reviewer), two slots, a panelist in the
    # pool for a second panel, and an appeal made directly (no stage has results yet).
    stage = ces_call.stages.get()
    panelist = make_user("panelist@example.org", is_reviewer=True)
    CallReviewer.objects.create(call=ces_call, stage=stage, user=panelist)
    panel = presenting.panel_save(actor=operator, stage=stage, name="Panel A",
                                  member_ids=[reviewer.pk])  # fmt: skip
    presenting.presentation_slots_define(actor=operator, panel=panel, minutes=20, count=2,
                                         first_start=datetime(2027, 3, 1, 9, tzinfo=la),
                                         room="301")  # fmt: skip
    appeal = Appeal.objects.create(stage=stage, application=application, text="Misread")
    away = Unavailability.objects.create(stage=stage, user=reviewer,  # the panel member's
                                         starts_at=datetime(2027, 3, 1, 12, tzinfo=la),
                                         ends_at=datetime(2027, 3, 1, 13, tzinfo=la))  # fmt: skip
    visit = event.visits.create(place="Pittsburgh", starts_at=event.starts_at)
    programme_session = event.sessions.create(  # a talk to sign up for (onsite)
        title_en="Opening", starts_at=event.starts_at, ends_at=event.ends_at
    )
    outcome_link = outcomes.link_create(actor=operator, visit=visit, agreement=agreement)
    message = message_create(actor=operator, event=event, segment="all",
                             texts={"subject_en": "Hi", "body_en": "Hello {name}"})  # fmt: skip
    grants = grant_world(operator, member, application)
    # A conversation about the interest (member and other member), with a document, reported
    # by the member (so operators may read it), and a block of the member's.
    conversation, first, _new = conversations.conversation_start(
        actor=member, kind="interest", subject_id=interest.pk, body="질문이 있습니다"
    )
    sent, _new = conversations.message_post(actor=member, conversation=conversation, body="",
                                            upload=pdf("spec.pdf"))  # fmt: skip
    report = conversations.report_create(actor=member, conversation=conversation, reason="Spam")
    block = Block.objects.create(blocker=member, organisation=hidden_org)
    suspension = conversations.suspension_add(actor=operator, user=reviewer, reason="Spam")
    return World({
        "conversation": conversation.pk, "conversation_message": first.pk,
        "conversation_file": sent.attachment.pk, "conversation_report": report.pk,
        "conversation_block": block.pk, "subject_kind": "interest",
        "conversation_suspension": suspension.pk,
        "org": battery_startup.slug, "hidden": hidden_org.slug, "person": consenting_person.pk,
        "event": event.slug, "their_registration": theirs.pk, "my_registration": mine.pk,
        "request": request.pk, "run": run.pk, "offer": offer.pk, "interest": interest.pk,
        "introduction": introduction.pk, "call": ces_call.slug, "application": application.pk,
        "file": application.files.get().pk, "review": Review.objects.get(reviewer=reviewer).pk,
        "field": field.pk, "agreement": agreement.pk, "document": document.pk,
        "briefing": briefing.pk, "invitation": invitation.token,
        "calendar": calendar_token_for(member),
        "uid": urlsafe_base64_encode(force_bytes(member.pk)),
        "reset_token": default_token_generator.make_token(member),
        "battery_id": battery_startup.pk, "hidden_id": hidden_org.pk,
        "event_id": event.pk, "lab_id": pittsburgh_lab.pk, "stage": ces_call.stages.get().pk,
        "panel": panel.pk, "appeal": appeal.pk, "panelist_id": panelist.pk, "away": away.pk,
        "visit": visit.pk, "outcome_link": outcome_link.pk, "session": programme_session.pk,
        "exhibitor": exhibitor.pk, "figure": figure.pk, "lead": lead.pk, "policy": policy.pk,
        "chart": "organisations_by_industry",
        "product": product.pk, "brochure": brochure.pk, "stand_lead": stand_lead.pk,
        "message": message.pk, "mail_kind": "reminder",
        **grants,
    })  # fmt: skip


def _url(name: str, world: World, *args: str) -> str:
    with translation.override("en"):
        return reverse(name, args=[world[a] if a in world.values else a for a in args])


# (route, url arguments from the world, method, expected per role), in an order where the
# changes of one row do not decide the next (cancelling and logging out come last).
PAGES = [
    ("healthz", (), "get", expect(200, 200, 200, 200, 200)),
    ("portal:home", (), "get", expect(200, 200, 200, 200, 200)),
    ("accounts:login", (), "get", expect(200, 302, 302, 302, 302)),
    ("accounts:signup", (), "get", expect(200, 200, 200, 200, 200)),
    ("accounts:profile", (), "get", expect(302, 200, 200, 200, 200)),
    ("accounts:invitation_accept", ("invitation",), "get", expect(200, 200, 200, 200, 200)),
    ("accounts:tokens", (), "get", expect(302, 403, 403, 403, 200)),
    ("accounts:password_reset", (), "get", expect(200, 200, 200, 200, 200)),
    ("accounts:lockouts", (), "get", expect(302, 403, 403, 403, 200)),
    ("accounts:password_reset_done", (), "get", expect(200, 200, 200, 200, 200)),
    ("accounts:password_reset_confirm", ("uid", "reset_token"), "get", expect(302, 200, 302, 302, 302)),
    ("accounts:password_reset_complete", (), "get", expect(200, 200, 200, 200, 200)),
    ("directory:list", (), "get", expect(200, 200, 200, 200, 200)),
    ("directory:new", (), "get", expect(302, 200, 200, 200, 200)),
    ("directory:import", (), "get", expect(302, 403, 403, 403, 200)),
    ("directory:export", (), "get", expect(200, 200, 200, 200, 200)),
    ("directory:detail", ("org",), "get", expect(200, 200, 200, 200, 200)),
    ("directory:detail", ("hidden",), "get", expect(404, 200, 404, 404, 200)),
    ("directory:edit", ("org",), "get", expect(302, 200, 403, 403, 200)),
    ("directory:person_new", ("org",), "get", expect(302, 200, 403, 403, 200)),
    ("directory:invite", ("org",), "get", expect(302, 403, 403, 403, 200)),
    ("directory:person_edit", ("person",), "get", expect(302, 200, 403, 403, 200)),
    ("events:list", (), "get", expect(200, 200, 200, 200, 200)),
    ("portal:agenda", (), "get", expect(302, 200, 200, 200, 200)),
    ("events:archive", (), "get", expect(200, 200, 200, 200, 200)),
    ("portal:personal_calendar", ("calendar",), "get", expect(200, 200, 200, 200, 200)),
    ("events:detail", ("event",), "get", expect(200, 200, 200, 200, 200)),
    ("events:event_calendar", ("event",), "get", expect(200, 200, 200, 200, 200)),
    ("meetings:b2b", ("event",), "get", expect(302, 200, 200, 403, 200)),
    ("meetings:manage", ("event",), "get", expect(302, 403, 403, 403, 200)),
    ("meetings:matrix", ("event",), "get", expect(302, 403, 403, 403, 200)),
    ("meetings:matrix_xlsx", ("event",), "get", expect(302, 403, 403, 403, 200)),
    ("meetings:run_status", ("event", "run"), "get", expect(302, 403, 403, 403, 200)),
    ("meetings:interpreters", ("event",), "get", expect(302, 403, 403, 403, 200)),
    ("meetings:interpreters_xlsx", ("event",), "get", expect(302, 403, 403, 403, 200)),
    ("exhibitors:exhibitor_edit", ("event", "exhibitor"), "get", expect(302, 200, 403, 403, 200)),
    # The exhibitor portal: the stand's organisation (member) and operators; brochures public.
    ("exhibitors:exhibitors_manage", ("event",), "get", expect(302, 403, 403, 403, 200)),
    ("exhibitors:exhibitor_portal", ("event", "exhibitor"), "get", expect(302, 200, 403, 403, 200)),
    ("exhibitors:product_new", ("event", "exhibitor"), "get", expect(302, 200, 403, 403, 200)),
    ("exhibitors:product_edit", ("event", "exhibitor", "product"), "get", expect(302, 200, 403, 403, 200)),
    ("exhibitors:document", ("event", "exhibitor", "brochure"), "get", expect(200, 200, 200, 200, 200)),
    ("exhibitors:leads", ("event", "exhibitor"), "get", expect(302, 200, 403, 403, 200)),
    ("exhibitors:leads_export", ("event", "exhibitor"), "get", expect(302, 200, 403, 403, 200)),
    # Printing: a person's badge and agenda for themself and operators; the event's files for
    # operators (the briefing is not a printing job: no download here for anyone).
    ("printing:event", ("event",), "get", expect(302, 403, 403, 403, 200)),
    ("printing:badge", ("event", "my_registration"), "get", expect(302, 200, 404, 404, 200)),
    ("printing:agenda", ("event", "my_registration"), "get", expect(302, 200, 404, 404, 200)),
    ("printing:download", ("event", "briefing"), "get", expect(302, 404, 404, 404, 404)),
    # The check-in desk: operators and the staff they name (nobody in this world).
    ("onsite:desk", ("event",), "get", expect(302, 403, 403, 403, 200)),
    ("onsite:desk_badge", ("event", "my_registration"), "get", expect(302, 403, 403, 403, 200)),
    ("onsite:qr_image", ("YV1.1.forged",), "get", expect(404, 404, 404, 404, 404)),
    ("partnering:list", (), "get", expect(200, 200, 200, 200, 200)),
    ("partnering:mine", (), "get", expect(302, 200, 200, 200, 200)),
    ("partnering:new", (), "get", expect(302, 200, 200, 302, 200)),
    ("partnering:detail", ("offer",), "get", expect(200, 200, 200, 200, 200)),
    ("partnering:edit", ("offer",), "get", expect(302, 403, 200, 403, 200)),
    ("matchmaking:opportunity_suggestions", ("offer",), "get", expect(302, 403, 200, 403, 200)),
    ("matchmaking:suggestions", ("org",), "get", expect(302, 200, 403, 403, 200)),
    ("partnering:introductions", (), "get", expect(302, 403, 403, 403, 200)),
    ("programs:list", (), "get", expect(200, 200, 200, 200, 200)),
    ("programs:mine", (), "get", expect(302, 200, 200, 200, 200)),
    ("programs:call_new", (), "get", expect(302, 403, 403, 403, 200)),
    ("programs:application", ("application",), "get", expect(302, 200, 404, 200, 200)),
    ("programs:file", ("file",), "get", expect(302, 200, 404, 200, 200)),
    ("programs:review", ("review",), "get", expect(302, 404, 404, 200, 404)),
    ("programs:call", ("call",), "get", expect(200, 200, 200, 200, 200)),
    ("programs:call_edit", ("call",), "get", expect(302, 403, 403, 403, 200)),
    ("programs:form_builder", ("call",), "get", expect(302, 403, 403, 403, 200)),
    ("programs:field_edit", ("call", "field"), "get", expect(302, 403, 403, 403, 200)),
    ("programs:manage", ("call",), "get", expect(302, 403, 403, 403, 200)),
    ("programs:export", ("call",), "get", expect(302, 403, 403, 403, 200)),
    ("programs:audit", ("call",), "get", expect(302, 403, 403, 403, 200)),
    ("programs:presentations", ("call", "stage"), "get", expect(302, 403, 403, 403, 200)),
    ("programs:appeals", ("call", "stage"), "get", expect(302, 403, 403, 403, 200)),
    # The appeal form is the applicant's; a reviewer and operators read the application only.
    ("programs:appeal", ("application",), "get", expect(302, 200, 404, 403, 403)),
    ("programs:reviewing", (), "get", expect(302, 200, 200, 200, 200)),
    # Agreements: the company (member) once sent, operators; evaluators are named per agreement.
    ("grants:mine", (), "get", expect(302, 200, 200, 200, 200)),
    ("grants:agreement", ("grant_agreement",), "get", expect(302, 200, 404, 404, 200)),
    ("grants:report", ("grant_milestone",), "get", expect(302, 200, 404, 404, 200)),
    ("grants:document", ("grant_document",), "get", expect(302, 200, 404, 404, 200)),
    ("grants:call", ("call",), "get", expect(302, 403, 403, 403, 200)),
    ("grants:letters", ("call",), "get", expect(302, 403, 403, 403, 200)),
    ("insights:summary", (), "get", expect(200, 200, 200, 200, 200)),
    ("insights:dashboard", (), "get", expect(302, 403, 403, 403, 200)),
    ("insights:chart_csv", ("organisations_by_industry",), "get", expect(200, 200, 200, 200, 200)),
    ("insights:pipeline", ("agreements",), "get", expect(302, 403, 403, 403, 200)),
    ("insights:pipeline_new", ("agreements",), "get", expect(302, 403, 403, 403, 200)),
    ("insights:pipeline_item", ("agreements", "agreement"), "get", expect(302, 403, 403, 403, 200)),
    ("insights:document", ("document",), "get", expect(302, 403, 403, 403, 200)),
    ("insights:report", (), "get", expect(302, 403, 403, 403, 200)),
    ("insights:report_download", ("briefing",), "get", expect(302, 404, 404, 404, 200)),
    ("insights:rates", (), "get", expect(302, 403, 403, 403, 200)),
    ("insights:import", (), "get", expect(302, 403, 403, 403, 200)),
    ("insights:figures", ("org",), "get", expect(302, 200, 403, 403, 200)),
    ("portal:system", (), "get", expect(302, 403, 403, 403, 200)),
    # The operators' area, control rooms and set-up pages (organisers: tests/portal).
    ("portal:operations", (), "get", expect(302, 403, 403, 403, 200)),
    ("portal:event_control", ("event",), "get", expect(302, 403, 403, 403, 200)),
    ("portal:call_control", ("call",), "get", expect(302, 403, 403, 403, 200)),
    ("events:new", (), "get", expect(302, 403, 403, 403, 200)),
    ("events:edit", ("event",), "get", expect(302, 403, 403, 403, 200)),
    ("events:event_cancel", ("event",), "get", expect(302, 403, 403, 403, 200)),
    ("events:programme", ("event",), "get", expect(302, 403, 403, 403, 200)),
    ("events:itinerary", ("event",), "get", expect(302, 403, 403, 403, 200)),
    ("events:exhibitors_setup", ("event",), "get", expect(302, 403, 403, 403, 200)),
    ("jobs:detail", ("run",), "get", expect(302, 404, 404, 404, 200)),
    ("outcomes:mine", (), "get", expect(302, 200, 200, 200, 200)),
    # Conversations: the interest's two sides; operators only through the report.
    ("conversations:inbox", (), "get", expect(302, 200, 200, 200, 200)),
    ("conversations:start", (), "get", expect(302, 200, 200, 200, 200)),
    ("conversations:unread", (), "get", expect(302, 200, 200, 200, 200)),
    ("conversations:compose", ("subject_kind", "interest"), "get", expect(302, 302, 302, 404, 404)),
    ("conversations:settings", (), "get", expect(302, 200, 200, 200, 200)),
    ("conversations:detail", ("conversation",), "get", expect(302, 200, 200, 404, 404)),
    ("conversations:poll", ("conversation",), "get", expect(302, 200, 200, 404, 404)),
    ("conversations:attachment", ("conversation_file",), "get", expect(302, 200, 200, 404, 200)),
    ("conversations:reports", (), "get", expect(302, 403, 403, 403, 200)),
    ("conversations:report", ("conversation_report",), "get", expect(302, 403, 403, 403, 200)),
    ("conversations:figures", (), "get", expect(302, 403, 403, 403, 200)),
    ("outcomes:event", ("event",), "get", expect(302, 403, 403, 403, 200)),
    ("outcomes:links", (), "get", expect(302, 403, 403, 403, 200)),
    ("communications:messages", ("event",), "get", expect(302, 403, 403, 403, 200)),
    ("communications:compose", ("event",), "get", expect(302, 403, 403, 403, 200)),
    ("communications:message", ("event", "message"), "get", expect(302, 403, 403, 403, 200)),
    ("communications:settings", ("event",), "get", expect(302, 403, 403, 403, 200)),
    ("communications:templates", (), "get", expect(302, 403, 403, 403, 200)),
    ("communications:template_edit", ("mail_kind",), "get", expect(302, 403, 403, 403, 200)),
    ("privacy:policy", (), "get", expect(200, 200, 200, 200, 200)),
    ("privacy:my_data", (), "get", expect(302, 200, 200, 200, 200)),
    ("privacy:download", (), "get", expect(302, 200, 200, 200, 200)),
    # Social log-in (allauth): provider pages ask to continue; callbacks without a provider's
    # answer are an error page; allauth's own e-mail pages lead to ours.
    ("account_login", (), "get", expect(302, 302, 302, 302, 302)),
    ("account_signup", (), "get", expect(302, 302, 302, 302, 302)),
    ("account_inactive", (), "get", expect(302, 302, 302, 302, 302)),
    ("socialaccount_connections", (), "get", expect(302, 200, 200, 200, 200)),
    ("socialaccount_signup", (), "get", expect(302, 302, 302, 302, 302)),
    ("socialaccount_login_cancelled", (), "get", expect(200, 200, 200, 200, 200)),
    ("socialaccount_login_error", (), "get", expect(401, 401, 401, 401, 401)),
    ("google_login", (), "get", expect(200, 200, 200, 200, 200)),
    ("google_callback", (), "get", expect(401, 401, 401, 401, 401)),
    ("google_login_by_token", (), "get", expect(401, 401, 401, 401, 401)),
    ("kakao_login", (), "get", expect(200, 200, 200, 200, 200)),
    ("kakao_callback", (), "get", expect(401, 401, 401, 401, 401)),
    ("naver_login", (), "get", expect(200, 200, 200, 200, 200)),
    ("naver_callback", (), "get", expect(401, 401, 401, 401, 401)),
    ("switch_language", (), "post", expect(302, 302, 302, 302, 302)),
    ("privacy:delete", (), "post", expect(302, 302, 302, 302, 302)),  # no e-mail typed: kept
    ("events:register", ("event",), "post", expect(302, 302, 302, 302, 302)),
    ("meetings:send_request", ("event", "their_registration"), "post", expect(302, 302, 302, 302, 302)),
    ("onsite:desk_check_in", ("event", "my_registration"), "post", expect(302, 403, 403, 403, 302)),
    ("meetings:answer", ("event", "request"), "post", expect(302, 302, 302, 302, 302)),
    ("meetings:availability", ("event",), "post", expect(302, 302, 302, 302, 302)),
    ("meetings:move", ("event", "request"), "post", expect(302, 302, 302, 302, 302)),
    # Empty exhibitor forms come back with a message; deleting comes after the reads above.
    ("exhibitors:exhibitors_remind", ("event",), "post", expect(302, 403, 403, 403, 302)),
    ("exhibitors:floor_plan", ("event",), "post", expect(302, 403, 403, 403, 302)),
    ("exhibitors:exhibitor_team", ("event", "exhibitor"), "post", expect(302, 302, 403, 403, 302)),
    ("exhibitors:document_add", ("event", "exhibitor"), "post", expect(302, 302, 403, 403, 302)),
    ("exhibitors:product_delete", ("event", "exhibitor", "product"), "post", expect(302, 302, 403, 403, 302)),
    ("exhibitors:document_delete", ("event", "exhibitor", "brochure"), "post", expect(302, 302, 403, 403, 302)),
    ("meetings:meeting_update", ("event", "request"), "post", expect(302, 302, 302, 302, 302)),
    # Empty answers are refused with a message; meetings of others do not exist for them.
    ("outcomes:rate", ("request",), "post", expect(302, 302, 302, 404, 404)),
    ("outcomes:follow_up", ("request",), "post", expect(302, 302, 302, 404, 404)),
    ("outcomes:settings", ("event",), "post", expect(302, 403, 403, 403, 302)),
    ("outcomes:no_show", ("event", "request"), "post", expect(302, 403, 403, 403, 302)),
    ("outcomes:confirm", ("outcome_link",), "post", expect(302, 403, 403, 403, 302)),
    ("outcomes:link_visit", ("visit",), "post", expect(302, 403, 403, 403, 302)),
    ("outcomes:link_introduction", ("introduction",), "post", expect(302, 403, 403, 403, 302)),
    # Empty conversation forms come back with a message; others' conversations do not exist.
    ("conversations:draft", ("conversation",), "post", expect(302, 204, 204, 404, 404)),
    ("conversations:mute", ("conversation",), "post", expect(302, 302, 302, 404, 404)),
    ("conversations:block", ("conversation",), "post", expect(302, 302, 302, 404, 404)),
    ("conversations:report_send", ("conversation",), "post", expect(302, 302, 302, 404, 404)),
    ("conversations:link", ("conversation",), "post", expect(302, 302, 302, 404, 404)),
    ("conversations:language", ("conversation_message",), "post", expect(302, 302, 404, 404, 404)),
    ("conversations:translate", ("conversation_message",), "post", expect(302, 302, 302, 404, 404)),
    ("conversations:resolve", ("conversation_report",), "post", expect(302, 403, 403, 403, 302)),
    ("conversations:unblock", ("conversation_block",), "post", expect(302, 302, 404, 404, 404)),
    ("conversations:lift", ("conversation_suspension",), "post", expect(302, 403, 403, 403, 302)),
    ("partnering:status", ("offer",), "post", expect(302, 403, 302, 403, 302)),
    ("partnering:interest", ("offer",), "post", expect(302, 400, 400, 400, 400)),
    ("partnering:answer", ("interest",), "post", expect(302, 403, 302, 404, 302)),
    ("matchmaking:feedback", (), "post", expect(302, 403, 403, 403, 403)),
    ("partnering:introduction", ("introduction",), "post", expect(302, 403, 403, 403, 302)),
    ("programs:autosave", ("application",), "post", expect(302, 422, 404, 403, 403)),
    ("programs:conflict", ("review",), "post", expect(302, 404, 404, 302, 404)),
    ("programs:start", ("call",), "post", expect(302, 404, 404, 404, 404)),
    # Empty forms: the operator sees them again (422); staff of no event are refused.
    ("onsite:walk_in", ("event",), "post", expect(302, 403, 403, 403, 422)),
    ("onsite:staff_add", ("event",), "post", expect(302, 403, 403, 403, 422)),
    ("onsite:staff_remove", ("event", "999"), "post", expect(302, 403, 403, 403, 302)),
    # Signing up for a session from My agenda: a refusal is a message on the agenda.
    ("onsite:session_signup", ("event", "session"), "post", expect(302, 302, 302, 302, 302)),
    ("events:cancel", ("event",), "post", expect(302, 302, 302, 302, 302)),
    # Operators withdraw a selected application (with a reason; else back to the page).
    ("programs:withdraw", ("application",), "post", expect(302, 302, 404, 404, 302)),
    ("jobs:cancel", ("run",), "post", expect(302, 404, 404, 404, 302)),
    ("communications:cancel", ("event", "message"), "post", expect(302, 403, 403, 403, 302)),
    # An approval without a registration named is not found; removals come last.
    ("portal:event_control", ("event",), "post", expect(302, 403, 403, 403, 404)),
    ("events:session_delete", ("event", "session"), "post", expect(302, 403, 403, 403, 302)),
    ("events:visit_delete", ("event", "visit"), "post", expect(302, 403, 403, 403, 302)),
    ("events:exhibitor_remove", ("event", "exhibitor"), "post", expect(302, 403, 403, 403, 302)),
    ("accounts:logout", (), "post", expect(302, 302, 302, 302, 302)),
]  # fmt: skip


def _client(role: str, client: Any, request: Any) -> Any:
    if role != "visitor":
        login(client, request.getfixturevalue(role))
    return client


@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_each_role_as_the_table_says(client, request, role, world):
    c = _client(role, client, request)
    wrong = []
    for name, args, method, expected in PAGES:
        url = _url(name, world, *args)
        response = c.post(url) if method == "post" else c.get(url)
        if response.status_code != expected[role]:
            wrong.append((name, args, expected[role], response.status_code))
    assert wrong == []


API_PARAMS = {
    "organisation_id": "battery_id", "person_id": "person", "opportunity_id": "offer",
    "interest_id": "interest", "introduction_id": "introduction", "application_id": "application",
    "review_id": "review", "job_id": "run", "event_id": "event_id", "slug": "call",
    "grant_agreement_id": "grant_agreement", "grant_document_id": "grant_document",
    "milestone_id": "grant_milestone", "milestone_report_id": "grant_report",
    "panel_id": "panel", "appeal_id": "appeal", "unavailability_id": "away",
    "request_id": "request", "registration_id": "my_registration",
    "stage_id": "stage", "exhibitor_id": "exhibitor", "product_id": "product",
    "stand_lead_id": "stand_lead", "figure_id": "figure", "agreement_id": "agreement", "lead_id": "lead",
    "policy_id": "policy", "key": "chart", "meeting_id": "request",
    "message_id": "message", "kind": "mail_kind", "session_id": "session",
    "conversation_id": "conversation",
}  # fmt: skip


def _operations() -> list[tuple[str, str]]:
    from config.api import api

    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return sorted((method, path) for path, ops in schema["paths"].items() for method in ops)


def _api_url(path: str, world: World) -> str:
    for name, key in API_PARAMS.items():
        path = path.replace("{" + name + "}", str(world[key]))
    return path


# A valid body for each write, so the answer is about who may, not about what was sent.
BODIES = {
    ("post", "/api/v1/grants/agreements"): {"application": "{application}", "amount_krw": 1,
                                            "starts_on": "2027-01-01", "ends_on": "2027-12-31"},
    ("patch", "/api/v1/grants/agreements/{grant_agreement_id}"): {"amount_krw": 5},
    ("post", "/api/v1/grants/agreements/{grant_agreement_id}/documents"): {"name_en": "Annex"},
    ("post", "/api/v1/grants/agreements/{grant_agreement_id}/milestones"): {
        "title_en": "Launch", "due_on": "2030-06-30", "amount_krw": 1},
    ("post", "/api/v1/grants/milestones/{milestone_id}/report"): {"text": "Updated."},
    ("post", "/api/v1/grants/reports/{milestone_report_id}/evaluation"): {"verdict": "pass"},
    ("patch", "/api/v1/applications/{application_id}"): {"answers": {"product": "LFP"}},
    ("patch", "/api/v1/introductions/{introduction_id}"): {"status": "met"},
    ("patch", "/api/v1/opportunities/{opportunity_id}"): {"title_en": "Controllers 2"},
    ("patch", "/api/v1/organisations/{organisation_id}"): {"tags": ["checked"]},
    ("patch", "/api/v1/people/{person_id}"): {"title": "CTO"},
    ("patch", "/api/v1/reviews/{review_id}"): {"comment": "fine"},
    ("post", "/api/v1/calls/{slug}/applications"): {"organisation": "{battery_id}"},
    ("post", "/api/v1/calls/{slug}/stages"): {"name_en": "Presentation", "cutoff": "none"},
    ("post", "/api/v1/calls/{slug}/stages/{stage_id}/panels/{panel_id}/slots"): {
        "first_start": "2027-03-02T09:00:00+09:00", "minutes": 20, "count": 2, "room": "302"},
    ("post", "/api/v1/calls/{slug}/stages/{stage_id}/presentations/schedule"): {},
    ("post", "/api/v1/calls/{slug}/stages/{stage_id}/unavailability"): {
        "starts_at": "2027-03-01T14:00:00+09:00", "ends_at": "2027-03-01T15:00:00+09:00"},
    ("put", "/api/v1/calls/{slug}/stages/{stage_id}/appeal-window"): {"closes_at": None},
    ("post", "/api/v1/appeals/{appeal_id}/decision"): {"uphold": False, "reason": "It stands"},
    ("post", "/api/v1/calls/{slug}/stages/{stage_id}/reviewer-mail"): {"subject": "Reminder",
                                                                        "body": "Please score."},
    ("put", "/api/v1/reviewing/profile"): {"expertise": []},
    ("post", "/api/v1/calls/{slug}/stages/{stage_id}/advance"): {
        "close_early_reason": "Route matrix", "waive_reviews_reason": "Route matrix"},
    ("post", "/api/v1/calls/{slug}/stages/{stage_id}/decisions"): {
        "application": "{application}", "advance": True, "reason": "Strong team"},
    ("post", "/api/v1/events/{event_id}/check-ins"): {"code": "YV1.1.forged"},
    ("post", "/api/v1/events/{event_id}/check-ins/batch"): {"scans": []},
    ("post", "/api/v1/events/{event_id}/schedule"): {"keep_confirmed": True},
    ("patch", "/api/v1/exhibitors/{exhibitor_id}"): {"booth": "A-1"},
    ("post", "/api/v1/exhibitors/{exhibitor_id}/products"): {"name_en": "Anodes"},
    ("patch", "/api/v1/exhibitors/{exhibitor_id}/products/{product_id}"): {"name_ko": "셀"},
    ("put", "/api/v1/exhibitors/{exhibitor_id}/team"): {"users": []},
    ("post", "/api/v1/exhibitors/{exhibitor_id}/leads"): {"registration": "{their_registration}",
                                                          "rating": 4},
    ("patch", "/api/v1/exhibitors/{exhibitor_id}/leads/{stand_lead_id}"): {"rating": 2},
    ("post", "/api/v1/events/{event_id}/printing"): {"what": "table_cards"},
    ("post", "/api/v1/events/{event_id}/messages"): {"segment": "all", "subject_en": "Hi",
                                                      "body_en": "Hello {name}"},
    ("post", "/api/v1/events/{event_id}/messages/preview"): {"segment": "confirmed",
                                                              "body_en": "Hi {name}"},
    ("patch", "/api/v1/events/{event_id}/comms-settings"): {"reminders_enabled": True},
    ("put", "/api/v1/mail-templates/{kind}"): {"subject_ko": "알림", "subject_en": "Soon",
                                              "body_ko": "{name}님", "body_en": "Hi {name}"},
    ("post", "/api/v1/interests/{interest_id}/answer"): {"accept": False},
    ("post", "/api/v1/introductions"): {"first": "{battery_id}", "second": "{lab_id}"},
    ("post", "/api/v1/conversations"): {"subject_kind": "interest", "subject_id": "{interest}",
                                         "body": "One more question"},
    ("post", "/api/v1/conversations/{conversation_id}/messages"): {"body": "Hello"},
    ("post", "/api/v1/outcomes/meetings/{meeting_id}/follow-up"): {"status": "no_contact"},
    ("post", "/api/v1/outcomes/meetings/{meeting_id}/no-shows"): {
        "registration": "{their_registration}"},
    ("post", "/api/v1/outcomes/meetings/{meeting_id}/outcome"): {"verdict": "held"},
    ("post", "/api/v1/opportunities"): {"owner": "{lab_id}", "type": "technology_offer",
                                         "title_en": "Sensors"},
    ("post", "/api/v1/opportunities/{opportunity_id}/interests"): {
        "organisation": "{battery_id}", "message": "Hello"},
    ("post", "/api/v1/organisations"): {"kind": "startup", "name_en": "New Co"},
    ("post", "/api/v1/people"): {"organisation": "{battery_id}", "name_latin": "Kim Min"},
    ("post", "/api/v1/suggestions/feedback"): {"subject": "org:{battery_id}",
                                               "candidate": "org:{lab_id}", "verdict": "useful"},
    ("post", "/api/v1/tokens"): {"email": "member@example.org", "name": "sync"},
    ("put", "/api/v1/events/{event_id}/availability"): {"unavailable": []},
    ("post", "/api/v1/events/{event_id}/meeting-requests"): {"recipient": "{their_registration}"},
    ("patch", "/api/v1/meeting-requests/{request_id}"): {
        "mode": "online", "video_link": "https://meet.example.org/m"},
    ("post", "/api/v1/meeting-requests/{request_id}/answer"): {"accept": True},
    ("patch", "/api/v1/insights/agreements/{agreement_id}"): {"stage": "negotiation"},
    ("patch", "/api/v1/insights/figures/{figure_id}"): {"patents": 2},
    ("patch", "/api/v1/insights/leads/{lead_id}"): {"probability": 30},
    ("patch", "/api/v1/insights/policies/{policy_id}"): {"status": "submitted"},
    ("post", "/api/v1/insights/agreements"): {"title_en": "LOI", "kind": "mou"},
    ("post", "/api/v1/insights/figures"): {"organisation": "{battery_id}", "year": 2025},
    ("post", "/api/v1/insights/leads"): {"title": "Battery fund"},
    ("post", "/api/v1/insights/leads/{lead_id}/notes"): {"text": "Called"},
    ("post", "/api/v1/insights/policies"): {"title": "Special zone", "ministry": "MOTIE"},
    ("post", "/api/v1/insights/rates"): {"date": "2026-01-02", "currency": "USD", "krw": "1400"},
}  # fmt: skip


def _body(method: str, path: str, world: World) -> str:
    text = json.dumps(BODIES.get((method, path), {}))
    for key in ("battery_id", "lab_id", "application", "their_registration", "interest"):
        text = text.replace('"{' + key + '}"', str(world[key])).replace(
            "{" + key + "}", str(world[key])
        )
    return text


def _api_call(client: Any, method: str, path: str, world: World, headers: dict) -> int:
    url = _api_url(path, world)
    if method == "get":
        return client.get(url, **headers).status_code
    if path.endswith("/stages/{stage_id}/panels"):
        body = json.dumps({"name": "Panel B", "members": [world["panelist_id"]]})
        return client.post(url, body, content_type="application/json", **headers).status_code
    if path.endswith("/applications/{application_id}/appeals"):
        form = {"stage": world["stage"], "text": "Misread", "files": pdf("evidence.pdf")}
        return client.post(url, form, **headers).status_code
    if path.endswith("/grants/documents/{grant_document_id}/upload"):
        return client.post(url, {"file": pdf("signed.pdf")}, **headers).status_code
    if path.endswith("/conversations/{conversation_id}/messages/upload"):
        return client.post(url, {"file": pdf("note.pdf"), "body": "see"}, **headers).status_code
    if path.endswith("/imports/organisations"):
        upload = SimpleUploadedFile("orgs.csv", b"kind,name_en\nstartup,Imported Co\n")
        return client.post(url, {"file": upload}, **headers).status_code
    send = getattr(client, method)
    return send(url, _body(method, path, world), content_type="application/json",
                **headers).status_code  # fmt: skip


# (method, path, expected per role), in the OpenAPI document's order.
API = [
    ("get", "/api/v1/applications", expect(401, 200, 200, 200, 200)),
    ("get", "/api/v1/applications/{application_id}", expect(404, 200, 404, 200, 200)),
    ("get", "/api/v1/calls", expect(200, 200, 200, 200, 200)),
    ("get", "/api/v1/calls/{slug}", expect(200, 200, 200, 200, 200)),
    ("get", "/api/v1/calls/{slug}/ranking", expect(401, 403, 403, 403, 200)),
    ("get", "/api/v1/calls/{slug}/stages", expect(401, 403, 403, 403, 200)),
    ("get", "/api/v1/calls/{slug}/stages/{stage_id}/advancement", expect(401, 403, 403, 403, 200)),
    ("get", "/api/v1/events/{event_id}/attendance", expect(401, 403, 403, 403, 200)),
    ("get", "/api/v1/events/{event_id}/my-code", expect(401, 200, 200, 404, 404)),
    ("get", "/api/v1/events/{event_id}/comms-settings", expect(401, 403, 403, 403, 200)),
    ("get", "/api/v1/events/{event_id}/messages", expect(401, 403, 403, 403, 200)),
    ("get", "/api/v1/events/{event_id}/messages/{message_id}/deliveries", expect(401, 403, 403, 403, 200)),
    ("get", "/api/v1/mail-templates", expect(401, 403, 403, 403, 200)),
    ("patch", "/api/v1/events/{event_id}/comms-settings", expect(401, 403, 403, 403, 200)),
    ("post", "/api/v1/events/{event_id}/messages", expect(401, 403, 403, 403, 201)),
    ("post", "/api/v1/events/{event_id}/messages/preview", expect(401, 403, 403, 403, 200)),
    ("post", "/api/v1/events/{event_id}/messages/{message_id}/send", expect(401, 403, 403, 403, 200)),
    ("put", "/api/v1/mail-templates/{kind}", expect(401, 403, 403, 403, 200)),
    ("post", "/api/v1/mail-templates/{kind}/preview", expect(401, 403, 403, 403, 200)),
    ("get", "/api/v1/industries", expect(200, 200, 200, 200, 200)),
    ("get", "/api/v1/interests", expect(401, 200, 200, 200, 200)),
    ("get", "/api/v1/introductions", expect(403, 403, 403, 403, 200)),
    ("get", "/api/v1/jobs/{job_id}", expect(401, 404, 404, 404, 200)),
    ("get", "/api/v1/me", expect(200, 200, 200, 200, 200)),
    ("get", "/api/v1/opportunities", expect(200, 200, 200, 200, 200)),
    ("get", "/api/v1/opportunities/{opportunity_id}", expect(200, 200, 200, 200, 200)),
    ("get", "/api/v1/opportunities/{opportunity_id}/suggestions", expect(403, 403, 200, 403, 200)),
    ("get", "/api/v1/organisations", expect(200, 200, 200, 200, 200)),
    ("get", "/api/v1/organisations/{organisation_id}", expect(200, 200, 200, 200, 200)),
    ("get", "/api/v1/organisations/{organisation_id}/suggestions", expect(403, 200, 403, 403, 200)),
    # Conversations: the interest's two sides; operators are on no side of it (404).
    ("get", "/api/v1/conversations", expect(401, 200, 200, 200, 200)),
    ("post", "/api/v1/conversations", expect(401, 200, 200, 404, 404)),
    ("get", "/api/v1/conversations/{conversation_id}", expect(401, 200, 200, 404, 404)),
    ("get", "/api/v1/conversations/{conversation_id}/messages", expect(401, 200, 200, 404, 404)),
    ("post", "/api/v1/conversations/{conversation_id}/messages", expect(401, 201, 201, 404, 404)),
    ("post", "/api/v1/conversations/{conversation_id}/messages/upload", expect(401, 201, 201, 404, 404)),
    ("post", "/api/v1/conversations/{conversation_id}/read", expect(401, 200, 200, 404, 404)),
    ("get", "/api/v1/outcomes/events/{event_id}/attendance", expect(401, 403, 403, 403, 200)),
    ("get", "/api/v1/outcomes/funnel", expect(401, 403, 403, 403, 200)),
    ("get", "/api/v1/outcomes/meetings", expect(401, 200, 200, 200, 200)),
    ("get", "/api/v1/people", expect(200, 200, 200, 200, 200)),
    ("get", "/api/v1/people/{person_id}", expect(200, 200, 200, 200, 200)),
    ("get", "/api/v1/reviews", expect(401, 200, 200, 200, 200)),
    ("get", "/api/v1/registrations/{registration_id}/agenda.pdf", expect(401, 200, 404, 404, 200)),
    ("get", "/api/v1/registrations/{registration_id}/badge.pdf", expect(401, 200, 404, 404, 200)),
    ("get", "/api/v1/reviews/{review_id}", expect(404, 404, 404, 200, 404)),
    ("patch", "/api/v1/applications/{application_id}", expect(404, 422, 404, 403, 403)),
    ("patch", "/api/v1/introductions/{introduction_id}", expect(403, 403, 403, 403, 200)),
    ("patch", "/api/v1/opportunities/{opportunity_id}", expect(403, 403, 200, 403, 200)),
    ("patch", "/api/v1/organisations/{organisation_id}", expect(403, 200, 403, 403, 200)),
    ("patch", "/api/v1/people/{person_id}", expect(403, 200, 403, 403, 200)),
    ("patch", "/api/v1/reviews/{review_id}", expect(404, 404, 404, 200, 404)),
    ("post", "/api/v1/applications/{application_id}/submit", expect(404, 409, 404, 403, 403)),
    ("post", "/api/v1/applications/{application_id}/withdraw", expect(404, 200, 404, 403, 403)),
    ("post", "/api/v1/calls/{slug}/applications", expect(401, 201, 403, 403, 403)),
    # Presentations, appeals and reviewers, before a new stage makes the first one advanceable
    # (and it is advanced). The member's appeal is refused: the world's appeal is there (409).
    ("get", "/api/v1/calls/{slug}/stages/{stage_id}/presentations", expect(401, 403, 403, 403, 200)),
    ("post", "/api/v1/calls/{slug}/stages/{stage_id}/panels", expect(401, 403, 403, 403, 201)),
    ("post", "/api/v1/calls/{slug}/stages/{stage_id}/panels/{panel_id}/slots", expect(401, 403, 403, 403, 201)),
    ("post", "/api/v1/calls/{slug}/stages/{stage_id}/presentations/schedule", expect(401, 403, 403, 403, 202)),
    ("get", "/api/v1/applications/{application_id}/presentations", expect(404, 200, 404, 404, 200)),
    ("post", "/api/v1/applications/{application_id}/appeals", expect(404, 409, 404, 403, 403)),
    ("get", "/api/v1/calls/{slug}/stages/{stage_id}/appeals", expect(401, 403, 403, 403, 200)),
    ("put", "/api/v1/calls/{slug}/stages/{stage_id}/appeal-window", expect(401, 403, 403, 403, 200)),
    ("post", "/api/v1/appeals/{appeal_id}/decision", expect(401, 403, 403, 403, 200)),
    ("post", "/api/v1/calls/{slug}/stages/{stage_id}/reviewer-mail", expect(401, 403, 403, 403, 200)),
    # Unavailable times: a panel member's own (the reviewer's; operators may too).
    ("get", "/api/v1/calls/{slug}/stages/{stage_id}/unavailability", expect(401, 403, 403, 200, 200)),
    ("post", "/api/v1/calls/{slug}/stages/{stage_id}/unavailability", expect(401, 403, 403, 201, 201)),
    ("delete", "/api/v1/unavailability/{unavailability_id}", expect(401, 404, 404, 204, 204)),
    ("get", "/api/v1/reviewing", expect(401, 200, 200, 200, 200)),
    ("put", "/api/v1/reviewing/profile", expect(401, 422, 422, 200, 200)),
    # The operator's new stage makes the first one advanceable; its decisions are then final.
    ("post", "/api/v1/calls/{slug}/stages", expect(401, 403, 403, 403, 201)),
    ("post", "/api/v1/calls/{slug}/stages/{stage_id}/advance", expect(401, 403, 403, 403, 200)),
    ("post", "/api/v1/calls/{slug}/stages/{stage_id}/decisions", expect(401, 403, 403, 403, 409)),
    ("post", "/api/v1/events/{event_id}/check-ins", expect(401, 403, 403, 403, 422)),
    ("post", "/api/v1/events/{event_id}/check-ins/batch", expect(401, 403, 403, 403, 200)),
    # Programme sessions: confirmed participants sign themselves up (and leave).
    ("get", "/api/v1/events/{event_id}/my-sessions", expect(401, 200, 200, 404, 404)),
    ("put", "/api/v1/events/{event_id}/sessions/{session_id}/signup", expect(401, 200, 200, 403, 403)),
    ("delete", "/api/v1/events/{event_id}/sessions/{session_id}/signup", expect(401, 204, 204, 403, 403)),
    ("post", "/api/v1/events/{event_id}/schedule", expect(401, 403, 403, 403, 409)),
    # Exhibitors: profiles and products are public; the rest is the stand's organisation's
    # (member) and operators'; the removals come last.
    ("get", "/api/v1/events/{event_id}/exhibitors", expect(200, 200, 200, 200, 200)),
    ("get", "/api/v1/exhibitors/{exhibitor_id}", expect(200, 200, 200, 200, 200)),
    ("get", "/api/v1/exhibitors/{exhibitor_id}/products", expect(200, 200, 200, 200, 200)),
    ("get", "/api/v1/exhibitors/{exhibitor_id}/team", expect(401, 200, 403, 403, 200)),
    ("get", "/api/v1/exhibitors/{exhibitor_id}/leads", expect(401, 200, 403, 403, 200)),
    ("patch", "/api/v1/exhibitors/{exhibitor_id}", expect(401, 200, 403, 403, 200)),
    ("post", "/api/v1/exhibitors/{exhibitor_id}/products", expect(401, 201, 403, 403, 201)),
    ("patch", "/api/v1/exhibitors/{exhibitor_id}/products/{product_id}", expect(401, 200, 403, 403, 200)),
    ("put", "/api/v1/exhibitors/{exhibitor_id}/team", expect(401, 200, 403, 403, 200)),
    ("post", "/api/v1/exhibitors/{exhibitor_id}/leads", expect(401, 200, 403, 403, 200)),
    ("patch", "/api/v1/exhibitors/{exhibitor_id}/leads/{stand_lead_id}", expect(401, 200, 403, 403, 200)),
    ("delete", "/api/v1/exhibitors/{exhibitor_id}/leads/{stand_lead_id}", expect(401, 204, 403, 403, 204)),
    ("delete", "/api/v1/exhibitors/{exhibitor_id}/products/{product_id}", expect(401, 204, 403, 403, 204)),
    ("post", "/api/v1/events/{event_id}/printing", expect(401, 403, 403, 403, 202)),
    ("post", "/api/v1/imports/organisations", expect(401, 403, 403, 403, 202)),
    ("post", "/api/v1/interests/{interest_id}/answer", expect(404, 403, 200, 404, 200)),
    ("post", "/api/v1/introductions", expect(403, 403, 403, 403, 201)),
    ("post", "/api/v1/jobs/{job_id}/cancel", expect(401, 404, 404, 404, 200)),
    ("post", "/api/v1/opportunities", expect(401, 403, 422, 403, 422)),
    ("post", "/api/v1/opportunities/{opportunity_id}/interests", expect(401, 422, 403, 403, 403)),
    ("post", "/api/v1/organisations", expect(401, 201, 201, 201, 201)),
    ("post", "/api/v1/outcomes/meetings/{meeting_id}/follow-up", expect(401, 409, 409, 404, 404)),
    ("post", "/api/v1/outcomes/meetings/{meeting_id}/no-shows", expect(401, 403, 403, 403, 422)),
    ("post", "/api/v1/outcomes/meetings/{meeting_id}/outcome", expect(401, 409, 409, 404, 404)),
    ("post", "/api/v1/people", expect(403, 201, 403, 403, 201)),
    ("post", "/api/v1/reviews/{review_id}/conflict", expect(404, 404, 404, 204, 404)),
    ("post", "/api/v1/suggestions/feedback", expect(403, 201, 403, 403, 201)),
    ("post", "/api/v1/tokens", expect(401, 403, 403, 403, 201)),
    ("get", "/api/v1/insights/agreements", expect(401, 403, 403, 403, 200)),
    ("get", "/api/v1/insights/agreements/{agreement_id}", expect(401, 403, 403, 403, 200)),
    ("get", "/api/v1/insights/charts/{key}", expect(200, 200, 200, 200, 200)),
    ("get", "/api/v1/insights/dashboard", expect(200, 200, 200, 200, 200)),
    ("get", "/api/v1/insights/figures", expect(401, 200, 200, 200, 200)),
    ("get", "/api/v1/insights/figures/{figure_id}", expect(401, 200, 403, 403, 200)),
    ("get", "/api/v1/insights/leads", expect(401, 403, 403, 403, 200)),
    ("get", "/api/v1/insights/leads/{lead_id}", expect(401, 403, 403, 403, 200)),
    ("get", "/api/v1/insights/policies", expect(401, 403, 403, 403, 200)),
    ("get", "/api/v1/insights/policies/{policy_id}", expect(401, 403, 403, 403, 200)),
    ("get", "/api/v1/insights/rates", expect(401, 403, 403, 403, 200)),
    ("patch", "/api/v1/insights/agreements/{agreement_id}", expect(401, 403, 403, 403, 200)),
    ("patch", "/api/v1/insights/figures/{figure_id}", expect(401, 200, 403, 403, 200)),
    ("patch", "/api/v1/insights/leads/{lead_id}", expect(401, 403, 403, 403, 200)),
    ("patch", "/api/v1/insights/policies/{policy_id}", expect(401, 403, 403, 403, 200)),
    ("post", "/api/v1/insights/agreements", expect(401, 403, 403, 403, 201)),
    ("post", "/api/v1/insights/figures", expect(401, 201, 403, 403, 201)),
    ("post", "/api/v1/insights/leads", expect(401, 403, 403, 403, 201)),
    ("post", "/api/v1/insights/leads/{lead_id}/notes", expect(401, 403, 403, 403, 201)),
    ("post", "/api/v1/insights/policies", expect(401, 403, 403, 403, 201)),
    ("post", "/api/v1/insights/rates", expect(401, 403, 403, 403, 201)),
    # Deleting comes last: the rows above still read the figure.
    ("delete", "/api/v1/insights/figures/{figure_id}", expect(401, 204, 403, 403, 204)),
    # Events: the member asked the other member for a meeting; the reviewer holds no place.
    # Writes on the day's request and registrations come last (the rows above read them).
    ("get", "/api/v1/events", expect(200, 200, 200, 200, 200)),
    ("get", "/api/v1/events/{event_id}", expect(200, 200, 200, 200, 200)),
    ("get", "/api/v1/events/{event_id}/sessions", expect(200, 200, 200, 200, 200)),
    ("get", "/api/v1/events/{event_id}/registration", expect(401, 200, 200, 404, 404)),
    ("get", "/api/v1/events/{event_id}/registrations", expect(401, 403, 403, 403, 200)),
    ("get", "/api/v1/events/{event_id}/slots", expect(401, 200, 200, 403, 200)),
    ("get", "/api/v1/events/{event_id}/participants", expect(401, 200, 200, 403, 200)),
    ("get", "/api/v1/events/{event_id}/meeting-requests", expect(401, 200, 200, 403, 200)),
    ("get", "/api/v1/events/{event_id}/interpreters/roster", expect(401, 403, 403, 403, 200)),
    ("get", "/api/v1/agenda", expect(401, 200, 200, 200, 200)),
    ("put", "/api/v1/events/{event_id}/availability", expect(401, 200, 200, 403, 403)),
    # Asking again (member) or asking yourself (other member) is refused.
    ("post", "/api/v1/events/{event_id}/meeting-requests", expect(401, 422, 422, 403, 403)),
    ("post", "/api/v1/registrations/{registration_id}/approve", expect(401, 403, 403, 403, 422)),
    ("patch", "/api/v1/meeting-requests/{request_id}", expect(401, 200, 200, 404, 200)),
    ("post", "/api/v1/meeting-requests/{request_id}/answer", expect(401, 403, 200, 404, 403)),
    ("post", "/api/v1/meeting-requests/{request_id}/cancel", expect(401, 200, 200, 404, 200)),
    ("post", "/api/v1/events/{event_id}/registration", expect(401, 200, 200, 201, 201)),
    ("post", "/api/v1/events/{event_id}/registration/cancel", expect(401, 200, 200, 200, 200)),
    # Agreements: operators manage, the company (member) reads, uploads and reports; the
    # signed agreement of the world refuses changes (409); cancelling comes last.
    ("get", "/api/v1/grants/agreements", expect(401, 200, 200, 200, 200)),
    ("get", "/api/v1/grants/agreements/{grant_agreement_id}", expect(404, 200, 404, 404, 200)),
    ("post", "/api/v1/grants/agreements", expect(401, 403, 403, 403, 409)),
    ("patch", "/api/v1/grants/agreements/{grant_agreement_id}", expect(404, 403, 404, 404, 409)),
    ("post", "/api/v1/grants/agreements/{grant_agreement_id}/send", expect(404, 403, 404, 404, 409)),
    ("post", "/api/v1/grants/agreements/{grant_agreement_id}/sign", expect(404, 403, 404, 404, 409)),
    ("post", "/api/v1/grants/agreements/{grant_agreement_id}/documents", expect(404, 403, 404, 404, 409)),
    ("post", "/api/v1/grants/documents/{grant_document_id}/upload", expect(404, 409, 404, 404, 403)),
    ("post", "/api/v1/grants/agreements/{grant_agreement_id}/milestones", expect(404, 403, 404, 404, 201)),
    ("post", "/api/v1/grants/milestones/{milestone_id}/report", expect(404, 200, 404, 404, 403)),
    ("post", "/api/v1/grants/reports/{milestone_report_id}/evaluation", expect(404, 403, 404, 404, 200)),
    ("delete", "/api/v1/grants/agreements/{grant_agreement_id}", expect(404, 403, 404, 404, 409)),
    ("post", "/api/v1/grants/agreements/{grant_agreement_id}/cancel", expect(404, 403, 404, 404, 200)),
]  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_every_api_operation_answers_each_role_as_the_table_says(client, request, role, world):
    headers = {}
    if role != "visitor":
        token = api_token_issue_from_console(user=request.getfixturevalue(role), name="m")[1]
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    wrong = []
    for method, path, expected in API:
        status = _api_call(client, method, path, world, headers)
        if status != expected[role]:
            wrong.append((method, path, expected[role], status))
    assert wrong == []


def _page_routes() -> set[str]:
    def walk(patterns: list, namespace: str | None = None) -> set[str]:
        names: set[str] = set()
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                names |= walk(pattern.url_patterns, pattern.namespace or namespace)
            elif pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
        return names

    return {n for n in walk(get_resolver().url_patterns) if not n.startswith(("admin:", "api:"))}


def test_every_route_and_operation_has_a_row():
    """A new page or endpoint fails here until the table says who may use it."""
    assert _page_routes() - {name for name, *_rest in PAGES} == set()
    assert set(_operations()) - {(method, path) for method, path, _e in API} == set()
