"""Per dyad, the segments between consecutive boundaries of the ranges that hold: the panel fill's one engine.

*Parts* are ranges ``[a, b)`` (years, or days packed by ``DAY_OFF``) that hold for a dyad, each
with a value (bits) and a treaty (``-1``: none, e.g. a universe spell). Every part's start and
end is a boundary of its dyad; between two consecutive boundaries lies a *segment*, on which the
set of parts holding is constant. A segment's value is the OR of its parts' values, its treaties
their treaties. Year units expand the kept segments to their years (segments are disjoint and
sorted, so the cells come out sorted and distinct, with no sort of the cells); day units join
adjacent segments that give the same row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .arrays import distinct, ranges, row_lists

__all__ = ["Parts", "Segments", "join_adjacent", "segments"]


@dataclass(frozen=True)
class Parts:
    """Ranges that hold: dyad positions, ``[a, b)`` (non-negative, below ``1 << bits``), values, treaties."""

    dyad: Any
    a: Any
    b: Any
    value: Any
    treaty: Any

    @staticmethod
    def concat(parts: list[Parts]) -> Parts:
        names = ("dyad", "a", "b", "value", "treaty")
        return Parts(*(np.concatenate([np.asarray(getattr(p, f), np.int64) for p in parts]) for f in names))

    def merged(self, bits: int, by_treaty: bool) -> Parts:
        """Touching or overlapping ranges of one dyad and value (and treaty, ``by_treaty``) as one: the same
        segments' values, and far fewer of them where many parts overlap (10,000 treaties and more)."""
        if not self.a.size:
            return self
        treaty = self.treaty if by_treaty else np.zeros_like(self.treaty)
        order = np.lexsort((self.a, treaty, self.value, self.dyad))
        d, v, t, a, b = (x[order] for x in (self.dyad, self.value, treaty, self.a, self.b))
        group = np.cumsum(np.concatenate([[True], (d[1:] != d[:-1]) | (v[1:] != v[:-1]) | (t[1:] != t[:-1])])) - 1
        shift = group << (bits + 1)  # later groups sort after every range of earlier ones
        reach = np.maximum.accumulate(shift + b)
        first = np.flatnonzero(np.concatenate([[True], shift[1:] + a[1:] > reach[:-1]]))
        end = np.maximum.reduceat(shift + b, first) - shift[first]
        return Parts(d[first], a[first], end, v[first], self.treaty[order][first])


@dataclass(frozen=True)
class Segments:
    """Segment ``i`` is ``[lo[i], hi[i])`` of dyad ``dyad[i]``, with ``value[i]``; ``seg``/``part``: who covers what."""

    dyad: Any
    lo: Any
    hi: Any
    value: Any
    seg: Any
    part: Any

    def treaties(self, treaty: Any) -> tuple[Any, Any]:
        """Each segment's distinct treaties (sorted) as ``(offsets, values)``."""
        real = treaty[self.part] >= 0
        return row_lists(self.seg[real], treaty[self.part][real], self.dyad.size)


def segments(p: Parts, bits: int, cuts: Any = None) -> Segments:
    """The segments of ``p`` (``cuts``: extra boundaries, packed ``dyad << bits | x``)."""
    ka = (p.dyad << bits) | p.a
    kb = (p.dyad << bits) | p.b
    bounds = distinct(np.concatenate([ka, kb, *([cuts] if cuts is not None else [])]))
    part, seg = ranges(np.searchsorted(bounds, ka), np.searchsorted(bounds, kb))
    n = max(bounds.size - 1, 0)
    value = np.zeros(n, np.int64)
    np.bitwise_or.at(value, seg, p.value[part])
    mask = (1 << bits) - 1
    return Segments(bounds[:-1] >> bits, bounds[:-1] & mask, bounds[1:] & mask, value, seg, part)


def join_adjacent(s: Segments, rows: Any, compare: int, lists: tuple[Any, Any] | None) -> tuple[Any, Any]:
    """Runs of ``rows`` (segment numbers, ascending) that touch in one dyad and are equal under ``compare``
    (and, given ``lists``, in treaties): each run's first and last row."""
    dyad, lo, hi, v = s.dyad[rows], s.lo[rows], s.hi[rows], s.value[rows] & compare
    same = (dyad[1:] == dyad[:-1]) & (lo[1:] == hi[:-1]) & (v[1:] == v[:-1])
    if lists is not None:
        same &= _same_lists(lists, rows)
    first = np.flatnonzero(np.concatenate([[True], ~same])) if rows.size else rows
    last = np.concatenate([first[1:], [rows.size]]) - 1 if rows.size else rows
    return rows[first], rows[last]


def _same_lists(lists: tuple[Any, Any], rows: Any) -> Any:
    """Whether each row's list equals the next row's (exactly)."""
    offsets, items = lists
    lo, hi = offsets[rows], offsets[rows + 1]
    size = hi - lo
    same = size[1:] == size[:-1]
    cand = np.flatnonzero(same & (size[1:] > 0))
    if cand.size:
        k, pos = ranges(lo[cand], hi[cand])
        other = pos - lo[cand][k] + lo[cand + 1][k]
        equal = np.ones(cand.size, bool)
        np.logical_and.at(equal, k, items[pos] == items[other])
        same[cand] = equal
    return same
