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
import operator
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

from .dates import MAX_DAY, MIN_DAY
from .lifecycle import Life, PairSuspension
from .schema import Conditions, Obligation
from .states import Registry
from .timeline import Segment, Step, Timeline

__all__ = [
    "Held",
    "Keep",
    "Make",
    "Pairs",
    "Row",
    "Spell",
    "Tri",
    "holding_on",
    "may_oblige",
    "obligation_rows",
    "obligation_spells",
]

Tri = list[tuple[dt.date, dt.date, int]]  # [start, end) -> 0 no, 1 unknown, 2 yes
#: a step function's non-zero pieces kept for good (a tuple of dates and values: no object the
#: garbage collector needs to follow)
Window = tuple[tuple[dt.date, dt.date, int], ...]
#: a declared obligation of a treaty: its position in ``treaty.obligations``, its open window
#: (``None``: always), its obligors and its beneficiaries among the members (atoms only)
Declared = tuple[int, Window | None, tuple[str, ...], tuple[str, ...]]
T = TypeVar("T")
#: one pair a declaration holds for on a day: ``(obligor code, beneficiary code, obligor member,
#: beneficiary member, value)``: the codes canonical on the day, the members they stand for (the
#: basis of the pair is ``Pairs.basis_for((index, obligor member, beneficiary member))``), and 2
#: where it holds for certain, 1 where it may
Held = tuple[str, str, str, str, int]
#: what a query makes of one declaration's holdings on a day, called once per declaration with
#: ``(treaty id, declaration index, the declaration, the treaty's Pairs, its holdings in order)``
Make = Callable[[str, int, Obligation, "Pairs", list[Held]], list[T]]
#: which holdings a query keeps, by ``(kind, obligor, beneficiary)``
Keep = Callable[[str, str, str], bool]


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


def _value_of(seg: Segment, ok: frozenset[str]) -> int:
    """2 where the segment's status is one of ``ok``, 1 where it is unknown and may be, else 0."""
    if seg.status in ok:
        return 2
    return 1 if seg.status == "unknown" and ok.intersection(seg.possible) else 0


IN_FORCE = frozenset({"in_force"})


def _tri(tl: Timeline, yes: Iterable[str] = ("in_force",)) -> Tri:
    ok = frozenset(yes)
    return [(s.start, s.end or MAX_DAY, _value_of(s, ok)) for s in tl.segments]


def may_oblige(life: Life, day: dt.date) -> bool:
    """Whether any obligation of the treaty can hold on ``day``: it is, or may be, in force then
    (no spell of ``obligation_spells`` holds on a day this is false)."""
    return _value_of(life.timeline.at(day), IN_FORCE) > 0


def _meet(*tris: Tri) -> Tri:
    """Pointwise minimum of three-valued step functions (each a list of ``[start, end)`` pieces in
    order of start; a day no piece holds is 0), as maximal runs of one value."""
    cuts = sorted({d for t in tris for s, e, _ in t for d in (s, e)} | {MIN_DAY, MAX_DAY})
    at = [0] * len(tris)
    out: Tri = []
    for a, b in itertools.pairwise(cuts):
        v = 2
        for k, t in enumerate(tris):
            i = at[k]
            while i < len(t) and t[i][1] <= a:  # pieces over before ``a`` hold no later cut either
                i += 1
            at[k] = i
            v = min(v, t[i][2] if i < len(t) and t[i][0] <= a else 0)
        if out and out[-1][2] == v:
            out[-1] = (out[-1][0], b, v)
        else:
            out.append((a, b, v))
    return out


def _positive(tri: Tri) -> Tri:
    """The non-zero pieces of a step function."""
    return [p for p in tri if p[2]]


def _both(x: Sequence[tuple[dt.date, dt.date, int]], y: Sequence[tuple[dt.date, dt.date, int]]) -> Tri:
    """``_meet`` of two step functions given as their non-zero pieces (ordered, disjoint), as the
    non-zero pieces of the result: a walk along both instead of a cut at every boundary."""
    if len(x) == 1 == len(y):  # the common case: one piece each
        (s1, e1, v1), (s2, e2, v2) = x[0], y[0]
        lo, hi = max(s1, s2), min(e1, e2)
        return [(lo, hi, min(v1, v2))] if lo < hi else []
    out: Tri = []
    i = j = 0
    while i < len(x) and j < len(y):
        (s1, e1, v1), (s2, e2, v2) = x[i], y[j]
        lo, hi, v = max(s1, s2), min(e1, e2), min(v1, v2)
        if lo < hi:
            if out and out[-1][1] == lo and out[-1][2] == v:
                out[-1] = (out[-1][0], hi, v)
            else:
                out.append((lo, hi, v))
        if e1 <= e2:
            i += 1
        else:
            j += 1
    return out


def obligation_spells(life: Life, registry: Registry, pairs: Pairs | None = None) -> list[Spell]:
    """Every directed spell of every declared obligation of one treaty, ordered (``pairs``: the
    treaty's ``Pairs``, when the caller keeps one): ``obligation_rows`` with their article,
    conditions and basis."""
    pairs = pairs or Pairs(life, registry)
    obs, tid = life.treaty.obligations, life.treaty.id
    out = []
    for start, oa, ob_, kind, idx, a, b, until, certain in obligation_rows(pairs):
        ob = obs[idx]
        basis = pairs.basis_of(idx, ob, a, b)
        out.append(Spell(tid, idx, ob.article, kind, oa, ob_, start, until, certain, ob.conditions, basis))
    return out


class Row(NamedTuple):
    """One spell as plain data: what a ``Spell`` shows but its treaty, article, conditions and basis,
    with the members the codes stand for (``SUN`` for ``RUS`` after 1991); a tuple, so cheap to make
    and to keep."""

    start: dt.date
    obligor: str
    beneficiary: str
    kind: str
    declaration: int  # the position of the declaration in the treaty's obligations (``Spell.index``)
    obligor_member: str
    beneficiary_member: str
    end: dt.date | None
    certain: bool


_ORDER = operator.itemgetter(0, 1, 2, 3, 4)


def _open(end: dt.date) -> dt.date | None:
    """A spell's end as ``Spell.end`` gives it: ``None`` for one open at the end of time."""
    return None if end >= MAX_DAY else end


_row = tuple.__new__


def obligation_rows(pairs: Pairs) -> list[Row]:
    """What every spell of the treaty shows but its article, conditions and basis, in the spells'
    order (start, obligor, beneficiary, kind, declaration): what panels and overlap counts read,
    without building a ``Spell`` or its basis."""
    out: list[Row] = []
    obs = pairs.life.treaty.obligations
    tri_with, rows = pairs.tri_with, pairs.rows
    for idx, open_, obligors, beneficiaries in pairs.declared:
        kind = obs[idx].kind.value
        for a in obligors:
            xa = pairs.bound_in(a, open_)
            for b in beneficiaries if xa else ():
                if a != b:
                    out += rows(idx, kind, a, b, tri_with(xa, a, b))
    out.sort(key=_ORDER)
    return out


def holding_on(pairs: Pairs, day: dt.date, make: Make[T], keep: Keep | None = None) -> list[T] | None:
    """``make`` of each declaration's pairs that the treaty's spells holding on ``day`` show (those
    ``keep`` keeps), ordered by declaration, obligor and beneficiary; found by evaluating at the day
    the step functions that ``Pairs.tri_with`` meets, instead of deriving every spell.

    The codes are the canonical codes on the day (the spells are cut where they change). ``None``
    when two pairs of members show the same codes under one declaration on the day: only the
    spells' own order (by start) tells those apart.
    """
    at = min(day, _LAST)  # the spells holding on MAX_DAY are those open at the end, holding on the day before
    live = pairs.bound_on(at)
    if not live:
        return []
    codes = {m: pairs.code_now(m, at) for m in live}
    out: list[T] = []
    tid, obs = pairs.life.treaty.id, pairs.life.treaty.obligations
    for declared in pairs.declared:
        idx, open_, _, _ = declared
        window = _value_at(open_, at) if open_ is not None else 2
        held = pairs.holding(declared, at, window, live, codes) if window else []
        if not held:
            continue
        if len({h[:2] for h in held}) < len(held):
            return None
        ob = obs[idx]
        if keep is not None:
            kind = ob.kind.value
            held = [h for h in held if keep(kind, h[0], h[1])]
        held.sort()
        out += make(tid, idx, ob, pairs, held) if held else ()
    return out


_LAST = MAX_DAY - dt.timedelta(days=1)


def _value_at(tri: Sequence[tuple[dt.date, dt.date, int]], day: dt.date) -> int:
    """The value on ``day`` of a step function given as its non-zero pieces (0 where none holds)."""
    i = bisect.bisect_right(tri, (day, MAX_DAY, 3)) - 1
    return tri[i][2] if i >= 0 and day < tri[i][1] else 0


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


def _suspended(windows: Iterable[tuple[dt.date, dt.date]]) -> Tri:
    """2 outside the ``[start, end)`` windows of a direction's suspensions, 0 inside them."""
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


class Pairs:
    """What every obligation of one treaty shares for an ordered pair of members, derived once:
    the declarations with their parties, the days both are bound (the treaty's, both memberships'
    and the pair's suspensions' step functions met), the basis up to the article, the succession
    days and the codes on a day. Kept by the compiled corpus for each treaty it derives."""

    def __init__(self, life: Life, registry: Registry) -> None:
        self.life, self.registry = life, registry
        self.members = list(life.memberships)
        self._members = frozenset(self.members)
        self._treaty: Tri | None = None  # the non-zero pieces of the treaty's step function, when spells need them
        self._suspensions: dict[tuple[str | None, str | None], list[PairSuspension]] = {}
        for s in life.suspensions:
            key = (registry.member_for(s.obligor, self.members), registry.member_for(s.beneficiary, self.members))
            self._suspensions.setdefault(key, []).append(s)
        self._suspended: dict[tuple[str, str], Tri] = {}
        self._bounds: dict[str, Tri] = {}
        self._bound_in: dict[tuple[str, Window], Tri] = {}
        self._bases: dict[tuple[int, str, str], tuple[Step, ...]] = {}
        self._succession: dict[str, list[dt.date]] = {}
        self._codes: dict[tuple[str, dt.date], str] = {}
        self._member_for: dict[str, str | None] = {}
        self._named: dict[str | tuple[str, ...], tuple[str, ...]] = {"all": tuple(self.members)}
        self._windows: dict[tuple[object, object], Window | None] = {}
        self.declared = [self._declaration(idx, ob) for idx, ob in enumerate(life.treaty.obligations)]

    def _declaration(self, idx: int, ob: Obligation) -> Declared:
        """A declaration with its open window (non-zero pieces; ``None``: always open; once per
        window), its obligors and its beneficiaries among the members (once per obligation, not per pair)."""
        since, until = ob.since, ob.until  # keyed by the days ``_window`` reads (a date hashes in C)
        key = (since.earliest, since.latest) if since else None, (until.earliest, until.latest) if until else None
        if key not in self._windows:
            window = _window(ob)
            self._windows[key] = tuple(_positive(_meet(window))) if window else None
        return idx, self._windows[key], self._parties(ob.obligors), self._parties(ob.beneficiaries)

    def _parties(self, spec: str | Sequence[str]) -> tuple[str, ...]:
        """The members a declaration's ``obligors`` or ``beneficiaries`` name (``all``: every member),
        once per list of codes."""
        key = spec if isinstance(spec, str) else tuple(spec)
        got = self._named.get(key)
        if got is None:
            members, reg = self._members, self.registry
            if isinstance(key, tuple) and members.issuperset(key):  # the common case: members by their own codes
                got = key
            else:
                found = (code if code in members else reg.member_for(code, self.members) for code in spec)
                got = tuple(m for m in found if m is not None)
            self._named[key] = got
        return got

    def bound_in(self, a: str, window: Window | None) -> Tri:
        """``bound`` of ``a`` met with a declared window (its non-zero pieces; ``None``: always open),
        once per member and window."""
        if window is None:
            return self.bound(a)
        key = (a, window)
        got = self._bound_in.get(key)
        if got is None:
            got = self._bound_in[key] = _both(self.bound(a), window)
        return got

    def tri_with(self, xa: Tri, a: str, b: str) -> Tri:
        """The days ``a`` and ``b`` are both bound by the treaty, ``a``'s obligations to ``b`` are not
        suspended, and the declaration's window is open, as non-zero pieces, from ``xa``: ``a``'s
        ``bound_in`` the window (the meet is the same in any order)."""
        tri = _both(xa, self.bound(b))
        if (a, b) in self._suspensions:
            tri = _positive(_meet(tri, self._suspension(a, b)))
        return tri

    def _suspension(self, a: str, b: str) -> Tri:
        tri = self._suspended.get((a, b))
        if tri is None:
            sus = self._suspensions[(a, b)]
            tri = self._suspended[(a, b)] = _suspended((s.start, s.end or MAX_DAY) for s in sus)
        return tri

    def bound(self, m: str) -> Tri:
        """The days the treaty is in force and ``m`` a member bound by it, as non-zero pieces (met once
        per member, not once per pair)."""
        tri = self._bounds.get(m)
        if tri is None:
            if self._treaty is None:
                self._treaty = _positive(_tri(self.life.timeline))
            member = _positive(_tri(self.life.memberships[m].timeline))
            tri = self._bounds[m] = _both(self._treaty, member)  # = _positive(_meet(treaty, member))
        return tri

    def bound_on(self, day: dt.date) -> dict[str, int]:
        """Each member bound on ``day`` -> the value there of its ``bound`` days (1 or 2), read from
        the timelines themselves (both partition every day, so the meet on a day is the minimum)."""
        treaty = _value_of(self.life.timeline.at(day), IN_FORCE)
        if not treaty:
            return {}
        ms = self.life.memberships
        return {m: v for m in self.members if (v := min(treaty, _value_of(ms[m].timeline.at(day), IN_FORCE)))}

    def basis(self, ob: Obligation, a: str, b: str) -> tuple[Step, ...]:
        """Why ``a`` owes ``b``: signature, entries into force (the treaty's and both members'), the
        article, and the suspensions of this direction only (each step once, in that order)."""
        life = self.life
        head = [life.signature_step] if life.signature_step else []
        steps = dict.fromkeys([*head, *life.entry_steps, *self._entry(a), *self._entry(b)])
        owed = f"Art. {ob.article}: {ob.kind.value} owed by {a} to {b}" + (f' ("{ob.text}")' if ob.text else "")
        for st in (
            Step(owed, ob.article, source=ob.source),
            *(t for s in self._suspensions.get((a, b), ()) for t in s.steps),
        ):
            steps.setdefault(st)
        return tuple(steps)

    def _entry(self, m: str) -> tuple[Step, ...]:
        """The steps of member ``m``'s entry into force."""
        start = self.life.memberships[m].start
        return start.steps if start is not None else ()

    def basis_for(self, key: tuple[int, str, str]) -> tuple[Step, ...]:
        """``basis_of`` for ``(declaration index, obligor, beneficiary)``."""
        idx, a, b = key
        return self.basis_of(idx, self.life.treaty.obligations[idx], a, b)

    def basis_of(self, idx: int, ob: Obligation, a: str, b: str) -> tuple[Step, ...]:
        """``basis`` of declaration ``idx``, built once per pair and kept (spells and answers share it)."""
        key = (idx, a, b)
        got = self._bases.get(key)
        if got is None:
            got = self._bases[key] = self.basis(ob, a, b)
        return got

    def successions(self, m: str) -> list[dt.date]:
        """The days on which the code holding ``m``'s place may change (``Registry.code_days``: every
        period of its line of continuity begins or ends, its own later periods included); none for a
        member that keeps its code (``Registry.keeps_its_code``), whose spells need no cut."""
        if m not in self._succession:
            reg = self.registry
            self._succession[m] = [] if reg.keeps_its_code(m) else list(reg.code_days(m))
        return self._succession[m]

    def code_on(self, m: str, day: dt.date) -> str:
        """The canonical code of member ``m`` on ``day`` (``m`` itself when it is no registry state)."""
        key = (m, day)
        if key not in self._codes:
            reg = self.registry
            self._codes[key] = (reg.code_on(m, day) if m in reg else m) or m
        return self._codes[key]

    def code_over(self, m: str, start: dt.date, end: dt.date) -> str | None:
        """The code ``code_on`` gives member ``m`` on every day of ``[start, end)``, when no succession
        changes it there (read at each of ``successions`` within the days: none for a member that
        keeps its code); ``None`` when it changes within the days."""
        code = self.code_on(m, start)
        changes = (d for d in self.successions(m) if start < d < end)
        return code if all(self.code_on(m, d) == code for d in changes) else None

    def suspended_directions(self) -> Collection[tuple[str | None, str | None]]:
        """The ``(obligor, beneficiary)`` members of which some obligations are suspended at some time."""
        return self._suspensions.keys()

    def code_now(self, m: str, day: dt.date) -> str:
        """``code_on`` without keeping it (a query's days are not the spells' few start days)."""
        reg = self.registry
        return (reg.code_on(m, day) if m in reg else m) or m

    def holding(
        self, declared: Declared, day: dt.date, window: int, live: dict[str, int], codes: dict[str, str]
    ) -> list[Held]:
        """``holding_on`` for one declaration, whose window has ``window`` on ``day`` (``live``: the
        value on the day of each member bound then, ``codes`` its code): ``(obligor code, beneficiary
        code, obligor, beneficiary, value)`` of each pair the obligation (possibly) holds for."""
        _, _, obligors, beneficiaries = declared
        out = []
        for a in obligors:
            va = min(window, live.get(a, 0))
            for b in beneficiaries if va else ():
                v = min(va, live.get(b, 0))
                if v and (a, b) in self._suspensions:
                    v = min(v, _value_at(self._suspension(a, b), day))
                if v and a != b:
                    out.append((codes[a], codes[b], a, b, v))
        return out

    def rows(self, idx: int, kind: str, a: str, b: str, tri: Tri) -> list[Row]:
        """The pair's spells (``Row``) where the obligation (possibly) holds, cut where the codes of
        its members change (``successions``), so that the codes are the canonical codes of each
        spell's days."""
        out: list[Row] = []
        successions = self.successions(a) + self.successions(b)
        code_on = self.code_on
        for start, end, v in tri:  # non-zero pieces
            if not successions:  # the common case: no cut
                out.append(
                    _row(Row, (start, code_on(a, start), code_on(b, start), kind, idx, a, b, _open(end), v == 2))
                )
                continue
            cuts = sorted({start, end, *(d for d in successions if start < d < end)})
            pieces: list[tuple[dt.date, dt.date, str, str]] = []
            for s, e in itertools.pairwise(cuts):
                ca, cb = code_on(a, s), code_on(b, s)
                if pieces and pieces[-1][2:] == (ca, cb):  # a day that may change a code but did not
                    pieces[-1] = (pieces[-1][0], e, ca, cb)
                else:
                    pieces.append((s, e, ca, cb))
            out += (_row(Row, (s, ca, cb, kind, idx, a, b, _open(e), v == 2)) for s, e, ca, cb in pieces)
        return out
