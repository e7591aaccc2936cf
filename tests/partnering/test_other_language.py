"""Content in the other language says so once, in the reader's language; people's names are
written for the reader (Latin letters on English pages, Hangul on Korean ones)."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.conftest import login
from tests.factories import make_user
from yeongilman.core.i18n import pick
from yeongilman.core.templatetags.bilingual import language_note
from yeongilman.events.services import registration_create
from yeongilman.onsite.printing.data import person_names
from yeongilman.partnering import services

pytestmark = pytest.mark.django_db


def test_a_text_knows_when_the_reader_gets_the_other_language():
    assert pick("배터리 수요", "", "en").in_other_language is True
    assert pick("배터리 수요", "Battery demand", "en").in_other_language is False
    assert pick("", "Battery demand", "ko").in_other_language is True
    assert pick("", "", "ko").in_other_language is False


def test_the_note_is_in_the_readers_language_and_once_per_item():
    with translation.override("en"):
        english = language_note(pick("배터리 수요", "", "en"), pick("설명", "", "en"))
    with translation.override("ko"):
        korean = language_note(pick("", "Battery demand", "ko"))
        none = language_note(pick("배터리 수요", "", "ko"))
    assert english == '<span class="lang-note" data-lang="ko">in Korean</span>'
    assert korean == '<span class="lang-note" data-lang="en">영어로 작성됨</span>'
    assert none == ""


def test_english_opportunity_list_marks_the_korean_only_one(
    client, member, korean_draft, pittsburgh_offer
):
    services.opportunity_set_status(actor=member, opportunity=korean_draft, status="published")
    english = client.get("/en/partnering/").content.decode()
    korean = client.get("/ko/partnering/").content.decode()
    assert english.count('class="lang-note"') == 1
    assert (
        'lang="ko">배터리 검사 로봇 기술 수요</a> <span class="lang-note" data-lang="ko">in Korean'
        in english
    )
    assert korean.count('class="lang-note"') == 1  # the English-only offer
    assert "영어로 작성됨" in korean


def test_account_names_follow_the_page_language():
    user = make_user("kim@example.org", full_name="김민준", name_latin="Kim Min-jun")
    with translation.override("en"):
        assert str(user) == "Kim Min-jun"
    with translation.override("ko"):
        assert str(user) == "김민준"
    plain = make_user("jane@example.org", full_name="Jane Doe")
    with translation.override("en"):
        assert str(plain) == "Jane Doe"


def test_badge_takes_the_accounts_latin_name_without_a_directory_person(b2b_day):
    user = make_user("kim@example.org", full_name="김민준", name_latin="Kim Min-jun")
    registration = registration_create(actor=user, event=b2b_day)
    assert person_names(registration) == ("김민준", "Kim Min-jun")


def test_profile_saves_the_name_in_latin_letters(client, member):
    login(client, member)
    answer = client.post(
        "/en/accounts/profile/",
        {"full_name": "김회원", "name_latin": "Kim Hoe-won", "language": "en", "time_zone": ""},
    )
    assert answer.status_code == 302
    member.refresh_from_db()
    assert (member.full_name, member.name_latin) == ("김회원", "Kim Hoe-won")
