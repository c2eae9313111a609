"""A deliberately naive reference model: a treaty simulated day by day, for differential tests.

Scope: treaties whose dates are all exact, over a registry in which no party ceases to exist.
It shares no code with the engine's derivation: durations are added here with ``relativedelta``
directly (``anchor + relativedelta(term + k * period)``), period ends are found by stepping
``k = 0, 1, 2, ...`` as the simulated days reach them, and a notice of non-renewal is in time for a
period end ``E`` iff ``notice + notice_period <= E``.

Rules it simulates, one day at a time:

* before the signature: ``not_signed``; from it: ``signed``; from provisional application:
  ``provisional``; from entry into force: ``in_force``; inside a treaty-wide suspension (from a
  suspension to the next resumption): ``suspended``.
* The treaty ends (``terminated``, for good) on the first day one of these falls due:
  a fixed term (no renewal) expires (``expired``); a period end arrives for which some party's
  notice of non-renewal was in time (``expired``; with renewal and no denunciation clause a notice
  of denunciation counts as one); a denunciation takes effect ``notice`` after it was given, if it
  was given no earlier than ``not_before`` after entry into force (``denounced``); a party
  withdraws (``denounced``); the parties agree (``by_agreement``). Party exits count only once the
  treaty is in force. Ties on one day: ``expired``, then ``by_agreement``, then ``denounced``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from dateutil.relativedelta import relativedelta

from treatyrules.schema import Event, EventType, Treaty

ONE = dt.timedelta(days=1)
RANK = ("expired", "by_agreement", "denounced")


def plus(day: dt.date, years: int = 0, months: int = 0, days: int = 0) -> dt.date:
    """``day`` plus a duration in one relativedelta step (month ends clamp)."""
    return day + relativedelta(years=years, months=months, days=days)


def _day(e: Event) -> dt.date:
    assert e.date.earliest == e.date.latest, f"the reference model takes exact dates only, not {e.date}"
    return e.date.earliest


class Reference:
    """Day-by-day simulation of one treaty; ``run(first, last)`` yields ``(day, status, reason)``."""

    def __init__(self, treaty: Treaty) -> None:
        self.t = treaty
        evs = treaty.events
        self.signed = min(_day(e) for e in evs if e.type is EventType.signed and e.party is None)
        eifs = [_day(e) for e in evs if e.type is EventType.entered_into_force and e.party is None]
        self.eif = eifs[0] if eifs else None
        provs = [_day(e) for e in evs if e.type is EventType.provisional_application]
        self.prov = min(provs) if provs else None
        self.suspensions = sorted(_day(e) for e in evs if e.type is EventType.suspension and e.obligor is None)
        self.resumptions = sorted(_day(e) for e in evs if e.type is EventType.resumption and e.obligor is None)
        self.agreements = sorted(_day(e) for e in evs if e.type is EventType.terminated_by_agreement)
        self.withdrawals = sorted(_day(e) for e in evs if e.type is EventType.withdrawal)
        c = treaty.clauses
        d, den = c.duration, c.denunciation
        renewal_notice_types = {EventType.notice_of_non_renewal}
        if den is None:
            renewal_notice_types.add(EventType.notice_of_denunciation)
        has_renewal = d is not None and d.term is not None and d.renewal is not None
        self.renewal_notices = sorted(_day(e) for e in evs if e.type in renewal_notice_types) if has_renewal else []
        # a notice_of_denunciation under a denunciation clause, given when the clause allows it
        self.denunciation_effects: list[dt.date] = []
        if den is not None:
            for e in evs:
                if e.type is not EventType.notice_of_denunciation:
                    continue
                n = _day(e)
                if den.not_before is not None:
                    if self.eif is None:
                        continue
                    allowed = plus(self.eif, den.not_before.years, den.not_before.months, den.not_before.days)
                    if n < allowed:
                        continue  # premature: ignored
                self.denunciation_effects.append(plus(n, den.notice.years, den.notice.months, den.notice.days))
        self.anchor: dt.date | None = None
        if d is not None and d.term is not None:
            self.anchor = self.signed if d.anchor == "signature" else self.eif
        self.d = d
        self._ends: dict[int, dt.date] = {}

    def _period_end(self, k: int) -> dt.date:
        if k not in self._ends:
            self._ends[k] = self._compute_end(k)
        return self._ends[k]

    def _compute_end(self, k: int) -> dt.date:
        d = self.d
        assert d is not None and d.term is not None and self.anchor is not None
        y, m, dd = d.term.years, d.term.months, d.term.days
        if d.renewal is not None:
            p = d.renewal.period
            y, m, dd = y + k * p.years, m + k * p.months, dd + k * p.days
        return plus(self.anchor, y, m, dd)

    def run(self, first: dt.date, last: dt.date) -> Iterator[tuple[dt.date, str, str | None]]:
        """The status (and reason, when terminated) of every day in ``[first, last]``."""
        ended: str | None = None
        suspended = False
        k = 0  # index of the next period end
        day = first
        while day <= last:
            if ended is None:
                causes: list[str] = []
                if self.anchor is not None and self.d is not None:
                    if self.d.renewal is None:
                        if day == self._period_end(0):
                            causes.append("expired")
                    else:
                        while self._period_end(k) < day:  # catch up to the current period
                            k += 1
                        if day == self._period_end(k) and self.eif is not None and day > self.eif:
                            nb = self.d.renewal.notice_before_end
                            if any(plus(n, nb.years, nb.months, nb.days) <= day for n in self.renewal_notices):
                                causes.append("expired")
                if day in self.agreements:
                    causes.append("by_agreement")
                exits = day in self.denunciation_effects or day in self.withdrawals
                if self.eif is not None and day > self.eif and exits:
                    causes.append("denounced")
                if causes:
                    ended = min(causes, key=RANK.index)
            if day in self.suspensions:
                suspended = True
            if day in self.resumptions:
                suspended = False
            if day < self.signed:
                yield day, "not_signed", None
            elif ended is not None:
                yield day, "terminated", ended
            elif self.eif is None or day < self.eif:
                yield day, ("provisional" if self.prov is not None and self.prov <= day else "signed"), None
            elif suspended:
                yield day, "suspended", None
            else:
                yield day, "in_force", None
            day += ONE

    def horizon(self, margin_years: int = 2) -> dt.date:
        """A last day worth simulating: every event and the next two period ends after them, plus a margin."""
        last = max(e.date.latest for e in self.t.events)
        for x in self.denunciation_effects:
            last = max(last, x)
        if self.anchor is not None and self.d is not None:
            k = 0
            while self._period_end(k) <= last and self.d.renewal is not None and k < 10_000:
                k += 1
            last = max(last, self._period_end(k if self.d.renewal is not None else 0))
        return plus(last, margin_years)
