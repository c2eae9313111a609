"""What mixing changes: when a hand-coded treaty replaces an imported (ATOP) one, the directed dyad-year
cells each side gives and the other does not, per obligation kind.

A **cell** is ``(obligor, beneficiary, year)`` in registry codes, for one kind: the obligor owes the
kind to the beneficiary on at least one day of the year (ATOP's any-day rule), read from each treaty's
obligation spells (``CompiledCorpus.obligation_rows``). The **years** compared are those either
treaty has a cell in, within the years the imported corpus speaks to: from its first event to the
earlier knowledge date of the two corpora (ATOP: 1815 to 2018-12-31; before and after it ATOP says
nothing). So a cell ATOP gives in the year before the hand-coded treaty entered into force counts as
lost, and a hand-coded treaty's cells before 1815 are not compared.

``compare`` counts the cells without listing them: each directed dyad's years as sorted runs
(``year_runs``), their lengths and the years two sides' runs share; ``cells`` lists them one by one, the
definition the counts are tested against.

``mix.merge`` puts a ``CountedOverlap`` for each pair in ``corpus.overlaps``; its ``change`` is
computed on first use (it needs both corpora's spells), so mixing costs nothing until it is asked.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

from .compiled import CompiledCorpus, Overlap
from .schema import ObligationKind

__all__ = [
    "Change",
    "CountedOverlap",
    "KindChange",
    "cells",
    "compare",
    "overlap_json",
    "overlap_lines",
    "window",
    "year_runs",
]

Cell = tuple[str, str, int]
Dyad = tuple[str, str]
Run = tuple[int, int]  # a first and a last year, both in
Window = tuple[int | None, int | None]
_ONE_DAY = dt.timedelta(days=1)
_KINDS = [k.value for k in ObligationKind]


class Spanned(Protocol):
    """What the cells of a spell are read from: an ``obligations.Spell`` or ``obligations.Row``."""

    @property
    def kind(self) -> str: ...
    @property
    def obligor(self) -> str: ...
    @property
    def beneficiary(self) -> str: ...
    @property
    def start(self) -> dt.date: ...
    @property
    def end(self) -> dt.date | None: ...


def cells(spells: Iterable[Spanned], first: int, last: int) -> dict[str, set[Cell]]:
    """The directed dyad-year cells of ``spells`` in the years ``first``..``last``, by kind.

    >>> from treatyrules.obligations import Spell
    >>> from treatyrules.schema import Conditions
    >>> s = Spell("T", 0, "1", "defence", "USA", "JPN", dt.date(1960, 6, 23), dt.date(1962, 1, 1),
    ...           True, Conditions(), ())
    >>> sorted(cells([s], 1950, 2000)["defence"])
    [('USA', 'JPN', 1960), ('USA', 'JPN', 1961)]
    """
    out: dict[str, set[Cell]] = defaultdict(set)
    for s in spells:
        lo, hi = _span(s, first, last)
        out[s.kind].update((s.obligor, s.beneficiary, y) for y in range(lo, hi + 1))
    return out


def _span(s: Spanned, first: int, last: int) -> Run:
    """The first and the last year of ``first``..``last`` in which the spell holds on some day (none: first > last)."""
    return max(s.start.year, first), min(last, (s.end - _ONE_DAY).year if s.end is not None else last)


def year_runs(spells: Iterable[Spanned], first: int, last: int) -> dict[str, dict[Dyad, list[Run]]]:
    """``cells`` as runs of years: by kind, each directed dyad's years ``first``..``last`` as sorted,
    disjoint ``(first year, last year)`` runs (no cell is listed year by year).

    >>> from treatyrules.obligations import Spell
    >>> from treatyrules.schema import Conditions
    >>> s = [Spell("T", 0, "1", "defence", "USA", "JPN", dt.date(y, 6, 1), dt.date(y + 2, 1, 1), True, Conditions(), ())
    ...      for y in (1960, 1961, 1970)]
    >>> year_runs(s, 1950, 2000)["defence"]
    {('USA', 'JPN'): [(1960, 1962), (1970, 1971)]}
    """
    found: dict[tuple[str, str, str], list[Run]] = {}
    for s in spells:
        lo, hi = _span(s, first, last)
        if lo <= hi:
            found.setdefault((s.kind, s.obligor, s.beneficiary), []).append((lo, hi))
    out: dict[str, dict[Dyad, list[Run]]] = {}
    for (kind, obligor, beneficiary), runs in found.items():
        out.setdefault(kind, {})[obligor, beneficiary] = _union(runs)
    return out


def _union(runs: list[Run]) -> list[Run]:
    """Runs of years joined where they overlap or touch, in order."""
    out: list[Run] = []
    for lo, hi in sorted(runs):
        if out and lo <= out[-1][1] + 1:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _years(runs: Iterable[Run]) -> int:
    return sum(hi - lo + 1 for lo, hi in runs)


def _common(x: list[Run], y: list[Run]) -> int:
    """How many years two lists of sorted, disjoint runs share: a walk along both."""
    n = i = j = 0
    while i < len(x) and j < len(y):
        n += max(0, min(x[i][1], y[j][1]) - max(x[i][0], y[j][0]) + 1)
        if x[i][1] <= y[j][1]:
            i += 1
        else:
            j += 1
    return n


@dataclass(frozen=True)
class KindChange:
    """One kind's cells: the dropped treaty's, the kept one's, and those only one of them gives."""

    kind: str
    dropped: int
    kept: int
    dropped_only: int
    kept_only: int

    @classmethod
    def of(cls, kind: str, kept: Mapping[Dyad, list[Run]], dropped: Mapping[Dyad, list[Run]]) -> KindChange:
        """The counts of one kind from each side's ``year_runs``: totals, and each side's cells less
        those both give."""
        both = sum(_common(runs, dropped[d]) for d, runs in kept.items() if d in dropped)
        ours, theirs = sum(map(_years, kept.values())), sum(map(_years, dropped.values()))
        return cls(kind, theirs, ours, theirs - both, ours - both)


@dataclass(frozen=True)
class Change:
    """What replacing ``dropped`` by ``kept`` changes over the years ``first``..``last`` (None: no cells)."""

    kept: str
    dropped: str
    first: int | None
    last: int | None
    kinds: tuple[KindChange, ...]

    def lines(self) -> list[str]:
        """A heading, then one line per kind:
        ``defence: ATOP-3075 has N, RIO-1947 M; ATOP-3075-only K, RIO-1947-only L``."""
        if self.first is None:
            return [f"{self.kept} replaces {self.dropped}: neither gives a directed dyad-year cell there"]
        head = f"{self.kept} replaces {self.dropped} over {self.first}–{self.last}, in directed dyad-year cells:"
        return [head] + [
            f"  {k.kind.replace('_', '-')}: {self.dropped} has {k.dropped:,}, {self.kept} {k.kept:,}; "
            f"{self.dropped}-only {k.dropped_only:,}, {self.kept}-only {k.kept_only:,}"
            for k in self.kinds
        ]

    def to_json(self) -> dict[str, Any]:
        cells_ = {
            k.kind: {"dropped": k.dropped, "kept": k.kept, "dropped_only": k.dropped_only, "kept_only": k.kept_only}
            for k in self.kinds
        }
        years = [self.first, self.last] if self.first is not None else None
        return {"years": years, "cells": cells_}


def compare(kept: Sequence[Spanned], dropped: Sequence[Spanned], ids: tuple[str, str], window: Window) -> Change:
    """The cells ``kept``'s spells and ``dropped``'s spells give, compared kind by kind (module docstring).

    ``window``: the first and last year the imported corpus speaks to (None: no bound on that side).
    Within it, the years compared run from the first year either treaty has a cell in to the last.
    """
    both = (*kept, *dropped)
    if not both:
        return Change(ids[0], ids[1], None, None, ())
    lo, hi = window
    starts = [s.start.year for s in both]
    reach = max(starts + [(s.end - _ONE_DAY).year for s in both if s.end is not None])
    first = min(starts) if lo is None else max(min(starts), lo)
    # without a last year, an open spell runs to the last year any spell starts or ends in
    opened = any(s.end is None for s in both)
    last = reach if hi is None else hi if opened else min(reach, hi)
    if last < first:
        return Change(ids[0], ids[1], None, None, ())
    ours, theirs = year_runs(kept, first, last), year_runs(dropped, first, last)
    kinds = tuple(KindChange.of(k, ours.get(k, {}), theirs.get(k, {})) for k in _KINDS if k in ours or k in theirs)
    return Change(ids[0], ids[1], first, last, kinds)


@dataclass(frozen=True)
class CountedOverlap(Overlap):
    """An ``Overlap`` that says what replacing the dropped treaty changes (``change``, computed on first use).

    ``sides``: a corpus holding ``kept`` and one holding ``dropped`` (with their lives); ``window``: the
    years the imported corpus speaks to, from its first event to the earlier knowledge date.
    """

    sides: tuple[CompiledCorpus, CompiledCorpus] | None = field(default=None, compare=False, repr=False)
    window: Window = field(default=(None, None), compare=False, repr=False)

    @cached_property
    def change(self) -> Change | None:
        """The cells each side gives and the other does not (None without ``sides``)."""
        if self.sides is None:
            return None
        base, other = self.sides
        kept = base.obligation_rows(self.kept) if self.kept in base.lives else []
        dropped = other.obligation_rows(self.dropped) if self.dropped in other.lives else []
        return compare(kept, dropped, (self.kept, self.dropped), self.window)


def window(base: CompiledCorpus, other: CompiledCorpus) -> Window:
    """The years ``other`` (the imported corpus) speaks to: from its first event's year to the earlier of
    the two knowledge dates (ATOP: 1815–2018)."""
    first = min((e.date.earliest.year for t in other.treaties.values() for e in t.events), default=None)
    known = [d.year for d in (base.knowledge_date, other.knowledge_date) if d is not None]
    return first, min(known, default=None)


def overlap_lines(o: Overlap) -> list[str]:
    """What ``validate`` prints for an overlap: the overlap, then its cells per kind (indented)."""
    ch = o.change if isinstance(o, CountedOverlap) else None
    return [str(o), *(f"  {line}" for line in (ch.lines() if ch is not None else []))]


def overlap_json(o: Overlap) -> dict[str, Any]:
    """An overlap as ``validate --format json`` gives it: ids, and the years and cells where counted."""
    out: dict[str, Any] = {"atopid": o.atopid, "kept": o.kept, "dropped": o.dropped}
    ch = o.change if isinstance(o, CountedOverlap) else None
    if ch is not None:
        out.update(ch.to_json())
    return out
