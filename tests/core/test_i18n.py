"""One way to read, check, show and type a Korean/English pair."""

import pytest
from django.template import Context, Template
from django.utils import translation

from yeongilman.core.i18n import Bilingual, one_language_errors
from yeongilman.core.schemas import TitleTextIn, TitleTextPatch
from yeongilman.directory.models import Organisation, Person
from yeongilman.partnering.api import OpportunityIn, OpportunityOut


class Item:
    title = Bilingual()
    name = Bilingual("name_ko", "name_latin")

    def __init__(self, **values: str) -> None:
        self.__dict__.update({"title_ko": "", "title_en": "", "name_ko": "", "name_latin": ""})
        self.__dict__.update(values)


def test_the_viewers_language_comes_first_with_the_other_beside_it():
    item = Item(title_ko="포항 투자", title_en="Pohang investment")
    with translation.override("ko"):
        assert (item.title.primary, item.title.secondary) == ("포항 투자", "Pohang investment")
    with translation.override("en"):
        assert item.title.primary == "Pohang investment"
        assert (item.title.secondary, item.title.secondary_lang) == ("포항 투자", "ko")


def test_a_missing_side_falls_back_to_the_other_language():
    item = Item(title_ko="수소 연료전지")
    with translation.override("en"):
        assert item.title.primary == "수소 연료전지"
        assert item.title.primary_lang == "ko"
        assert item.title.secondary == ""
    assert str(Item().title) == ""


def test_a_pair_can_name_its_columns():
    with translation.override("en"):
        assert Item(name_ko="김영희", name_latin="Kim Younghee").name.primary == "Kim Younghee"
    assert isinstance(Person.name, Bilingual)
    assert isinstance(Organisation.name, Bilingual)


def test_one_message_on_the_korean_side_when_both_are_empty():
    with translation.override("en"):
        assert one_language_errors("title", "  ", "") == {
            "title_ko": ["Give the title in Korean or English."]
        }
    assert one_language_errors("title", "", "Hydrogen") == {}
    assert one_language_errors("name", "수소", None) == {}


@pytest.mark.django_db
def test_every_service_uses_the_same_key_and_message(member, battery_startup):
    from yeongilman.core.errors import ValidationFailed
    from yeongilman.partnering import services

    with translation.override("en"), pytest.raises(ValidationFailed) as caught:
        services.opportunity_create(
            actor=member, owner=battery_startup, values={"type": "business_offer"}
        )
    assert caught.value.field_errors["title_ko"] == ["Give the title in Korean or English."]
    assert caught.value.field_errors["description_ko"] == [
        "Give the description in Korean or English."
    ]


def test_the_other_language_is_marked_with_its_lang():
    template = Template("{% load bilingual %}{% other_language item.title 'p' 'alt-name' %}")
    item = Item(title_ko="포항", title_en="Pohang")
    with translation.override("en"):
        html = template.render(Context({"item": item}))
    assert html == '<p class="alt-name" lang="ko">포항</p>'
    assert template.render(Context({"item": Item(title_en="Pohang")})) == ""


def test_line_breaks_are_kept_when_asked():
    template = Template("{% load bilingual %}{% other_language text 'p' 'x' 'br' %}")
    with translation.override("ko"):
        html = template.render(Context({"text": Item(title_ko="하나", title_en="one\ntwo").title}))
    assert html == '<p class="x" lang="en">one<br>two</p>'


def test_schemas_inherit_the_pairs_with_their_limits():
    assert {"title_ko", "title_en", "description_ko", "description_en"} <= set(
        OpportunityOut.model_fields
    )
    assert OpportunityIn.model_fields["title_ko"].default == ""
    assert TitleTextPatch.model_fields["title_en"].default is None
    with pytest.raises(ValueError, match="at most 200"):
        TitleTextIn.model_validate({"title_ko": "가" * 201})
