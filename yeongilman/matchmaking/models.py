"""The stored match index: vectors and tokens per item, its version, and each web worker's
copy (the tables were created by partnering and keep their names)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yeongilman.core.models import TimeStampedModel


class MatchVector(models.Model):
    """Stored vectors and tokens of one indexed item, so workers start without re-encoding."""

    key = models.CharField(max_length=40, unique=True)  # "org:12" or "opp:3"
    text_hash = models.CharField(max_length=64)
    model_name = models.CharField(max_length=100)
    lang = models.CharField(max_length=2)
    whole = models.BinaryField()
    about = models.BinaryField()
    need = models.BinaryField(null=True)
    tokens = models.TextField()
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        db_table = "partnering_matchvector"  # made by partnering before the app existed

    def __str__(self) -> str:
        return self.key


class MatchIndexState(models.Model):
    """One row: the version of the stored index. Whoever changes stored vectors bumps it in the
    same transaction; web workers compare it (one primary-key read) with the version they
    loaded, so every worker notices a change without counting vectors."""

    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)
    # When a task to refresh the pending items was queued (none queued: null). Changes while
    # one waits only add to what it will refresh (adapter.refresh_later).
    refresh_queued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "partnering_matchindexstate"  # made by partnering before the app existed

    def __str__(self) -> str:
        return f"match index v{self.version}"


class PendingRefresh(models.Model):
    """An item that changed and waits for the next refresh of the index: many changes of the
    same item, or of thousands in an import, become one refresh task."""

    key = models.CharField(max_length=40, unique=True)  # "org:12" or "opp:3"
    marked_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.key


class IndexReplica(models.Model):
    """A web worker's copy of the match index: which version it holds, when it last said so.
    Operators (and /healthz) see here whether every worker follows the stored index."""

    worker = models.CharField(max_length=120, unique=True)  # "host:pid"
    version = models.PositiveBigIntegerField(default=0)
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "partnering_indexreplica"  # made by partnering before the app existed

    def __str__(self) -> str:
        return f"{self.worker} v{self.version}"


class SuggestionVerdict(models.TextChoices):
    USEFUL = "useful", _("Useful")
    NOT_USEFUL = "not_useful", _("Not useful")
    HIDDEN = "hidden", _("Hidden")


class SuggestionFeedback(TimeStampedModel):
    """A member's verdict on one suggestion, kept for evaluation; hidden ones stay hidden."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(max_length=40)  # the key the suggestions were made for
    candidate = models.CharField(max_length=40)  # the key suggested
    verdict = models.CharField(max_length=20, choices=SuggestionVerdict.choices)
    rank = models.PositiveSmallIntegerField(null=True)
    score = models.FloatField(null=True)

    def __str__(self) -> str:
        return f"{self.subject} → {self.candidate}: {self.verdict}"

    class Meta:
        db_table = "partnering_suggestionfeedback"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "subject", "candidate"], name="one_verdict_per_suggestion"
            )
        ]
