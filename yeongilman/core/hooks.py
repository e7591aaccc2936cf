"""Hooks: how a lower app causes work in a higher one without importing it.

A lower app declares a hook for something that happened (`registration_cancelled`); the higher
app that must react connects its service to it in its `AppConfig.ready`. Calling the hook calls
every connected function in the caller's transaction, in the order they were connected, so a
failure rolls the whole change back. Every hook is listed in docs/architecture.md (floors).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, ParamSpec

P = ParamSpec("P")


class Hook(Generic[P]):
    """A named list of functions a higher app hands a lower one at start-up."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._receivers: list[Callable[P, object]] = []

    def connect(self, receiver: Callable[P, object]) -> None:
        """Call `receiver` whenever the hook is called (once, however often it is connected)."""
        if receiver not in self._receivers:
            self._receivers.append(receiver)

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> None:
        for receiver in self._receivers:
            receiver(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {len(self._receivers)} receiver(s)>"
