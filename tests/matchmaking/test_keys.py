"""The index key type: built from primary keys, read back, and strict about what it accepts."""

from __future__ import annotations

import pytest

from yeongilman.matchmaking.keys import OPP, ORG, ItemKey, primary_keys


def test_a_key_reads_back_its_kind_and_primary_key():
    key = ItemKey.organisation(12)
    assert key == "org:12"
    assert (key.kind, key.pk, key.is_organisation) == (ORG, 12, True)
    other = ItemKey.opportunity(3)
    assert (other.kind, other.pk, other.is_organisation) == (OPP, 3, False)


@pytest.mark.parametrize(
    "text", ["", "org", "org:", "org:x", "usr:1", "org:1:2", "org:-1", "org:١"]
)
def test_texts_that_are_not_keys_are_refused(text):
    assert ItemKey.parse(text) is None
    with pytest.raises(ValueError):
        ItemKey(text)


def test_primary_keys_picks_one_kind_and_skips_junk():
    keys = ["org:1", "opp:2", "org:30", "junk", "opp:x"]
    assert primary_keys(keys, ORG) == [1, 30]
    assert primary_keys(keys, OPP) == [2]
