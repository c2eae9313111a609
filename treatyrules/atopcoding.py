"""How ATOP 5.1 codes an imported alliance, as kept in its rules file (the ``atop`` block of a treaty).

Part of the rules-file schema (``schema.Treaty.atop``), kept apart from it because it describes one
dataset's coding; it builds only on ``fields``.
"""

from __future__ import annotations

from pydantic import Field, StrictInt

from .fields import Code, Model, PDate

__all__ = ["AtopCoding", "AtopMemberRow", "AtopPhase"]


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
