"""Mixing corpora: hand-coded rules together with an imported ATOP corpus, counted once.

``merge(base, other)`` (also ``Corpus.merge`` and ``treatyrules.load([a, b])``) returns one corpus:

* **the hand-coded treaty wins**: a treaty of ``other`` whose ``atopid`` is recorded by a treaty of
  ``base`` (NATO-1949 records 3180) is left out, and so is one whose id ``base`` already has; every such
  pair is reported in ``corpus.overlaps`` as ``Overlap(atopid, kept, dropped)``.
* **one registry**: an imported state ``COW<ccode>`` is mapped to the ``base`` state holding that ccode
  on the day it is used (365 -> SUN before 1991-12-26, RUS from then; 260 and 255 from 1990-10-03 ->
  DEU; 2 -> USA), so USA–JPN is one dyad whichever file says it. Each code in an imported treaty is
  mapped on its own day: parties on the treaty's first day, events on theirs, obligations on their
  ``since``, ATOP member rows on their entry. A ccode no ``base`` state holds then (255 for the German
  Empire) keeps its ``COW<ccode>`` state. A leaver and an entrant that become the same state on the
  same day (FRG 260 -> Germany 255, 1990-10-03) are one continuing membership: both events go.
* other states of ``other`` are added where ``base`` lacks their code; ``base``'s entry wins otherwise.
* **each folder keeps its knowledge date**: an answer about a treaty assumes no events after its
  own corpus' knowledge date (``CompiledCorpus.knowledge_date_of``); the merged corpus'
  ``knowledge_date`` is the latest of them.

>>> from treatyrules import load
>>> twice = load().merge(load())
>>> twice.ids == load().ids, next(str(o) for o in twice.overlaps if o.kept == "ANZUS-1951")
(True, 'ANZUS-1951 left out: ANZUS-1951 records atopid 3215 (the hand-coded treaty wins)')
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from .compiled import CompiledCorpus, Overlap, compile_corpus
from .schema import EventType, Treaty
from .states import Registry, State

__all__ = ["Overlap", "merge"]

_COW = re.compile(r"^COW(\d+)$")


def _cow_ccodes(reg: Registry) -> dict[str, int]:
    """Imported ``COW<ccode>`` states (one unbounded ccode spell) -> their ccode."""
    out = {}
    for code, st in reg.states.items():
        m = _COW.match(code)
        if (
            m
            and len(st.ccodes) == 1
            and st.ccodes[0].ccode == int(m[1])
            and st.ccodes[0].since is None
            and st.ccodes[0].until is None
        ):
            out[code] = int(m[1])
    return out


def merge(base: CompiledCorpus, other: CompiledCorpus) -> CompiledCorpus:
    """One corpus of ``base`` and ``other``; ``base`` wins every overlap (see the module docstring)."""
    by_atopid = {t.atopid: t.id for t in base.treaties.values() if t.atopid is not None}
    overlaps = list(base.overlaps)
    cow = _cow_ccodes(other.registry)
    used: set[str] = set()

    def mapper(code: str, day: dt.date) -> str:
        c = cow.get(code)
        if c is not None and code not in base.registry.states:
            # a leaving day is the first day out: the ccode was held the day before (FRG 260 on 1990-10-03)
            found = base.registry.by_ccode(c, day)
            if found is None and day > dt.date.min:
                found = base.registry.by_ccode(c, day - dt.timedelta(days=1))
            if found is not None:
                return found
        used.add(code)
        return code

    kept: list[Treaty] = list(base.treaties.values())
    for t in other.treaties.values():
        if t.atopid is not None and t.atopid in by_atopid:
            overlaps.append(Overlap(t.atopid, by_atopid[t.atopid], t.id))
        elif t.id in base.treaties:
            overlaps.append(Overlap(t.atopid, t.id, t.id))
        else:
            kept.append(_remap(t, mapper) if cow else t)
    states: list[State] = list(base.registry.states.values())
    for code, st in other.registry.states.items():
        if code not in base.registry.states and (code not in cow or code in used):
            states.append(st)
    kd = max((d for d in (base.knowledge_date, other.knowledge_date) if d is not None), default=None)
    ordered = sorted(overlaps, key=lambda o: (o.kept, o.dropped))
    known = {t.id: base.knowledge_date_of(t.id) for t in base.treaties.values()}
    known.update((t.id, other.knowledge_date_of(t.id)) for t in other.treaties.values() if t.id not in known)
    own = {tid: d for tid, d in known.items() if d is not None} if len(set(known.values())) > 1 else {}
    return compile_corpus(
        kept, Registry(states), knowledge_date=kd, as_of=base.as_of, overlaps=ordered, treaty_knowledge=own
    )


def _first_day(t: Treaty) -> dt.date:
    return min(e.date.earliest for e in t.events) if t.events else dt.date.min


def _remap(t: Treaty, f: Callable[[str, dt.date], str]) -> Treaty:
    """The treaty with every imported code mapped on its own day (see the module docstring)."""
    d: dict[str, Any] = t.model_dump(mode="json", exclude_defaults=True)
    begin = _first_day(t)
    d["parties"] = list(dict.fromkeys(f(p, begin) for p in t.parties))
    events = []
    for e, ed in zip(t.events, d.get("events", []), strict=True):
        for k in ("party", "obligor", "beneficiary"):
            if ed.get(k):
                ed[k] = f(ed[k], e.date.earliest)
        events.append(ed)
    # a leaver and an entrant that are now one state on one day: one continuing membership
    left = {(ed["party"], ed["date"]) for ed in events if ed["type"] == EventType.withdrawal.value}
    joined = {(ed["party"], ed["date"]) for ed in events if ed["type"] == EventType.accession.value}
    both = left & joined
    events = [ed for ed in events if (ed.get("party"), ed["date"]) not in both]
    d["events"] = [
        ed
        for ed in events
        if not (ed["type"] == EventType.accession.value and ed["party"] in d["parties"] and not _rejoins(ed, events))
    ]
    obligations = []
    for ob, od in zip(t.obligations, d.get("obligations", []), strict=True):
        day = ob.since.earliest if ob.since is not None else begin
        if isinstance(ob.obligors, list):
            od["obligors"] = list(dict.fromkeys(f(c, day) for c in ob.obligors))
        if isinstance(ob.beneficiaries, list):
            od["beneficiaries"] = [
                b
                for b in dict.fromkeys(f(c, day) for c in ob.beneficiaries)
                if not (isinstance(ob.obligors, list) and [b] == od["obligors"])
            ]
            if not od["beneficiaries"]:
                continue
        adv = od.get("conditions", {}).get("adversaries")
        if adv:
            od["conditions"]["adversaries"] = list(dict.fromkeys(f(c, day) for c in ob.conditions.adversaries))
        obligations.append(od)
    d["obligations"] = obligations
    if t.atop is not None:
        for row, rd in zip(t.atop.members, d["atop"].get("members", []), strict=True):
            rd["member"] = f(row.member, row.entry.earliest)
        for ph, pd_ in zip(t.atop.phases, d["atop"].get("phases", []), strict=True):
            pd_["members"] = list(dict.fromkeys(f(c, ph.begins.earliest) for c in ph.members))
    return Treaty.model_validate(d)


def _rejoins(ed: dict[str, Any], events: list[dict[str, Any]]) -> bool:
    """Whether the party withdrew before this accession (a real re-entry, kept)."""
    return any(
        o["type"] == EventType.withdrawal.value and o["party"] == ed["party"] and o["date"] < ed["date"] for o in events
    )
