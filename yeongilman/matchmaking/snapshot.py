"""The index's vectors of one version in a file that every web worker of a machine maps
read-only: four workers hold one copy of the vectors instead of four. The first worker to load
a version writes the file (atomically, by rename); the others map it and skip reading the
vectors from the database. Files of older versions are removed once a newer one is written
(a worker that still maps an old file keeps its pages until it lets go)."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np
from django.conf import settings

from yeongilman.matching.engine import DocumentVectors

log = logging.getLogger(__name__)


def snapshot_path(version: int, keys: Sequence[str]) -> Path:
    """Where the vectors of this version and set of items live (`keys` name each item and its
    text's hash, so two loads that saw different items or texts never share a file)."""
    digest = hashlib.sha1("\n".join(keys).encode(), usedforsecurity=False).hexdigest()[:16]
    return Path(settings.YV_MATCHING_SNAPSHOT_DIR) / f"vectors-v{version}-{digest}.npy"


def mapped_vectors(
    path: Path, count: int, read: Callable[[], DocumentVectors]
) -> tuple[DocumentVectors, bool]:
    """The vectors at `path`, mapped; if the file is missing, `read` them (from the database)
    and write it. Workers starting together take turns on a lock, so the first writes the file
    and the others map it instead of each writing its own. Returns the vectors and whether
    they were read from the database."""
    with _lock(path.parent):
        found = open_snapshot(path, count)
        if found is not None:
            return found, False
        return write_snapshot(path, read()), True


@contextlib.contextmanager
def _lock(directory: Path) -> Iterator[None]:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle = open(directory / ".lock", "w")  # noqa: SIM115 - held for the block
    except OSError:  # no usable directory: every worker reads for itself
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def open_snapshot(path: Path, count: int) -> DocumentVectors | None:
    """The mapped vectors at `path`, or None when the file is missing or of another shape."""
    try:
        views = np.load(path, mmap_mode="r")
    except (OSError, ValueError):
        return None
    if views.ndim != 3 or views.shape[0] != 4 or views.shape[1] != count:
        return None
    whole, about, need, flags = (np.asarray(views[i]) for i in range(4))
    return DocumentVectors(whole, about, need, flags[:, 0] > 0)


def write_snapshot(path: Path, vectors: DocumentVectors) -> DocumentVectors:
    """Write the vectors to `path` (float32, plus a row of flags for the stated needs) and
    return them mapped from it; older versions' files are removed. On a disk error the
    vectors stay in this worker's memory."""
    count, dim = vectors.whole.shape
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        views = np.lib.format.open_memmap(
            temporary, mode="w+", dtype=np.float32, shape=(4, count, dim)
        )
        views[0], views[1], views[2] = vectors.whole, vectors.about, vectors.need
        views[3] = 0.0
        views[3, :, 0] = vectors.has_need
        views.flush()
        del views
        os.replace(temporary, path)
    except OSError as exc:
        log.warning("matching snapshot not written (%s): vectors stay in this worker", exc)
        return vectors
    _remove_older(path)
    return open_snapshot(path, count) or vectors


def _remove_older(current: Path) -> None:
    version = _version_of(current.name)
    for other in current.parent.glob("vectors-v*.npy"):
        if other != current and _version_of(other.name) < version:
            other.unlink(missing_ok=True)


def _version_of(name: str) -> int:
    try:
        return int(name.split("-")[1][1:])
    except (IndexError, ValueError):
        return -1
