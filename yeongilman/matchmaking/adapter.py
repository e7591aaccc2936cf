"""The Django side of matchmaking: turns published organisations and live opportunities into the
engine's documents, stores their vectors and tokens (encoded once, skipped when unchanged, by
task workers), and keeps one in-memory index per web worker that a watcher thread reloads when
the stored index's version moves."""

from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import hashlib
import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from django.conf import settings
from django.db import IntegrityError, close_old_connections, transaction
from django.db.models import F, Q
from django.utils import timezone

from yeongilman.directory.models import Industry, Organisation
from yeongilman.matching.bridge import default_bridge
from yeongilman.matching.encoders import Encoder, encoder_named
from yeongilman.matching.engine import Document, DocumentVectors, MatchingIndex, encode_documents
from yeongilman.matching.explain import suggest
from yeongilman.matching.limits import read_limits
from yeongilman.matching.roles import split_roles
from yeongilman.matchmaking.keys import OPP, ORG, ItemKey, primary_keys
from yeongilman.matchmaking.models import (
    IndexReplica,
    MatchIndexState,
    MatchVector,
    PendingRefresh,
)
from yeongilman.matchmaking.snapshot import mapped_vectors, snapshot_path
from yeongilman.partnering.models import TYPE_DIRECTION, Opportunity, OpportunityStatus
from yeongilman.tokenizer import tokenize

log = logging.getLogger(__name__)
BATCH = 64


def _language_and_text(
    ko_title: str, en_title: str, ko_body: str, en_body: str, country: str
) -> tuple[str, str]:
    """The one language a bilingual item is indexed in: its country's, when it has both."""
    has_ko, has_en = bool(ko_body.strip() or ko_title.strip()), bool(en_body.strip())
    lang = "ko" if has_ko and (not has_en or country == "KR") else "en"
    title, body = (
        (ko_title or en_title, ko_body) if lang == "ko" else (en_title or ko_title, en_body)
    )
    return lang, ". ".join(p for p in (title.strip(), body.strip()) if p)


def organisation_document(org: Organisation) -> Document:
    """An organisation profile as a matching document."""
    return _organisation_document(
        org.pk, org.name_ko, org.name_en, org.description_ko, org.description_en,
        org.country, org.kind, tuple(i.code for i in org.industries.all()),
    )  # fmt: skip


def _organisation_document(
    pk: int, name_ko: str, name_en: str, description_ko: str, description_en: str,
    country: str, kind: str, industries: tuple[str, ...],
) -> Document:  # fmt: skip
    lang, text = _language_and_text(name_ko, name_en, description_ko, description_en, country)
    offers = frozenset({"investment"}) if kind == "investor" else frozenset()
    return Document(ItemKey.organisation(pk), text, lang, kind, industries, country, offers=offers)


def organisation_documents() -> list[Document]:
    """Every indexable organisation as a document, read as plain rows (industries from the
    profile's industry bits): a fraction of the time model instances with a prefetch take."""
    codes = sorted(Industry.objects.values_list("position", "code"))
    rows = Organisation.objects.filter(is_published=True).values_list(
        "pk", "name_ko", "name_en", "description_ko", "description_en", "country", "kind",
        "industry_mask",
    )  # fmt: skip
    return [
        _organisation_document(
            pk,
            name_ko,
            name_en,
            description_ko,
            description_en,
            country,
            kind,
            tuple(code for position, code in codes if mask >> position & 1),
        )  # fmt: skip
        for pk, name_ko, name_en, description_ko, description_en, country, kind, mask in rows
    ]


def opportunity_document(opp: Opportunity) -> Document:
    """An opportunity as a matching document (its type gives the direction of need)."""
    owner = opp.owner
    lang, text = _language_and_text(
        opp.title_ko, opp.title_en, opp.description_ko, opp.description_en, owner.country
    )
    side, topic = TYPE_DIRECTION[opp.type]
    return Document(
        ItemKey.opportunity(opp.pk), text, lang, owner.kind,
        tuple(i.code for i in opp.industries.all()), owner.country,
        offers=frozenset({topic}) if side == "offers" else frozenset(),
        seeks=frozenset({topic}) if side == "seeks" else frozenset(),
    )  # fmt: skip


def indexable_organisations() -> Iterable[Organisation]:
    """Published organisations with some text to match on."""
    return Organisation.objects.filter(is_published=True).prefetch_related("industries")


def live_opportunities() -> Iterable[Opportunity]:
    """Published opportunities that have not expired."""
    now = timezone.now()
    return (
        Opportunity.objects.filter(status=OpportunityStatus.PUBLISHED, owner__is_published=True)
        .exclude(expires_at__lte=now)
        .select_related("owner")
        .prefetch_related("industries")
    )


def _text_hash(document: Document) -> str:
    return hashlib.sha256(f"{document.lang}\n{document.text}".encode()).hexdigest()


_encoder_lock = threading.Lock()
_encoder: Encoder | None = None


def encoder() -> Encoder:
    """The process's encoder (loaded once, on first use)."""
    global _encoder
    with _encoder_lock:
        if _encoder is None:
            _encoder = encoder_named(settings.YV_MATCHING_ENCODER)
        return _encoder


def _blob(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def store_documents(
    documents: list[Document], progress: Callable[[int], None] | None = None
) -> int:
    """Encode and store the documents whose text or model changed; returns how many."""
    enc = encoder()
    known = {
        row["key"]: (row["text_hash"], row["model_name"])
        for row in MatchVector.objects.filter(key__in=[d.id for d in documents]).values(
            "key", "text_hash", "model_name"
        )
    }
    changed = [d for d in documents if known.get(d.id) != (_text_hash(d), enc.name)]
    if progress:
        progress(len(documents) - len(changed))
    for start in range(0, len(changed), BATCH):
        chunk = changed[start : start + BATCH]
        vectors = encode_documents(chunk, enc)
        for i, d in enumerate(chunk):
            values = {
                "text_hash": _text_hash(d),
                "model_name": enc.name,
                "lang": d.lang,
                "whole": _blob(vectors.whole[i]),
                "about": _blob(vectors.about[i]),
                "need": _blob(vectors.need[i]) if vectors.has_need[i] else None,
                "tokens": " ".join(tokenize(d.text)),
            }
            try:
                with transaction.atomic():
                    MatchVector.objects.update_or_create(key=d.id, defaults=values)
            except IntegrityError:  # a background refresh stored the same item meanwhile
                MatchVector.objects.filter(key=d.id).update(**values)
        if progress:
            progress(len(chunk))
    return len(changed)


def refresh(keys: Iterable[str]) -> None:
    """Re-index the given items now: encode changed ones, drop those no longer indexable."""
    keys = list(keys)
    org_ids, opp_ids = primary_keys(keys, ORG), primary_keys(keys, OPP)
    documents: list[Document] = []
    for org in indexable_organisations().filter(pk__in=org_ids):  # type: ignore[attr-defined]
        documents.append(organisation_document(org))
    for opp in live_opportunities().filter(pk__in=opp_ids):  # type: ignore[attr-defined]
        documents.append(opportunity_document(opp))
    present = {d.id for d in documents}
    gone = [ItemKey.organisation(i) for i in org_ids] + [ItemKey.opportunity(i) for i in opp_ids]
    MatchVector.objects.filter(key__in=[k for k in gone if k not in present]).delete()
    store_documents([d for d in documents if d.text])
    version_bump()


def _indexable_dropping_stale() -> tuple[list[Document], bool]:
    """Every indexable document; stored items no longer among them are deleted (and whether
    any were)."""
    documents = organisation_documents()
    documents += [opportunity_document(o) for o in live_opportunities()]
    documents = [d for d in documents if d.text]
    wanted = {d.id for d in documents}
    stale = set(MatchVector.objects.values_list("key", flat=True)) - wanted
    MatchVector.objects.filter(key__in=stale).delete()
    return documents, bool(stale)


def rebuild_plan() -> tuple[int, list[str]]:
    """Drop stored items that are no longer indexable; return (items, keys needing encoding)."""
    documents, dropped = _indexable_dropping_stale()
    if dropped:
        version_bump()
    known = {
        key: (text_hash, model)
        for key, text_hash, model in MatchVector.objects.values_list(
            "key", "text_hash", "model_name"
        )
    }
    name = encoder().name
    changed = [d.id for d in documents if known.get(d.id) != (_text_hash(d), name)]
    return len(documents), changed


def rebuild(progress: Callable[[int], None] | None = None) -> tuple[int, int]:
    """Bring the stored index in line with the database; returns (items, encoded)."""
    documents, _dropped = _indexable_dropping_stale()
    encoded = store_documents(documents, progress)
    version_bump()
    return len(documents), encoded


# --- re-indexing in task workers ------------------------------------------------------------

REFRESH_KEYS_PER_TASK = 200
# One refresh task works through at most this many pending items, then queues the next one,
# so a worker that serves several lanes lets other tasks in between.
PENDING_KEYS_PER_TASK = 2000
# A refresh task queued this long ago and not started counts as lost: the next change queues
# another (the daily rebuild is the safety net beyond that).
PENDING_TASK_STALE_SECONDS = 600


def refresh_later(
    keys: Iterable[str], *, job_id: int | None = None, attempt: int | None = None
) -> None:
    """Re-index items from a task worker (at once where settings say so). Changes are marked
    as pending and one task refreshes all that are pending when it runs, however many changes
    came in meanwhile; chunks of a rebuild job are tasks of their own that report to it."""
    keys = sorted(set(keys))
    if not keys:
        return
    if settings.YV_MATCHING_INLINE and job_id is None:
        refresh(keys)
        return
    if job_id is None:
        mark_for_refresh(keys)
        return
    from yeongilman.matchmaking.tasks import refresh_match_index

    for start in range(0, len(keys), REFRESH_KEYS_PER_TASK):
        refresh_match_index.enqueue(keys[start : start + REFRESH_KEYS_PER_TASK], job_id, attempt)


def mark_for_refresh(keys: list[str]) -> None:
    """Mark items as changed and queue the refresh task unless one is already waiting."""
    now = timezone.now()
    PendingRefresh.objects.bulk_create(
        [PendingRefresh(key=key, marked_at=now) for key in keys],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["marked_at"],
        batch_size=500,
    )
    _queue_pending_refresh(now)


def _queue_pending_refresh(now: datetime) -> None:
    stale = now - timedelta(seconds=PENDING_TASK_STALE_SECONDS)
    waiting = Q(refresh_queued_at__isnull=True) | Q(refresh_queued_at__lt=stale)
    claimed = MatchIndexState.objects.filter(waiting, pk=1).update(refresh_queued_at=now)
    if not claimed:
        with contextlib.suppress(IntegrityError), transaction.atomic():
            MatchIndexState.objects.create(pk=1, version=0, refresh_queued_at=now)
            claimed = 1
    if claimed:
        from yeongilman.matchmaking.tasks import refresh_pending_match_items

        refresh_pending_match_items.enqueue()


def refresh_pending(limit: int = PENDING_KEYS_PER_TASK) -> int:
    """Refresh the items marked as pending (at most `limit`, then queue the next task);
    returns how many were refreshed. An item changed again while it was being refreshed stays
    pending."""
    # Changes from here on queue the next task (this one may have read past them already).
    MatchIndexState.objects.filter(pk=1).update(refresh_queued_at=None)
    done = 0
    while done < limit:
        rows = list(
            PendingRefresh.objects.order_by("marked_at", "key").values_list("key", "marked_at")[
                :REFRESH_KEYS_PER_TASK
            ]
        )
        if not rows:
            return done
        keys = [key for key, _marked in rows]
        refresh(keys)
        newest = max(marked for _key, marked in rows)
        PendingRefresh.objects.filter(key__in=keys, marked_at__lte=newest).delete()
        done += len(keys)
    if PendingRefresh.objects.exists():
        _queue_pending_refresh(timezone.now())
    return done


def version_bump() -> None:
    """Tell every web worker that the stored index changed."""
    updated = MatchIndexState.objects.filter(pk=1).update(version=F("version") + 1)
    if not updated:
        with contextlib.suppress(IntegrityError), transaction.atomic():
            MatchIndexState.objects.create(pk=1, version=1)


def stored_version() -> int:
    """The stored index's version (0 before anything was indexed)."""
    return MatchIndexState.objects.filter(pk=1).values_list("version", flat=True).first() or 0


# --- the in-memory index -------------------------------------------------------------------


@dataclass
class LoadedIndex:
    """An in-memory index with what the web layer needs beside it."""

    index: MatchingIndex
    version: int
    is_organisation: np.ndarray  # per document: an organisation (else an opportunity)
    expires_at: np.ndarray  # per document: POSIX time of expiry, inf when none

    def candidates(self, organisations: bool, now: datetime) -> np.ndarray:
        """Documents of the wanted type that have not expired by `now`."""
        kind = self.is_organisation if organisations else ~self.is_organisation
        return kind & (self.expires_at > now.timestamp())


_loaded: LoadedIndex | None = None
_load_lock = threading.Lock()


def _from_blob(blob: bytes | memoryview | None, dim: int) -> np.ndarray:
    if blob is None:
        return np.zeros(dim, dtype=np.float32)
    return np.frombuffer(bytes(blob), dtype=np.float32)


def load() -> LoadedIndex:
    """Build the in-memory index from stored vectors and the current database rows."""
    version = stored_version()
    orgs = {d.id: d for d in organisation_documents()}
    opps = list(live_opportunities())
    documents_by_key: dict[str, Document] = {**orgs}
    documents_by_key.update({ItemKey.opportunity(o.pk): opportunity_document(o) for o in opps})
    expires: dict[str, float] = {
        ItemKey.opportunity(o.pk): o.expires_at.timestamp() for o in opps if o.expires_at
    }
    stored = MatchVector.objects.order_by("pk")
    hashes = {
        k: h
        for k, h in stored.values_list("key", "text_hash").iterator(5000)
        if k in documents_by_key
    }
    keys = list(hashes)
    position = {k: i for i, k in enumerate(keys)}
    path = snapshot_path(version, [f"{k} {h}" for k, h in hashes.items()])
    tokens: list[list[str]] = [[] for _k in keys]
    if settings.YV_MATCHING_SNAPSHOT:
        vectors, read = mapped_vectors(
            path, len(keys), functools.partial(_read_vectors, stored, position, tokens)
        )
    else:
        vectors, read = _read_vectors(stored, position, tokens), True
    if not read:  # another worker of this machine wrote this version: only tokens needed
        for key, t in stored.values_list("key", "tokens").iterator(5000):
            if (i := position.get(key)) is not None:
                tokens[i] = t.split()
    index = MatchingIndex(
        [documents_by_key[k] for k in keys],
        encoder(),
        vectors=vectors,
        tokens=tokens,
        bridge=default_bridge().with_pairs(Industry.objects.values_list("name_ko", "name_en")),
    )
    is_organisation = np.array([ItemKey(k).is_organisation for k in keys], dtype=bool)
    expires_at = np.array([expires.get(k, np.inf) for k in keys], dtype=np.float64)
    del tokens, keys, hashes, position, documents_by_key, orgs, opps
    # The per-text caches help a reload only while the corpus fits them; beyond that they hold
    # about 80 MB per worker at 100,000 profiles for almost no hits.
    if len(index.documents) > (split_roles.cache_info().maxsize or 0):
        split_roles.cache_clear()
        read_limits.cache_clear()
    _return_freed_memory()
    return LoadedIndex(index, version, is_organisation, expires_at)


def _read_vectors(
    stored: Any, position: dict[str, int], tokens: list[list[str]]
) -> DocumentVectors:
    """The stored vectors (and tokens, into `tokens`) of the items at `position`."""
    first = stored.values_list("whole", flat=True).first()
    dim = len(bytes(first)) // 4 if first is not None else 384
    whole = np.zeros((len(position), dim), dtype=np.float32)
    about = np.zeros_like(whole)
    need = np.zeros_like(whole)
    has_need = np.zeros(len(position), dtype=bool)
    # Streamed into the arrays: holding every blob at once doubled the peak and left the
    # worker's heap fragmented (RSS about 3 kB per profile above what the index holds).
    rows = stored.values_list("key", "whole", "about", "need", "tokens").iterator(2000)
    for key, w, a, n, t in rows:
        i = position.get(key)
        if i is None:  # stored after the keys were read, or of a hidden item
            continue
        whole[i] = _from_blob(w, dim)
        about[i] = _from_blob(a, dim)
        if n is not None:
            need[i] = _from_blob(n, dim)
            has_need[i] = True
        tokens[i] = t.split()
    return DocumentVectors(whole, about, need, has_need)


def _return_freed_memory() -> None:
    """Give the blobs read while loading back to the OS (glibc keeps freed memory otherwise)."""
    gc.collect()
    with contextlib.suppress(OSError):  # not glibc: nothing to do
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def current() -> LoadedIndex:
    """The worker's index, loaded on first use (or at start by `warm_up`); the watcher thread
    swaps in a fresh one when the stored version moves. Inline settings reload every time."""
    global _loaded
    loaded = _loaded
    if loaded is None or settings.YV_MATCHING_INLINE:
        with _load_lock:
            if _loaded is None or settings.YV_MATCHING_INLINE:
                _loaded = load()
            return _loaded
    return loaded


def reload_if_changed() -> bool:
    """Load the stored index again if its version moved; True when it did."""
    global _loaded
    loaded = _loaded
    if loaded is None or loaded.version == stored_version():
        return False
    fresh = load()
    with _load_lock:
        _loaded = fresh
    return True


REPLICA_REPORT_SECONDS = 15.0


def replica_name() -> str:
    """This process as the index's replicas table names it."""
    return f"{socket.gethostname()}:{os.getpid()}"[:120]


def replica_report() -> None:
    """Record which index version this process holds (read by /healthz and operators)."""
    IndexReplica.objects.update_or_create(
        worker=replica_name(),
        defaults={"version": loaded_version() or 0, "seen_at": timezone.now()},
    )


def _watch(every: float) -> None:
    """Keep this process's index in step with the stored one (a local cache only: the work of
    indexing happens in task workers), and say which version it holds."""
    reported_at = 0.0
    while True:
        try:
            changed = reload_if_changed()
            if changed or time.monotonic() - reported_at >= REPLICA_REPORT_SECONDS:
                replica_report()
                reported_at = time.monotonic()
        except Exception:  # the database may be restarting: try again at the next tick
            log.exception("match index reload failed")
        finally:
            close_old_connections()
        time.sleep(every)


_watcher: threading.Thread | None = None


def start_watching() -> None:
    """Start the thread that keeps this worker's index fresh, idle or not (once per process)."""
    global _watcher
    if _watcher is None or not _watcher.is_alive():
        every = float(settings.YV_MATCHING_POLL_SECONDS)
        _watcher = threading.Thread(
            target=_watch, args=(every,), name="match-index-watch", daemon=True
        )
        _watcher.start()


def warm_up() -> None:
    """Load the encoder, Kiwi and the index now (a server worker at start), so no user waits
    for them, and start watching for changes."""
    started = time.monotonic()
    encoder().encode(["query: 포항 warm-up"], query=True)
    tokenize("포항 이차전지 기업을 찾습니다 warm-up")
    loaded = current()
    _first_ranking(loaded)
    replica_report()
    close_old_connections()
    # What is loaded now lives as long as the worker: keep it out of the collector's full
    # passes, which otherwise walk it every few thousand requests (pauses of a few hundred ms).
    gc.collect()
    gc.freeze()
    start_watching()
    log.info(
        "match index warm: %d documents, version %d, %.1f s",
        len(loaded.index.documents), loaded.version, time.monotonic() - started,
    )  # fmt: skip


def _first_ranking(loaded: LoadedIndex) -> None:
    """Rank and explain once, and compile the suggestion page's templates and catalogues, so
    the first person to open suggestions does not pay for what happens only once."""
    from django.template.loader import get_template
    from django.utils import translation

    if loaded.index.ids:
        suggest(loaded.index, loaded.index.query_from_items([loaded.index.ids[0]]), k=10)
    for language in ("ko", "en"):
        with translation.override(language):
            get_template("matchmaking/suggestions.html")
            translation.gettext("Suggested partners")


def replicas(within_seconds: int = 60) -> list[dict[str, Any]]:
    """The web workers that reported recently, with the index version each holds."""
    now = timezone.now()
    rows = IndexReplica.objects.filter(seen_at__gte=now - timedelta(seconds=within_seconds))
    return [
        {
            "worker": r.worker,
            "version": r.version,
            "seen_seconds_ago": round((now - r.seen_at).total_seconds(), 1),
        }
        for r in rows.order_by("worker")
    ]


def backlog() -> dict[str, int]:
    """Published profiles with and without stored vectors (operators see what waits)."""
    published = Organisation.objects.filter(is_published=True).count()
    indexed = MatchVector.objects.filter(key__startswith=ORG + ":").count()
    return {"published": published, "indexed": indexed, "waiting": max(0, published - indexed)}


def loaded_version() -> int | None:
    """The version of the index this process holds (None before it loaded one)."""
    loaded = _loaded
    return loaded.version if loaded is not None else None


def forget() -> None:
    """Drop the in-memory index (tests; after a rebuild in the same process)."""
    global _loaded
    with _load_lock:
        _loaded = None
