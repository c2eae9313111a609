"""ATOP 5.1's names: its files and its knowledge date; and the models of the
``atop`` block an imported treaty keeps (defined in ``treatyrules.atopcoding``)."""

from __future__ import annotations

import datetime as dt

from ..atopcoding import AtopCoding, AtopMemberRow, AtopPhase

__all__ = [
    "ALLIANCE_FILE",
    "KNOWLEDGE_DATE",
    "MEMBER_FILE",
    "PHASE_FILE",
    "AtopCoding",
    "AtopMemberRow",
    "AtopPhase",
]

#: ATOP 5.1 observes alliances up to this day; exit 0/0/0 = still in force then (right-censored).
KNOWLEDGE_DATE = dt.date(2018, 12, 31)
MEMBER_FILE = "atop5_1m.csv"
ALLIANCE_FILE = "atop5_1a.csv"
PHASE_FILE = "atop5_1aph.csv"
