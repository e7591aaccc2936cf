"""Reads about matchmaking: how often people give feedback on suggestions, and what it changes."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from yeongilman.directory.models import Organisation
from yeongilman.matching.explain import suggest
from yeongilman.matchmaking import adapter
from yeongilman.matchmaking.keys import ItemKey
from yeongilman.partnering.models import Opportunity, SuggestionFeedback, Verdict


@dataclass
class SubjectEffect:
    """What one subject's feedback does to its first suggestions."""

    subject: str
    verdicts: Counter[str]
    hidden_removed: int  # hidden items that were among the first k and are gone
    marked_out: int  # items marked not useful that were among the first k and left them
    moved_out: list[str]  # other items pushed out of the first k by "not useful"
    moved_down: int  # items still shown but lower than before


@dataclass
class FeedbackEffect:
    """Feedback over the whole site, and its effect per subject with feedback."""

    subjects_indexed: int
    verdicts: Counter[str] = field(default_factory=Counter)
    subjects: list[SubjectEffect] = field(default_factory=list)


def feedback_effect(k: int = 10) -> FeedbackEffect:
    """For every organisation or opportunity with feedback: its first k suggested partners
    without the feedback and with it (hidden items gone, "not useful" lowering similar ones)."""
    loaded = adapter.current()
    index, now = loaded.index, timezone.now()
    rows: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for subject, candidate, verdict in SuggestionFeedback.objects.values_list(
        "subject", "candidate", "verdict"
    ):
        rows[subject].append((candidate, verdict))
    report = FeedbackEffect(subjects_indexed=len(index.ids))
    for subject, marks in sorted(rows.items()):
        report.verdicts.update(v for _c, v in marks)
        if ItemKey.parse(subject) is None or subject not in index.position:
            continue
        query = index.query_from_items(*_subject_items(subject, index.position))
        allowed = loaded.candidates(True, now)
        for key in _subject_items(subject, index.position)[0]:
            allowed[index.position[key]] = False
        before = [s.id for s in suggest(index, query, k=k, allowed=allowed)]
        hidden = {c for c, v in marks if v == Verdict.HIDDEN}
        for key in hidden & set(index.position):
            allowed[index.position[key]] = False
        not_useful = [c for c, v in marks if v == Verdict.NOT_USEFUL]
        after = [s.id for s in suggest(index, query, k=k, allowed=allowed, not_useful=not_useful)]
        kept = set(after)
        report.subjects.append(
            SubjectEffect(
                subject,
                Counter(v for _c, v in marks),
                hidden_removed=len(hidden & set(before)),
                marked_out=sum(1 for b in before if b in set(not_useful) and b not in kept),
                moved_out=[
                    b for b in before if b not in kept and b not in hidden | set(not_useful)
                ],
                moved_down=sum(1 for i, b in enumerate(before) if b in kept and after.index(b) > i),
            )
        )
    return report


def _subject_items(subject: str, position: dict[str, int]) -> tuple[list[str], frozenset[str]]:
    """An organisation with its indexed opportunities and the countries they target, as the
    suggestions page queries it; an opportunity alone."""
    key = ItemKey(subject)
    if not key.is_organisation:
        return [key], frozenset()
    own = Opportunity.objects.filter(owner_id=key.pk).values_list("pk", "target_countries")
    extra = [(ItemKey.opportunity(pk), c or []) for pk, c in own]
    extra = [(k, c) for k, c in extra if k in position]
    return [key, *(k for k, _c in extra)], frozenset(x for _k, c in extra for x in c)


def item_names(keys: list[str]) -> dict[str, str]:
    """The English name (else the Korean one) of each organisation or opportunity key."""
    parsed = [k for k in (ItemKey.parse(key) for key in keys) if k is not None]
    orgs = Organisation.objects.filter(pk__in=[k.pk for k in parsed if k.is_organisation])
    opps = Opportunity.objects.filter(pk__in=[k.pk for k in parsed if not k.is_organisation])
    names: dict[str, str] = {ItemKey.organisation(o.pk): o.name_en or o.name_ko for o in orgs}
    names.update({ItemKey.opportunity(o.pk): o.title_en or o.title_ko for o in opps})
    return {k: names.get(k, k) for k in keys}
