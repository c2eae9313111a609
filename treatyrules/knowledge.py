"""What the rules know, and so what an answer about a day assumes: the day up to which each
treaty's events are recorded (its folder's knowledge date, bounded by the as-of day), and the
reading asked for with the treaties that declare it.

Plain data (no models): ``CompiledCorpus.knowledge`` builds it from a compiled corpus, and the
status table (``treatyrules.statustable``) stores it, so that a warm ``treatyrules status`` words
its provenance without compiling anything.

>>> k = Knowledge(("A", "B"), None, frozenset(), None, dt.date(2024, 12, 4), {})
>>> k.assumption_for(dt.date(2024, 12, 4)) is None
True
>>> k.assumption_for(dt.date(2024, 12, 5))
'the rules record events up to 2024-12-04; this answer assumes no later events'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = ["Knowledge"]


@dataclass(frozen=True)
class Knowledge:
    """Every treaty's knowledge date and reading, as a compiled corpus evaluates them."""

    #: every treaty id of the corpus, in its order
    ids: tuple[str, ...]
    #: the reading asked for (``None``: the text)
    reading: str | None
    #: the treaties that declare ``reading``, so are evaluated under it
    readers: frozenset[str]
    as_of: dt.date | None
    #: the corpus' knowledge date, bounded by ``as_of``
    knowledge_date: dt.date | None
    #: each treaty's own knowledge date where merged folders differ (empty: every treaty has the
    #: corpus' ``knowledge_date``); not yet bounded by ``as_of``
    treaty_knowledge: Mapping[str, dt.date]

    def reading_for(self, treaty_id: str) -> str | None:
        """The reading a treaty is evaluated under (``None``: its text)."""
        return self.reading if treaty_id in self.readers else None

    def knowledge_date_of(self, treaty_id: str) -> dt.date | None:
        """The day up to which the rules record a treaty's events: its folder's knowledge date (in a
        merged corpus each folder keeps its own), bounded by the as-of day."""
        own = self.treaty_knowledge.get(treaty_id)
        if own is None:
            return self.knowledge_date
        return min(own, self.as_of) if self.as_of is not None else own

    def assumption_for(self, day: dt.date, treaty_ids: Iterable[str] | None = None) -> str | None:
        """What an answer about ``day`` assumes: no events after the knowledge date (or the as-of day).

        An answer about ``treaty_ids`` uses their knowledge dates (the earliest of them); an answer
        about the whole corpus (``None``: a list that may be empty) the earliest of every folder's.
        """
        known = self.knowledge_date
        if self.treaty_knowledge:
            ids = self.ids if treaty_ids is None else treaty_ids
            days = [k for k in (self.knowledge_date_of(t) for t in ids) if k is not None]
            known = min(days, default=known)
        if known is None or day <= known:
            return None
        if self.as_of is not None and known == self.as_of:
            return f"evaluated as of {self.as_of}: only events known by then count; this answer assumes no later events"
        return f"the rules record events up to {known}; this answer assumes no later events"
