"""The audit log reads as words in the reader's language: no action codes, no raw dicts."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import login
from yeongilman.programs.services.selection import selection_override


@pytest.mark.parametrize(
    ("lang", "submitted_words", "outcome_words", "by_hand"),
    [("en", "Application submitted", "Selected", "by hand"), ("ko", "신청서 제출", "선정", "수동")],
)
def test_audit_log_in_words(
    client, operator, submitted, lang, submitted_words, outcome_words, by_hand
):
    selection_override(
        actor=operator, application=submitted, outcome="selected", reason="Strong team"
    )
    with translation.override(lang):
        url = reverse("programs:audit", args=[submitted.call.slug])
    html = login(client, operator).get(url).content.decode()
    assert submitted_words in html and outcome_words in html and by_hand in html
    assert "Strong team" in html
    assert "application_submitted" not in html and "outcome_selected" not in html
    assert "{&#x27;" not in html and "{'" not in html
