"""The corpus' obligation spells as columns: what every panel is filled from, computed once per corpus.

``compile_panel`` reads ``CompiledCorpus.obligation_rows`` of every treaty (the spells of their one home, as
rows; as columns from ``fastrows.spell_columns``) and cuts each
spell where a state's COW ccode changes (the registry's ccode spells: Germany is 260 before
1990-10-03 and 255 from then), so each *piece* has one ``ccode1, ccode2`` and a half-open day
range. Days are int32 counts from 1970-01-01 (Arrow's ``date32``); an open end is ``OPEN``. Each
piece carries one int64 ``value``: its kind's bit (bits 0-4, ATOP's column order), the same bit
again at 5-9 when the pledge carries none of its kind's ATOP condition flags (as in ATOP, where
``defcon`` is 1 exactly when a ``defco*`` detail is; ``olimob`` apart), its ATOP condition flags from bit 10
(``FLAG_BITS``). The system members' ccode spells (for the zero-filled universe) and the knowledge
date come along, so a cached ``PanelSpells`` is all a panel needs.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from ..atopcoding import CONDITION_TEXTS, flag_text
from ..collector import paused_gc
from ..compiled import CompiledCorpus, CorpusLike, core
from ..schema import Conditions
from ..states import Registry
from .days import EPOCH, MIN, OPEN, day, to_days
from .fastrows import spell_columns
from .options import FLAGS, KIND_COLUMNS, KINDS

__all__ = [
    "EPOCH",
    "FLAG_BITS",
    "OPEN",
    "UNCONDITIONAL",
    "PanelSpells",
    "compile_panel",
    "condition_flags",
    "day",
    "to_days",
]

KIND_BITS = {col: 1 << i for i, col in enumerate(KINDS)}
#: the kind's bit shifted here when a pledge carries no ATOP condition
UNCONDITIONAL = 5
DETAILS = (*(f for k in KINDS for f in FLAGS[k]), "olimob")
FLAG_BITS = {f: 1 << (10 + i) for i, f in enumerate(DETAILS)}
_FORMAT = "treatyrules-panel-spells-1"


#: each flag's readable text, as an ATOP import writes it into ``other``, back to the flag
_BY_TEXT = {flag_text(f): f for f in DETAILS if f == "olimob" or f[3:] in CONDITION_TEXTS}


def condition_flags(column: str, c: Conditions) -> int:
    """ATOP's condition flags (``FLAG_BITS``) of a pledge of kind ``column`` with conditions ``c``.

    The inverse of the ATOP import's mapping, and ATOP's reading of a hand-coded treaty:
    ``*coadv`` named adversaries, ``*coloc`` a location, ``*conpr`` non-provocation,
    ``neucoatt`` an armed attack (neutrality), ``concoreq`` on request (consultation); any flag
    named in ``other``, by its name or as the import writes it (``atopcoding.flag_text``:
    "in a specific ongoing conflict (ATOP defcocon)"), is set too.

    >>> from treatyrules.schema import Conditions
    >>> [f for f, b in FLAG_BITS.items() if condition_flags("defense", Conditions(adversaries=["SUN"])) & b]
    ['defcoadv']
    >>> condition_flags("defense", Conditions(armed_attack=True))  # an attack is what defence is about
    0
    """
    named = {_BY_TEXT.get(o, o) for o in c.other}
    found = {f for f in (*FLAGS[column], "olimob") if f in named}
    prefix = {"defense": "def", "offense": "off", "neutral": "neu", "consul": "con"}.get(column)
    if prefix is not None:
        if c.adversaries:
            found.add(prefix + "coadv")
        if c.location is not None:
            found.add(prefix + "coloc")
        if c.non_provocation and column in ("defense", "neutral"):
            found.add(prefix + "conpr")
    if c.armed_attack and column == "neutral":
        found.add("neucoatt")
    if c.on_request and column == "consul":
        found.add("concoreq")
    out = 0
    for f in found:
        out |= FLAG_BITS[f]
    return out


@dataclass(frozen=True, eq=False)
class PanelSpells:
    """Obligation pieces as columns (one row per piece), the system members' ccode spells, the knowledge date.

    ``c1`` owes ``c2`` on days ``[start, end)``; ``value`` as in the module docstring; ``certain``:
    not inside a partial date's range; ``cap``: under the any-day rule the piece stops counting
    from this day (Jan 1 of the year its dyad passes to a later ATOP phase of the same alliance;
    ``OPEN`` when it does not); ``treaty`` indexes ``treaties`` (ids, in id order) and ``atopids``
    (``-1``: none). ``sys_ccode``, ``sys_start``, ``sys_end``: the days each ccode is in the COW
    system. ``knowledge``: the corpus' knowledge date in days (``None``: unknown).
    """

    c1: Any
    c2: Any
    start: Any
    end: Any
    value: Any
    certain: Any
    cap: Any
    treaty: Any
    atopids: Any
    sys_ccode: Any
    sys_start: Any
    sys_end: Any
    treaties: tuple[str, ...]
    knowledge: int | None = None
    reading: str | None = None
    as_of: str | None = None

    def __len__(self) -> int:
        return int(self.c1.size)

    def save(self, target: str | Path | BinaryIO) -> None:
        """Write as ``.npz`` (to a path or a binary file): arrays and text only, read back without pickle."""
        arrays = {f.name: getattr(self, f.name) for f in fields(self) if isinstance(getattr(self, f.name), np.ndarray)}
        meta = {"format": _FORMAT, "knowledge": self.knowledge, "reading": self.reading, "as_of": self.as_of}
        content: dict[str, Any] = {"treaties": np.array(self.treaties, dtype=str), "meta": np.array(json.dumps(meta))}
        content.update(arrays)
        if isinstance(target, (str, Path)):
            with Path(target).open("wb") as f:
                np.savez(f, **content)
        else:
            np.savez(target, **content)

    @classmethod
    def read(cls, source: str | Path | BinaryIO) -> PanelSpells:
        """What ``save`` wrote; ``ValueError`` for anything else (another format, a damaged file)."""
        with np.load(source, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            if meta.get("format") != _FORMAT:
                raise ValueError(f"not a {_FORMAT} file")
            arrays = {f.name: z[f.name] for f in fields(cls) if f.name in z.files and f.name not in ("treaties",)}
            treaties = tuple(str(t) for t in z["treaties"])
        extra = {k: meta[k] for k in ("knowledge", "reading", "as_of")}
        return cls(**arrays, treaties=treaties, **extra)


def compile_panel(corpus: CorpusLike) -> PanelSpells:
    """Every obligation spell of ``corpus`` as ccode pieces (``PanelSpells``)."""
    c = core(corpus)
    table = _ccode_spells(c.registry)
    with paused_gc():  # the treaties' Pairs (kept) and rows (dropped) are many objects in no cycle
        rows = _spell_rows(c, table)
    c1, c2, start, end, value, certain, cap, treaty = _split(rows, table)
    ccode, lo, hi = _system_spells(c.registry, table)
    atopids = np.array([t.atopid if t.atopid is not None else -1 for t in c.treaties.values()], dtype=np.int32)
    return PanelSpells(
        c1,
        c2,
        start,
        end,
        value,
        certain,
        cap,
        treaty,
        atopids=atopids,
        sys_ccode=ccode,
        sys_start=lo,
        sys_end=hi,
        treaties=tuple(c.treaties),
        knowledge=to_days(c.knowledge_date) if c.knowledge_date is not None else None,
        reading=c.reading,
        as_of=c.as_of.isoformat() if c.as_of is not None else None,
    )


CcodeTable = dict[str, list[tuple[int, int, int]]]  # state code -> (ccode, first day, end day)


def _bounds(since: Any, until: Any) -> tuple[int, int]:
    return (to_days(since.earliest) if since else MIN, to_days(until.earliest) if until else OPEN)


def _ccode_spells(registry: Registry) -> CcodeTable:
    states = registry.states.items()
    return {code: [(sp.ccode, *_bounds(sp.since, sp.until)) for sp in st.ccodes] for code, st in states}


def _spell_rows(c: CompiledCorpus, table: CcodeTable) -> tuple[Any, ...]:
    """One row per spell (``CompiledCorpus.obligation_rows``, by treaty id, as ``fastrows.spell_columns``
    derives them): its codes' positions in the ccode table, days, value, certainty, cap, treaty."""
    rows = spell_columns(c)
    position = {code: i for i, code in enumerate(table)}
    at = np.array([position.get(code, -1) for code in rows.codes], dtype=np.int32)
    caps = _phase_caps(c)
    capped = {k[0] for k in caps}
    memo: dict[tuple[Any, ...], int] = {}
    values: list[int] = []
    phases: list[int] = []
    first = [0]
    for tid, t in c.treaties.items():
        values += (_value(o.kind.value, o.conditions, memo) for o in t.obligations)
        phases += (_phase(o.article) if tid in capped else -1 for o in t.obligations)
        first.append(len(values))
    declared = np.array(first[:-1], dtype=np.int64)[rows.treaty] + rows.declaration
    o, b = at[rows.obligor], at[rows.beneficiary]
    lo, hi, tr = (x.astype(np.int32) for x in (rows.start, rows.end, rows.treaty))
    ph = np.array(phases, dtype=np.int32).reshape(-1)[declared]
    vals = np.array(values, dtype=np.int64).reshape(-1)[declared]
    return o, b, lo, hi, vals, rows.certain, _caps(c, caps, table, o, b, lo, tr, ph), tr


def _phase(article: str) -> int:
    """The ATOP phase an imported declaration belongs to (``ATOP phase 2``), else ``-1``."""
    return int(article.rsplit(" ", 1)[1]) if article.startswith("ATOP phase ") else -1


def _value(kind: str, c: Conditions, memo: dict[tuple[Any, ...], int]) -> int:
    col = KIND_COLUMNS[kind]
    key: tuple[Any, ...] = (col, tuple(c.other), bool(c.adversaries), c.location is None, c.non_provocation)
    key += (c.armed_attack, c.on_request)
    flags = memo.get(key)
    if flags is None:
        flags = memo[key] = condition_flags(col, c)
    bit = KIND_BITS[col]
    conditional = flags & ~FLAG_BITS["olimob"]  # ATOP's defcon... is any of the kind's details, olimob apart
    return bit | flags | (0 if conditional else bit << UNCONDITIONAL)


Caps = dict[tuple[str, int, int, int], int]


def _caps(c: CompiledCorpus, caps: Caps, table: CcodeTable, ob: Any, be: Any, start: Any, tr: Any, ph: Any) -> Any:
    """Each spell's cap (``PanelSpells.cap``), from the ccodes of its states on its first day."""
    out = np.full(ob.size, OPEN, dtype=np.int32)
    at = np.flatnonzero(ph >= 0)
    if not at.size:
        return out
    c1, c2 = _ccode_on(ob[at], start[at], table), _ccode_on(be[at], start[at], table)
    ids = list(c.treaties)
    for i, t, p, x1, x2 in zip(at.tolist(), tr[at].tolist(), ph[at].tolist(), c1.tolist(), c2.tolist(), strict=True):
        year = caps.get((ids[t], p, x1, x2))  # no ccode (-1): no cap
        if year is not None:
            out[i] = to_days(dt.date(year, 1, 1))
    return out


def _ccode_on(pos: Any, d: Any, table: CcodeTable) -> Any:
    """The ccode of the state at ``pos`` on day ``d`` (``-1``: none), row by row."""
    row, cc, _, _ = _expand(pos, d, d + 1, table)
    out = np.full(pos.size, -1, dtype=np.int64)
    out[row] = cc
    return out


def _phase_caps(corpus: CompiledCorpus) -> Caps:
    """ATOP's phase-year convention: ``(treaty, phase, ccode1, ccode2) -> first year of a later phase``.

    ATOP's directed dyad-year file gives the year in which a dyad passes from one phase of an alliance
    to the next the *later* phase's obligations only (all 16 informative cells in ATOP 5.1: 1155 in
    1857, 1362 in 1888, 1415 in 1905; docs/atop.md). Under the any-day rule a phase-``p`` spell of a
    dyad therefore stops counting in the first year in which both states are members of a later
    phase ``q > p`` of the same imported alliance (its ``atop`` member rows).
    """
    caps: Caps = {}
    for tid, t in corpus.treaties.items():
        if t.atop is None or len(t.atop.phases) < 2:
            continue
        rows = t.atop.members
        for a, b in ((a, b) for a in rows for b in rows if a.ccode != b.ccode and a.phase == b.phase):
            first = max(a.entry.earliest, b.entry.earliest).year
            for p in range(1, a.phase):
                key = (tid, p, a.ccode, b.ccode)
                caps[key] = min(caps.get(key, first), first)
    return caps


def _expand(pos: Any, start: Any, end: Any, table: CcodeTable) -> tuple[Any, Any, Any, Any]:
    """Each row times the ccode spells of the state at ``pos``, intersected: (row, ccode, start, end)."""
    counts = np.array([len(v) for v in table.values()], dtype=np.int64)
    first = np.concatenate([[0], np.cumsum(counts)])
    flat = np.array([x for v in table.values() for x in v], dtype=np.int64).reshape(-1, 3)
    n = np.where(pos >= 0, counts[pos], 0)
    row = np.repeat(np.arange(pos.size), n)
    at = first[pos[row]] + np.arange(row.size) - np.repeat(np.cumsum(n) - n, n)
    a = np.maximum(start[row], flat[at, 1])
    b = np.minimum(end[row], flat[at, 2])
    keep = a < b
    return row[keep], flat[at, 0][keep].astype(np.int32), a[keep].astype(np.int32), b[keep].astype(np.int32)


def _split(rows: tuple[Any, ...], table: CcodeTable) -> tuple[Any, Any, Any, Any, Any, Any, Any, Any]:
    """The pieces: each spell cut where the obligor's or the beneficiary's ccode changes."""
    ob, be, start, end, value, certain, cap, treaty = rows
    r1, c1, a1, b1 = _expand(ob, start, end, table)
    r2, c2, a, b = _expand(be[r1], a1, b1, table)
    src = r1[r2]
    return c1[r2], c2, a, b, value[src], certain[src], cap[src], treaty[src]


def _system_spells(registry: Registry, table: CcodeTable) -> tuple[Any, Any, Any]:
    """``(ccode, start, end)`` of every state's days in the COW system, cut where its ccode changes."""
    out = [
        (cc, max(lo, a), min(hi, b))
        for code, st in registry.states.items()
        for lo, hi in (_bounds(sp.since, sp.until) for sp in st.system)
        for cc, a, b in table[code]
        if max(lo, a) < min(hi, b)
    ]
    out.sort()
    arr = np.array(out, dtype=np.int64).reshape(-1, 3)
    return arr[:, 0].astype(np.int32), arr[:, 1].astype(np.int32), arr[:, 2].astype(np.int32)
