"""The zero-filled universe: every dyad (or state) of COW system members, by day, with the registry's ccodes.

A ccode is in the system on the days one of its states is (``PanelSpells.sys_*``, built from the
registry's system and ccode spells: the same data ``Registry.system_on`` reads). A directed dyad
belongs to the universe on the days both of its ccodes are in the system; a dyad-year or
directed-dyad-year when that holds on at least one day of the year (so Germany's 260 and 255,
which never share a day, are no dyad of 1990).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .arrays import ranges, year_of
from .spells import PanelSpells

__all__ = ["state_spells", "system_pairs", "year_keys"]


def state_spells(s: PanelSpells, lo: int, hi: int) -> tuple[Any, Any, Any]:
    """``(ccode, a, b)``: each ccode's system days within ``[lo, hi)``."""
    a, b = np.maximum(s.sys_start, lo), np.minimum(s.sys_end, hi)
    alive = a < b
    return s.sys_ccode[alive], a[alive], b[alive]


def system_pairs(s: PanelSpells, lo: int, hi: int, directed: bool = True) -> tuple[Any, Any, Any, Any]:
    """``(ccode1, ccode2, a, b)``: the days within ``[lo, hi)`` both ccodes are in the system, one row per
    pair of their spells that overlap; with ``directed=False`` only ``ccode1 < ccode2``."""
    cc, a, b = state_spells(s, lo, hi)
    start = np.maximum(a[:, None], a[None, :])
    end = np.minimum(b[:, None], b[None, :])
    ok = (start < end) & ((cc[:, None] < cc[None, :]) if not directed else (cc[:, None] != cc[None, :]))
    i, j = np.nonzero(ok)
    return cc[i], cc[j], start[i, j], end[i, j]


def year_keys(c1: Any, c2: Any, a: Any, b: Any) -> tuple[Any, Any]:
    """``(row, year)`` for every year each ``[a, b)`` touches."""
    return ranges(year_of(a), year_of(b - 1) + 1)
