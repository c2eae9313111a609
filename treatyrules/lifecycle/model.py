"""What the evaluation of one treaty gives: its ``Life``, each party's ``Membership``, the findings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..dates import MAX_DAY, PartialDate
from ..display import Shown, counted, sample, timeline_brief, timeline_html, timeline_lines
from ..schema import DurationClause, Treaty
from ..timeline import Bound, Phase, Step, Timeline, build
from ..vocabulary import Reason, Severity, Status

__all__ = ["Check", "Life", "MemberSpell", "Membership", "PairSuspension", "Regime", "Supersession"]


@dataclass(frozen=True, slots=True)
class Supersession:
    """A later treaty that replaces this one when it enters into force."""

    by_treaty: str
    when: PartialDate
    article: str | None
    text: str | None
    source: str | None


@dataclass(frozen=True, slots=True)
class Check:
    """A finding of the derivation for ``validate``: a recorded fact against the clauses, etc."""

    severity: Severity
    message: str
    event_index: int | None = None
    code: str = "derivation"


@dataclass(frozen=True, slots=True)
class Regime:
    """A duration clause in force from ``start`` (None: from the beginning), its periods counted from ``anchor``."""

    start: Bound | None
    duration: DurationClause | None
    anchor: Bound | None
    step: Step | None = None


@dataclass(frozen=True, slots=True)
class PairSuspension:
    """The obligations of ``obligor`` to ``beneficiary`` are suspended on ``[start, end)`` (end None: open)."""

    obligor: str
    beneficiary: str
    start: dt.date
    end: dt.date | None
    steps: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class MemberSpell:
    """One spell of membership: in force for the member from ``start`` to ``end`` (first day out)."""

    start: Bound
    end: Bound | None

    @property
    def empty(self) -> bool:
        """True when the spell certainly ends before it begins (an exit dated before the entry)."""
        return self.end is not None and self.end.latest <= self.start.earliest


@dataclass(frozen=True, repr=False)
class Membership(Shown):
    """One party's membership: from ``start`` (its first entry into force) to ``end`` (first day out
    of its last spell); ``spells`` each spell when it left and rejoined, ``(start, end)`` pairs."""

    party: str
    start: Bound | None
    end: Bound | None
    reason: Reason | None
    timeline: Timeline
    spells: tuple[MemberSpell, ...] = ()

    def brief(self) -> str:
        return timeline_brief(self.party, self.timeline.segments, counted(len(self.spells), "spell"))

    def _lines(self) -> list[str]:
        return timeline_lines(f"Membership of {self.party}", self.timeline.segments)

    def _html(self) -> str:
        return timeline_html(f"Membership of {self.party}", self.timeline.segments)


@dataclass(frozen=True, repr=False)
class Life(Shown):
    """The evaluated life of one treaty under one reading and knowledge date.

    ``signature_step`` and ``entry_steps`` are the basis of the signature and of the entry into force
    (empty when not in force); ``steps`` every step of the derivation, in order, without repeats;
    ``regimes`` the duration clauses over time (``lifecycle.regimes``).
    """

    treaty: Treaty
    timeline: Timeline
    memberships: dict[str, Membership]
    signature: Bound
    entry_into_force: Bound | None
    end: Bound | None
    checks: tuple[Check, ...]
    steps: tuple[Step, ...]
    suspensions: tuple[PairSuspension, ...] = ()
    signature_step: Step | None = None
    entry_steps: tuple[Step, ...] = ()
    regimes: tuple[Regime, ...] = ()

    def brief(self) -> str:
        ms = counted(len(self.memberships), "membership")
        return timeline_brief(self.treaty.id, self.timeline.segments, ms)

    def _lines(self) -> list[str]:
        members = f"  memberships: {sample(list(self.memberships), 12) or '-'} (.memberships)"
        return [*timeline_lines(self.brief(), self.timeline.segments), members]

    def _html(self) -> str:
        notes = [f"memberships: {sample(list(self.memberships), 12)} (.memberships)"] if self.memberships else []
        return timeline_html(self.brief(), self.timeline.segments, notes)

    @classmethod
    def unsigned(cls, treaty: Treaty) -> Life:
        """The life of a treaty with no signature known (by the as-of day): never signed."""
        never = build([Phase(Status.not_signed, None, summary="not signed (no signature known)")])
        return cls(treaty, never, {}, Bound(MAX_DAY, MAX_DAY), None, None, (), ())
