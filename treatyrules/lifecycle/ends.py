"""How the treaty ends and which end wins: expiry, agreement, supersession, dissolution, too few parties,
and recorded outcomes that narrow, confirm or contradict what the clauses derive."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from ..dates import PartialDate
from ..schema import RECORDED, EventType
from ..timeline import Bound, Step
from ..vocabulary import Reason, Severity
from . import wording as w
from .facts import Facts
from .model import Check, MemberSpell, Supersession
from .precedence import precedence
from .regimes import Regime, expiry
from .start import bound_of

__all__ = ["collapse", "reconcile_recorded", "treaty_ends"]

_BY_EVENT = {
    EventType.terminated_by_agreement: Reason.by_agreement,
    EventType.superseded: Reason.superseded,
    EventType.dissolved: Reason.dissolved,
}


def treaty_ends(
    facts: Facts, regs: tuple[Regime, ...], superseded_by: Sequence[Supersession]
) -> tuple[list[Bound], tuple[Check, ...]]:
    """Every end of the treaty as a whole that the clauses and events give (before counting members)."""
    end, checks = expiry(regs)
    ends = [end] if end is not None else []
    for _, e in facts.of_type(*_BY_EVENT):
        reason = _BY_EVENT[e.type]
        ends.append(bound_of(e, w.ended_by_event(e, reason), reason))
    recorded = {e.by_treaty for _, e in facts.of_type(EventType.superseded)}
    for s in superseded_by:
        if s.by_treaty in recorded:
            continue
        text = w.superseded_on_entry(s.by_treaty, s.when, s.article, s.text)
        step = Step(text, s.article, "superseded", s.when.raw, s.source, not s.when.exact)
        ends.append(Bound(s.when.earliest, s.when.latest, (step,), Reason.superseded))
    return ends, checks


def collapse(spells: Mapping[str, tuple[MemberSpell, ...]]) -> Bound | None:
    """The day fewer than two members remain (after at least two were in force), as a range."""

    def day(pick: Callable[[Bound], dt.date]) -> dt.date | None:
        points: list[tuple[dt.date, int]] = []
        for sp in (s for ss in spells.values() for s in ss):
            points.append((pick(sp.start), +1))
            if sp.end is not None:
                points.append((pick(sp.end), -1))
        points.sort(key=lambda p: (p[0], -p[1]))  # same-day entries first: a hand-off is no dip
        count, peak = 0, 0
        for d, delta in points:
            count += delta
            peak = max(peak, count)
            if peak >= 2 and count < 2:
                return d
        return None

    lo, hi = day(lambda b: b.earliest), day(lambda b: b.latest)
    if lo is None or hi is None:
        return None
    lo, hi = min(lo, hi), max(lo, hi)
    ends = [s.end for ss in spells.values() for s in ss if s.end is not None]
    causes = sorted((x for x in ends if x.earliest <= hi and x.latest >= lo), key=precedence)
    reason = causes[0].reason if causes else Reason.denounced
    if reason == Reason.withdrawn:  # a treaty has no 'withdrawn' reason: a party leaving it is a denunciation
        reason = Reason.denounced
    cands = causes[0].candidates if len(causes) == 1 else None
    steps = tuple(s for c in causes for s in c.steps)
    if len(spells) > 2:
        steps = (*steps, Step(w.FEWER_THAN_TWO))
    return Bound(lo, hi, steps, reason, cands)


def reconcile_recorded(end: Bound | None, facts: Facts) -> tuple[Bound | None, tuple[Step, ...], tuple[Check, ...]]:
    """Recorded outcomes (``lapsed``, ``terminated``) narrow, confirm or contradict the derived end.

    Returns the end, the steps of recorded ends when none is derived, and the findings.
    """
    steps: list[Step] = []
    checks: list[Check] = []
    for i, e in facts.of_type(*RECORDED):
        rec = e.date
        if end is None:
            message = f"a source records the end on {rec} but the clauses and events derive no end"
            checks.append(Check(Severity.warning, message, i, "recorded_end"))
            steps.append(Step(w.recorded_end_no_derived(rec), None, e.type.value, rec.raw, e.source, not rec.exact))
            continue
        ok = _compatible(end, rec)
        if ok and not end.exact:
            end = _narrowed(end, rec, e.type.value, e.source)
        elif ok:
            step = Step(w.recorded_end_same(rec), None, e.type.value, rec.raw, e.source, not rec.exact)
            end = Bound(end.earliest, end.latest, (*end.steps, step), end.reason, end.candidates)
        else:
            message = f"recorded end {rec} contradicts the end the clauses derive ({end.describe()})"
            checks.append(Check(Severity.warning, message, i, "recorded_end_mismatch"))
            step = Step(w.recorded_end_contradicts(rec, end), None, e.type.value, rec.raw, e.source, not rec.exact)
            end = Bound(end.earliest, end.latest, (*end.steps, step), end.reason, end.candidates)
    return end, tuple(steps), tuple(checks)


def _narrowed(end: Bound, rec: PartialDate, event: str, source: str) -> Bound:
    lo, hi = max(end.earliest, rec.earliest), min(end.latest, rec.latest)
    cands = tuple(c for c in end.candidates if lo <= c <= hi) if end.candidates else None
    if cands:
        lo, hi = cands[0], cands[-1]
    step = Step(w.recorded_end_narrows(rec, end, lo, hi), None, event, rec.raw, source, not rec.exact)
    return Bound(lo, hi, (*end.steps, step), end.reason, cands)


def _compatible(end: Bound, rec: PartialDate) -> bool:
    if rec.latest < end.earliest or rec.earliest > end.latest:
        return False
    if end.candidates:
        return any(rec.earliest <= c <= rec.latest for c in end.candidates)
    return True
