"""How ATOP 5.1 codes an alliance, as kept in an imported rules file (the ``atop`` block), and ATOP's names.

``schema.Treaty.atop`` holds an ``AtopCoding``; this module imports only ``dates``-level pieces
(``treatyrules.fields``), never ``schema``, so the two do not import each other.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field, StrictInt

from ..fields import Code, Model, PDate

__all__ = [
    "ALLIANCE_FILE",
    "KNOWLEDGE_DATE",
    "MEMBER_FILE",
    "PHASE_FILE",
    "AtopCoding",
    "AtopMemberRow",
    "AtopPhase",
    "state_code",
]

#: ATOP 5.1 observes alliances up to this day; exit 0/0/0 = still in force then (right-censored).
KNOWLEDGE_DATE = dt.date(2018, 12, 31)
MEMBER_FILE = "atop5_1m.csv"
ALLIANCE_FILE = "atop5_1a.csv"
PHASE_FILE = "atop5_1aph.csv"


def state_code(ccode: int) -> str:
    """The registry code of a COW ccode in an imported ATOP corpus.

    >>> state_code(365)
    'COW365'
    """
    return f"COW{ccode}"


class AtopPhase(Model):
    """One ATOP alliance phase (a version of the text): ``[begins, ends)``; ``ends`` None = ongoing at the as-of day."""

    phase: StrictInt
    begins: PDate
    ends: PDate | None = None
    members: list[Code] = Field(default_factory=list)


class AtopMemberRow(Model):
    """One row of ATOP's member file, kept verbatim: ``codes`` holds every nonzero column not mapped elsewhere."""

    member: Code
    ccode: StrictInt
    phase: StrictInt
    entry: PDate
    exit: PDate | None = None
    termmode: StrictInt | None = None
    termcaus: StrictInt | None = None
    codes: dict[str, StrictInt] = Field(default_factory=dict)
    source: str


class AtopCoding(Model):
    """How ATOP codes an imported alliance: phases, member rows and the alliance-level codes verbatim."""

    atopid: StrictInt
    version: str
    phases: list[AtopPhase] = Field(default_factory=list)
    members: list[AtopMemberRow] = Field(default_factory=list)
    codes: dict[str, StrictInt] = Field(default_factory=dict)
    source: str
