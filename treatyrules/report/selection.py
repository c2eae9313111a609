"""Which treaties a report shows (``select``) and over which days (``window``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..compiled import CompiledCorpus, CorpusLike, core
from ..dates import MAX_DAY, parse_partial
from ..errors import EmptyReportError, ReportRangeError, ReportWindowError
from ..lifecycle import Life

__all__ = ["Window", "select", "window", "within"]


@dataclass(frozen=True, slots=True)
class Window:
    """The days shown, ``[start, end)``."""

    start: dt.date
    end: dt.date

    def meets(self, start: dt.date, end: dt.date | None) -> bool:
        """Whether ``[start, end)`` (end None: open) overlaps the window."""
        return start < self.end and (end is None or end > self.start)


def window(corpus: CorpusLike, ids: Sequence[str], start: str | None, end: str | None) -> Window:
    """The window from ``--from``/``--to`` texts (years, months or days; ``--to`` is inclusive).

    Defaults: from 1 January of the earliest signature year, to the end of the year after the
    knowledge date.

    >>> from treatyrules import load
    >>> w = window(load(), ["SUN-PRK-1961"], "1950", "2026")
    >>> w.start, w.end
    (datetime.date(1950, 1, 1), datetime.date(2027, 1, 1))
    """
    corpus = core(corpus)
    if start is not None:
        lo = parse_partial(start).earliest
    else:
        first = min((corpus.life(i).signature.earliest for i in ids), default=dt.date(1945, 1, 1))
        lo = dt.date(min(first.year, dt.date.max.year - 2), 1, 1)
    if end is not None:
        hi = parse_partial(end).latest + dt.timedelta(days=1)
    else:
        kd = corpus.knowledge_date or lo
        hi = dt.date(max(kd.year, lo.year) + 2, 1, 1)
    if hi <= lo:
        raise ReportRangeError(start or lo.isoformat(), end or hi.isoformat())
    return Window(lo, hi)


def select(
    corpus: CorpusLike,
    parties: Iterable[str] = (),
    treaty_ids: Iterable[str] = (),
    *,
    all_treaties: bool = False,
) -> list[str]:
    """Treaty ids to report, by id: ``all_treaties``, or those of the parties plus those named.

    A party selects every signed treaty in which it, or a state it continues (``RUS`` for ``SUN``),
    was a member (with ``as_of``, signed as known on that day). Raises ``EmptyReportError`` when
    nothing is selected.
    """
    corpus = core(corpus)
    if all_treaties:
        ids = set(corpus.ids)
    else:
        ids = {corpus.resolve(t) for t in treaty_ids}
        codes = [corpus.registry.canonical(p) for p in parties]
        for code in codes:
            found = {
                tid
                for tid in corpus.ids
                if _involves(corpus, corpus.life(tid), code) and corpus.life(tid).signature.earliest < MAX_DAY
            }  # signed as far as known
            if not found:
                raise EmptyReportError(f"no treaty in the rules has {code} as a party")
            ids |= found
    if not ids:
        raise EmptyReportError("no treaty selected")
    return sorted(ids)


def _involves(corpus: CompiledCorpus, life: Life, code: str) -> bool:
    members = list(life.memberships) or list(life.treaty.parties)
    return corpus.registry.member_for(code, members) is not None


def within(corpus: CorpusLike, ids: Sequence[str], win: Window) -> list[str]:
    """The treaties of ``ids`` that the window shows: those signed (as far as known) before its end.

    A treaty signed after the window has no day in it (NATO in 1800-1900); it is left out rather
    than drawn as empty rows. Raises ``ReportWindowError`` when that leaves nothing. A treaty that
    ended before the window stays: its status there is ``terminated``.

    >>> from treatyrules import load
    >>> c = load()
    >>> within(c, ["GBR-PRT-1373", "NATO-1949"], Window(dt.date(1800, 1, 1), dt.date(1901, 1, 1)))
    ['GBR-PRT-1373']
    """
    corpus = core(corpus)
    kept = [t for t in ids if corpus.life(t).signature.earliest < win.end]
    if not kept and ids:
        first = min(ids, key=lambda t: (corpus.life(t).signature.earliest, t))
        signed = corpus.life(first).signature.earliest
        last = win.end - dt.timedelta(days=1)
        shown = "no known day" if signed >= MAX_DAY else signed.isoformat()
        raise ReportWindowError(win.start.isoformat(), last.isoformat(), first, shown)
    return kept
