"""Duration regimes: which duration clause governs on a day, and when its periods end.

The text's ``duration`` clause governs from the start; each ``amended`` event that carries a new
``duration`` replaces it from the amendment's own date, its periods counted from that date (an
extension protocol's term runs from its entry into force, as the Warsaw Treaty's 1985 protocol). A
notice is judged under the clause of its own day. The engine, ``explain`` and the strategies all
ask this module, so they cannot disagree about when a period ends.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..dates import MAX_DAY, add, first_period_end, period_end
from ..schema import DurationClause, EventType
from ..timeline import Bound, Step
from ..vocabulary import Reason, Severity
from . import wording as w
from .facts import Facts
from .model import Check, Regime

__all__ = ["PeriodRunning", "Regime", "anchor_of", "expiry", "first_end", "period_running", "regime_on", "regimes"]


def anchor_of(d: DurationClause | None, signature: Bound, eif: Bound | None) -> Bound | None:
    """The day the text's periods count from: signature or entry into force, as the clause says."""
    if d is None:
        return None
    return signature if d.anchor == "signature" else eif


def regimes(original: DurationClause | None, anchor: Bound | None, facts: Facts) -> tuple[Regime, ...]:
    """The duration clauses over time: the text's, then each known ``amended`` event with a new ``duration``."""
    amendments = sorted(
        (e for _, e in facts.of_type(EventType.amended) if e.duration is not None),
        key=lambda e: (e.date.earliest, e.date.latest),
    )
    out = [Regime(None, original, anchor)]
    for e in amendments:
        b = Bound(e.date.earliest, e.date.latest)
        out.append(Regime(b, e.duration, b, w.step_for(e, w.amended(e))))
    return tuple(out)


def regime_on(regs: Sequence[Regime], day: dt.date) -> Regime:
    """The regime in force on a day: a notice is judged under the clause of its day."""
    current = regs[0]
    for r in regs[1:]:
        if r.start is not None and r.start.earliest <= day:
            current = r
    return current


def expiry(regs: Sequence[Regime]) -> tuple[Bound | None, tuple[Check, ...]]:
    """The end of a fixed term without renewal, unless an amendment came before it (then the amended clause rules)."""
    for k, r in enumerate(regs):
        d, anchor = r.duration, r.anchor
        nxt = regs[k + 1] if k + 1 < len(regs) else None
        if d is None or d.term is None or d.renewal is not None or anchor is None:
            continue
        lo, hi = period_end(anchor.earliest, d.term, None, 0), period_end(anchor.latest, d.term, None, 0)
        if nxt is not None and nxt.start is not None and nxt.start.latest < lo:
            continue  # amended before the term ran out
        checks: tuple[Check, ...] = ()
        if nxt is not None and nxt.start is not None:
            message = f"an amendment dated {nxt.start.describe()} comes after the treaty expired ({lo})"
            checks = (Check(Severity.warning, message, None, "amended_after_end"),)
        origin = "entry into force" if d.anchor == "entry_into_force" else "signature"
        if r.start is not None:
            origin = "the amendment"
        st = Step(w.expires(d, origin, lo, hi), d.article, source=d.source)
        return Bound(lo, hi, (*((r.step,) if r.step else ()), st), Reason.expired), checks
    return None, ()


def first_end(anchor: dt.date, d: DurationClause, notice: dt.date, floor: dt.date | None = None) -> tuple[dt.date, int]:
    """The first period end (on or after ``floor``, the notice's own date unless it is retroactive)
    that a notice counting from ``notice`` is in time for (``notice + notice period <= end``); the last
    representable day at the latest."""
    assert d.term is not None and d.renewal is not None
    target = add(notice, d.renewal.notice_before_end)
    return first_period_end(anchor, d.term, d.renewal.period, max(target, floor or target))


@dataclass(frozen=True, slots=True)
class PeriodRunning:
    """The period of a fixed-term regime running on a day: its end, and the last day a notice is in time."""

    regime: Regime
    index: int  # 0: the initial term (or the amendment's term); k: renewal period k
    end: dt.date
    notice_deadline: dt.date | None  # None: no renewal (the term simply ends)


def period_running(regs: Sequence[Regime], day: dt.date) -> PeriodRunning | None:
    """The period running on ``day`` under the regime of that day; None without a fixed term or exact anchor.

    >>> from ..dates import parse_duration
    >>> d = DurationClause(term="P10Y", renewal={"period": "P5Y"})
    >>> start = Bound(dt.date(1961, 9, 10), dt.date(1961, 9, 10))
    >>> p = period_running([Regime(None, d, start)], dt.date(1975, 1, 1))
    >>> p.index, p.end, p.notice_deadline
    (1, datetime.date(1976, 9, 10), datetime.date(1975, 9, 10))
    """
    r = regime_on(regs, day)
    d, anchor = r.duration, r.anchor
    if d is None or d.term is None or anchor is None or not anchor.exact:
        return None
    if d.renewal is None:
        return PeriodRunning(r, 0, period_end(anchor.earliest, d.term, None, 0), None)
    after = day + dt.timedelta(days=1) if day < MAX_DAY else MAX_DAY  # the period running on a day ends after it
    end, k = first_period_end(anchor.earliest, d.term, d.renewal.period, after)
    return PeriodRunning(r, k, end, add(end, d.renewal.notice_before_end, -1))
