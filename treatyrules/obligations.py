"""Obligations as directed edges over time: the spells during which obligor owes beneficiary.

A declared obligation expands to ordered pairs of parties (``all`` = every party to every other).
A pair's obligation holds while the treaty is in force for both (their memberships overlap, the
treaty is not suspended) and the pair is not suspended; the codes follow state continuity
(``SUN`` -> ``RUS``). Where a bound is uncertain the spell is marked ``certain=False``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .dates import MAX_DAY, MIN_DAY
from .lifecycle import Life
from .schema import Conditions, Obligation
from .states import Registry
from .timeline import Step, Timeline

__all__ = ["Spell", "SpellIndex", "Tri", "obligation_spells"]

Tri = list[tuple[dt.date, dt.date, int]]  # [start, end) -> 0 no, 1 unknown, 2 yes


@dataclass(frozen=True, slots=True)
class Spell:
    """``obligor`` owes ``beneficiary`` an obligation of ``kind`` on ``[start, end)`` (end None: open)."""

    treaty: str
    index: int  # position of the declaration in the treaty's obligations list
    article: str
    kind: str
    obligor: str
    beneficiary: str
    start: dt.date
    end: dt.date | None
    certain: bool
    conditions: Conditions
    basis: tuple[Step, ...]

    def holds(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


def _tri(tl: Timeline, yes: Iterable[str] = ("in_force",)) -> Tri:
    ok = set(yes)
    out: Tri = []
    for s in tl.segments:
        if s.status in ok:
            v = 2
        elif s.status == "unknown" and ok.intersection(s.possible):
            v = 1
        else:
            v = 0
        out.append((s.start, s.end or MAX_DAY, v))
    return out


def _meet(*tris: Tri) -> Tri:
    """Pointwise minimum of three-valued step functions."""
    cuts = sorted({d for t in tris for s, e, _ in t for d in (s, e)} | {MIN_DAY, MAX_DAY})
    out: Tri = []
    for a, b in itertools.pairwise(cuts):
        v = min(_value(t, a) for t in tris)
        if out and out[-1][2] == v and out[-1][1] == a:
            out[-1] = (out[-1][0], b, v)
        else:
            out.append((a, b, v))
    return out


def _value(t: Tri, day: dt.date) -> int:
    for s, e, v in t:
        if s <= day < e:
            return v
    return 0


def _parties(spec: str | Sequence[str], members: Sequence[str], life: Life, registry: Registry) -> list[str]:
    if spec == "all":
        return list(members)
    out = []
    for code in spec:
        m = registry.member_for(code, members)
        if m is not None:
            out.append(m)
    return out


def obligation_spells(life: Life, registry: Registry) -> list[Spell]:
    """Every directed spell of every declared obligation of one treaty, ordered."""
    members = list(life.memberships)
    treaty_tri = _tri(life.timeline)
    out: list[Spell] = []
    member_tri = {m: _tri(life.memberships[m].timeline) for m in members}
    for idx, ob in enumerate(life.treaty.obligations):
        window = _window(ob)
        for a in _parties(ob.obligors, members, life, registry):
            for b in _parties(ob.beneficiaries, members, life, registry):
                if a == b:
                    continue
                tri = _meet(
                    treaty_tri,
                    member_tri[a],
                    member_tri[b],
                    _suspended(life, a, b, members, registry),
                    *([window] if window else []),
                )
                out.extend(_spells(life, idx, ob, a, b, tri, registry))
    out.sort(key=lambda s: (s.treaty, s.start, s.obligor, s.beneficiary, s.kind, s.index))
    return out


def _window(ob: Obligation) -> Tri | None:
    """The declared ``[since, until)`` window as a three-valued step function (unknown inside partial dates)."""
    if ob.since is None and ob.until is None:
        return None
    out: Tri = []
    lo = ob.since.earliest if ob.since else MIN_DAY
    hi = ob.since.latest if ob.since else MIN_DAY
    end_lo = ob.until.earliest if ob.until else MAX_DAY
    end_hi = ob.until.latest if ob.until else MAX_DAY
    if lo > MIN_DAY:
        out.append((MIN_DAY, lo, 0))
    if hi > lo:
        out.append((lo, min(hi, end_lo), 1))
    if end_lo > hi:
        out.append((hi, end_lo, 2))
    if end_hi > max(end_lo, hi):
        out.append((max(end_lo, hi), end_hi, 1))
    if end_hi < MAX_DAY:
        out.append((end_hi, MAX_DAY, 0))
    return out


def _suspended(life: Life, a: str, b: str, members: Sequence[str], registry: Registry) -> Tri:
    windows = [
        (s.start, s.end or MAX_DAY)
        for s in life.suspensions
        if registry.member_for(s.obligor, members) == a and registry.member_for(s.beneficiary, members) == b
    ]
    out: Tri = []
    cur = MIN_DAY
    for s, e in sorted(windows):
        if s > cur:
            out.append((cur, s, 2))
        out.append((max(s, cur), e, 0))
        cur = max(cur, e)
    if cur < MAX_DAY:
        out.append((cur, MAX_DAY, 2))
    return out


def _basis(life: Life, ob: Obligation, a: str, b: str, registry: Registry) -> tuple[Step, ...]:
    """Why ``a`` owes ``b``: signature, entries into force (the treaty's and both members'), the article,
    and the suspensions of this direction only."""
    members = list(life.memberships)
    entry_steps = [
        st
        for m in (a, b)
        if (ms := life.memberships.get(m)) is not None and ms.start is not None
        for st in ms.start.steps
    ]
    owed = f"Art. {ob.article}: {ob.kind.value} owed by {a} to {b}" + (f' ("{ob.text}")' if ob.text else "")
    suspended = (
        st
        for s in life.suspensions
        if registry.member_for(s.obligor, members) == a and registry.member_for(s.beneficiary, members) == b
        for st in s.steps
    )
    signature = (life.signature_step,) if life.signature_step else ()
    steps = [*signature, *life.entry_steps, *entry_steps, Step(owed, ob.article, source=ob.source), *suspended]
    return tuple(dict.fromkeys(steps))


def _spells(life: Life, idx: int, ob: Obligation, a: str, b: str, tri: Tri, registry: Registry) -> list[Spell]:
    """The pair's spells where the obligation (possibly) holds, cut at succession days so that the
    codes are the canonical codes of each spell's days."""
    out = []
    steps = _basis(life, ob, a, b, registry)
    for start, end, v in tri:
        if v == 0:
            continue
        successions = {d.earliest for m in (a, b) if m in registry for _, _, d in registry.successions(m)}
        cuts = sorted({start, end} | {d for d in successions if start < d < end})
        for s, e in itertools.pairwise(cuts):
            oa = (registry.code_on(a, s) if a in registry else a) or a
            ob_ = (registry.code_on(b, s) if b in registry else b) or b
            until = None if e >= MAX_DAY else e
            out.append(
                Spell(life.treaty.id, idx, ob.article, ob.kind.value, oa, ob_, s, until, v == 2, ob.conditions, steps)
            )
    return out


class SpellIndex:
    """Spells found by day: those holding on a day, in the order they were given."""

    def __init__(self, spells: Sequence[Spell]) -> None:
        order = sorted(range(len(spells)), key=lambda i: spells[i].start)
        self._starts = [spells[i].start for i in order]
        self._order = order
        self._spells = tuple(spells)

    def __len__(self) -> int:
        return len(self._spells)

    def on(self, day: dt.date) -> list[Spell]:
        """The spells holding on ``day``, in their given order."""
        began = bisect.bisect_right(self._starts, day)
        hits = sorted(i for i in self._order[:began] if (e := self._spells[i].end) is None or day < e)
        return [self._spells[i] for i in hits]
