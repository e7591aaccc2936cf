"""The one key type of the match index: "org:12" for an organisation, "opp:3" for an opportunity.

An `ItemKey` is a `str` (the engine, the stored vectors and the feedback rows keep plain text),
built and read only through this class so that no module slices or splits keys by hand."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

ORG: Literal["org"] = "org"
OPP: Literal["opp"] = "opp"
KINDS = (ORG, OPP)


class ItemKey(str):
    """Index key of an organisation or an opportunity; `ItemKey("x")` raises ValueError."""

    __slots__ = ()

    def __new__(cls, text: str) -> ItemKey:
        kind, sep, pk = text.partition(":")
        if kind not in KINDS or not sep or not pk.isdigit() or not pk.isascii():
            raise ValueError(f"not an index key: {text!r}")
        return super().__new__(cls, text)

    @classmethod
    def organisation(cls, pk: int) -> ItemKey:
        """The key of an organisation."""
        return cls(f"{ORG}:{int(pk)}")

    @classmethod
    def opportunity(cls, pk: int) -> ItemKey:
        """The key of an opportunity."""
        return cls(f"{OPP}:{int(pk)}")

    @classmethod
    def parse(cls, text: str) -> ItemKey | None:
        """The key written as `text`, or None when it is not one."""
        try:
            return cls(text)
        except ValueError:
            return None

    @property
    def kind(self) -> str:
        """ "org" or "opp"."""
        return self.partition(":")[0]

    @property
    def pk(self) -> int:
        """The primary key of the organisation or opportunity."""
        return int(self.partition(":")[2])

    @property
    def is_organisation(self) -> bool:
        """Whether the key names an organisation."""
        return self.kind == ORG


def primary_keys(keys: Iterable[str], kind: str) -> list[int]:
    """The primary keys of the keys of one kind ("org" or "opp"); texts that are not keys are
    skipped."""
    found = (ItemKey.parse(k) for k in keys)
    return [k.pk for k in found if k is not None and k.kind == kind]
