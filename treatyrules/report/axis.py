"""The timeline's axis: days to x, with the long stretches in which nothing changes drawn narrow.

Every treaty at once runs from 1373 (the Anglo-Portuguese alliance) to today: to one scale, the 34
treaties of 1947 onwards would share the last eighth of the width. So while more than
``SCALED_YEARS`` are drawn to scale, the longest stretch of at least ``QUIET_YEARS`` in which
nothing changes on any row (no status, membership, event or obligation starts or ends there) is
drawn ``BREAK_PX`` wide and marked as a break, as long as ``QUIET_YEARS`` stay to scale beside it
(a window with a lone change, GBR-PRT-1373 in 1800-1900, stays to scale); the other days share the
rest of the width to one scale. A window of up to ``SCALED_YEARS`` (PRK's 1950-2026, NATO's) has
one scale.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from .selection import Window

__all__ = ["BREAK_PX", "QUIET_YEARS", "SCALED_YEARS", "Axis", "Piece", "quiet_pieces"]

#: The most years drawn to one scale before quiet stretches are drawn narrow (about 10 px a year).
SCALED_YEARS = 100
#: The shortest stretch without change drawn narrow, and the days kept to scale beside a change.
QUIET_YEARS, MARGIN_DAYS = 30, 730
#: The width of a stretch drawn narrow.
BREAK_PX = 18.0
#: Year steps for the ticks, the smallest that leaves this many pixels between two labels.
_STEPS, _TICK_PX = (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000), 48.0


@dataclass(frozen=True, slots=True)
class Piece:
    """Days ``[start, end)`` of the axis; ``broken``: drawn narrow (nothing changes in them)."""

    start: dt.date
    end: dt.date
    broken: bool = False

    @property
    def days(self) -> int:
        return (self.end - self.start).days


def quiet_pieces(win: Window, changes: Iterable[dt.date]) -> list[Piece]:
    """The window cut into pieces: the quiet stretches to draw narrow, and the days between.

    >>> w = Window(dt.date(1373, 1, 1), dt.date(2028, 1, 1))
    >>> changes = [dt.date(1386, 5, 9), *(dt.date(y, 1, 1) for y in range(1950, 2030, 10))]
    >>> [(p.start.year, p.end.year, p.broken) for p in quiet_pieces(w, changes)]
    [(1373, 1388, False), (1388, 1948, True), (1948, 2028, False)]
    >>> w = Window(dt.date(1800, 1, 1), dt.date(1901, 1, 1))  # 101 years, but only 6 beside the gap
    >>> [(p.start.year, p.end.year, p.broken) for p in quiet_pieces(w, [dt.date(1899, 10, 14)])]
    [(1800, 1901, False)]
    >>> quiet_pieces(Window(dt.date(1950, 1, 1), dt.date(2027, 1, 1)), [dt.date(1961, 7, 6)])  # 77 years
    [Piece(start=datetime.date(1950, 1, 1), end=datetime.date(2027, 1, 1), broken=False)]
    """
    anchors = sorted({win.start, win.end, *(d for d in changes if win.start < d < win.end)})
    margin = dt.timedelta(days=MARGIN_DAYS)
    gaps = [(a + margin, b - margin) for a, b in itertools.pairwise(anchors)]
    gaps = [(lo, hi) for lo, hi in gaps if (hi - lo).days >= QUIET_YEARS * 365]
    gaps.sort(key=lambda g: (-(g[1] - g[0]).days, g[0]))
    scaled, chosen = (win.end - win.start).days, []
    for lo, hi in gaps:  # longest first
        if scaled <= SCALED_YEARS * 365.25:
            break
        if scaled - (hi - lo).days >= QUIET_YEARS * 365.25:
            chosen.append((lo, hi))
            scaled -= (hi - lo).days
    out, at = [], win.start
    for lo, hi in sorted(chosen):
        out += [Piece(at, lo), Piece(lo, hi, broken=True)]
        at = hi
    return [*out, Piece(at, win.end)]


@dataclass(frozen=True)
class Axis:
    """The pieces laid out from ``x0`` over ``width`` pixels."""

    pieces: tuple[Piece, ...]
    x0: float
    width: float

    @cached_property
    def spans(self) -> list[tuple[Piece, float, float]]:
        """Each piece with its x range: a break ``BREAK_PX`` wide, the others to one scale."""
        broken = sum(p.broken for p in self.pieces)
        scaled = sum(p.days for p in self.pieces if not p.broken) or 1
        per_day = (self.width - broken * BREAK_PX) / scaled
        out, x = [], self.x0
        for p in self.pieces:
            w = BREAK_PX if p.broken else p.days * per_day
            out.append((p, x, x + w))
            x += w
        return out

    def x(self, day: dt.date) -> float:
        """Where a day sits (days outside the window: at its edges)."""
        for p, xa, xb in self.spans:
            if day < p.end:
                return xa if day <= p.start else xa + (day - p.start).days / p.days * (xb - xa)
        return self.x0 + self.width

    def ticks(self) -> list[int]:
        """Years whose 1 January is labelled: per piece drawn to scale, at a step that leaves 48 px
        between labels, none within 16 px of a break; a piece too narrow for that (the few years
        around a lone change between two breaks) gets the one year farthest from its edges."""
        out: list[int] = []
        for p, xa, xb in self.spans:
            if p.broken:
                continue
            per_year = (xb - xa) / p.days * 365.25
            step = next((s for s in _STEPS if s * per_year >= _TICK_PX), _STEPS[-1])
            years = [y for y in range(p.start.year, p.end.year + 1) if p.start <= dt.date(y, 1, 1) < p.end]
            found = [y for y in years if y % step == 0 and self._clear(self.x(dt.date(y, 1, 1)), 16)]
            if not found and years:
                best = max(years, key=lambda y: (min(self.x(dt.date(y, 1, 1)) - xa, xb - self.x(dt.date(y, 1, 1))), -y))
                found = [best] if self._clear(self.x(dt.date(best, 1, 1)), 6) else []
            out += found
        return out

    def _clear(self, x: float, room: float) -> bool:
        """Whether ``x`` is at least ``room`` pixels from every break."""
        return all(not (xa - room < x < xb + room) for p, xa, xb in self.spans if p.broken)

    def breaks(self) -> list[tuple[Piece, float, float]]:
        return [s for s in self.spans if s[0].broken]

    def to_json(self) -> str:
        """The pieces as ``[[start, end, x0, x1], ...]`` for the page's script (the date cursor)."""
        rows = [[p.start.isoformat(), p.end.isoformat(), round(xa, 2), round(xb, 2)] for p, xa, xb in self.spans]
        return json.dumps(rows, separators=(",", ":"))
