"""How a party leaves: withdrawal, notice of non-renewal, denunciation, and the end of the state itself.

Each function returns the day the party is out (a ``Bound``, a range when a date is uncertain) and
the findings, or no day when the notice has no effect.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..dates import MAX_DAY, MIN_DAY, add, period_end
from ..schema import EXITS, NOTICES, Clauses, Event, EventType
from ..states import Registry
from ..timeline import Bound, Step
from ..vocabulary import Reason, Severity
from . import wording as w
from .facts import Facts
from .model import Check
from .regimes import Regime, first_end, regime_on
from .start import Roster, bound_of, member_for

__all__ = ["Exits", "extinction_exit", "member_exits", "notice_exit"]

_MAX_CANDIDATES = 40
Exit = tuple[Bound | None, tuple[Check, ...]]


@dataclass(frozen=True, slots=True)
class Exits:
    """Each member's possible exits, and the basis steps of the notices and withdrawals in file order."""

    by_member: Mapping[str, tuple[Bound, ...]]
    steps: tuple[Step, ...]


def member_exits(
    facts: Facts, roster: Roster, regs: tuple[Regime, ...], eif: Bound | None, registry: Registry
) -> tuple[Exits, tuple[Check, ...]]:
    """Every member's possible exits (notices, withdrawals, the end of the state), and the findings."""
    exits: dict[str, list[Bound]] = {m: [] for m in roster.members}
    steps: list[Step] = []
    checks: list[Check] = []
    withdrawn, unmatched = _withdrawals(facts, roster, registry)
    checks += unmatched
    for i, e in facts.of_type(*EXITS):
        who = member_for(e.party, roster.members, registry)
        if who is None or who not in exits:
            checks.append(Check(Severity.error, f"{e.type.value} by {e.party}, which is not a party", i, "not_a_party"))
            continue
        ex, found = notice_exit(e, i, facts.treaty.clauses, regime_on(regs, e.notice_start.earliest), eif)
        checks.extend(found)
        if ex is not None and i in withdrawn:
            ex, why, late = _revoked(e, ex, withdrawn[i])
            steps.extend(why)
            checks.extend(late)
        if ex is not None:
            exits[who].append(ex)
            steps.extend(ex.steps)
    for m in roster.members:
        ext = extinction_exit(m, registry)
        if ext is not None:
            exits[m].append(ext)
    for m, merged in merger_exits(roster.members, registry).items():
        exits[m].append(merged)
    return Exits({m: tuple(b) for m, b in exits.items()}, tuple(steps)), tuple(checks)


def _withdrawals(facts: Facts, roster: Roster, registry: Registry) -> tuple[dict[int, tuple[int, Event]], list[Check]]:
    """Which notice each ``notice_withdrawn`` revokes: the member's latest notice on or before it."""
    claimed: dict[int, tuple[int, Event]] = {}
    checks = []
    notices = facts.of_type(*NOTICES)
    for j, wd in facts.of_type(EventType.notice_withdrawn):
        who = member_for(wd.party, roster.members, registry)
        mine = [
            (i, n)
            for i, n in notices
            if i not in claimed
            and member_for(n.party, roster.members, registry) == who
            and n.date.earliest <= wd.date.earliest
        ]
        if not mine:
            message = f"notice_withdrawn by {wd.party} on {wd.date}, but it gave no notice before that day"
            checks.append(Check(Severity.error, message, j, "nothing_withdrawn"))
            continue
        i, _ = max(mine, key=lambda p: (p[1].date.earliest, p[0]))
        claimed[i] = (j, wd)
    return claimed, checks


def _revoked(notice: Event, ex: Bound, withdrawal: tuple[int, Event]) -> tuple[Bound | None, list[Step], list[Check]]:
    """A notice withdrawn before it took effect has none; one withdrawn after it took effect stands."""
    j, wd = withdrawal
    if wd.date.latest < ex.earliest:
        return None, [*ex.steps, w.step_for(wd, w.notice_withdrawn(wd, notice, ex))], []
    if wd.date.earliest >= ex.latest:
        message = f"notice_withdrawn by {wd.party} on {wd.date} comes after the notice took effect ({ex.describe()})"
        return ex, [], [Check(Severity.warning, message, j, "withdrawn_too_late")]
    message = (
        f"notice_withdrawn by {wd.party} on {wd.date} may come before or after the notice took effect "
        f"({ex.describe()}): whether the party left is unknown"
    )
    open_end = Bound(ex.earliest, MAX_DAY, (*ex.steps, w.step_for(wd, w.notice_withdrawn(wd, notice, ex))), ex.reason)
    return open_end, [], [Check(Severity.warning, message, j, "withdrawn_uncertain")]


def notice_exit(e: Event, index: int, clauses: Clauses, regime: Regime, eif: Bound | None) -> Exit:
    """When a notice or withdrawal ends the party's membership."""
    if e.type is EventType.withdrawal:
        return bound_of(e, w.withdrew(e), Reason.withdrawn), ()
    duration = regime.duration
    if e.type is EventType.notice_of_non_renewal or (
        clauses.denunciation is None and duration is not None and duration.renewal is not None
    ):
        return non_renewal_exit(e, index, regime)
    return denunciation_exit(e, index, clauses, eif)


def non_renewal_exit(e: Event, index: int, regime: Regime) -> Exit:
    """A notice in time for a period end ends the membership there; a later one, a period later."""
    duration, anchor = regime.duration, regime.anchor
    if duration is None or duration.term is None or anchor is None:
        message = f"{e.type.value} by {e.party} on {e.date}, but the treaty has no fixed term to renew"
        return None, (Check(Severity.error, message, index, "notice_without_clause"),)
    if duration.renewal is None:
        message = f"{e.type.value} by {e.party} on {e.date} is moot: the treaty expires at its term anyway"
        return None, (Check(Severity.warning, message, index, "moot_notice"),)
    ren = duration.renewal
    n = e.notice_start
    n_lo = max(n.earliest, anchor.earliest) if n.earliest == MIN_DAY else n.earliest  # open start: not before anchor
    floor = (None, None) if e.retroactive else (e.date.earliest, e.date.latest)
    lo_end, k_lo = first_end(anchor.earliest, duration, n_lo, floor[0])
    hi_end, k_hi = first_end(anchor.latest, duration, n.latest, floor[1])
    checks: tuple[Check, ...] = ()
    if floor[0] is not None and (lo_end, k_lo) != first_end(anchor.earliest, duration, n_lo):
        message = (
            f"{e.type.value} by {e.party} on {e.date} counts from {e.counts_from}, "
            "which would end the treaty before the notice was given; it takes effect at the first "
            "period end after its date (declare 'retroactive: true' if it really took effect "
            "earlier)"
        )
        checks = (Check(Severity.warning, message, index, "retroactive"),)
    cands = tuple(period_end(anchor.earliest, duration.term, ren.period, k) for k in range(k_lo, k_hi + 1))
    if not anchor.exact or len(cands) > _MAX_CANDIDATES:
        # an uncertain anchor makes every period end a range; an open notice date gives too many to list
        cands = ()
    if lo_end == hi_end:
        text = w.non_renewal_in_time(e, duration, lo_end, k_lo)
    else:
        deadline = add(lo_end, ren.notice_before_end, -1)
        text = w.non_renewal_open(e, duration, lo_end, hi_end, deadline, cands)
    bound = Bound(lo_end, hi_end, (w.step_for(e, text),), Reason.expired, cands if len(cands) > 1 else None)
    return bound, checks


def denunciation_exit(e: Event, index: int, clauses: Clauses, eif: Bound | None) -> Exit:
    """A denunciation takes effect the clause's notice period after it is given (not before it may be given)."""
    d = clauses.denunciation
    n = e.notice_start
    if d is None:
        term = clauses.termination
        art = f" ({w.article(term.article)}{w.quote(term.text)})" if term else ""
        message = f"notice of denunciation by {e.party} on {e.date}, but the treaty provides no denunciation{art}"
        return None, (Check(Severity.error, message, index, "notice_without_clause"),)
    allowed_from = add(eif.earliest, d.not_before) if (d.not_before and eif) else None
    if allowed_from is not None and n.latest < allowed_from:
        message = f"notice of denunciation on {n} is before {w.article(d.article)} allows it ({allowed_from})"
        return None, (Check(Severity.error, message, index, "premature_notice"),)
    lo = add(max(n.earliest, allowed_from or n.earliest), d.notice)
    hi = add(n.latest, d.notice)
    checks: tuple[Check, ...] = ()
    if not e.retroactive and lo < e.date.earliest:
        message = (
            f"notice of denunciation by {e.party} on {e.date} counts from {e.counts_from}, "
            f"so it would take effect on {lo}, before it was given; it takes effect on its date "
            "instead (declare 'retroactive: true' if it really took effect earlier)"
        )
        checks = (Check(Severity.warning, message, index, "retroactive"),)
        lo, hi = max(lo, e.date.earliest), max(hi, e.date.latest)
    text = w.denounced(e, d.article, d.notice.words(), lo, hi)
    return Bound(lo, hi, (w.step_for(e, text),), Reason.denounced), checks


def merger_exits(members: tuple[str, ...], registry: Registry) -> dict[str, Bound]:
    """Members that become the same state as an earlier member (the two Yemens, 1990-05-22): from that
    day one membership continues (the earlier member's), and the later one's lapses."""
    out: dict[str, Bound] = {}
    for k, b in enumerate(members):
        if b not in registry:
            continue
        for _, to, day in registry.successions(b):
            first = next((a for a in members[:k] if a in registry and registry.code_on(a, day.earliest) == to), None)
            if first is not None:
                text = w.merged(b, first, to, day)
                step = Step(text, None, "state_ended", day.raw, registry.states[b].succession_source, not day.exact)
                out[b] = Bound(day.earliest, day.latest, (step,), Reason.party_extinct)
                break
    return out


def extinction_exit(member: str, registry: Registry) -> Bound | None:
    """If the member (through its continuators) ends with no continuator, its membership lapses."""
    if member not in registry:
        return None
    cur = registry.canonical(member)
    chain = [cur] + [to for _, to, _ in registry.successions(cur)]
    last = registry.states[chain[-1]]
    if last.ended is None or last.continuator is not None:
        return None
    text = w.ceased_to_exist(last.code, last.ended, last.absorbed_by)
    source = last.succession_source or last.source
    step = Step(text, None, "state_ended", last.ended.raw, source, not last.ended.exact)
    return Bound(last.ended.earliest, last.ended.latest, (step,), Reason.party_extinct)
