"""Every treaty's obligation rows as columns, the plain pairs computed at once: the fast evaluator of
``obligations.obligation_rows`` for a whole corpus, which stays the reference (tests/test_fastrows.py
holds the two equal, column by column and in order, on the shipped corpus, ATOP and generated ones).

A pair of members is *plain* when each is bound on one run of days (``Pairs.bound``: one piece) and
keeps one code on every day of it (``Pairs.code_over``: no succession cuts its spells, as none
does for a state that keeps its code, or one whose code changes only before or after the run),
the declaration's window is one piece (or always open) and the direction has no suspension. Its
one spell is then ``[latest start, earliest end)`` with the least of the values, which numpy
computes for every plain pair of the corpus at once. Every other pair is derived by
``Pairs.rows``, as ``obligation_rows`` derives it. Of the 37,629 rows of an ATOP 5.1 import, 35,873
are of plain pairs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..compiled import CompiledCorpus
from ..obligations import Pairs, Row
from .days import OPEN, to_days

__all__ = ["SpellColumns", "spell_columns"]


@dataclass(frozen=True)
class SpellColumns:
    """``obligation_rows`` of every treaty of a corpus as int64 numpy columns, in their order (by
    treaty, then as ``obligation_rows`` orders a treaty's rows): ``obligor`` and ``beneficiary`` (the
    codes' positions in ``codes``, which is sorted), ``start`` and ``end`` (days from 1970-01-01;
    ``end`` is the end of time where ``Row.end`` is ``None``), ``certain`` (bool), ``treaty`` (the
    treaty's position in the corpus) and ``declaration`` (``Row.declaration``)."""

    codes: tuple[str, ...]
    obligor: Any
    beneficiary: Any
    start: Any
    end: Any
    certain: Any
    treaty: Any
    declaration: Any


@dataclass
class _Walk:
    """What the walk over the treaties collects. ``members``: each plain member once (code id, start,
    end, value). ``obligors``: each plain pair's obligor once (treaty, declaration, kind, code id,
    position, its days met with the window as start, end and value, how many beneficiaries follow).
    ``beneficiaries``: those beneficiaries (place in ``members``, position). ``rows``: the other
    pairs' rows, with their treaty and their obligor's and beneficiary's positions. Codes are ids
    (``ids``) until they are sorted."""

    ids: dict[str, int]
    kinds: dict[str, int]
    members: list[tuple[int, int, int, int]]
    obligors: list[tuple[int, ...]]
    beneficiaries: list[tuple[int, int]]
    rows: list[tuple[int, int, int, Row]]

    def code(self, code: str) -> int:
        return self.ids.setdefault(code, len(self.ids))


def _plain(pairs: Pairs, walk: _Walk) -> dict[str, int]:
    """Each member bound on one run of days under one code (``Pairs.code_over``) -> its place in ``walk.members``."""
    out = {}
    for m in pairs.members:
        tri = pairs.bound(m)
        if len(tri) != 1:
            continue
        s, e, v = tri[0]
        code = pairs.code_over(m, s, e)
        if code is not None:
            out[m] = len(walk.members)
            walk.members.append((walk.code(code), to_days(s), to_days(e), v))
    return out


def _walk_treaty(ti: int, pairs: Pairs, walk: _Walk) -> None:
    """One treaty's declared pairs, as ``obligation_rows`` walks them: each plain pair into the
    walk's columns, every other pair's rows (``Pairs.rows``) into ``walk.rows``."""
    plain = _plain(pairs, walk)
    kinds = [walk.kinds[o.kind.value] for o in pairs.life.treaty.obligations]
    suspended = pairs.suspended_directions()
    for idx, open_, obligors, beneficiaries in pairs.declared:
        one_piece = open_ is None or len(open_) == 1
        bens = [(j, b, plain.get(b)) for j, b in enumerate(beneficiaries)]
        for i, a in enumerate(obligors):
            xa = pairs.bound_in(a, open_)
            ga = plain.get(a) if one_piece and xa else None
            if ga is None:  # every pair of this obligor as obligation_rows derives it
                walk.rows += _other_rows(ti, i, a, bens, pairs, idx, xa, {}) if xa else ()
                continue
            fast = [(g, j) for j, b, g in bens if g is not None and a != b and (a, b) not in suspended]
            if len(fast) + beneficiaries.count(a) < len(bens):  # some pairs are not plain
                walk.rows += _other_rows(ti, i, a, bens, pairs, idx, xa, plain)
            if fast:  # a plain obligor's days met with a window of one piece: one piece (xa)
                (s, e, v), code = xa[0], walk.members[ga][0]
                walk.beneficiaries += fast
                walk.obligors.append((ti, idx, kinds[idx], code, i, to_days(s), to_days(e), v, len(fast)))


def _other_rows(
    ti: int, i: int, a: str, bens: list[tuple[int, str, int | None]], pairs: Pairs, idx: int, xa: Any, plain: Any
) -> list[tuple[int, int, int, Row]]:
    """The rows of obligor ``a``'s pairs with a beneficiary not in ``plain`` or a suspension, as
    ``obligation_rows`` derives them (``xa``: ``a``'s days met with the declaration's window)."""
    kind = pairs.life.treaty.obligations[idx].kind.value
    suspended = pairs.suspended_directions()
    return [
        (ti, i, j, r)
        for j, b, _ in bens
        if a != b and (b not in plain or (a, b) in suspended)
        for r in pairs.rows(idx, kind, a, b, pairs.tri_with(xa, a, b))
    ]


def spell_columns(c: CompiledCorpus) -> SpellColumns:
    """``obligation_rows`` of every treaty of ``c``, as columns (``SpellColumns``)."""
    kinds = sorted({o.kind.value for t in c.treaties.values() for o in t.obligations})
    walk = _Walk({}, {k: i for i, k in enumerate(kinds)}, [], [], [], [])
    for ti, tid in enumerate(c.treaties):
        _walk_treaty(ti, c.pairs(tid), walk)
    cols = [np.concatenate(parts) for parts in zip(_plain_columns(walk), _row_columns(walk), strict=True)]
    names = list(walk.ids)
    order = sorted(range(len(names)), key=names.__getitem__)
    rank = np.empty(len(names), dtype=np.int64)
    rank[order] = np.arange(len(names))
    treaty, start, oa, ob, kind, decl, i, j, end, certain = cols
    oa, ob = rank[oa], rank[ob]
    at = np.lexsort((j, i, decl, kind, ob, oa, start, treaty))
    codes = tuple(names[k] for k in order)
    return SpellColumns(codes, oa[at], ob[at], start[at], end[at], certain[at] == 2, treaty[at], decl[at])


#: the walk's columns: treaty, start, obligor, beneficiary, kind, declaration, the obligor's and the
#: beneficiary's positions in the declaration, end, value
_COLUMNS = 10


def _plain_columns(walk: _Walk) -> list[Any]:
    """The plain pairs' rows: each beneficiary's days met with its obligor's (``_both`` of one piece each)."""
    if not walk.obligors:
        return [np.zeros(0, dtype=np.int64)] * _COLUMNS
    a = np.array(walk.obligors, dtype=np.int64).reshape(-1, 9)
    g, j = np.array(walk.beneficiaries, dtype=np.int64).reshape(-1, 2).T
    m = np.array(walk.members, dtype=np.int64).reshape(-1, 4)[g]  # each beneficiary's code and days
    ti, decl, kind, oa, i, lo, hi, v = (np.repeat(a[:, k], a[:, 8]) for k in range(8))
    lo, hi, v = np.maximum(lo, m[:, 1]), np.minimum(hi, m[:, 2]), np.minimum(v, m[:, 3])
    keep = lo < hi
    cols = (ti, lo, oa, m[:, 0], kind, decl, i, j, hi, v)
    return [x[keep] for x in cols]


def _end(r: Row) -> tuple[int, int]:
    """A row's end in days and its value (2 certain, 1 possible)."""
    return (OPEN if r.end is None else to_days(r.end)), 2 if r.certain else 1


def _row_columns(walk: _Walk) -> list[Any]:
    """The other pairs' rows (``Row``), as the same columns."""
    code, kinds = walk.code, walk.kinds
    out = [
        (ti, to_days(r.start), code(r.obligor), code(r.beneficiary), kinds[r.kind], r.declaration, i, j, *_end(r))
        for ti, i, j, r in walk.rows
    ]
    arr = np.array(out, dtype=np.int64).reshape(-1, _COLUMNS)
    return [arr[:, k] for k in range(_COLUMNS)]
