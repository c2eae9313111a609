"""Timelines: a partition of all days into half-open status segments, queried by bisection.

A ``Bound`` is a change day known to lie in ``[earliest, latest]`` (exact when equal). A sequence
of statuses with their start bounds becomes segments; where a bound is uncertain, the days in
``[earliest, latest)`` get the status ``unknown`` with the statuses they may have.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from .dates import MAX_DAY, MIN_DAY

__all__ = ["Bound", "Segment", "Step", "Timeline", "build"]


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a basis: what was concluded, from which article or event, on what source."""

    text: str
    article: str | None = None
    event: str | None = None
    date: str | None = None
    source: str | None = None
    #: the date is a range (partial or uncertain), not one known day
    uncertain: bool = False

    def to_json(self) -> dict[str, str]:
        out = {"step": self.text}
        for key in ("article", "event", "date", "source"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out

    def __str__(self) -> str:
        src = f" [{self.source}]" if self.source else ""
        return f"{self.text}{src}"


@dataclass(frozen=True, slots=True)
class Bound:
    """A change day in ``[earliest, latest]``, with the steps that derived it.

    ``candidates``: when only some days in the range are possible (period ends), those days.
    """

    earliest: dt.date
    latest: dt.date
    steps: tuple[Step, ...] = ()
    reason: str | None = None
    candidates: tuple[dt.date, ...] | None = None

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest

    def describe(self) -> str:
        """``1996-09-10``; ``1996-09-10 or 2001-09-10``; ``between 1995-01-01 and 1995-12-31``."""
        if self.exact:
            return self.earliest.isoformat()
        if self.candidates:
            return " or ".join(d.isoformat() for d in self.candidates)
        return _window(self.earliest, self.latest)

    def when(self) -> str:
        """The day as a phrase after a verb: ``on 1996-09-10``, ``on ... or ...``, ``between ... and ...``,
        ``on or after ...``."""
        if not self.exact and not self.candidates:
            return self.describe()
        return f"on {self.describe()}"


@dataclass(frozen=True, slots=True)
class Segment:
    """``status`` holds on ``[start, end)``; ``end`` None means open-ended."""

    status: str
    start: dt.date
    end: dt.date | None
    reason: str | None = None
    summary: str = ""
    basis: tuple[Step, ...] = ()
    possible: tuple[str, ...] = ()

    def contains(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Timeline:
    """An ordered partition of all days into segments."""

    segments: tuple[Segment, ...]
    _starts: list[dt.date] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", [s.start for s in self.segments])

    def at(self, day: dt.date) -> Segment:
        """The segment holding ``day``."""
        return self.segments[bisect.bisect_right(self._starts, day) - 1]

    def change_days(self) -> list[dt.date]:
        """Every day on which the status changes."""
        return self._starts[1:]

    def overlapping(self, start: dt.date, end: dt.date) -> list[Segment]:
        """Segments meeting ``[start, end)``."""
        i = bisect.bisect_right(self._starts, start) - 1
        out = []
        for seg in self.segments[max(i, 0) :]:
            if seg.start >= end:
                break
            out.append(seg)
        return out


@dataclass(frozen=True, slots=True)
class Phase:
    """One status in a sequence, starting at ``bound`` (None for the first)."""

    status: str
    bound: Bound | None
    reason: str | None = None
    summary: str = ""
    basis: tuple[Step, ...] = ()


def build(phases: Sequence[Phase]) -> Timeline:
    """Turn ordered phases into segments, marking uncertain change windows ``unknown``.

    >>> from datetime import date
    >>> t = build([Phase("signed", None), Phase("in_force", Bound(date(1961, 9, 10), date(1961, 9, 10))),
    ...            Phase("terminated", Bound(date(1996, 9, 10), date(2001, 9, 10)))])
    >>> [(s.status, str(s.start)) for s in t.segments]
    [('signed', '0001-01-01'), ('in_force', '1961-09-10'), ('unknown', '1996-09-10'), ('terminated', '2001-09-10')]
    """
    segs: list[Segment] = []
    heads: list[str] = []  # the first part of each unknown segment's summary, in order
    cur = phases[0]
    cur_start = MIN_DAY
    i = 1
    n = len(phases)
    while i < n:
        ph = phases[i]
        assert ph.bound is not None
        lo = max(ph.bound.earliest, cur_start)
        hi = max(ph.bound.latest, lo)
        if lo > cur_start:
            segs.append(_seg(cur, cur_start, lo))
        possible = [cur.status, ph.status]
        steps = list(ph.bound.steps)
        j = i
        while j + 1 < n and phases[j + 1].bound is not None and phases[j + 1].bound.earliest < hi:  # type: ignore[union-attr]
            j += 1
            nb = phases[j].bound
            assert nb is not None
            hi = max(hi, nb.latest)
            possible.append(phases[j].status)
            steps.extend(nb.steps)
        if hi > lo:
            last = phases[j]
            window = ph.bound.when() if j == i else _window(lo, hi)
            statuses = list(dict.fromkeys(possible))
            head = (
                f"{' or '.join(statuses)}: the change to {last.status} falls {window}, depending on a"
                " date the sources do not fix"
            )
            heads.append(head)
            segs.append(
                Segment(
                    "unknown",
                    lo,
                    hi if hi < MAX_DAY else None,  # no latest day: unknown from here on
                    None,
                    f"{head}; {last.status} from {hi.isoformat()} at the latest"
                    if hi < MAX_DAY
                    else f"{head}; no source gives a latest day",
                    tuple(dict.fromkeys([*cur.basis, *steps])),
                    tuple(statuses),
                )
            )
        cur = phases[j]
        cur_start = hi
        i = j + 1
    if cur_start < MAX_DAY or not segs:
        segs.append(_seg(cur, cur_start, None))
    return Timeline(tuple(_cut_short(segs, iter(heads))))


def _window(lo: dt.date, hi: dt.date) -> str:
    """``between A and B``; ``on or after A`` (no latest day); ``on or before B`` (no earliest day)."""
    if hi >= MAX_DAY:
        return f"on or after {lo.isoformat()}"
    if lo <= MIN_DAY:
        return f"on or before {hi.isoformat()}"
    return f"between {lo.isoformat()} and {hi.isoformat()}"


def _cut_short(segs: list[Segment], heads: Iterator[str]) -> list[Segment]:
    """An unknown window that a certain later change cuts off says what follows it, not what it was heading to."""
    out = list(segs)
    for k, seg in enumerate(out[:-1]):
        if seg.status != "unknown":
            continue
        head, nxt = next(heads), out[k + 1]
        if nxt.status not in seg.possible and seg.end is not None:
            summary = f"{head}; {nxt.status} from {seg.end.isoformat()}"
            out[k] = Segment(seg.status, seg.start, seg.end, seg.reason, summary, seg.basis, seg.possible)
    return out


def _seg(ph: Phase, start: dt.date, end: dt.date | None) -> Segment:
    return Segment(ph.status, start, end, ph.reason, ph.summary, ph.basis)
