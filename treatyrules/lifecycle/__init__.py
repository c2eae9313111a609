"""Clauses + events -> the life of one treaty: its status timeline and each party's membership.

Clauses derive, events decide: the end of a renewal period, the effect day of a notice, the end of
a fixed term are derived from clauses; recorded outcomes (``lapsed``, ``terminated``) narrow what the
clauses leave open and are checked against them. A notice ends the notifying party's membership; a
treaty left with fewer than two parties ends. Uncertain dates give ``Bound`` ranges, propagated by
evaluating the (monotone) derivation at both ends of the range.

Retroactivity: an event never changes the status of a day before its own date unless it is declared
``retroactive: true``. The one way the rules can express an earlier effect is a notice whose
``counts_from`` lies so far back that its period would run out before the notice's date; such a
notice takes effect on its date (a denunciation) or at the first period end on or after it (a
notice of non-renewal), with a warning, unless it is declared retroactive, in which case the
derived earlier day is followed.

The stages, each a pure function returning its value and its findings: ``facts`` (what is known by
the as-of day), ``start`` (signature, entry into force, members), ``regimes`` (which duration clause
governs when), ``exits`` (how each party leaves), ``ends`` (how the treaty ends, and recorded
outcomes), ``phases`` (the timelines); ``wording`` says every step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..schema import Treaty
from ..states import Registry
from .ends import collapse, reconcile_recorded, treaty_ends
from .exits import member_exits
from .facts import Facts
from .model import Check, Life, Membership, PairSuspension, Supersession
from .phases import in_force_at_all, membership_timelines, pair_suspensions, treaty_timeline
from .precedence import earliest
from .regimes import anchor_of, regimes
from .spells import capped, member_pauses, member_spells
from .start import derive_roster, derive_start
from .wording import informational

__all__ = ["Check", "Life", "Membership", "PairSuspension", "Supersession", "evaluate"]


def evaluate(
    treaty: Treaty,
    registry: Registry,
    superseded_by: Sequence[Supersession] = (),
    as_of: dt.date | None = None,
) -> Life:
    """Derive the life of ``treaty``; ``as_of`` keeps only events certainly known by that day."""
    facts = Facts.of(treaty, as_of)
    start, c_start = derive_start(facts, treaty.clauses)
    if start is None:
        return Life.unsigned(treaty)
    eif, duration = start.entry_into_force, treaty.clauses.duration
    roster = derive_roster(facts, start, registry)
    regs = regimes(duration, anchor_of(duration, start.signature, eif), facts)
    exits, c_exits = member_exits(facts, roster, regs, eif, registry)
    ends, c_ends = treaty_ends(facts, regs, superseded_by)
    spells = member_spells(roster, exits.by_member)
    too_few = collapse(spells) if eif is not None else None
    end, recorded_steps, c_recorded = reconcile_recorded(earliest([*ends, too_few]), facts)
    spells = capped(spells, end)  # no member outlasts the treaty
    entry_steps = eif.steps if eif else ()
    steps = (start.signature_step, *entry_steps, *exits.steps, *informational(facts), *recorded_steps)
    return Life(
        treaty,
        treaty_timeline(treaty, start, end, facts),
        membership_timelines(spells, member_pauses(facts, roster, registry)),
        start.signature,
        eif,
        end,
        (*c_start, *c_exits, *c_ends, *c_recorded),
        tuple(dict.fromkeys(steps)),
        pair_suspensions(facts) if in_force_at_all(start, end) else (),
        start.signature_step,
        entry_steps,
        regs,
    )
