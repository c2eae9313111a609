"""The page's data model: everything the report shows, as JSON-ready data in a defined order.

Status segments of each treaty (and of each membership of a multilateral treaty), its events, its
directed obligation spells, the states of the map and every source, all computed from the corpus.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .. import __version__
from ..compiled import CompiledCorpus, CorpusLike, core
from ..dates import MIN_DAY
from ..lifecycle import Life
from ..obligations import Spell
from ..schema import Conditions, EventType, ObligationKind, Treaty
from ..timeline import Segment, Step
from .cascade import cascade_part
from .layout import drill_down, graph_layout, map_box, matrix_order, members, treaty_colours, treaty_order, view
from .selection import Window, within

__all__ = ["EVENT_MARKS", "KINDS", "STATUS_COLOURS", "STRONG_KINDS", "payload"]

#: Fill of each status bar; ``unknown`` is drawn hatched (see ``gantt._DEFS``).
STATUS_COLOURS: dict[str, str] = {
    "signed": "#f2c14e",
    "provisional": "#a5d8ff",
    "in_force": "#2f9e44",
    "suspended": "#f76707",
    "terminated": "#ced4da",
    "unknown": "url(#hatch-unknown)",
}
#: The obligation kinds in the order of the map's checkboxes.
KINDS: tuple[ObligationKind, ...] = (
    ObligationKind.defence,
    ObligationKind.consultation,
    ObligationKind.non_aggression,
    ObligationKind.neutrality,
    ObligationKind.offence,
)
#: The kinds drawn strong on the map (a duty to use force); the others are drawn light.
STRONG_KINDS = frozenset({ObligationKind.defence, ObligationKind.offence})
#: Marker category of each event type.
EVENT_MARKS: dict[str, str] = {
    EventType.signed: "signature",
    EventType.ratified: "ratification",
    EventType.provisional_application: "entry",
    EventType.entered_into_force: "entry",
    EventType.accession: "entry",
    EventType.resumption: "entry",
    EventType.notice_of_denunciation: "notice",
    EventType.notice_of_non_renewal: "notice",
    EventType.withdrawal: "notice",
    EventType.suspension: "suspension",
    EventType.superseded: "supersession",
    EventType.terminated_by_agreement: "end",
    EventType.dissolved: "end",
    EventType.organisation_dissolved: "end",
    EventType.lapsed: "end",
    EventType.terminated: "end",
    EventType.amended: "amendment",
    EventType.notice_withdrawn: "notice",
    EventType.invoked: "amendment",
    EventType.reaffirmed: "amendment",
}
_HIDDEN = frozenset({"not_signed", "not_party"})


def payload(
    corpus: CorpusLike,
    ids: Sequence[str],
    win: Window,
    *,
    day: dt.date | None = None,
    parties: Sequence[str] = (),
    cascades: Sequence[tuple[str, str]] = (),
) -> dict[str, Any]:
    """Everything the page shows, as JSON-ready data in a defined order.

    ``rows``: one per treaty, plus one per membership of a multilateral treaty. ``bars``: the status
    segments meeting the window (true, unclipped ``[start, end)``; ``end`` None = open). ``events``:
    dated facts and derived supersessions. ``spells``: directed obligation spells meeting the
    window.
    ``nodes``: the states of the map, with their positions in the graph view; ``map``: the view
    drawn (``graph`` for a few states, ``matrix`` for more, ``treaties`` past what a matrix can show
    on one screen), the graph's viewBox, the matrix's order of states, the treaties view's order of
    treaties, and per treaty its own map (``drill``: its view, its number of states, a graph's
    nodes). ``treaties``: per treaty, its colour on the map and every source.
    ``query.left_out``: the treaties asked for that are signed after the window (``within``), which
    the page leaves out. ``steps``: every basis step once; a bar's or spell's ``basis`` lists indices
    into it (a NATO-sized report would otherwise repeat the same steps thousands of times), and a
    spell's ``conditions`` is an index into ``conditions``. ``cascades`` (only when ``cascades``, each
    ``(attacker, attacked)``, is given): each attack's cascade on the opening day under every rule
    (``report.cascade.cascade_part``).
    """
    corpus = core(corpus)
    focus = [corpus.registry.canonical(p) for p in parties]
    shown = within(corpus, ids, win)
    steps = _StepTable()
    parts = [_treaty_part(corpus, corpus.life(tid), win, steps) for tid in shown]
    rows, bars, events, spells = _keyed(parts)
    codes = sorted({c for s in spells for c in (s["obligor"], s["beneficiary"])} | set(focus))
    centre = focus[0] if focus and focus[0] in codes else None
    nodes = graph_layout(codes, centre, _states(corpus, codes))
    colours = treaty_colours(shown, members(spells))
    open_on = day if day is not None else _default_day(corpus, win)
    data = {
        "generator": f"treatyrules {__version__}",
        "query": _query(corpus, focus, shown, [t for t in ids if t not in shown], win, open_on),
        "knowledge_date": corpus.knowledge_date.isoformat() if corpus.knowledge_date else None,
        "treaties": [{**p.treaty, "colour": colours[p.treaty["id"]]} for p in parts],
        "rows": rows,
        "bars": bars,
        "events": events,
        "spells": spells,
        "steps": steps.rows,
        "conditions": steps.conditions,
        "nodes": nodes,
        "map": _map(spells, codes, nodes, centre),
        "kinds": [k.value for k in KINDS],
        "strong_kinds": [k.value for k in KINDS if k in STRONG_KINDS],
        "status_colours": STATUS_COLOURS,
    }
    if cascades:
        data["cascades"] = cascade_part(corpus, open_on, cascades)
    return data


def _query(
    corpus: CompiledCorpus, focus: list[str], shown: list[str], left_out: list[str], win: Window, day: dt.date
) -> dict[str, Any]:
    """What the report was asked: parties, treaties (shown, and left out), window, day, reading."""
    return {
        "parties": focus,
        "treaties": shown,
        "left_out": left_out,
        "from": win.start.isoformat(),
        "to": win.end.isoformat(),
        "date": day.isoformat(),
        "reading": corpus.reading,
        "as_of": corpus.as_of.isoformat() if corpus.as_of else None,
    }


def _map(
    spells: list[dict[str, Any]], codes: list[str], nodes: list[dict[str, Any]], centre: str | None
) -> dict[str, Any]:
    """The map's view, the graph's viewBox, the matrix's order of states, the treaties view's rows,
    and each treaty's own map."""
    groups = members(spells)
    return {
        "view": view(spells, codes),
        "box": map_box(nodes),
        "order": matrix_order(codes, groups),
        "treaties": treaty_order(groups),
        "drill": drill_down(spells, groups, centre),
    }


@dataclass
class _Part:
    """One treaty's share of the payload, before keys: ``row`` fields index into ``rows``."""

    treaty: dict[str, Any]
    rows: list[dict[str, Any]] = field(default_factory=list)
    bars: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    spells: list[dict[str, Any]] = field(default_factory=list)


def _treaty_part(corpus: CompiledCorpus, life: Life, win: Window, steps: _StepTable) -> _Part:
    t = life.treaty
    part = _Part({"id": t.id, "title": t.title, "parties": list(t.parties), "multilateral": t.multilateral})
    part.treaty["sources"] = _treaty_sources(t)
    timelines: list[tuple[str | None, str, Sequence[Segment]]] = [(None, t.title, life.timeline.segments)]
    if t.multilateral:
        timelines += [(m, f"membership of {m}", ms.timeline.segments) for m, ms in life.memberships.items()]
    row_of: dict[str | None, int] = {}
    for party, title, segments in timelines:
        row_of[party] = len(part.rows)
        part.rows.append({"treaty": t.id, "party": party, "title": title})
        part.bars += _bars(row_of[party], t, party, segments, win, steps)
    part.events = _events(row_of, corpus, life, win)
    part.spells = [_spell_json(sp, steps) for sp in corpus.spells_by_treaty[t.id] if win.meets(sp.start, sp.end)]
    return part


def _keyed(parts: Sequence[_Part]) -> tuple[list[dict[str, Any]], ...]:
    """Rows, bars, events and spells of every part, keyed ``r0``, ``b0``, ``e0``, ``s0``… in order."""
    rows: list[dict[str, Any]] = []
    bars: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    spells: list[dict[str, Any]] = []
    for part in parts:
        first = len(rows)
        rows += [{"key": f"r{first + i}", **r} for i, r in enumerate(part.rows)]
        bars += [{"key": f"b{len(bars) + i}", **b, "row": f"r{first + b['row']}"} for i, b in enumerate(part.bars)]
        events += [
            {"key": f"e{len(events) + i}", **e, "row": f"r{first + e['row']}"} for i, e in enumerate(part.events)
        ]
        spells += [{"key": f"s{len(spells) + i}", **sp} for i, sp in enumerate(part.spells)]
    return rows, bars, events, spells


def _states(corpus: CompiledCorpus, codes: Iterable[str]) -> list[dict[str, Any]]:
    out = []
    for code in codes:
        st = corpus.registry.states.get(code)
        out.append({"code": code, "name": st.name if st else code, "source": st.source if st and st.source else None})
    return out


def _default_day(corpus: CompiledCorpus, win: Window) -> dt.date:
    kd = corpus.knowledge_date
    last = win.end - dt.timedelta(days=1)
    if kd is None:
        return last
    return min(max(kd, win.start), last)


class _StepTable:
    """Basis steps, and the conditions of obligations, stored once and referred to by index (every
    treaty at once has 9,576 spells and 48 different sets of conditions)."""

    def __init__(self) -> None:
        self.rows: list[dict[str, str]] = []
        self._index: dict[Step, int] = {}
        self.conditions: list[dict[str, Any]] = []
        self._conditions: dict[str, int] = {}

    def add(self, steps: Iterable[Step]) -> list[int]:
        out = []
        for s in steps:
            if s not in self._index:
                self._index[s] = len(self.rows)
                self.rows.append(s.to_json())
            out.append(self._index[s])
        return out

    def condition(self, conditions: Conditions) -> int:
        data = conditions.model_dump(mode="json", exclude_defaults=True)
        key = json.dumps(data, sort_keys=True)
        if key not in self._conditions:
            self._conditions[key] = len(self.conditions)
            self.conditions.append(data)
        return self._conditions[key]


def _bars(
    row: int, t: Treaty, party: str | None, segments: Sequence[Segment], win: Window, steps: _StepTable
) -> list[dict[str, Any]]:
    out = []
    for seg in segments:
        if seg.status in _HIDDEN or not win.meets(seg.start, seg.end):
            continue
        bar: dict[str, Any] = {
            "row": row,
            "treaty": t.id,
            "party": party,
            "status": seg.status,
            "start": seg.start.isoformat() if seg.start != MIN_DAY else None,
            "end": seg.end.isoformat() if seg.end else None,
            "reason": seg.reason,
            "summary": seg.summary,
            "basis": steps.add(seg.basis),
        }
        if seg.possible:
            bar["possible"] = list(seg.possible)
        out.append(bar)
    return out


def _member_row(row_of: dict[str | None, int], corpus: CompiledCorpus, code: str | None) -> int:
    if code is None:
        return row_of[None]
    m = corpus.registry.member_for(code, [m for m in row_of if m is not None])
    return row_of[m] if m is not None else row_of[None]


def _events(row_of: dict[str | None, int], corpus: CompiledCorpus, life: Life, win: Window) -> list[dict[str, Any]]:
    """The treaty's events known by ``as_of`` meeting the window, and a derived supersession."""
    t = life.treaty
    found: list[dict[str, Any]] = []
    for e in t.events:
        if not e.known_by(corpus.as_of) or not (e.date.earliest < win.end and e.date.latest >= win.start):
            continue
        party = e.party or e.obligor
        found.append(
            {
                "row": _member_row(row_of, corpus, party if t.multilateral else None),
                "treaty": t.id,
                "type": e.type.value,
                "mark": EVENT_MARKS[e.type],
                "date": e.date.raw,
                "earliest": e.date.earliest.isoformat(),
                "latest": e.date.latest.isoformat(),
                "party": party,
                "derived": False,
                "text": _event_text(e.type.value, party, e.by_treaty, e.beneficiary),
                "source": e.source,
                "note": e.note,
                "alternatives": [{"date": a.date.raw, "source": a.source, "note": a.note} for a in e.alternatives],
            }
        )
    found += _derived_supersession(row_of[None], life, win)
    found.sort(key=lambda x: (x["earliest"], x["type"]))
    return found


def _derived_supersession(row: int, life: Life, win: Window) -> list[dict[str, Any]]:
    """The supersession a later treaty's clause implies, where no event records it."""
    end = life.end
    if (
        end is None
        or end.reason != "superseded"
        or any(e.type is EventType.superseded for e in life.treaty.events)
        or not (end.earliest < win.end and end.latest >= win.start)
    ):
        return []
    return [
        {
            "row": row,
            "treaty": life.treaty.id,
            "type": "superseded",
            "mark": "supersession",
            "date": end.describe(),
            "earliest": end.earliest.isoformat(),
            "latest": end.latest.isoformat(),
            "party": None,
            "derived": True,
            "text": "; ".join(s.text for s in end.steps) or "superseded",
            "source": "; ".join(dict.fromkeys(s.source for s in end.steps if s.source)) or None,
            "note": "derived from the superseding treaty's clause and entry into force",
            "alternatives": [],
        }
    ]


def _event_text(kind: str, party: str | None, by_treaty: str | None, beneficiary: str | None) -> str:
    words = kind.replace("_", " ")
    if by_treaty:
        words += f" by {by_treaty}"
    if party and beneficiary:
        words += f" ({party} to {beneficiary})"
    elif party:
        words += f" ({party})"
    return words


def _spell_json(sp: Spell, steps: _StepTable) -> dict[str, Any]:
    return {
        "treaty": sp.treaty,
        "article": sp.article,
        "kind": sp.kind,
        "obligor": sp.obligor,
        "beneficiary": sp.beneficiary,
        "start": sp.start.isoformat(),
        "end": sp.end.isoformat() if sp.end else None,
        "certain": sp.certain,
        "conditions": steps.condition(sp.conditions),
        "basis": steps.add(sp.basis),
    }


def _treaty_sources(t: Treaty) -> list[str]:
    """Every source a treaty file cites: its list, clauses, obligations, events and alternatives."""
    out: list[str] = list(t.sources)
    c = t.clauses
    for clause in (
        c.entry_into_force,
        c.provisional_application,
        c.duration,
        c.denunciation,
        c.termination,
        c.supersedes,
    ):
        if clause is not None and clause.source:
            out.append(clause.source)
    out.extend(o.source for o in t.obligations if o.source)
    for e in t.events:
        out.append(e.source)
        out.extend(a.source for a in e.alternatives)
    for r in t.readings:
        out.extend(r.sources)
    return list(dict.fromkeys(out))
