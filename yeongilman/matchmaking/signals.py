"""Keep the match index fresh: a saved profile or opportunity is re-indexed after its commit, by
a task worker. Bulk writes (imports, synthetic data) arrive through the directory's own signal."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from yeongilman.directory.models import Organisation
from yeongilman.directory.signals import organisations_saved_in_bulk
from yeongilman.matchmaking import adapter
from yeongilman.matchmaking.keys import ItemKey
from yeongilman.partnering.models import Opportunity


def _later(key: str) -> None:
    if settings.YV_MATCHING_AUTO_INDEX:
        transaction.on_commit(lambda: adapter.refresh_later([key]))


@receiver(post_save, sender=Organisation)
@receiver(post_delete, sender=Organisation)
def organisation_changed(sender: type, instance: Organisation, **kwargs: Any) -> None:
    """Re-index an organisation (and drop it when deleted or unpublished)."""
    _later(ItemKey.organisation(instance.pk))


@receiver(organisations_saved_in_bulk)
def organisations_bulk_changed(sender: type, ids: list[int], **kwargs: Any) -> None:
    """Re-index organisations written in bulk (the signal is sent after their commit)."""
    if settings.YV_MATCHING_AUTO_INDEX:
        adapter.refresh_later(ItemKey.organisation(pk) for pk in ids)


@receiver(post_save, sender=Opportunity)
@receiver(post_delete, sender=Opportunity)
def opportunity_changed(sender: type, instance: Opportunity, **kwargs: Any) -> None:
    """Re-index an opportunity (and drop it when closed, expired or deleted)."""
    _later(ItemKey.opportunity(instance.pk))


@receiver(m2m_changed, sender=Organisation.industries.through)
@receiver(m2m_changed, sender=Opportunity.industries.through)
def industries_changed(sender: type, instance: Any, action: str, **kwargs: Any) -> None:
    """Industries are part of what the engine knows about an item."""
    if action.startswith("post_") and isinstance(instance, Organisation | Opportunity):
        key = ItemKey.organisation if isinstance(instance, Organisation) else ItemKey.opportunity
        _later(key(instance.pk))
