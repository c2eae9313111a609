"""A panel from compiled spells: choose the pieces, fill the unit, add the universe and the extra columns."""

from __future__ import annotations

from typing import Any

import numpy as np

from .arrays import DAY_BITS, DAY_OFF, YEAR_BITS, Pieces, dyad_code, dyad_parts, ranges, rank, year_of
from .options import FLAGS, KINDS, SUMMARY, Options, flag_columns
from .segments import Parts, join_adjacent, segments
from .spells import FLAG_BITS, UNCONDITIONAL, PanelSpells, day, to_days
from .table import ListColumn, Meta, Panel
from .universe import state_spells, system_pairs
from .years import year_range

__all__ = ["build"]

_KIND_BIT = {k: 1 << i for i, k in enumerate(KINDS)}
#: value bit of a segment inside the universe (a dyad both of whose states are in the system)
IN_UNIVERSE = 1 << 62
#: value bit of a day segment after the knowledge date
EXTRAPOLATED = 1 << 61


def _window(o: Options) -> tuple[int, int]:
    import datetime as dt

    return to_days(dt.date(o.start, 1, 1)), to_days(dt.date(o.end + 1, 1, 1))


def select(s: PanelSpells, o: Options) -> Pieces:
    """The pieces this panel counts, clipped to its window (days: one day wider each side, for censoring)."""
    lo, hi = _window(o)
    if o.days:
        lo, hi = lo - 1, hi + 1
    keep = (s.value & _kinds_mask(o)) != 0
    if not o.any_day:
        keep &= s.certain
    if o.cow_only:
        keep &= (s.c1 >= 2) & (s.c1 <= 999) & (s.c2 >= 2) & (s.c2 <= 999)
    end = np.minimum(s.end, s.cap) if o.any_day and not o.days else s.end
    a, b = np.maximum(s.start, lo), np.minimum(end, hi)
    keep &= a < b
    c1, c2 = s.c1, s.c2
    if o.unit == "dyad-year":
        c1, c2 = np.minimum(s.c1, s.c2), np.maximum(s.c1, s.c2)
    return Pieces(c1, c2, a, b, s.value, s.treaty).take(keep)


def build(s: PanelSpells, o: Options) -> Panel:
    """The panel ``o`` asks for, from ``s``."""
    p = select(s, o)
    cols = _day_panel(s, p, o) if o.days else _year_panel(s, p, o)
    types = {n: _type(n, v) for n, v in cols.items()}
    kd = day(s.knowledge) if s.knowledge is not None else None
    meta = Meta(o.unit, o.start, o.end, o.year_rule, o.universe, kd, s.reading, s.as_of)
    return Panel(cols, types, meta)


def _type(name: str, col: Any) -> str:
    if isinstance(col, ListColumn):
        return "list<string>" if col.items is not None else "list<int32>"
    if name in ("start", "end"):
        return "date32"
    return {np.dtype(np.bool_): "bool", np.dtype(np.int8): "int8"}.get(col.dtype, "int32")


# ---------------------------------------------------------------- years


def _year_panel(s: PanelSpells, p: Pieces, o: Options) -> dict[str, Any]:
    first, last = year_range(p, o.any_day)
    counted = first < last
    c2 = np.zeros_like(p.c1) if o.unit == "state-year" else p.c2
    uni = _universe_years(s, o) if o.universe == "system" else None
    table, pos = rank(dyad_code(p.c1, c2)[counted], *([uni[0]] if uni is not None else []))
    parts = [Parts(pos[0], first[counted], last[counted], p.value[counted], p.treaty[counted])]
    if uni is not None:
        parts.append(_universe_parts(pos[1], uni[1], uni[2]))
    allp = Parts.concat(parts).merged(YEAR_BITS, o.with_treaties)
    seg = segments(allp, YEAR_BITS)
    rows = np.flatnonzero(seg.value & (IN_UNIVERSE if uni is not None else _kinds_mask(o)))
    r, year = ranges(seg.lo[rows], seg.hi[rows])
    c1, c2 = dyad_parts(table[seg.dyad[rows][r]])
    head = {"ccode": c1} if o.unit == "state-year" else {"ccode1": c1, "ccode2": c2}
    out = {**head, "year": year.astype(np.int32), **_value_columns(seg.value[rows][r], o)}
    if o.with_treaties:
        out.update(_treaty_columns(s, _gather(seg.treaties(allp.treaty), rows[r])))
    if uni is not None:
        out["extrapolated"] = _after_known(s, year)
    return out


def _universe_parts(dyad: Any, a: Any, b: Any) -> Parts:
    n = dyad.size
    return Parts(dyad, a, b, np.full(n, IN_UNIVERSE, np.int64), np.full(n, -1, np.int64))


def _universe_years(s: PanelSpells, o: Options) -> tuple[Any, Any, Any]:
    """``(dyad code, first year, end year)`` of every universe spell: the years it touches."""
    lo, hi = _window(o)
    if o.unit == "state-year":
        c1, a, b = state_spells(s, lo, hi)
        c2 = np.zeros_like(c1)
    else:
        c1, c2, a, b = system_pairs(s, lo, hi, directed=o.unit == "directed-dyad-year")
    return dyad_code(c1, c2), year_of(a), year_of(b - 1) + 1


def _after_known(s: PanelSpells, year: Any) -> Any:
    """Whether each year has days after the knowledge date (all False when it is unknown)."""
    if s.knowledge is None:
        return np.zeros(year.size, np.bool_)
    return year >= year_of(np.array([s.knowledge + 1]))[0]


# ---------------------------------------------------------------- days


def _day_panel(s: PanelSpells, p: Pieces, o: Options) -> dict[str, Any]:
    lo, hi = _window(o)
    uni = system_pairs(s, lo - 1, hi + 1) if o.universe == "system" else None
    table, pos = rank(dyad_code(p.c1, p.c2), *([dyad_code(uni[0], uni[1])] if uni is not None else []))
    parts = [Parts(pos[0], p.a + DAY_OFF, p.b + DAY_OFF, p.value, p.treaty)]
    known = s.knowledge if uni is not None else None
    cuts = None
    if uni is not None:
        parts.append(_universe_parts(pos[1], uni[2] + DAY_OFF, uni[3] + DAY_OFF))
    if known is not None:
        cuts = (np.arange(table.size, dtype=np.int64) << DAY_BITS) | (known + 1 + DAY_OFF)
    allp = Parts.concat(parts).merged(DAY_BITS, o.with_treaties)
    seg = segments(allp, DAY_BITS, cuts)
    if known is not None:
        seg.value[seg.lo - DAY_OFF > known] |= EXTRAPOLATED
    rows = np.flatnonzero(seg.value & (IN_UNIVERSE if uni is not None else _kinds_mask(o)))
    lists = seg.treaties(allp.treaty) if o.with_treaties else None
    first, last = join_adjacent(seg, rows, _value_mask(o) | IN_UNIVERSE | EXTRAPOLATED, lists)
    start, end = seg.lo[first] - DAY_OFF, seg.hi[last] - DAY_OFF
    inside = (end > lo) & (start < hi)
    first, start, end = first[inside], start[inside], end[inside]
    c1, c2 = dyad_parts(table[seg.dyad[first]])
    out = {"ccode1": c1, "ccode2": c2, "start": np.maximum(start, lo).astype(np.int32)}
    out["end"] = np.minimum(end, hi).astype(np.int32)
    out.update(_value_columns(seg.value[first], o))
    if lists is not None:
        out.update(_treaty_columns(s, _gather(lists, first)))
    if o.with_censoring:
        out["left_censored"], out["right_censored"] = start < lo, end > hi
    if uni is not None:
        out["extrapolated"] = (seg.value[first] & EXTRAPOLATED) != 0
    return out


def _kinds_mask(o: Options) -> int:
    return sum(_KIND_BIT[k] for k in o.kinds)


# ---------------------------------------------------------------- columns


def _value_mask(o: Options) -> int:
    """The value bits that make a row's columns (kinds, and with flags the flag and unconditional bits)."""
    mask = _kinds_mask(o)
    if o.with_flags:
        mask |= mask << UNCONDITIONAL
        mask |= sum(FLAG_BITS[f] for k in o.kinds for f in FLAGS[k]) | FLAG_BITS["olimob"]
    return mask


def _value_columns(values: Any, o: Options) -> dict[str, Any]:
    small = (values & 0b11111).astype(np.int8)
    out: dict[str, Any] = {k: (small >> KINDS.index(k)) & 1 for k in o.kinds}
    if not o.with_flags:
        return out
    for name in flag_columns(o.kinds):
        kind = next((k for k, f in SUMMARY.items() if f == name), None)
        if kind is not None:  # every pledge of the kind in the row is conditional
            bit = _KIND_BIT[kind]
            out[name] = (((values & bit) != 0) & ((values & (bit << UNCONDITIONAL)) == 0)).astype(np.int8)
        else:
            out[name] = ((values & FLAG_BITS[name]) != 0).astype(np.int8)
    return out


def _gather(lists: tuple[Any, Any], rows: Any) -> tuple[Any, Any]:
    """The lists of ``rows`` (``-1``: an empty list), as a new ``(offsets, values)``."""
    offsets, values = lists
    real = rows >= 0
    lo = np.where(real, offsets[np.maximum(rows, 0)], 0)
    hi = np.where(real, offsets[np.maximum(rows, 0) + 1], 0)
    _, at = ranges(lo, hi)
    return np.concatenate([[0], np.cumsum(hi - lo)]).astype(np.int32), values[at]


def _treaty_columns(s: PanelSpells, lists: tuple[Any, Any]) -> dict[str, Any]:
    """``treaties`` (ids, in id order) and ``atopids`` (ascending) of each row."""
    offsets, tids = lists
    atop = s.atopids[tids]
    rows = np.repeat(np.arange(offsets.size - 1), np.diff(offsets))
    has = atop >= 0
    order = np.lexsort((atop[has], rows[has]))
    counts = np.bincount(rows[has], minlength=offsets.size - 1)
    atop_offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
    return {
        "treaties": ListColumn(offsets, tids, s.treaties),
        "atopids": ListColumn(atop_offsets, atop[has][order].astype(np.int32)),
    }
