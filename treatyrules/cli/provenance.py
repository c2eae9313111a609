"""What every answer says about how it was evaluated: under which reading, as of when, and whether it
assumes no later events.

In text an answer carries one line (``Evaluated under the text, with the events recorded up to
2024-12-04.``) and, for a day after the knowledge date, a ``Note:`` saying it assumes no later
events. In JSON the same facts are the keys ``reading``, ``as_of``, ``knowledge_date`` and
``assumption`` (null when there is none). The knowledge date is that of the answer's treaties
(each folder of a mix keeps its own; ``CompiledCorpus.knowledge_date_of``): the earliest of them,
or of the whole corpus for an answer that lists no treaty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import output
from ..knowledge import Knowledge

if TYPE_CHECKING:
    from ..corpus import Corpus

__all__ = ["Provenance", "provenance", "provenance_of"]


@dataclass(frozen=True)
class Provenance:
    """How an answer was evaluated (see the module docstring)."""

    #: the reading asked for: ``text`` or a declared reading's name
    reading: str
    #: the answer's treaties that declare that reading, and so are evaluated under it
    readers: tuple[str, ...]
    #: whether the answer also has treaties answered under their text while a reading is asked for
    others: bool
    as_of: dt.date | None
    #: the earliest knowledge date of the answer's treaties
    knowledge_date: dt.date | None
    assumption: str | None
    #: each treaty's own assumption (they differ only in a mix of folders of different dates)
    per_treaty: Mapping[str, str | None] = field(default_factory=dict)
    #: every knowledge date of the answer's treaties, when they differ (a mix of folders)
    knowledge_dates: tuple[dt.date, ...] = ()

    @property
    def shared(self) -> bool:
        """Whether every treaty of the answer assumes what the answer as a whole does."""
        return all(a == self.assumption for a in self.per_treaty.values())

    def assumption_of(self, treaty_id: str) -> str | None:
        return self.per_treaty.get(treaty_id, self.assumption)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"reading": self.reading}
        if self.reading != "text":
            out["reading_declared_by"] = list(self.readers)
        out["as_of"] = self.as_of.isoformat() if self.as_of else None
        out["knowledge_date"] = self.knowledge_date.isoformat() if self.knowledge_date else None
        if self.knowledge_dates:
            out["knowledge_dates"] = [d.isoformat() for d in self.knowledge_dates]
        out["assumption"] = self.assumption
        return out

    def sentence(self) -> str:
        """``Evaluated under ..., with the events recorded up to ...``: one sentence, no note."""
        return f"Evaluated {self.how()}."

    def how(self) -> str:
        """``under the text, with the events recorded up to 2024-12-04``: reading and knowledge."""
        under = "the text"
        if self.reading != "text":
            if not self.readers:
                under = f"the text (no treaty here declares the reading '{self.reading}')"
            elif self.others:
                under = (
                    f"the reading '{self.reading}' (declared by {', '.join(self.readers)}; "
                    "the other treaties under their text)"
                )
            else:
                under = f"the reading '{self.reading}'"
        if self.as_of is not None:
            when = f"as of {self.as_of} (only the events known by then count)"
        elif self.knowledge_dates:
            when = f"with the events each folder records (up to {', '.join(map(str, self.knowledge_dates))})"
        elif self.knowledge_date is not None:
            when = f"with the events recorded up to {self.knowledge_date}"
        else:
            when = "with every recorded event"
        return f"under {under}, {when}"

    def lines(self, *, note: bool = True) -> str:
        """The sentence, and the note on the assumption (``note=False``: without it), wrapped."""
        text = output.wrap_note(self.sentence())
        if note and self.assumption:
            text += output.wrap_note(f"Note: {self.assumption}.")
        return text


def provenance(
    corpus: Corpus, day: dt.date | None, treaty_ids: Iterable[str] | None = None, *, assumption: str | None = None
) -> Provenance:
    """How an answer about ``treaty_ids`` on ``day`` is evaluated (no ids, or none: the whole corpus).

    ``assumption`` replaces the one derived for ``day`` (answers about a span of days word their own).
    """
    return provenance_of(corpus.compiled.knowledge, day, treaty_ids, assumption=assumption)


def provenance_of(
    k: Knowledge, day: dt.date | None, treaty_ids: Iterable[str] | None = None, *, assumption: str | None = None
) -> Provenance:
    """``provenance`` from what the rules know (a compiled corpus', or a status table's, ``Knowledge``)."""
    ids = list(dict.fromkeys(treaty_ids or ())) or None
    scope = ids if ids is not None else list(k.ids)
    readers = tuple(t for t in scope if k.reading_for(t)) if k.reading else ()
    known = [d for d in (k.knowledge_date_of(t) for t in scope) if d is not None]
    per: dict[str, str | None] = {}
    if day is not None:
        if assumption is None:
            assumption = k.assumption_for(day, ids)
        per = {t: k.assumption_for(day, (t,)) for t in ids or ()}
    return Provenance(
        k.reading or "text",
        readers,
        len(readers) < len(scope),
        k.as_of,
        min(known, default=k.knowledge_date),
        assumption,
        per,
        tuple(sorted(set(known))) if len(set(known)) > 1 else (),
    )
