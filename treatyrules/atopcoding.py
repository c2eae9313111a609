"""How ATOP 5.1 codes an imported alliance, as kept in its rules file (the ``atop`` block of a treaty).

Part of the rules-file schema (``schema.Treaty.atop``), kept apart from it because it describes one
dataset's coding; it builds only on ``fields``.
"""

from __future__ import annotations

from pydantic import Field, StrictInt

from .fields import Code, Model, PDate

__all__ = ["CONDITION_FLAGS", "CONDITION_TEXTS", "AtopCoding", "AtopMemberRow", "AtopPhase", "flag_text"]

#: ATOP's member-level condition flags per kind column (codebook §2.33), in ATOP's column order;
#: ``olimob`` (a further condition) applies to every kind; non-aggression has no flags of its own.
CONDITION_FLAGS: dict[str, tuple[str, ...]] = {
    "defense": ("defcoadv", "defcoloc", "defcocon", "defconum", "defcodem", "defconpr"),
    "offense": ("offcoadv", "offcoloc", "offcocon", "offconum", "offcodem"),
    "neutral": ("neucoadv", "neucoloc", "neucocon", "neuconum", "neucodem", "neuconpr", "neucoatt"),
    "nonagg": (),
    "consul": ("concoadv", "concoloc", "concocon", "concoreq"),
}
#: the readable text an import gives a flag without content of its own (by the flag's suffix; ``olimob``
#: whole); ``flag_text`` adds the flag's name
CONDITION_TEXTS = {
    "coadv": "against a specific adversary",
    "cocon": "in a specific ongoing conflict",
    "conum": "depending on the number of adversaries",
    "codem": "if the demands the treaty states are met (by the ally or the adversary)",
    "coloc": "a location the treaty names",
    "olimob": "on a further condition the treaty states",
}


def flag_text(flag: str) -> str:
    """The readable condition an ATOP import writes for ``flag``, ending with the flag's name.

    >>> flag_text("defcocon"), flag_text("olimob")
    ('in a specific ongoing conflict (ATOP defcocon)', 'on a further condition the treaty states (ATOP olimob)')
    """
    return f"{CONDITION_TEXTS[flag if flag == 'olimob' else flag[3:]]} (ATOP {flag})"


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
