"""Each member's spells: from an entry into force for it to the exit that follows; an entry after an
exit (a state that left and rejoined: Uzbekistan in the Collective Security Treaty) starts another.

Within one spell a later entry of the file replaces an earlier one (a party listed among the
parties whose own ratification came later enters on its deposit).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..schema import TOGGLES, Event, EventType
from ..states import Registry
from ..timeline import Bound, Step
from . import wording as w
from .facts import Facts
from .model import MemberSpell
from .precedence import earliest
from .start import Roster, member_for
from .wording import step_for

__all__ = ["MemberSpell", "Pause", "capped", "member_pauses", "member_spells"]


def member_spells(roster: Roster, exits: Mapping[str, Sequence[Bound]]) -> dict[str, tuple[MemberSpell, ...]]:
    """Every member's spells, each ended by the first of its exits."""
    return {m: _spells(roster.entries.get(m, ()), exits.get(m, ())) for m in roster.members}


def _spells(entries: Sequence[Bound], exits: Sequence[Bound]) -> tuple[MemberSpell, ...]:
    if not entries:
        return ()
    starts = [entries[0]]
    for e in entries[1:]:
        left = any(starts[-1].earliest <= x.earliest and x.latest < e.earliest for x in exits)
        if left:
            starts.append(e)
        else:
            starts[-1] = e
    out = []
    for k, start in enumerate(starts):
        nxt = starts[k + 1] if k + 1 < len(starts) else None
        after = [x for x in exits if k == 0 or x.earliest >= start.earliest]
        mine = [x for x in after if nxt is None or x.latest < nxt.earliest]
        out.append(MemberSpell(start, earliest(mine)))
    return tuple(out)


def capped(spells: Mapping[str, tuple[MemberSpell, ...]], end: Bound | None) -> dict[str, tuple[MemberSpell, ...]]:
    """No spell outlasts the treaty: each ends at the treaty's end at the latest."""
    if end is None:
        return dict(spells)
    return {m: tuple(MemberSpell(s.start, earliest([s.end, end])) for s in ss) for m, ss in spells.items()}


@dataclass(frozen=True, slots=True)
class Pause:
    """A window ``[start, end)`` in which a member's participation is suspended (its obligations, both ways)."""

    start: Bound
    end: Bound | None
    steps: tuple[Step, ...]
    summary: str


def member_pauses(facts: Facts, roster: Roster, registry: Registry) -> dict[str, tuple[Pause, ...]]:
    """Each member's pauses: suspensions of its participation (``suspension`` with ``party``, until its
    ``resumption``) and the days its state is outside the interstate system (a COW gap)."""
    out: dict[str, list[Pause]] = {m: [] for m in roster.members}
    for m, pause in _suspensions(facts, roster, registry):
        out[m].append(pause)
    for m in roster.members:
        out[m] += _outside_system(m, registry)
    return {m: tuple(sorted(ps, key=lambda p: (p.start.earliest, p.start.latest))) for m, ps in out.items()}


def _suspensions(facts: Facts, roster: Roster, registry: Registry) -> list[tuple[str, Pause]]:
    toggles = sorted(
        (e for _, e in facts.of_type(*TOGGLES) if e.party is not None and e.obligor is None),
        key=lambda e: (e.date.earliest, e.date.latest, e.type is EventType.resumption),
    )
    out: list[tuple[str, Pause]] = []
    open_: dict[str, Event] = {}
    for e in toggles:
        m = member_for(e.party, roster.members, registry)
        if m is None or m not in roster.entries:
            continue
        if e.type is EventType.suspension and m not in open_:
            open_[m] = e
        elif e.type is EventType.resumption and m in open_:
            s = open_.pop(m)
            out.append((m, _pause(s, e)))
    out += [(m, _pause(s, None)) for m, s in open_.items()]
    return out


def _pause(s: Event, r: Event | None) -> Pause:
    steps = (step_for(s, w.party_suspended(s)), *((step_for(r, w.party_resumed(r)),) if r else ()))
    end = Bound(r.date.earliest, r.date.latest) if r else None
    return Pause(Bound(s.date.earliest, s.date.latest), end, steps, w.party_suspended_summary(s))


def _outside_system(member: str, registry: Registry) -> list[Pause]:
    """The gaps in the system membership of the member's line of continuity (France 1942-44, the Baltic
    states 1940-91), each a pause; none for a state the registry gives no system spells."""
    out = []
    for code, lo, hi, source in registry.system_gaps(member):
        step = Step(w.outside_system(code, lo, hi), None, "outside_system", lo.isoformat(), source)
        back = Bound(hi, hi) if hi is not None else None
        out.append(Pause(Bound(lo, lo, (step,)), back, (step,), w.outside_system_summary(code, lo, hi)))
    return out
