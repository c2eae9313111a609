"""The facts of one treaty known as of a day: its events, each with its place in the file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..schema import Event, EventType, Treaty

__all__ = ["Facts"]


@dataclass(frozen=True)
class Facts:
    """The events of ``treaty`` known by ``as_of`` (every event when None), as ``(index, event)`` pairs."""

    treaty: Treaty
    known: tuple[tuple[int, Event], ...]

    @classmethod
    def of(cls, treaty: Treaty, as_of: dt.date | None) -> Facts:
        return cls(treaty, tuple((i, e) for i, e in enumerate(treaty.events) if e.known_by(as_of)))

    def of_type(self, *types: EventType) -> list[tuple[int, Event]]:
        """The known events of these types, in file order."""
        return [(i, e) for i, e in self.known if e.type in types]

    def treaty_wide(self, kind: EventType) -> Event | None:
        """The first known treaty-wide (no ``party``) event of a kind."""
        return next((e for _, e in self.known if e.type is kind and e.party is None), None)
