"""The feedback report: how much feedback there is and what it changes in the first ten."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from yeongilman.matchmaking import selectors, services
from yeongilman.matchmaking.keys import ItemKey
from yeongilman.matchmaking.selectors import feedback_effect


def test_report_counts_feedback_and_shows_what_it_moved(member, battery_startup, ecosystem):
    subject = ItemKey.organisation(battery_startup.pk)
    first = selectors.suggestions(member, organisation=battery_startup).items
    top, second = first[0].key, first[1].key
    services.feedback_record(actor=member, subject=subject, candidate=top, verdict="hidden")
    services.feedback_record(actor=member, subject=subject, candidate=second, verdict="not_useful")
    report = feedback_effect(k=2)
    assert report.verdicts == {"hidden": 1, "not_useful": 1}
    (effect,) = report.subjects
    assert effect.subject == subject and effect.hidden_removed == 1
    assert effect.marked_out == 1 and second not in effect.moved_out  # left the first two
    out = StringIO()
    call_command("matching_feedback_report", "-k", "2", stdout=out)
    assert "2 feedback marks (hidden 1, not_useful 1)" in out.getvalue()
    assert battery_startup.name_en in out.getvalue()
