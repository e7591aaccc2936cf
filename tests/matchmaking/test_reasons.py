"""Reasons a person believes: words from both profiles first, ordered by contribution, a reason
every card shares said once above the list, weak lists said to be weak."""

from __future__ import annotations

from django.utils import translation

from yeongilman.matching.explain import Reasons
from yeongilman.matchmaking.explanations import ranked_reasons, shown_reasons


def _reasons(**values) -> Reasons:
    base = {
        "shared_industries": (), "shared_terms": (), "query_marks": (), "document_marks": (),
        "direction": "", "need_meets_offer": False, "offer_meets_need": False,
        "kind_fit": False, "country_fit": "",
    }  # fmt: skip
    return Reasons(**{**base, **values})


US = {"country_fit": "US", "contributions": (("country", 3.0), ("text", 0.5))}


def test_the_reasons_follow_what_they_contributed():
    reasons = _reasons(
        bridged_terms=(("양극재", "cathode material"),), need_meets_offer=True,
        shared_industries=("battery",),
        contributions=(("text", 1.4), ("industries", 0.3), ("country", 3.0)),
        country_fit="US",
    )  # fmt: skip
    with translation.override("en"):
        lines = ranked_reasons(reasons, {})
    assert [(x.code, x.business) for x in lines] == [
        ("country", False), ("text", True), ("industries", True)
    ]  # fmt: skip
    assert lines[1].text == "What you look for is what they do: 양극재 = cathode material"


def test_a_reason_on_every_card_is_said_once_above_the_list():
    cards = [
        _reasons(**US, shared_terms=("recycling",)),
        _reasons(**US, bridged_terms=(("수소", "hydrogen"),)),
        _reasons(**US),
    ]
    with translation.override("en"):
        shown = shown_reasons(cards, {})
    assert shown.common == ["In a country you are looking at: United States"]
    assert shown.per_item == [
        ["In both profiles: recycling"], ["In both profiles: 수소 = hydrogen"], []
    ]  # fmt: skip
    assert shown.weak is False


def test_weak_lists_say_so():
    cards = [_reasons(**US, kind_fit=True), _reasons(**US), _reasons(**US, direction="complement")]
    with translation.override("en"):
        shown = shown_reasons(cards, {})
    assert shown.weak is True
    assert shown.common == ["In a country you are looking at: United States"]


def test_a_single_suggestion_keeps_its_reasons():
    with translation.override("en"):
        shown = shown_reasons([_reasons(**US)], {})
    assert shown.common == []
    assert shown.per_item == [["In a country you are looking at: United States"]]
