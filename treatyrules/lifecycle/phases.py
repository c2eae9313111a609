"""Phases to timelines: the treaty's statuses in order (signed, provisional, in force, suspended,
terminated), each pair's suspensions, and each member's own timeline."""

from __future__ import annotations

from collections.abc import Mapping

from ..schema import TOGGLES, EventType, Treaty
from ..timeline import Bound, Phase, Step, Timeline, build
from ..vocabulary import Reason, Status
from . import wording as w
from .facts import Facts
from .model import Membership, MemberSpell, PairSuspension
from .spells import Pause
from .start import Start, bound_of

__all__ = ["membership_timelines", "ordered", "pair_suspensions", "treaty_timeline"]


def treaty_timeline(treaty: Treaty, start: Start, end: Bound | None, facts: Facts) -> Timeline:
    """The treaty's status timeline from its start, suspensions and end."""
    sig_step = start.signature_step
    phases = [
        Phase(Status.not_signed, None, summary=w.NOT_YET_SIGNED),
        Phase(Status.signed, start.signature, summary=w.signed_summary(start.signature_event), basis=(sig_step,)),
    ]
    if start.provisional is not None:
        pb = bound_of(start.provisional, w.applied_provisionally(start.provisional))
        phases.append(Phase(Status.provisional, pb, summary=w.PROVISIONAL, basis=(sig_step, *pb.steps)))
    eif = start.entry_into_force
    if in_force_at_all(start, end):
        assert eif is not None
        gov = w.governing(treaty)
        base = (sig_step, *eif.steps, *([gov] if gov else []))
        summary = w.in_force_summary(start.entry_event, gov)
        phases.append(Phase(Status.in_force, eif, summary=summary, basis=base))
        phases.extend(_suspension_phases(facts, base))
    if end is not None:
        basis = (sig_step, *(eif.steps if eif else ()), *end.steps)
        phases.append(Phase(Status.terminated, end, end.reason, w.end_summary(end), basis))
    return build(ordered(phases))


def in_force_at_all(start: Start, end: Bound | None) -> bool:
    """Whether the treaty entered into force before it (possibly) ended."""
    eif = start.entry_into_force
    return eif is not None and (end is None or end.latest > eif.earliest)


def _suspension_phases(facts: Facts, base: tuple[Step, ...]) -> list[Phase]:
    """Treaty-wide suspension windows: from a suspension to the next resumption, in date order
    (on one day, suspensions before resumptions), whatever order the file lists them in."""
    toggles = sorted(
        (
            (e.date.earliest, e.date.latest, 0 if e.type is EventType.suspension else 1, e.date.raw, e.source, e)
            for _, e in facts.of_type(*TOGGLES)
            if e.obligor is None and e.party is None
        ),
        key=lambda x: x[:5],
    )
    out: list[Phase] = []
    held: tuple[Step, ...] = ()
    for *_, e in toggles:
        if e.type is EventType.suspension and not held:
            sb = bound_of(e, w.suspended_from(e))
            out.append(Phase(Status.suspended, sb, summary=w.suspended_summary(e), basis=(*base, *sb.steps)))
            held = sb.steps
        elif e.type is EventType.resumption and held:
            rb = bound_of(e, w.resumed(e))
            out.append(Phase(Status.in_force, rb, summary=w.resumed_summary(e), basis=(*base, *held, *rb.steps)))
            held = ()
    return out


def pair_suspensions(facts: Facts) -> tuple[PairSuspension, ...]:
    """Suspensions of one direction only (``obligor`` -> ``beneficiary``), each until the next resumption of it."""
    out = []
    for _, e in facts.of_type(EventType.suspension):
        if not (e.obligor and e.beneficiary):
            continue
        res = min(
            (
                r
                for _, r in facts.of_type(EventType.resumption)
                if r.obligor == e.obligor and r.beneficiary == e.beneficiary and r.date.earliest >= e.date.earliest
            ),
            key=lambda r: (r.date.earliest, r.date.latest),
            default=None,
        )
        end = res.date.earliest if res else None
        step = w.step_for(e, w.pair_suspended(e))
        out.append(PairSuspension(e.obligor, e.beneficiary, e.date.earliest, end, (step,)))
    return tuple(sorted(out, key=lambda s: (s.obligor, s.beneficiary, s.start)))


def membership_timelines(
    spells: Mapping[str, tuple[MemberSpell, ...]], pauses: Mapping[str, tuple[Pause, ...]]
) -> dict[str, Membership]:
    """Each member's own timeline: not a party, in force for it (paused while suspended), terminated for it."""
    out: dict[str, Membership] = {}
    for m, ss in spells.items():
        head = Phase(Status.not_party, None, summary=w.not_party_summary(m))
        phases = [head]
        for sp in ss:
            if not sp.empty:
                phases += ordered([head, *_spell_phases(m, sp, pauses.get(m, ()))])[1:]
        start = ss[0].start if ss else None
        end = ss[-1].end if ss else None
        reason = Reason(end.reason) if end and end.reason else None
        out[m] = Membership(m, start, end, reason, build(phases), ss)
    return out


def _spell_phases(m: str, sp: MemberSpell, pauses: tuple[Pause, ...]) -> list[Phase]:
    out = [Phase(Status.in_force, sp.start, summary=w.in_force_for_summary(m), basis=sp.start.steps)]
    for p in pauses:
        if p.start.latest < sp.start.earliest or (sp.end is not None and p.start.earliest >= sp.end.latest):
            continue
        out.append(Phase(Status.suspended, p.start, summary=p.summary, basis=(*sp.start.steps, *p.steps)))
        if p.end is not None:
            out.append(Phase(Status.in_force, p.end, summary=w.in_force_again_summary(m), basis=sp.start.steps))
    if sp.end is not None:
        out.append(Phase(Status.terminated, sp.end, sp.end.reason, w.end_summary(sp.end, m), sp.end.steps))
    return out


def ordered(phases: list[Phase]) -> list[Phase]:
    """Keep phases whose bounds come in order, cut off at the end.

    A terminated phase cuts off every phase that certainly starts on or after it (a treaty ended by
    agreement before its provisional application began is terminated, not provisional); of the
    rest, a phase starting before the one kept before it is dropped as overtaken.
    """
    head, rest = phases[0], phases[1:]
    end = next((ph for ph in rest if ph.status == Status.terminated), None)
    if end is not None:
        assert end.bound is not None
        cut = end.bound.latest
        rest = [p for p in rest if p.status != Status.terminated and p.bound is not None and p.bound.earliest < cut]
    out = [head]
    for ph in rest:
        assert ph.bound is not None
        prev = out[-1].bound
        if prev is not None and ph.bound.latest < prev.earliest:
            continue
        out.append(ph)
    if end is not None:
        out.append(end)
    return out
