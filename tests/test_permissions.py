"""Every role against every directory page and endpoint: allowed or refused, nothing else."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import login
from tests.programs.conftest import ces_call, program, submitted  # noqa: F401

ROLES = ["visitor", "member", "other_member", "reviewer", "operator"]


def _expect(*statuses: int) -> dict[str, int]:
    """Expected status codes in the order of ROLES."""
    return dict(zip(ROLES, statuses, strict=True))


def _url(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


def _client_for(role, client, request):
    if role != "visitor":
        login(client, request.getfixturevalue(role))
    return client


# (route name, needs slug of, expected status per role)
PAGE_CASES = [
    (
        "directory:list",
        None,
        _expect(200, 200, 200, 200, 200),
    ),
    (
        "directory:detail",
        "battery_startup",
        _expect(200, 200, 200, 200, 200),
    ),
    (
        "directory:detail",
        "hidden_org",
        _expect(404, 200, 404, 404, 200),
    ),
    (
        "directory:edit",
        "battery_startup",
        _expect(302, 200, 403, 403, 200),
    ),
    (
        "directory:edit",
        "hidden_org",
        _expect(302, 200, 404, 404, 200),
    ),
    (
        "directory:person_new",
        "battery_startup",
        _expect(302, 200, 403, 403, 200),
    ),
    (
        "directory:invite",
        "battery_startup",
        _expect(302, 403, 403, 403, 200),
    ),
    (
        "directory:new",
        None,
        _expect(302, 200, 200, 200, 200),
    ),
    (
        "directory:import",
        None,
        _expect(302, 403, 403, 403, 200),
    ),
    (
        "accounts:tokens",
        None,
        _expect(302, 403, 403, 403, 200),
    ),
    (
        "portal:system",
        None,
        _expect(302, 403, 403, 403, 200),
    ),
    (
        "outcomes:mine",
        None,
        _expect(302, 200, 200, 200, 200),
    ),
    (
        "accounts:profile",
        None,
        _expect(302, 200, 200, 200, 200),
    ),
    (
        "conversations:inbox",
        None,
        _expect(302, 200, 200, 200, 200),
    ),
    (
        "conversations:reports",
        None,
        _expect(302, 403, 403, 403, 200),
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "slug_of", "expected"), PAGE_CASES)
def test_pages_by_role(client, request, role, name, slug_of, expected, battery_startup, hidden_org):
    kwargs = {"slug": request.getfixturevalue(slug_of).slug} if slug_of else {}
    response = _client_for(role, client, request).get(_url(name, **kwargs))
    assert response.status_code == expected[role]


API_CASES = [
    (
        "get",
        "/api/v1/organisations/{battery_startup}",
        _expect(200, 200, 200, 200, 200),
    ),
    (
        "get",
        "/api/v1/organisations/{hidden_org}",
        _expect(404, 200, 404, 404, 200),
    ),
    (
        "patch",
        "/api/v1/organisations/{battery_startup}",
        _expect(403, 200, 403, 403, 200),
    ),
    (
        "patch",
        "/api/v1/organisations/{hidden_org}",
        _expect(404, 200, 404, 404, 200),
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "expected"), API_CASES)
def test_api_by_role(client, request, role, method, path, expected, battery_startup, hidden_org):
    from yeongilman.accounts.services import api_token_issue

    headers = {}
    if role != "visitor":
        operator = request.getfixturevalue("operator")
        user = request.getfixturevalue(role)
        headers["HTTP_AUTHORIZATION"] = (
            "Bearer " + api_token_issue(actor=operator, user=user, name="t")[1]
        )
    url = path.format(battery_startup=battery_startup.pk, hidden_org=hidden_org.pk)
    if method == "get":
        response = client.get(url, **headers)
    else:
        response = client.patch(
            url, '{"tags": ["checked"]}', content_type="application/json", **headers
        )
    assert response.status_code == expected[role], response.content
    target = battery_startup if "battery" in path else hidden_org
    target.refresh_from_db()
    changed = target.tags == ["checked"]
    assert changed == (method == "patch" and expected[role] == 200)


# The exhibitor portal's API by role: the stand's team (member of the exhibiting organisation),
# an exhibitor of another stand, a signed-in visitor, anonymous, and operators. A refused
# capture leaves no lead and a refused edit leaves the booth as it was.
STAND_ROLES = ["anonymous", "team", "other_exhibitor", "visitor", "operator"]
STAND_CASES = [
    (
        "get",
        "/api/v1/exhibitors/{stand}",
        dict(zip(STAND_ROLES, (200, 200, 200, 200, 200), strict=True)),
    ),
    (
        "patch",
        "/api/v1/exhibitors/{stand}",
        dict(zip(STAND_ROLES, (401, 200, 403, 403, 200), strict=True)),
    ),
    (
        "get",
        "/api/v1/exhibitors/{stand}/leads",
        dict(zip(STAND_ROLES, (401, 200, 403, 403, 200), strict=True)),
    ),
    (
        "post",
        "/api/v1/exhibitors/{stand}/leads",
        dict(zip(STAND_ROLES, (401, 201, 403, 403, 201), strict=True)),
    ),
]


@pytest.mark.parametrize("role", STAND_ROLES)
@pytest.mark.parametrize(("method", "path", "expected"), STAND_CASES)
def test_exhibitor_api_by_role(
    client, role, method, path, expected, operator, member, other_member, reviewer,
    battery_startup, pittsburgh_lab,
):  # fmt: skip
    import json
    from datetime import UTC, datetime

    from yeongilman.accounts.services import api_token_issue
    from yeongilman.events.codes import code_for
    from yeongilman.events.models import Exhibitor
    from yeongilman.events.services import event_create, registration_create
    from yeongilman.exhibitors.models import Lead

    event = event_create(
        actor=operator, kind="exhibition", title_en="Expo", time_zone="UTC", is_published=True,
        starts_at=datetime(2027, 1, 6, 9, tzinfo=UTC), ends_at=datetime(2027, 1, 7, tzinfo=UTC),
    )  # fmt: skip
    stand = Exhibitor.objects.create(event=event, organisation=battery_startup)
    Exhibitor.objects.create(event=event, organisation=pittsburgh_lab)  # other_member's stand
    guest = registration_create(actor=reviewer, event=event)
    user = {"team": member, "other_exhibitor": other_member, "visitor": reviewer,
            "operator": operator}.get(role)  # fmt: skip
    headers = {}
    if user is not None:
        headers["HTTP_AUTHORIZATION"] = (
            "Bearer " + api_token_issue(actor=operator, user=user, name="t")[1]
        )
    url = path.format(stand=stand.pk)
    if method == "get":
        response = client.get(url, **headers)
    else:
        body: dict[str, object] = (
            {"booth": "A-1"} if method == "patch" else {"code": code_for(guest), "rating": 5}
        )
        response = getattr(client, method)(
            url, json.dumps(body), content_type="application/json", **headers
        )
    assert response.status_code == expected[role], response.content
    stand.refresh_from_db()
    allowed = expected[role] < 400
    assert (stand.booth == "A-1") == (method == "patch" and allowed)
    assert Lead.objects.exists() == (method == "post" and allowed)


# Agreements by role (a signed agreement with the battery start-up's selected application):
# the company's member reads and reports, operators manage and evaluate, everyone else is
# told nothing. A refused write leaves the amount, the report and its verdict as they were.
GRANT_ROLES = ["visitor", "member", "other_member", "reviewer", "operator"]
GRANT_CASES = [
    ("get", "/api/v1/grants/agreements/{agreement}", None, (404, 200, 404, 404, 200)),
    ("patch", "/api/v1/grants/agreements/{agreement}", {"amount_krw": 5},
     (404, 403, 404, 404, 409)),
    ("post", "/api/v1/grants/milestones/{milestone}/report", {"text": "Changed"},
     (404, 200, 404, 404, 403)),
    ("post", "/api/v1/grants/reports/{report}/evaluation", {"verdict": "pass"},
     (404, 403, 404, 404, 200)),
]  # fmt: skip


@pytest.mark.parametrize("role", GRANT_ROLES)
@pytest.mark.parametrize(("method", "path", "body", "expected"), GRANT_CASES)
def test_agreement_api_by_role(
    client, request, role, method, path, body, expected, operator, member,
    submitted,  # noqa: F811 - the programmes' fixture
):  # fmt: skip
    import json

    from tests.grants.world import grant_world
    from yeongilman.grants.models import Agreement, MilestoneReport

    ids = grant_world(operator, member, submitted)
    if role != "visitor":
        login(client, request.getfixturevalue(role))
    url = path.format(agreement=ids["grant_agreement"], milestone=ids["grant_milestone"],
                      report=ids["grant_report"])  # fmt: skip
    send = getattr(client, method)
    response = (client.get(url) if body is None
                else send(url, json.dumps(body), content_type="application/json"))  # fmt: skip
    assert response.status_code == expected[GRANT_ROLES.index(role)], response.content
    report = MilestoneReport.objects.get(pk=ids["grant_report"])
    allowed = response.status_code == 200
    assert Agreement.objects.get().amount_krw == 10_000_000
    assert (report.text == "Changed") == (allowed and "report" in path and "evaluation" not in path)
    assert (report.verdict == "pass") == (allowed and "evaluation" in path)


# Printing by role: a person's badge and agenda (page and API) for the participant themself and
# operators; another participant gets 404 (ids tell nothing), anonymous the login page or 401.
# Starting the event's files is for operators; a refused start queues no job.
PRINT_ROLES = ["operator", "member", "other_member", "visitor"]
PRINT_CASES = [
    ("page", "badge", (200, 200, 404, 302)),
    ("page", "agenda", (200, 200, 404, 302)),
    ("api", "badge", (200, 200, 404, 401)),
    ("api", "agenda", (200, 200, 404, 401)),
    ("api", "start", (202, 403, 403, 401)),
]  # fmt: skip


@pytest.mark.parametrize("role", PRINT_ROLES)
@pytest.mark.parametrize(("kind", "what", "expected"), PRINT_CASES)
def test_printing_by_role(client, request, role, kind, what, expected, operator, member,
                          other_member, battery_startup, pittsburgh_lab):  # fmt: skip
    from datetime import UTC, datetime

    from yeongilman.events.services import event_create, registration_create
    from yeongilman.jobs.models import Job

    event = event_create(actor=operator, kind="forum", title_en="Forum", is_published=True,
                         starts_at=datetime(2027, 5, 1, 1, tzinfo=UTC),
                         ends_at=datetime(2027, 5, 1, 9, tzinfo=UTC))  # fmt: skip
    mine = registration_create(actor=member, event=event, organisation=battery_startup)
    registration_create(actor=other_member, event=event, organisation=pittsburgh_lab)
    if role != "visitor":
        login(client, request.getfixturevalue(role))
    if what == "start":
        response = client.post(f"/api/v1/events/{event.pk}/printing", {"what": "badges"},
                               content_type="application/json")  # fmt: skip
    elif kind == "api":
        response = client.get(f"/api/v1/registrations/{mine.pk}/{what}.pdf")
    else:
        response = client.get(_url(f"printing:{what}", slug=event.slug, registration_id=mine.pk))
    assert response.status_code == expected[PRINT_ROLES.index(role)]
    if response.status_code == 200:
        assert response["Content-Type"] == "application/pdf"
    assert Job.objects.exists() == (response.status_code == 202)


# Check-in by role: operators and the event's own check-in staff admit people and read the
# counts; staff of another event and participants are refused (and nobody is admitted);
# anonymous callers get 401 or the login page. A participant reads only their own code.
CHECKIN_ROLES = ["operator", "staff", "foreign_staff", "participant", "visitor"]
CHECKIN_CASES = [
    ("post", "/check-ins", (201, 201, 403, 403, 401)),
    ("post", "/check-ins/batch", (200, 200, 403, 403, 401)),
    ("get", "/attendance", (200, 200, 403, 403, 401)),
    ("get", "/my-code", (404, 404, 404, 200, 401)),
    ("page", "onsite:desk", (200, 200, 403, 403, 302)),
]  # fmt: skip


@pytest.mark.parametrize("role", CHECKIN_ROLES)
@pytest.mark.parametrize(("method", "path", "expected"), CHECKIN_CASES)
def test_check_in_by_role(client, role, method, path, expected, operator, member):
    import json
    from datetime import UTC, datetime

    from tests.factories import make_user, register_while_open
    from yeongilman.events.codes import code_for
    from yeongilman.events.services import event_create
    from yeongilman.onsite.models import CheckIn
    from yeongilman.onsite.services import staff_add

    def forum(title):
        return event_create(actor=operator, kind="forum", title_en=title, is_published=True,
                            starts_at=datetime(2026, 5, 1, 1, tzinfo=UTC),
                            ends_at=datetime(2026, 5, 1, 9, tzinfo=UTC))  # fmt: skip

    event, elsewhere = forum("Forum"), forum("Other forum")
    mine = register_while_open(actor=member, event=event)  # the forum is over by now
    users = {"operator": operator, "participant": member, "staff": make_user("desk@example.org"),
             "foreign_staff": make_user("far@example.org")}  # fmt: skip
    staff_add(actor=operator, event=event, email="desk@example.org")
    staff_add(actor=operator, event=elsewhere, email="far@example.org")
    if role != "visitor":
        login(client, users[role])
    url = f"/api/v1/events/{event.pk}{path}"
    scan = {"code": code_for(mine), "client_scan_id": "x"}
    if method == "page":
        response = client.get(_url(path, slug=event.slug))
    elif method == "get":
        response = client.get(url)
    else:
        body = {"scans": [scan]} if path.endswith("batch") else scan
        response = client.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == expected[CHECKIN_ROLES.index(role)], response.content
    assert CheckIn.objects.exists() == (method == "post" and response.status_code < 400)


# The events archive and an event that has ended: every role sees the archive (drafts:
# operators only), nobody registers for an ended event, on the page or through the API.
ARCHIVE_ROLES = ["visitor", "member", "other_member", "reviewer", "operator"]


@pytest.mark.parametrize("role", ARCHIVE_ROLES)
def test_archive_and_ended_events_by_role(client, request, role, operator):
    from datetime import UTC, datetime

    from yeongilman.events.models import Registration
    from yeongilman.events.services import event_create

    def past(title, published=True):
        return event_create(actor=operator, kind="forum", title_en=title,
                            is_published=published, starts_at=datetime(2024, 5, 1, 1, tzinfo=UTC),
                            ends_at=datetime(2024, 5, 1, 9, tzinfo=UTC))  # fmt: skip

    ended, draft = past("Ended forum"), past("Draft forum", published=False)
    _client_for(role, client, request)
    html = client.get(_url("events:archive")).content.decode()
    assert "Ended forum" in html
    assert ("Draft forum" in html) == (role == "operator")
    page = client.post(_url("events:register", slug=ended.slug))
    assert page.status_code == 302
    api = client.post(f"/api/v1/events/{ended.pk}/registration", "{}",
                      content_type="application/json")  # fmt: skip
    assert api.status_code == (401 if role == "visitor" else 409)
    assert not Registration.objects.filter(event__in=[ended, draft]).exists()


# Organiser communications: only operators compose, send, read the log and change settings
# and templates; a confirmed participant of the event is refused (and nothing is written);
# anonymous callers get 401 or the login page.
COMMS_ROLES = ["operator", "participant", "visitor"]
COMMS_CASES = [
    ("page", "communications:compose", (200, 403, 302)),
    ("page", "communications:messages", (200, 403, 302)),
    ("page", "communications:settings", (200, 403, 302)),
    ("page", "communications:templates", (200, 403, 302)),
    ("get", "/api/v1/events/{event}/messages", (200, 403, 401)),
    ("post", "/api/v1/events/{event}/messages", (201, 403, 401)),
    ("post", "/api/v1/events/{event}/messages/preview", (200, 403, 401)),
    ("patch", "/api/v1/events/{event}/comms-settings", (200, 403, 401)),
    ("put", "/api/v1/mail-templates/custom", (200, 403, 401)),
]  # fmt: skip


@pytest.mark.parametrize("role", COMMS_ROLES)
@pytest.mark.parametrize(("method", "path", "expected"), COMMS_CASES)
def test_communications_by_role(client, role, method, path, expected, operator, member):
    import json
    from datetime import UTC, datetime

    from yeongilman.communications.models import EventCommsSettings, MailTemplate, Message
    from yeongilman.events.services import event_create, registration_create

    event = event_create(actor=operator, kind="b2b", title_en="B2B", is_published=True,
                         starts_at=datetime(2027, 5, 1, 1, tzinfo=UTC),
                         ends_at=datetime(2027, 5, 1, 9, tzinfo=UTC))  # fmt: skip
    registration_create(actor=member, event=event)
    if role != "visitor":
        login(client, operator if role == "operator" else member)
    body = {"segment": "all", "subject_en": "Hi", "body_en": "Hello {name}",
            "subject_ko": "안내", "body_ko": "{name}님", "reminders_enabled": False}  # fmt: skip
    if method == "patch":
        body = {"reminders_enabled": False}
    elif path.endswith("custom"):
        body = {k: v for k, v in body.items() if k.startswith(("subject", "body"))}
    elif method == "post":
        del body["reminders_enabled"]
    url = path.format(event=event.pk)
    if method == "page":
        kwargs = {} if path.endswith("templates") else {"slug": event.slug}
        response = client.get(_url(path, **kwargs))
    elif method == "get":
        response = client.get(url)
    else:
        response = getattr(client, method)(url, json.dumps(body), content_type="application/json")
    assert response.status_code == expected[COMMS_ROLES.index(role)], response.content
    wrote = Message.objects.exists() or MailTemplate.objects.exists()
    wrote = wrote or EventCommsSettings.objects.exists()
    assert wrote == (method in ("post", "put", "patch") and role == "operator"
                     and not path.endswith("preview"))  # fmt: skip


# B2B meeting requests over the API, for the five sides of one request: the operator, the
# participant who asked, the other side, another participant of the day and a visitor.
MEETING_ROLES = ["operator", "requester", "recipient", "bystander", "visitor"]
MEETING_CASES = [
    ("get", "/api/v1/events/{event}/meeting-requests", None, (200, 200, 200, 200, 401)),
    ("get", "/api/v1/events/{event}/slots", None, (200, 200, 200, 200, 401)),
    ("get", "/api/v1/events/{event}/registrations", None, (200, 403, 403, 403, 401)),
    ("get", "/api/v1/events/{event}/interpreters/roster", None, (200, 403, 403, 403, 401)),
    ("get", "/api/v1/agenda", None, (200, 200, 200, 200, 401)),
    ("patch", "/api/v1/meeting-requests/{request}",
     {"mode": "online", "video_link": "https://meet.example.org/p"}, (200, 200, 200, 404, 401)),
    ("post", "/api/v1/meeting-requests/{request}/answer", {"accept": True},
     (403, 403, 200, 404, 401)),
    ("post", "/api/v1/meeting-requests/{request}/cancel", {}, (200, 200, 200, 404, 401)),
]  # fmt: skip


def _b2b_day_of_two_slots(operator):
    """A published B2B day in Las Vegas with two slots of two tables."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from yeongilman.events.services import event_create
    from yeongilman.meetings.services import slots_define

    la = ZoneInfo("America/Los_Angeles")
    event = event_create(actor=operator, kind="b2b", title_en="Day", is_published=True,
                         starts_at=datetime(2027, 1, 6, 9, tzinfo=la),
                         ends_at=datetime(2027, 1, 6, 17, tzinfo=la))  # fmt: skip
    slots_define(actor=operator, event=event, first_start=datetime(2027, 1, 6, 9, tzinfo=la),
                 minutes=25, count=2, tables=2)  # fmt: skip
    return event


@pytest.mark.parametrize("role", MEETING_ROLES)
@pytest.mark.parametrize(("method", "path", "body", "expected"), MEETING_CASES)
def test_meeting_api_by_side(client, operator, member, other_member, role, method, path, body,
                             expected):  # fmt: skip
    from tests.factories import make_user
    from yeongilman.events.services import registration_create
    from yeongilman.meetings.models import MeetingRequest, RequestStatus
    from yeongilman.meetings.services import meeting_request_send

    event = _b2b_day_of_two_slots(operator)
    bystander = make_user("bystander@example.org")
    registration_create(actor=bystander, event=event)
    theirs = registration_create(actor=other_member, event=event)
    registration_create(actor=member, event=event)
    request = meeting_request_send(actor=member, event=event, recipient=theirs)
    users = {"operator": operator, "requester": member, "recipient": other_member,
             "bystander": bystander}  # fmt: skip
    if role != "visitor":
        login(client, users[role])
    url = path.format(event=event.pk, request=request.pk)
    send = getattr(client, method)
    response = send(url) if body is None else send(url, body, content_type="application/json")
    assert response.status_code == expected[MEETING_ROLES.index(role)], response.content
    request = MeetingRequest.objects.get(pk=request.pk)
    changed = (request.mode, request.status) != ("in_person", RequestStatus.REQUESTED)
    assert changed == (method != "get" and response.status_code == 200)


# On site and on the stand, one table for every check-in, printing, exhibitor and session
# route and the roles of the day: an operator, the event's check-in staff, a member of the
# exhibiting organisation on its stand team, another exhibitor, a visitor (a registered
# participant) and an anonymous caller. Each write is sent valid; a refused one changes nothing.
DAY_ROLES = ["operator", "check_in_staff", "team", "other_exhibitor", "visitor", "anonymous"]
DAY_CASES = [
    ("post", "/events/{event}/check-ins", (201, 201, 403, 403, 403, 401)),
    ("post", "/events/{event}/check-ins/batch", (200, 200, 403, 403, 403, 401)),
    ("get", "/events/{event}/attendance", (200, 200, 403, 403, 403, 401)),
    ("get", "/events/{event}/my-code", (404, 404, 200, 200, 200, 401)),
    ("get", "/registrations/{guest}/badge.pdf", (200, 404, 404, 404, 200, 401)),
    ("get", "/registrations/{guest}/agenda.pdf", (200, 404, 404, 404, 200, 401)),
    ("post", "/events/{event}/printing", (202, 403, 403, 403, 403, 401)),
    ("get", "/events/{event}/my-sessions", (404, 404, 200, 200, 200, 401)),
    ("put", "/events/{event}/sessions/{session}/signup", (403, 403, 200, 200, 200, 401)),
    ("delete", "/events/{event}/sessions/{session}/signup", (403, 403, 204, 204, 204, 401)),
    ("get", "/events/{event}/exhibitors", (200, 200, 200, 200, 200, 200)),
    ("get", "/exhibitors/{stand}", (200, 200, 200, 200, 200, 200)),
    ("patch", "/exhibitors/{stand}", (200, 403, 200, 403, 403, 401)),
    ("get", "/exhibitors/{stand}/products", (200, 200, 200, 200, 200, 200)),
    ("post", "/exhibitors/{stand}/products", (201, 403, 201, 403, 403, 401)),
    ("patch", "/exhibitors/{stand}/products/{product}", (200, 403, 200, 403, 403, 401)),
    ("delete", "/exhibitors/{stand}/products/{product}", (204, 403, 204, 403, 403, 401)),
    ("get", "/exhibitors/{stand}/team", (200, 403, 200, 403, 403, 401)),
    ("put", "/exhibitors/{stand}/team", (200, 403, 200, 403, 403, 401)),
    ("get", "/exhibitors/{stand}/leads", (200, 403, 200, 403, 403, 401)),
    ("post", "/exhibitors/{stand}/leads", (201, 403, 201, 403, 403, 401)),
    ("patch", "/exhibitors/{stand}/leads/{lead}", (200, 403, 200, 403, 403, 401)),
    ("delete", "/exhibitors/{stand}/leads/{lead}", (204, 403, 204, 403, 403, 401)),
]  # fmt: skip


@pytest.mark.parametrize("role", DAY_ROLES)
@pytest.mark.parametrize(("method", "path", "expected"), DAY_CASES)
def test_on_site_and_stand_api_by_role(
    client, role, method, path, expected, operator, member, other_member, reviewer,
    battery_startup, pittsburgh_lab, django_capture_on_commit_callbacks,
):  # fmt: skip
    import json
    from datetime import UTC, datetime

    from tests.factories import make_user
    from yeongilman.accounts.services import api_token_issue
    from yeongilman.events.codes import code_for
    from yeongilman.events.models import Exhibitor
    from yeongilman.events.services import event_create, registration_create
    from yeongilman.exhibitors.models import ExhibitorProduct, Lead
    from yeongilman.jobs.models import Job
    from yeongilman.onsite.models import CheckIn, SessionSignup
    from yeongilman.onsite.services import staff_add

    event = event_create(
        actor=operator, kind="exhibition", title_en="Expo", time_zone="UTC", is_published=True,
        starts_at=datetime(2030, 1, 6, 9, tzinfo=UTC), ends_at=datetime(2030, 1, 7, tzinfo=UTC),
    )  # fmt: skip
    session = event.sessions.create(
        title_en="Opening", starts_at=event.starts_at, ends_at=event.ends_at
    )
    stand = Exhibitor.objects.create(event=event, organisation=battery_startup, booth="B-2")
    stand.team.add(member)
    Exhibitor.objects.create(event=event, organisation=pittsburgh_lab).team.add(other_member)
    product = ExhibitorProduct.objects.create(exhibitor=stand, name_en="Cells")
    registration_create(actor=member, event=event, organisation=battery_startup)
    registration_create(actor=other_member, event=event, organisation=pittsburgh_lab)
    guest = registration_create(actor=reviewer, event=event)
    other_guest = registration_create(actor=make_user("guest2@example.org"), event=event)
    lead = Lead.objects.create(exhibitor=stand, registration=other_guest, captured_by=member)
    staffer = make_user("day-desk@example.org")
    staff_add(actor=operator, event=event, email=staffer.email)
    user = {"operator": operator, "check_in_staff": staffer, "team": member,
            "other_exhibitor": other_member, "visitor": reviewer}.get(role)  # fmt: skip
    headers = {}
    if user is not None:
        headers["HTTP_AUTHORIZATION"] = (
            "Bearer " + api_token_issue(actor=operator, user=user, name="t")[1]
        )
    if path.endswith("/signup") and method == "delete":
        for place in event.registrations.filter(user=user):  # leaving needs a place taken
            SessionSignup.objects.create(registration=place, session=session)

    def state():
        stand.refresh_from_db()
        return (
            CheckIn.objects.count(), stand.booth, sorted(stand.team.values_list("pk", flat=True)),
            list(ExhibitorProduct.objects.values_list("name_en", flat=True)),
            list(Lead.objects.values_list("rating", flat=True)), SessionSignup.objects.count(),
            Job.objects.count(),
        )  # fmt: skip

    before = state()
    scan = {"code": code_for(guest), "client_scan_id": "x"}
    bodies = {
        "/events/{event}/check-ins": scan,
        "/events/{event}/check-ins/batch": {"scans": [scan]},
        "/events/{event}/printing": {"what": "badges"},
        "/exhibitors/{stand}": {"booth": "A-1"},
        "/exhibitors/{stand}/products": {"name_en": "Modules"},
        "/exhibitors/{stand}/products/{product}": {"name_en": "Packs"},
        "/exhibitors/{stand}/team": {"users": []},
        "/exhibitors/{stand}/leads": {"code": code_for(guest), "rating": 5},
        "/exhibitors/{stand}/leads/{lead}": {"rating": 4},
    }
    url = "/api/v1" + path.format(event=event.pk, guest=guest.pk, session=session.pk,
                                  stand=stand.pk, product=product.pk, lead=lead.pk)  # fmt: skip
    send = getattr(client, method)
    with django_capture_on_commit_callbacks(execute=False):
        if method in ("get", "delete") or path not in bodies:
            response = send(url, **headers)
        else:
            response = send(url, json.dumps(bodies[path]), content_type="application/json",
                            **headers)  # fmt: skip
    assert response.status_code == expected[DAY_ROLES.index(role)], response.content
    if method == "get" or response.status_code >= 400:
        assert state() == before
    else:
        assert state() != before


# The operator's B2B pages (manage, booking matrix, its XLSX) for the sides of a booked day:
# the operator, the two participants of a booked meeting, and an anonymous caller; the
# participants are refused as on the manage page, and a refused save changes no slot.
B2B_OPERATOR_ROLES = ["operator", "requester", "recipient", "anonymous"]
B2B_OPERATOR_CASES = [
    ("get", "meetings:manage", (200, 403, 403, 302)),
    ("get", "meetings:matrix", (200, 403, 403, 302)),
    ("get", "meetings:matrix_xlsx", (200, 403, 403, 302)),
    ("post", "meetings:manage", (200, 403, 403, 302)),  # a save over a booked meeting: asks first
]


@pytest.mark.parametrize("role", B2B_OPERATOR_ROLES)
@pytest.mark.parametrize(("method", "name", "expected"), B2B_OPERATOR_CASES)
def test_b2b_operator_pages_by_side(client, operator, member, other_member, role, method, name,
                                    expected):  # fmt: skip
    from yeongilman.events.services import registration_create
    from yeongilman.meetings.services import (
        meeting_move,
        meeting_request_respond,
        meeting_request_send,
    )

    event = _b2b_day_of_two_slots(operator)
    theirs = registration_create(actor=other_member, event=event)
    registration_create(actor=member, event=event)
    meeting = meeting_request_send(actor=member, event=event, recipient=theirs)
    meeting_request_respond(actor=other_member, request=meeting, accept=True)
    meeting_move(actor=operator, request=meeting, slot=event.slots.first(), table=1)
    before = list(event.slots.values_list("pk", flat=True))
    users = {"operator": operator, "requester": member, "recipient": other_member}
    if role != "anonymous":
        login(client, users[role])
    url = _url(name, slug=event.slug)
    if method == "post":
        body = {"action": "slots", "first_start": "2027-01-06T10:00", "minutes": 30,
                "gap_minutes": 0, "count": 3, "tables": 4}  # fmt: skip
        response = client.post(url, body)
    else:
        response = client.get(url)
    assert response.status_code == expected[B2B_OPERATOR_ROLES.index(role)]
    assert list(event.slots.values_list("pk", flat=True)) == before
