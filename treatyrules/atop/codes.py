"""ATOP's COW ccodes read as registry states, each on its own day.

ATOP keeps one ccode through time: 365 is the Russian Empire, the USSR and the Russian Federation;
255 is Prussia and the German Reich, and unified Germany from 1990; 345 is Serbia, then Yugoslavia.
The import names every member by the registry state that held the ccode on the day the code is used
(``Registry.by_ccode``): 365 is ``RUS`` in 1914 and ``SUN`` in 1985, 300 is ``AUH``.

Two cases are not a state's own spell (docs/atop.md, "Registry codes"):

* **ATOP uses a ccode on a day no registry state held it**: a state that signed before COW counts it
  (Syria in the Arab League from 1945-03-22, COW from 1946-04-17; Monaco in the CSCE from 1975, COW
  from 1993). The code is then the state nearest in time that held the ccode, by the registry's own
  rule (``Registry.resolve``: the last before the day, else the first after): ``SYR``, ``MCO``.
  ``Outside`` records each such row.
* **A ccode no registry state ever held**: in COW's range (2..999) it is damage, an
  ``InputDataError`` naming the row; outside it (ATOP's own codes for entities COW does not list,
  8152 in atopid 1320) the row is left out, as ATOP's own dyadic files leave it out (``LeftOut``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputDataError
from ..panel import is_cow_ccode
from ..states import Registry
from .coding import MEMBER_FILE
from .rows import MemberRow

__all__ = ["Codes", "LeftOut", "Outside"]


@dataclass(frozen=True, slots=True)
class Outside:
    """A member row whose ccode no registry state held on its entry day, and the state it is read as."""

    atopid: int
    ccode: int
    day: dt.date
    code: str
    line: int

    def __str__(self) -> str:
        return (
            f"{MEMBER_FILE}:{self.line}: atopid {self.atopid} uses ccode {self.ccode} on {self.day}, when no "
            f"registry state held it; read as {self.code}, the state nearest in time that held it"
        )


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A member row (or a whole alliance) the import leaves out, and why."""

    atopid: int
    ccode: int | None
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{MEMBER_FILE}:{self.line}: atopid {self.atopid}: {self.reason}"


class Codes:
    """ATOP's ccodes as the states of ``registry``, each read on a day (see the module docstring).

    >>> from treatyrules.states import State
    >>> c = Codes(Registry([State(code="SUN", name="USSR", ccodes=[{"ccode": 365, "until": "1991-12-26"}]),
    ...                     State(code="RUS", name="Russia", ccodes=[{"ccode": 365, "since": "1991-12-26"}])]))
    >>> c.on(365, dt.date(1985, 1, 1)), c.last_in(365, dt.date(1991, 12, 26)), c.on(365, dt.date(1991, 12, 26))
    ('SUN', 'SUN', 'RUS')
    """

    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    def known(self, ccode: int) -> bool:
        """Whether some state of the registry holds ``ccode`` at some time."""
        return ccode in self.registry

    def held(self, ccode: int, day: dt.date) -> bool:
        """Whether a state held ``ccode`` on ``day`` (else ``on`` reads it as the nearest holder)."""
        return self.registry.by_ccode(ccode, day) is not None

    def on(self, ccode: int, day: dt.date) -> str:
        """The state that held ``ccode`` on ``day``, else the one nearest in time (``Registry.resolve``)."""
        return self.registry.by_ccode(ccode, day) or self.registry.resolve(ccode, day)

    def last_in(self, ccode: int, end: dt.date) -> str:
        """The state named by a spell that ends (half-open) on ``end``: the holder on its last day."""
        return self.on(ccode, end - dt.timedelta(days=1) if end > dt.date.min else end)

    def screen(self, rows: Iterable[MemberRow], path: Path) -> tuple[list[MemberRow], list[LeftOut], list[Outside]]:
        """The rows the import keeps, the rows it leaves out, and those read outside a state's spell.

        Raises ``InputDataError`` (the row's line and column) for a ccode in COW's range that no
        registry state holds, as member or as named threat (``statthr1``/``statthr2``).
        """
        kept: list[MemberRow] = []
        left: list[LeftOut] = []
        outside: list[Outside] = []
        for r in rows:
            for column, ccode in (("member", r.member), *(("statthr", c) for c in r.statthr)):
                if is_cow_ccode(ccode) and not self.known(ccode):
                    msg = (
                        f"ccode {ccode} is no state of the registry at any time (a damaged file?); "
                        "use ATOP's files, or add the state to the registry (rules/states.yaml)"
                    )
                    raise InputDataError(path, msg, r.line, column if column == "member" else "statthr1")
            if not self.known(r.member):
                why = (
                    f"member {r.member} left out: ATOP's own code for an entity outside COW's state list, "
                    "which no registry state holds (ATOP's dyadic files leave it out too)"
                )
                left.append(LeftOut(r.atopid, r.member, r.line, why))
                continue
            kept.append(r)
            day = r.entry.span()[0]
            if not self.held(r.member, day):
                outside.append(Outside(r.atopid, r.member, day, self.on(r.member, day), r.line))
        return kept, left, outside
