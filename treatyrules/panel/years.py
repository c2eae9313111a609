"""Year units: the years each piece counts in, under the any-day or all-days rule, as year ranges.

Any-day: every year the piece touches (capped where its dyad passes to a later ATOP phase, see
``PanelSpells.cap``). All-days: the pieces of one dyad and kind are merged into runs (touching
ranges join); a run covers the years it holds on every day of, and a piece counts in the covered
years it touches, so a cell is set exactly when some run covers its whole year.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .arrays import DAY_BITS, DAY_OFF, Pieces, dyad_code, year_of

__all__ = ["year_range"]

_KIND_MASK = 0b11111


def year_range(p: Pieces, any_day: bool) -> tuple[Any, Any]:
    """``[first, last)`` years each piece counts in (empty where ``last <= first``)."""
    first, last = year_of(p.a), year_of(p.b - 1) + 1
    if any_day or not p.a.size:
        return first, last
    run_first, run_last = _covered_years(p)
    return np.maximum(first, run_first), np.minimum(last, run_last)


def _covered_years(p: Pieces) -> tuple[Any, Any]:
    """For each piece, ``[first, last)``: the years its run covers whole (its dyad's and kind's pieces, touching
    ranges merged)."""
    code, kind = dyad_code(p.c1, p.c2), p.value & _KIND_MASK
    order = np.lexsort((p.a, kind, code))
    sc, sk, sa, sb = code[order], kind[order], p.a[order].astype(np.int64), p.b[order].astype(np.int64)
    group = np.cumsum(np.concatenate([[True], (sc[1:] != sc[:-1]) | (sk[1:] != sk[:-1])])) - 1
    shift = group << (DAY_BITS + 1)  # later groups sort after every day of earlier ones
    ends = shift + sb + DAY_OFF
    reach = np.maximum.accumulate(ends)
    new = np.concatenate([[True], shift[1:] + sa[1:] + DAY_OFF > reach[:-1]])
    run = np.cumsum(new) - 1
    starts = np.flatnonzero(new)
    run_b = np.maximum.reduceat(ends, starts) - shift[starts] - DAY_OFF
    first = np.empty(p.a.size, np.int64)
    last = np.empty(p.a.size, np.int64)
    first[order] = (year_of(sa[starts] - 1) + 1)[run]
    last[order] = year_of(run_b)[run]
    return first, last
