"""Lead capture: a stand's team scans a visitor's badge (or picks them), one lead per visitor,
only the contact details the visitor agreed to share, an XLSX export that stays text, and the
visitor sees who captured them."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from django.utils import translation
from openpyxl import load_workbook

from tests.conftest import login
from tests.factories import make_person, make_user
from yeongilman.accounts.consents import consent_set
from yeongilman.core.errors import PermissionDenied, ValidationFailed
from yeongilman.directory.models import Person
from yeongilman.events.codes import code_for
from yeongilman.events.models import Exhibitor
from yeongilman.events.services import event_create, registration_create
from yeongilman.exhibitors import services as xs
from yeongilman.exhibitors.lead_export import leads_xlsx
from yeongilman.exhibitors.models import Lead
from yeongilman.exhibitors.selectors import lead_counts, leads_of, shared_contacts


def test_scanning_a_badge_records_a_lead_with_rating_tags_note_and_date(
    member, stand, visitor_registration
):
    lead, created = xs.lead_capture(
        actor=member, exhibitor=stand, code=code_for(visitor_registration), rating=4,
        tags="robots, US market, robots", note="Wants samples", follow_up_on=date(2027, 1, 20),
    )  # fmt: skip
    assert created and lead.registration == visitor_registration and lead.captured_by == member
    assert (lead.rating, lead.tags, lead.note) == (4, ["robots", "US market"], "Wants samples")
    assert lead.follow_up_on == date(2027, 1, 20)


def test_a_second_scan_of_the_same_visitor_updates_the_one_lead(
    member, stand, visitor_registration
):
    code = code_for(visitor_registration)
    xs.lead_capture(actor=member, exhibitor=stand, code=code, rating=2)
    lead, created = xs.lead_capture(actor=member, exhibitor=stand, code=f"  {code}\n", rating=5)
    assert not created and lead.rating == 5
    assert Lead.objects.count() == 1


def test_a_tampered_code_is_refused_logged_and_nothing_is_recorded(
    member, stand, visitor_registration, caplog
):
    code = code_for(visitor_registration)
    forged = code.replace(f".{visitor_registration.pk}.", f".{visitor_registration.pk + 1}.")
    for bad in (forged, code[:-2] + "xx", "hello"):
        with pytest.raises(ValidationFailed) as caught:
            xs.lead_capture(actor=member, exhibitor=stand, code=bad)
        assert "code" in caught.value.field_errors
    assert not Lead.objects.exists()
    refusals = [r for r in caplog.records if "lead capture refused" in r.getMessage()]
    assert len(refusals) == 3 and all(r.levelname == "WARNING" for r in refusals)


def test_a_badge_of_another_event_is_refused(operator, member, stand, other_member):
    elsewhere = event_create(
        actor=operator, kind="forum", title_en="Other", time_zone="UTC", is_published=True,
        starts_at=stand.event.starts_at, ends_at=stand.event.ends_at,
    )  # fmt: skip
    theirs = registration_create(actor=other_member, event=elsewhere)
    with pytest.raises(ValidationFailed):
        xs.lead_capture(actor=member, exhibitor=stand, code=code_for(theirs))
    assert not Lead.objects.exists()


def test_another_exhibitor_cannot_capture_for_the_stand(other_member, stand, operator):
    visitor = make_user("visitor@example.org", full_name="Vi Sitor")
    registration = registration_create(actor=visitor, event=stand.event)
    with pytest.raises(PermissionDenied):
        xs.lead_capture(actor=other_member, exhibitor=stand, code=code_for(registration))
    assert not Lead.objects.exists()


def test_rating_outside_one_to_five_is_refused(member, stand, visitor_registration):
    with pytest.raises(ValidationFailed):
        xs.lead_capture(
            actor=member, exhibitor=stand, registration_id=visitor_registration.pk, rating=6
        )
    assert not Lead.objects.exists()


def test_only_shared_contact_details_travel_with_the_lead(
    operator, member, stand, visitor_registration, other_member, pittsburgh_lab
):
    quiet = make_user("quiet@example.org", consents=("service",), full_name="Quiet Visitor")
    quiet_registration = registration_create(actor=quiet, event=stand.event)
    for user, phone, consent in (
        (other_member, "+1-412-555-0100", True),
        (quiet, "+1-412-555-0199", False),
    ):
        person = make_person(
            operator,
            pittsburgh_lab,
            name_latin=user.full_name,
            phone=phone,
            contact_consent=consent,
        )
        Person.objects.filter(pk=person.pk).update(user=user)  # their own directory entry
    xs.lead_capture(actor=member, exhibitor=stand, code=code_for(visitor_registration))
    xs.lead_capture(actor=member, exhibitor=stand, code=code_for(quiet_registration))
    leads = list(leads_of(stand))
    contacts = {lead.registration.user.email: shared_contacts(leads)[lead.pk] for lead in leads}
    assert contacts["other@example.org"].email == "other@example.org"
    assert contacts["other@example.org"].phone == "+1-412-555-0100"
    assert (contacts["quiet@example.org"].email, contacts["quiet@example.org"].phone) == ("", "")
    consent_set(user=other_member, purpose="contact", given=False)  # withdrawn after the scan
    assert all(c.email == "" for c in shared_contacts(leads).values())


def test_export_is_a_spreadsheet_whose_cells_stay_text(member, stand, visitor_registration):
    xs.lead_capture(
        actor=member, exhibitor=stand, code=code_for(visitor_registration), rating=3,
        note='=HYPERLINK("http://evil.example","click")', tags=["+cmd"],
    )  # fmt: skip
    with translation.override("en"):
        sheet = load_workbook(io.BytesIO(leads_xlsx(stand))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Name", "Organisation", "E-mail", "Phone", "Rating")
    assert rows[1][0] == "Other Member" and rows[1][2] == "other@example.org" and rows[1][4] == 3
    note = sheet.cell(row=2, column=7)
    assert note.value == '=HYPERLINK("http://evil.example","click")' and note.data_type == "s"
    assert sheet.cell(row=2, column=6).data_type == "s"


def test_operator_and_the_stand_download_the_export_others_are_refused(
    client, operator, member, other_member, stand, visitor_registration
):
    xs.lead_capture(actor=member, exhibitor=stand, code=code_for(visitor_registration))
    url = f"/en/events/{stand.event.slug}/stands/{stand.pk}/leads/export.xlsx"
    for user in (operator, member):
        response = login(client, user).get(url)
        assert response.status_code == 200 and response.content.startswith(b"PK")
    assert login(client, other_member).get(url).status_code == 403


def test_the_leads_page_captures_by_typed_code_and_by_choice(
    client, member, stand, visitor_registration
):
    url = f"/en/events/{stand.event.slug}/stands/{stand.pk}/leads/"
    c = login(client, member)
    response = c.post(url, {"code": code_for(visitor_registration), "rating": "5", "tags": "hot"})
    assert response.status_code == 302
    # Scanned once, the visitor is in the stand's list and may be chosen from it.
    response = c.post(url, {"registration": str(visitor_registration.pk), "note": "again"})
    assert response.status_code == 302
    lead = Lead.objects.get()
    assert (lead.rating, lead.note) == (None, "again")
    response = c.post(url, {"code": "YV1.1.forged"})
    assert response.status_code == 200 and Lead.objects.count() == 1
    assert "does not read correctly" in response.content.decode()


def test_the_visitor_sees_who_captured_them(
    client, member, other_member, stand, visitor_registration
):
    xs.lead_capture(actor=member, exhibitor=stand, code=code_for(visitor_registration))
    html = login(client, other_member).get("/en/privacy/my-data/").content.decode()
    assert "Stands that scanned your badge" in html
    assert "영일만배터리" in html and "김회원" in html


def test_lead_counts_give_the_events_outcome_figures(
    member, operator, stand, visitor_registration, pittsburgh_lab
):
    assert lead_counts(stand.event) == {"leads": 0, "exhibitors_with_leads": 0, "visitors": 0}
    xs.lead_capture(actor=member, exhibitor=stand, code=code_for(visitor_registration))
    other_stand = Exhibitor.objects.create(event=stand.event, organisation=pittsburgh_lab)
    visitor = make_user("visitor@example.org")
    registration = registration_create(actor=visitor, event=stand.event)
    xs.lead_capture(actor=member, exhibitor=stand, code=code_for(registration))
    xs.lead_capture(actor=operator, exhibitor=other_stand, code=code_for(registration))
    assert lead_counts(stand.event) == {"leads": 3, "exhibitors_with_leads": 2, "visitors": 2}


def _api(client, method, url, body=None):
    return getattr(client, method)(url, json.dumps(body or {}), content_type="application/json")


def test_api_captures_then_updates_and_refuses_a_tampered_code(
    client, member, stand, visitor_registration
):
    c = login(client, member)
    url = f"/api/v1/exhibitors/{stand.pk}/leads"
    code = code_for(visitor_registration)
    first = _api(c, "post", url, {"code": code, "rating": 3, "tags": ["hot"]})
    assert first.status_code == 201 and first.json()["email"] == "other@example.org"
    again = _api(c, "post", url, {"code": code, "rating": 5})
    assert again.status_code == 200 and again.json()["rating"] == 5
    forged = _api(c, "post", url, {"code": code[:-3] + "abc"})
    assert forged.status_code == 422 and "code" in forged.json()["errors"]
    assert _api(c, "post", url, {"code": code, "rating": 9}).status_code == 422
    assert Lead.objects.get().rating == 5


def test_api_team_must_be_members_and_products_need_a_name(client, member, other_member, stand):
    c = login(client, member)
    team = _api(c, "put", f"/api/v1/exhibitors/{stand.pk}/team", {"users": [other_member.pk]})
    assert team.status_code == 422 and not stand.team.exists()
    nameless = _api(c, "post", f"/api/v1/exhibitors/{stand.pk}/products", {"description_en": "x"})
    assert nameless.status_code == 422 and not stand.items.exists()
    made = _api(c, "post", f"/api/v1/exhibitors/{stand.pk}/products", {"name_en": "Cells"})
    assert made.status_code == 201
    profile = client.get(f"/api/v1/exhibitors/{stand.pk}").json()
    assert [p["name_en"] for p in profile["products"]] == ["Cells"]
    assert profile["missing"] == ["booth", "korean", "english"]


def test_the_leads_page_reads_every_lead_in_a_fixed_number_of_queries(
    client, member, stand, django_assert_max_num_queries
):
    for n in range(8):
        visitor = make_user(f"visitor{n}@example.org", full_name=f"Visitor {n}")
        registration = registration_create(actor=visitor, event=stand.event)
        xs.lead_capture(actor=member, exhibitor=stand, code=code_for(registration), rating=3)
    c = login(client, member)
    with django_assert_max_num_queries(20):
        response = c.get(f"/en/events/{stand.event.slug}/stands/{stand.pk}/leads/")
    assert response.content.decode().count('class="card"') == 8


def test_stands_list_only_participants_who_chose_to_be_listed_or_were_scanned(
    member, stand, visitor_registration, other_member
):
    listed = make_user("listed@example.org", full_name="Listed Visitor")
    listed_registration = registration_create(actor=listed, event=stand.event)
    consent_set(user=listed, purpose="exhibitors", given=True)
    quiet = make_user("quiet@example.org", full_name="Quiet Visitor")
    quiet_registration = registration_create(actor=quiet, event=stand.event)
    consent_set(user=quiet, purpose="exhibitors", given=True)
    consent_set(user=quiet, purpose="exhibitors", given=False)  # changed their mind
    from yeongilman.exhibitors.selectors import capture_candidates

    assert list(capture_candidates(stand)) == [listed_registration]
    # A badge scanned at the stand joins the list (the stand met them).
    xs.lead_capture(actor=member, exhibitor=stand, code=code_for(visitor_registration))
    assert set(capture_candidates(stand)) == {listed_registration, visitor_registration}
    assert quiet_registration not in capture_candidates(stand)


def test_a_lead_without_a_scan_needs_the_visitors_choice(
    client, member, stand, visitor_registration
):
    with translation.override("en"), pytest.raises(ValidationFailed) as refused:
        xs.lead_capture(actor=member, exhibitor=stand, registration_id=visitor_registration.pk)
    assert refused.value.field_errors == {
        "registration": ["Choose a participant from the list, or scan their badge."]
    }
    assert not Lead.objects.exists()
    page = login(client, member).get(f"/en/events/{stand.event.slug}/stands/{stand.pk}/leads/")
    assert visitor_registration.user.full_name not in page.content.decode()
    answer = _api(
        client, "post", f"/api/v1/exhibitors/{stand.pk}/leads",
        {"registration": visitor_registration.pk},
    )  # fmt: skip
    assert answer.status_code == 422 and not Lead.objects.exists()
    consent_set(user=visitor_registration.user, purpose="exhibitors", given=True)
    lead, created = xs.lead_capture(
        actor=member, exhibitor=stand, registration_id=visitor_registration.pk
    )
    assert created and lead.registration == visitor_registration
