"""Mixing corpora: hand-coded rules together with an imported ATOP corpus, counted once.

``merge(base, other)`` (also ``Corpus.merge`` and ``treatyrules.load([a, b])``) returns one corpus:

* **the hand-coded treaty wins**: a treaty of ``other`` whose ``atopid`` is recorded by a treaty of
  ``base`` (NATO-1949 records 3180) is left out, and so is one whose id ``base`` already has; every such
  pair is in ``corpus.overlaps`` as a ``CountedOverlap(atopid, kept, dropped)``, which also says what the
  replacement changes in directed dyad-year cells, kind by kind (``treatyrules.overlap``).
* **one registry**: both corpora speak registry codes (an ATOP import names each member by the state
  that held its ccode on the day), so USA–JPN is one dyad whichever file says it. States of ``other``
  are added where ``base`` lacks their code; ``base``'s entry wins otherwise. A folder imported by an
  older treatyrules, whose states are ``COW<ccode>`` entries, is refused with the fix (re-import it).
* **``base``'s options**: the merged corpus is evaluated as of ``base``'s as-of day and under its
  reading (``load([a, b], reading=...)`` reads both under it).
* **each folder keeps its knowledge date**: an answer about a treaty assumes no events after its
  own corpus' knowledge date (``CompiledCorpus.knowledge_date_of``); the merged corpus'
  ``knowledge_date`` is the latest of them.
* **nothing evaluated twice**: a life the two corpora already derived is kept where what it depends on
  is the same in the merge (the states, the text as of the same day, the treaties that supersede it);
  only the others are evaluated again (``tests/test_mix_reuse.py``).

>>> from treatyrules import load
>>> twice = load().merge(load())
>>> twice.ids == load().ids, next(str(o) for o in twice.overlaps if o.kept == "ANZUS-1951")
(True, 'ANZUS-1951 left out: ANZUS-1951 records atopid 3215 (the hand-coded treaty wins)')
"""

from __future__ import annotations

import datetime as dt
import re
from types import MappingProxyType

from .compiled import CompiledCorpus, Overlap, compile_corpus, supersessions
from .errors import Problem, RulesError
from .lifecycle import Life, Supersession
from .overlap import CountedOverlap, window
from .schema import Treaty
from .states import Registry

__all__ = ["Overlap", "merge"]

_COW = re.compile(r"^COW\d+$")
Supersessions = dict[str, list[Supersession]]


def merge(base: CompiledCorpus, other: CompiledCorpus) -> CompiledCorpus:
    """One corpus of ``base`` and ``other``; ``base`` wins every overlap (see the module docstring)."""
    _refuse_cow_codes(other)
    by_atopid = {t.atopid: t.id for t in base.treaties.values() if t.atopid is not None}
    pairs: list[tuple[int | None, str, str]] = []
    kept: list[Treaty] = list(base.treaties.values())
    for t in other.treaties.values():
        if t.atopid is not None and t.atopid in by_atopid:
            pairs.append((t.atopid, by_atopid[t.atopid], t.id))
        elif t.id in base.treaties:
            pairs.append((t.atopid, t.id, t.id))
        else:
            kept.append(t)
    sides = (_part(base, {k for _, k, _ in pairs}), _part(other, {d for _, _, d in pairs}))
    years = window(base, other)
    overlaps: list[Overlap] = [*base.overlaps, *(CountedOverlap(a, k, d, sides, years) for a, k, d in pairs)]
    registry = _registry(base, other)
    kd = max((d for d in (base.knowledge_date, other.knowledge_date) if d is not None), default=None)
    ordered = sorted(overlaps, key=lambda o: (o.kept, o.dropped))
    known = {t.id: base.knowledge_date_of(t.id) for t in base.treaties.values()}
    known.update((t.id, other.knowledge_date_of(t.id)) for t in other.treaties.values() if t.id not in known)
    own = {tid: d for tid, d in known.items() if d is not None} if len(set(known.values())) > 1 else {}
    done: dict[str, Life] = {}
    if base.reading is None:  # the text: lives evaluated under it may be kept
        supers = supersessions(kept, None, base.as_of)
        theirs = {t.id for t in kept} - set(base.treaties)
        done = _evaluated(base, set(base.treaties), base.as_of, registry, supers)
        done.update(_evaluated(other, theirs, base.as_of, registry, supers))
    return compile_corpus(
        kept,
        registry,
        knowledge_date=kd,
        as_of=base.as_of,
        reading=base.reading,
        overlaps=ordered,
        treaty_knowledge=own,
        evaluated=done,
    )


def _registry(base: CompiledCorpus, other: CompiledCorpus) -> Registry:
    """``base``'s states, then those of ``other`` whose code ``base`` lacks (``base``'s own registry
    when there are none)."""
    added = [st for code, st in other.registry.states.items() if code not in base.registry.states]
    return Registry([*base.registry.states.values(), *added]) if added else base.registry


def _evaluated(
    side: CompiledCorpus, ids: set[str], as_of: dt.date | None, registry: Registry, supers: Supersessions
) -> dict[str, Life]:
    """The lives of the treaties ``ids`` of ``side`` that the merged corpus (the text as of ``as_of`` over
    ``registry``, superseded as ``supers`` says) can keep instead of evaluating them again: those of a
    side that read the text as of the same day over the same states, which the treaties the merge keeps
    supersede as the side's own did."""
    same_states = side.registry is registry or list(side.registry.states.items()) == list(registry.states.items())
    if side.reading is not None or side.as_of != as_of or not same_states:
        return {}
    own = supersessions(side.treaties.values(), None, side.as_of)
    return {tid: side.lives[tid] for tid in ids if own.get(tid, []) == supers.get(tid, [])}


def _part(c: CompiledCorpus, ids: set[str]) -> CompiledCorpus:
    """The treaties ``ids`` of ``c`` with their evaluated lives, as a corpus of their own (nothing re-evaluated):
    what an overlap keeps to count its cells, without holding the whole corpus."""
    return CompiledCorpus(
        treaties=MappingProxyType({i: c.treaties[i] for i in sorted(ids)}),
        registry=c.registry,
        lives=MappingProxyType({i: c.lives[i] for i in sorted(ids)}),
        aliases=MappingProxyType({}),
        as_of=c.as_of,
        reading=c.reading,
        declared_knowledge_date=c.declared_knowledge_date,
        knowledge_date=c.knowledge_date,
    )


def _refuse_cow_codes(other: CompiledCorpus) -> None:
    """A corpus whose states are ``COW<ccode>`` entries (an ATOP folder imported before registry codes)
    would not meet the hand-coded states; ``RulesError`` says to import it again."""
    legacy = sorted(code for code in other.registry.states if _COW.match(code))
    if not legacy:
        return
    where = str(other.root / "states.yaml") if other.root is not None else "the imported corpus"
    msg = (
        f"states {', '.join(legacy[:3])}{'...' if len(legacy) > 3 else ''} are COW<ccode> codes of an ATOP folder "
        "imported by an older treatyrules; import it again (treatyrules import-atop DATA_DIR --out DIR --replace), "
        "which writes registry codes"
    )
    raise RulesError([Problem(where, 1, 1, msg, code="legacy_import")])
