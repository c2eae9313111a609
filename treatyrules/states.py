"""The state registry: codes, COW ccodes by period, names, aliases, existence and continuity."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from pydantic import Field

from .dates import PartialDate
from .errors import UnknownStateError
from .schema import Code, Model, PDate

__all__ = ["CcodeSpell", "Registry", "State"]


class CcodeSpell(Model):
    """A COW ccode and the half-open period ``[since, until)`` it applies."""

    ccode: int
    since: PDate | None = None
    until: PDate | None = None


class State(Model):
    """A state: canonical code (ISO 3166-1 alpha-3, historic ones kept), names, ccodes, life.

    ``ended``: the first day the state no longer existed. ``continuator``: the state that continues
    its treaties from that day (``SUN`` -> ``RUS``); without one, its treaties lapse for it.
    """

    code: Code
    name: str
    aliases: list[str] = Field(default_factory=list)
    ccodes: list[CcodeSpell] = Field(default_factory=list)
    began: PDate | None = None
    ended: PDate | None = None
    continuator: Code | None = None
    absorbed_by: Code | None = None
    source: str | None = None
    note: str | None = None


class Registry:
    """Look up states by code, alias, name or ccode (case-insensitive).

    >>> r = Registry([State(code="SUN", name="USSR", aliases=["SUHH"], ended="1991-12-26",
    ...                     continuator="RUS"), State(code="RUS", name="Russia")])
    >>> r.canonical("suhh")
    'SUN'
    >>> r.code_on("SUN", dt.date(1995, 1, 1))
    'RUS'
    """

    def __init__(self, states: Iterable[State]) -> None:
        self.states: dict[str, State] = {}
        self._lookup: dict[str, str] = {}
        for s in states:
            self.states[s.code] = s
        for s in self.states.values():
            for key in (s.code, s.name, *s.aliases):
                self._lookup.setdefault(key.upper(), s.code)
        for s in self.states.values():
            for spell in s.ccodes:
                self._lookup.setdefault(str(spell.ccode), s.code)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code.upper() in self._lookup

    def __getitem__(self, code: str) -> State:
        return self.states[self.canonical(code)]

    def canonical(self, code: str | int) -> str:
        """The canonical code for a code, alias, name or ccode; ``UnknownStateError`` if none."""
        key = str(code).strip().upper()
        try:
            return self._lookup[key]
        except KeyError:
            raise UnknownStateError(str(code), sorted(self.states)) from None

    def by_ccode(self, ccode: int, on: dt.date) -> str | None:
        """The state that held a COW ccode on a day."""
        for s in self.states.values():
            for spell in s.ccodes:
                if spell.ccode == ccode and _within(on, spell.since, spell.until):
                    return s.code
        return None

    def ccode(self, code: str, on: dt.date) -> int | None:
        """The COW ccode of a state on a day (Germany: 260 before 1990-10-03, 255 from then)."""
        for spell in self[code].ccodes:
            if _within(on, spell.since, spell.until):
                return spell.ccode
        return None

    def code_on(self, code: str, on: dt.date) -> str | None:
        """The code that holds a state's treaty rights on a day, following continuators.

        ``None`` when the state has ended with no continuator (its treaties lapse for it).
        """
        cur = self.canonical(code)
        for _ in range(len(self.states) + 1):
            s = self.states[cur]
            if s.ended is None or on < s.ended.earliest:
                return cur
            if s.continuator is None:
                return None
            cur = s.continuator
        return cur

    def successions(self, code: str) -> list[tuple[str, str, PartialDate]]:
        """``(from, to, day)`` steps of continuity starting at ``code``."""
        out: list[tuple[str, str, PartialDate]] = []
        cur = self.canonical(code)
        seen = {cur}
        while True:
            s = self.states[cur]
            if s.ended is None or s.continuator is None or s.continuator in seen:
                return out
            out.append((cur, s.continuator, s.ended))
            cur = s.continuator
            seen.add(cur)


def _within(day: dt.date, since: PartialDate | None, until: PartialDate | None) -> bool:
    return (since is None or since.earliest <= day) and (until is None or day < until.earliest)
