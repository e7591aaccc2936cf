"""Reads about matchmaking: how often people give feedback on suggestions, and what it changes."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from django.utils import timezone

from yeongilman.directory.models import Organisation
from yeongilman.matching.engine import Query
from yeongilman.matching.explain import suggest
from yeongilman.matchmaking import adapter
from yeongilman.matchmaking.keys import ItemKey
from yeongilman.partnering.access import subject_owner_id
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
        owner_id = subject_owner_id(subject)
        if owner_id is None or subject not in index.position:
            continue
        own = own_opportunities(owner_id)
        query, allowed = subject_query(loaded, subject, owner_id, own, now=now)
        before = [s.id for s in suggest(index, query, k=k, allowed=allowed)]
        hidden = {c for c, v in marks if v == Verdict.HIDDEN}
        _, allowed = subject_query(loaded, subject, owner_id, own, now=now, hidden=hidden)
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


def own_opportunities(owner_id: int) -> dict[str, list[str]]:
    """The keys of an organisation's opportunities with the countries each targets."""
    rows = Opportunity.objects.filter(owner_id=owner_id).values_list("pk", "target_countries")
    return {ItemKey.opportunity(pk): countries or [] for pk, countries in rows}


def subject_query(
    loaded: adapter.LoadedIndex, key: str, owner_id: int, own: dict[str, list[str]], *,
    now: datetime, partners: bool = True, hidden: Iterable[str] = (),
) -> tuple[Query, np.ndarray]:  # fmt: skip
    """What the suggestions for an item rank: the query (an organisation with its indexed
    opportunities and the countries they target; an opportunity with its own targets) and
    the candidates allowed (partners or opportunities, not expired, not the owner's own items
    and not what was hidden)."""
    index = loaded.index
    if ItemKey(key).is_organisation:
        extra = [k for k in own if k in index.position]
        countries = {c for k in extra for c in own[k]}
    else:
        extra, countries = [], set(own.get(key, []))
    query = index.query_from_items([key, *extra], frozenset(countries))
    allowed = loaded.candidates(partners, now)
    for excluded in {ItemKey.organisation(owner_id), key, *own, *hidden}:
        if excluded in index.position:
            allowed[index.position[excluded]] = False
    return query, allowed


def item_names(keys: list[str]) -> dict[str, str]:
    """The English name (else the Korean one) of each organisation or opportunity key."""
    parsed = [k for k in (ItemKey.parse(key) for key in keys) if k is not None]
    orgs = Organisation.objects.filter(pk__in=[k.pk for k in parsed if k.is_organisation])
    opps = Opportunity.objects.filter(pk__in=[k.pk for k in parsed if not k.is_organisation])
    names: dict[str, str] = {ItemKey.organisation(o.pk): o.name_en or o.name_ko for o in orgs}
    names.update({ItemKey.opportunity(o.pk): o.title_en or o.title_ko for o in opps})
    return {k: names.get(k, k) for k in keys}
