"""Demo opportunities: invented for demonstration (not statements of the organisations named),
so the partnering pages and suggestions have something to show on first start."""

from __future__ import annotations

from yeongilman.accounts.models import User
from yeongilman.directory.models import Organisation
from yeongilman.matchmaking.keys import ItemKey
from yeongilman.matchmaking.models import SuggestionFeedback, SuggestionVerdict

# What the demo member of Graphene Square thought of two of its first suggestions, so the
# feedback report and the "useful / not useful" marks have something to show.
FEEDBACK = [
    ("member@demo.yeongilman.kr", "Graphene Square", "Biocom California",
     SuggestionVerdict.NOT_USEFUL),
    ("member@demo.yeongilman.kr", "Graphene Square", "Carnegie Mellon University (CMU)",
     SuggestionVerdict.USEFUL),
]  # fmt: skip


def load_demo_feedback() -> int:
    """Store the demo feedback whose people and organisations exist; returns how many."""
    created = 0
    for email, subject_name, candidate_name, verdict in FEEDBACK:
        user = User.objects.filter(email=email).first()
        names = dict(
            Organisation.objects.filter(name_en__in=[subject_name, candidate_name]).values_list(
                "name_en", "pk"
            )
        )
        if user is None or len(names) < 2:
            continue
        _row, new = SuggestionFeedback.objects.get_or_create(
            user=user, subject=ItemKey.organisation(names[subject_name]),
            candidate=ItemKey.organisation(names[candidate_name]),
            defaults={"verdict": verdict},
        )  # fmt: skip
        created += new
    return created
