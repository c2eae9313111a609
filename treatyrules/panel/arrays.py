"""Vectorised helpers the panel fill is made of: day/year arithmetic, range expansion, grouping, list columns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = [
    "DAY_BITS",
    "DAY_OFF",
    "YEAR_BITS",
    "Pieces",
    "distinct",
    "dyad_code",
    "dyad_parts",
    "group_or",
    "jan1",
    "ranges",
    "rank",
    "row_lists",
    "year_of",
]

#: a day ``d`` (days since 1970, from date.min - 1 to date.max + 1) packs as ``d + DAY_OFF`` in DAY_BITS bits
DAY_OFF = 719_164
DAY_BITS = 22
YEAR_BITS = 14
_HALF = 1 << 31


@dataclass(frozen=True)
class Pieces:
    """Obligation pieces chosen for one panel: ``c1`` owes ``c2`` on ``[a, b)``, with a value and a treaty."""

    c1: Any
    c2: Any
    a: Any
    b: Any
    value: Any
    treaty: Any

    def take(self, keep: Any) -> Pieces:
        return Pieces(*(x[keep] for x in (self.c1, self.c2, self.a, self.b, self.value, self.treaty)))


def year_of(days: Any) -> Any:
    """The calendar year of each day (days since 1970-01-01).

    >>> year_of(np.array([0, -1, 365])).tolist()
    [1970, 1969, 1971]
    """
    return np.asarray(days).astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970


def jan1(years: Any) -> Any:
    """The day of 1 January of each year.

    >>> jan1(np.array([1970, 1971])).tolist()
    [0, 365]
    """
    return (np.asarray(years, dtype=np.int64) - 1970).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)


def ranges(lo: Any, hi: Any) -> tuple[Any, Any]:
    """Every integer of each ``[lo[i], hi[i])`` (empty when ``hi <= lo``) as ``(i, value)`` arrays.

    >>> [a.tolist() for a in ranges(np.array([3, 7, 0]), np.array([5, 7, 1]))]
    [[0, 0, 2], [3, 4, 0]]
    """
    n = np.maximum(np.asarray(hi, dtype=np.int64) - lo, 0)
    idx = np.repeat(np.arange(n.size), n)
    value = np.asarray(lo, dtype=np.int64)[idx] + np.arange(idx.size) - np.repeat(np.cumsum(n) - n, n)
    return idx, value


def dyad_code(c1: Any, c2: Any) -> Any:
    """One int64 per ``(c1, c2)`` that sorts like the pair (any int32 ccodes)."""
    return (np.asarray(c1, dtype=np.int64) << 32) + (np.asarray(c2, dtype=np.int64) + _HALF)


def dyad_parts(code: Any) -> tuple[Any, Any]:
    """``dyad_code``'s inverse, as int32 arrays.

    >>> [x.tolist() for x in dyad_parts(dyad_code(np.array([2, -5]), np.array([20, 7])))]
    [[2, -5], [20, 7]]
    """
    return (code >> 32).astype(np.int32), ((code & 0xFFFFFFFF) - _HALF).astype(np.int32)


def distinct(a: Any) -> Any:
    """The distinct values of an int array, sorted (``np.unique`` by sorting, which is faster here).

    >>> distinct(np.array([3, 1, 3, 2])).tolist()
    [1, 2, 3]
    """
    s = np.sort(a)
    return s[np.concatenate([[True], s[1:] != s[:-1]])] if s.size else s


def rank(codes: Any, *more: Any) -> tuple[Any, list[Any]]:
    """The distinct codes, sorted, and each array's positions among them."""
    table = distinct(np.concatenate([codes, *more]))
    return table, [np.searchsorted(table, c) for c in (codes, *more)]


def group_or(keys: Any, values: Any) -> tuple[Any, Any, Any]:
    """Distinct keys (sorted), the bitwise OR of the values of each, and each input's group."""
    order = np.argsort(keys, kind="stable")
    ks = keys[order]
    first = np.flatnonzero(np.concatenate([[True], ks[1:] != ks[:-1]])) if ks.size else np.zeros(0, np.int64)
    out = np.bitwise_or.reduceat(values[order], first) if ks.size else values[:0]
    group = np.empty(keys.size, dtype=np.int64)
    group[order] = np.cumsum(np.concatenate([[True], ks[1:] != ks[:-1]])) - 1 if ks.size else order
    return ks[first], out, group


def row_lists(rows: Any, items: Any, n: int) -> tuple[Any, Any]:
    """List columns: the distinct items of each row ``0..n-1``, sorted, as Arrow-style ``(offsets, values)``.

    >>> [x.tolist() for x in row_lists(np.array([1, 0, 1, 1]), np.array([5, 3, 2, 5]), 3)]
    [[0, 1, 3, 3], [3, 2, 5]]
    """
    pairs = distinct((np.asarray(rows, dtype=np.int64) << 32) | np.asarray(items, dtype=np.int64))
    r = pairs >> 32
    offsets = np.searchsorted(r, np.arange(n + 1)).astype(np.int32)
    return offsets, (pairs & 0xFFFFFFFF).astype(np.int32)
