"""The check-in desk page, walk-ins and desk staff from the page, the mail's QR picture, the
QR on My agenda and the link from the event page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import login
from yeongilman.events.codes import code_for
from yeongilman.events.models import Registration
from yeongilman.onsite.models import CheckIn, CheckInStaff

pytestmark = pytest.mark.django_db


def _url(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.mark.parametrize(
    ("who", "status"),
    [("member", 403), ("foreign_staffer", 403), ("staffer", 200), ("operator", 200)],
)
def test_desk_page_by_role(client, request, summit, staffer, foreign_staffer, who, status):
    login(client, request.getfixturevalue(who))
    assert client.get(_url("onsite:desk", summit.slug)).status_code == status


def test_visitor_is_sent_to_log_in(client, summit):
    response = client.get(_url("onsite:desk", summit.slug))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_desk_page_serves_the_local_decoder_and_shows_counts(client, staffer, summit, member_place):
    login(client, staffer)
    page = client.get(_url("onsite:desk", summit.slug)).content.decode()
    assert "/static/vendor/jsQR.js" in page
    assert 'id="count-registered">1<' in page
    assert 'id="staff-form"' not in page  # staff do not manage staff


def test_walk_in_from_the_page(client, staffer, summit):
    login(client, staffer)
    response = client.post(
        _url("onsite:walk_in", summit.slug),
        {"full_name": "Jane Walker", "email": "jane@example.com", "organisation": "Pohang Co"},
    )
    assert response.status_code == 302
    registration = Registration.objects.get(event=summit, user__email="jane@example.com")
    assert CheckIn.objects.filter(registration=registration).exists()


def test_walk_in_with_a_bad_address_shows_the_form_again(client, staffer, summit):
    login(client, staffer)
    response = client.post(
        _url("onsite:walk_in", summit.slug), {"full_name": "Jane", "email": "not-an-address"}
    )
    assert response.status_code == 422
    assert not Registration.objects.filter(event=summit).exists()


def test_operator_adds_and_removes_staff(client, operator, summit, reviewer):
    login(client, operator)
    client.post(_url("onsite:staff_add", summit.slug), {"email": reviewer.email})
    staff = CheckInStaff.objects.get(event=summit)
    assert staff.user == reviewer
    client.post(_url("onsite:staff_remove", summit.slug, staff.pk))
    assert not CheckInStaff.objects.filter(event=summit).exists()


def test_staff_cannot_name_staff(client, staffer, summit, reviewer):
    login(client, staffer)
    response = client.post(_url("onsite:staff_add", summit.slug), {"email": reviewer.email})
    assert response.status_code == 403
    assert not CheckInStaff.objects.filter(user=reviewer).exists()


def test_qr_picture_for_a_valid_code_only(client, member_place):
    good = client.get(_url("onsite:qr_image", code_for(member_place)))
    assert good.status_code == 200
    assert good["Content-Type"] == "image/png"
    assert good.content.startswith(b"\x89PNG")
    assert client.get(_url("onsite:qr_image", code_for(member_place) + "x")).status_code == 404


def test_confirmation_mail_carries_the_code_and_its_qr_link(member_place):
    from yeongilman.outbox.models import Mail

    mail = Mail.objects.get(user=member_place.user, tag="events/email/confirmed.txt")
    code = code_for(member_place)
    assert code in mail.body
    assert f"/ko/onsite/qr/{code}.png" in mail.body  # the member reads Korean


def test_my_agenda_shows_my_qr_code_until_the_event_is_over(
    client, member, member_place, monkeypatch
):
    login(client, member)
    the_day_before = member_place.event.starts_at - timedelta(days=1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: the_day_before)
    page = client.get(_url("portal:agenda")).content.decode()
    assert code_for(member_place) in page
    assert "<svg" in page
    monkeypatch.undo()  # today: the summit of May 2026 is over
    page = client.get(_url("portal:agenda")).content.decode()
    assert code_for(member_place) not in page
    past = page.split('id="agenda-past"', 1)[1]  # listed under the past events
    assert "영일만 투자 서밋" in past or "Yeongilman Summit" in past


def test_event_page_links_the_desk_for_staff_only(client, staffer, member, summit):
    login(client, member)
    assert (
        'id="check-in-link"' not in client.get(_url("events:detail", summit.slug)).content.decode()
    )
    login(client, staffer)
    assert 'id="check-in-link"' in client.get(_url("events:detail", summit.slug)).content.decode()


def test_confirmation_mail_attaches_the_qr_picture_that_reads_back(
    member, summit, django_capture_on_commit_callbacks
):
    import io

    from django.core import mail as sent

    from tests.factories import register_while_open

    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    with django_capture_on_commit_callbacks(execute=True):
        place = register_while_open(actor=member, event=summit)
    (message,) = [m for m in sent.outbox if m.to == [member.email]]
    ((name, content, kind),) = message.attachments
    assert (name, kind) == ("check-in-code.png", "image/png")
    (found,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(content)))
    assert found.text == code_for(place)
