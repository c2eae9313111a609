"""The panel before the columnar rewrite, kept as a small reference for the differential tests
(``tests/test_panel_differential.py``): the same answers, computed the slow and obvious way, in
Python lists and dicts. No tests here; nothing imports it but those tests.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from treatyrules.compiled import CompiledCorpus, CorpusLike, core
from treatyrules.errors import UsageError
from treatyrules.panel import KIND_COLUMNS

__all__ = ["UNITS", "YEAR_RULES", "compile_panel", "panel_from"]

Table = dict[str, list[Any]]

_ALL = tuple(KIND_COLUMNS.values())
UNITS = ("directed-dyad-year", "dyad-year", "state-year", "directed-dyad-day")
YEAR_RULES = ("any-day", "all-days")
_BIT = {col: 1 << i for i, col in enumerate(_ALL)}


def _check(unit: str, start: int, end: int, kinds: Sequence[str] | None, year_rule: str) -> tuple[str, ...]:
    if unit not in UNITS:
        raise UsageError(f"unknown panel unit {unit!r}; use one of {', '.join(UNITS)}")
    if year_rule not in YEAR_RULES:
        raise UsageError(f"unknown year rule {year_rule!r}; use any-day or all-days")
    if not (1 <= start <= end <= 9998):
        raise UsageError(f"bad year range {start}..{end}; give --from Y --to Y with 1 <= from <= to <= 9998")
    if not kinds:
        return _ALL
    out = []
    for k in kinds:
        col = KIND_COLUMNS.get(k, k)
        if col not in _ALL:
            raise UsageError(f"unknown obligation kind {k!r}; use {', '.join(_ALL)} (or {', '.join(KIND_COLUMNS)})")
        out.append(col)
    return tuple(c for c in _ALL if c in out)


#: kind, obligor, beneficiary, start, end, certain, cap (any-day: the spell no longer counts from this year on,
#: because the dyad has passed to a later ATOP phase of the same treaty; None: no cap)
Compact = tuple[str, str, str, dt.date, "dt.date | None", bool, "int | None"]
Compiled = tuple[list[Compact], dict[str, list[tuple[int, dt.date, dt.date]]]]


def compile_panel(corpus: CorpusLike) -> Compiled:
    """What a panel needs, compact: every spell as a tuple (with its phase cap), and each state's ccode spells."""
    corpus = core(corpus)
    table = _ccode_table(corpus)
    caps = _phase_caps(corpus)
    out: list[Compact] = []
    for s in corpus.spells:
        cap = None
        if caps:
            ph = _phase_of(corpus, s.treaty, s.index)
            c1, c2 = _ccode_at(table, s.obligor, s.start), _ccode_at(table, s.beneficiary, s.start)
            if ph is not None and c1 is not None and c2 is not None:
                cap = caps.get((s.treaty, ph, c1, c2))
        out.append((s.kind, s.obligor, s.beneficiary, s.start, s.end, s.certain, cap))
    return out, table


def _phase_of(corpus: CompiledCorpus, tid: str, index: int) -> int | None:
    art = corpus.treaties[tid].obligations[index].article
    return int(art.rsplit(" ", 1)[1]) if art.startswith("ATOP phase ") else None


def _ccode_at(table: dict[str, list[tuple[int, dt.date, dt.date]]], code: str, day: dt.date) -> int | None:
    return next((c for c, a, b in table.get(code, ()) if a <= day < b), None)


def _phase_caps(corpus: CompiledCorpus) -> dict[tuple[str, int, int, int], int]:
    """ATOP's phase-year convention: ``(treaty, phase, ccode1, ccode2) -> first year of a later phase``.

    ATOP's directed dyad-year file gives the year in which a dyad passes from one phase of an alliance
    to the next the *later* phase's obligations only (all 16 informative cells in ATOP 5.1: 1155 in
    1857, 1362 in 1888, 1415 in 1905; docs/atop.md). Under the any-day rule a phase-``p`` spell of a
    dyad therefore stops counting in the first year in which both states are members of a later
    phase ``q > p`` of the same imported alliance (its ``atop`` member rows).
    """
    caps: dict[tuple[str, int, int, int], int] = {}
    for tid, t in corpus.treaties.items():
        if t.atop is None or len(t.atop.phases) < 2:
            continue
        rows = t.atop.members
        for a in rows:
            for b in rows:
                if a.ccode == b.ccode or a.phase != b.phase:
                    continue
                first = max(a.entry.earliest, b.entry.earliest).year
                for p in range(1, a.phase):
                    key = (tid, p, a.ccode, b.ccode)
                    if key not in caps or first < caps[key]:
                        caps[key] = first
    return caps


def _ccode_table(corpus: CompiledCorpus) -> dict[str, list[tuple[int, dt.date, dt.date]]]:
    table: dict[str, list[tuple[int, dt.date, dt.date]]] = {}
    for code, st in corpus.registry.states.items():
        table[code] = [
            (sp.ccode, sp.since.earliest if sp.since else dt.date.min, sp.until.earliest if sp.until else dt.date.max)
            for sp in st.ccodes
        ]
    return table


def _pieces(
    spell: Compact, lo: dt.date, hi: dt.date, ccodes: dict[str, list[tuple[int, dt.date, dt.date]]]
) -> Iterator[tuple[int, int, dt.date, dt.date]]:
    """``(ccode1, ccode2, start, end)`` pieces of a spell within ``[lo, hi)``, split where a ccode changes."""
    obligor, beneficiary, start, end = spell[1], spell[2], spell[3], spell[4]
    s = max(start, lo)
    e = min(end or dt.date.max, hi)
    if s >= e:
        return
    for c1, s1, e1 in ccodes.get(obligor, ()):
        a, b = max(s, s1), min(e, e1)
        if a >= b:
            continue
        for c2, s2, e2 in ccodes.get(beneficiary, ()):
            a2, b2 = max(a, s2), min(b, e2)
            if a2 < b2:
                yield c1, c2, a2, b2


def panel_from(  # noqa: C901 - the old single-loop fill, kept as it was
    compiled: Compiled,
    unit: str = "directed-dyad-year",
    start: int = 1815,
    end: int = 2018,
    kinds: Sequence[str] | None = None,
    year_rule: str = "any-day",
    cow_only: bool = False,
) -> Table:
    """The reference panel of compiled spells (``compile_panel``)."""
    cols = _check(unit, start, end, kinds, year_rule)
    compact, ccodes = compiled
    mask = 0
    for c in cols:
        mask |= _BIT[c]
    lo, hi = dt.date(start, 1, 1), dt.date(end + 1, 1, 1)
    any_day = year_rule == "any-day"
    pieces: list[tuple[int, int, dt.date, dt.date, int]] = []
    for sp in compact:
        bit = _BIT[KIND_COLUMNS[sp[0]]]
        if not bit & mask or not (sp[5] or any_day):
            continue
        cap = sp[6] if any_day and unit != "directed-dyad-day" else None
        top = min(hi, dt.date(cap, 1, 1)) if cap is not None else hi
        for c1, c2, a, b in _pieces(sp, lo, top, ccodes):
            if cow_only and not (2 <= c1 <= 999 and 2 <= c2 <= 999):
                continue
            pieces.append((c1, c2, a, b, bit))
    if unit == "directed-dyad-day":
        return _day_spells(pieces, cols)
    if unit == "dyad-year":
        pieces = [(min(c1, c2), max(c1, c2), a, b, bit) for c1, c2, a, b, bit in pieces]
    # a cell's key is one int, ((ccode1 * 10^5) + ccode2) * 10^4 + year: it sorts like the tuple, and hashes faster
    cells: dict[int, int] = defaultdict(int)
    one = dt.timedelta(days=1)
    if any_day:
        for c1, c2, a, b, bit in pieces:
            base = (c1 * 100_000 + c2) * 10_000
            for k in range(base + a.year, base + (b - one).year + 1):
                cells[k] |= bit
    else:
        for (c1, c2, bit), ivs in _merged(pieces).items():
            base = (c1 * 100_000 + c2) * 10_000
            for a, b in ivs:
                first = a.year if a == dt.date(a.year, 1, 1) else a.year + 1
                for k in range(base + first, base + b.year):
                    cells[k] |= bit
    if unit == "state-year":
        states: dict[tuple[int, int], int] = defaultdict(int)
        for k, v in cells.items():
            states[(k // 1_000_000_000, k % 10_000)] |= v
        keys = sorted(states)
        out: dict[str, list[Any]] = {"ccode": [k[0] for k in keys], "year": [k[1] for k in keys]}
        for c in cols:
            out[c] = [1 if states[k] & _BIT[c] else 0 for k in keys]
        return out
    keys3 = sorted(cells)
    data: dict[str, list[Any]] = {
        "ccode1": [k // 1_000_000_000 for k in keys3],
        "ccode2": [k // 10_000 % 100_000 for k in keys3],
        "year": [k % 10_000 for k in keys3],
    }
    vals = [cells[k] for k in keys3]
    for c in cols:
        bit_c = _BIT[c]
        data[c] = [1 if v & bit_c else 0 for v in vals]
    return data


def _merged(
    pieces: list[tuple[int, int, dt.date, dt.date, int]],
) -> dict[tuple[int, int, int], list[tuple[dt.date, dt.date]]]:
    by: dict[tuple[int, int, int], list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for c1, c2, a, b, bit in pieces:
        by[(c1, c2, bit)].append((a, b))
    out = {}
    for k, ivs in by.items():
        ivs.sort()
        merged: list[tuple[dt.date, dt.date]] = []
        for a, b in ivs:
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
            else:
                merged.append((a, b))
        out[k] = merged
    return out


def _day_spells(pieces: list[tuple[int, int, dt.date, dt.date, int]], cols: tuple[str, ...]) -> Table:
    by: dict[tuple[int, int], list[tuple[dt.date, int]]] = defaultdict(list)
    for c1, c2, a, b, bit in pieces:
        by[(c1, c2)].append((a, bit))
        by[(c1, c2)].append((b, -bit))
    data: dict[str, list[Any]] = {"ccode1": [], "ccode2": [], "start": [], "end": [], **{c: [] for c in cols}}
    for (c1, c2), evs in sorted(by.items()):
        evs.sort(key=lambda x: x[0])
        counts = dict.fromkeys(_BIT.values(), 0)
        cur_mask, cur_start = 0, None
        i = 0
        while i < len(evs):
            day = evs[i][0]
            while i < len(evs) and evs[i][0] == day:
                delta = evs[i][1]
                counts[abs(delta)] += 1 if delta > 0 else -1
                i += 1
            new = sum(k for k, n in counts.items() if n > 0)
            if new != cur_mask:
                if cur_mask and cur_start is not None:
                    _emit(data, cols, c1, c2, cur_start, day, cur_mask)
                cur_mask, cur_start = new, day
    return data


def _emit(data: dict[str, list[Any]], cols: tuple[str, ...], c1: int, c2: int, a: dt.date, b: dt.date, m: int) -> None:
    data["ccode1"].append(c1)
    data["ccode2"].append(c2)
    data["start"].append(a)
    data["end"].append(b)
    for c in cols:
        data[c].append(1 if m & _BIT[c] else 0)
