"""The HTML report: a Gantt timeline of treaties and an obligation map for a chosen date, one file.

Everything is computed here from the corpus: status segments of each treaty (and each membership
of a multilateral treaty), its events, and its directed obligation spells. The timeline is drawn
as SVG in Python (no dependency, deterministic, testable without a browser); the obligation map is
drawn by a small inline script from the spells embedded as JSON, so moving the date needs no
server. The page loads nothing from the network.

>>> from treatyrules import load
>>> c = load()
>>> ids = select(c, parties=["PRK"])
>>> "SUN-PRK-1961" in ids and "USA-JPN-1960" not in ids
True
>>> html = render(c, ids, Window(dt.date(1950, 1, 1), dt.date(2027, 1, 1)))
>>> html.startswith("<!DOCTYPE html>") and "http://" not in html.split("<body")[0]
True
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from . import __version__
from .compiled import CompiledCorpus, CorpusLike, core
from .dates import MAX_DAY, MIN_DAY, parse_partial
from .errors import EmptyReportError, ReportRangeError
from .lifecycle import Life
from .obligations import Spell
from .schema import EventType, Treaty
from .timeline import Segment, Step

__all__ = [
    "EVENT_MARKS",
    "KIND_COLOURS",
    "STATUS_COLOURS",
    "Window",
    "payload",
    "render",
    "select",
    "window",
]

#: Fill of each status bar; ``unknown`` is drawn hatched (see ``_DEFS``).
STATUS_COLOURS: dict[str, str] = {
    "signed": "#f2c14e",
    "provisional": "#a5d8ff",
    "in_force": "#2f9e44",
    "suspended": "#f76707",
    "terminated": "#ced4da",
    "unknown": "url(#hatch-unknown)",
}
#: Colour of each obligation kind on the map.
KIND_COLOURS: dict[str, str] = {
    "defence": "#c92a2a",
    "consultation": "#1971c2",
    "non_aggression": "#2b8a3e",
    "neutrality": "#7048e8",
    "offence": "#e8590c",
}
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
_MARK_LABELS = {
    "signature": "signature",
    "ratification": "ratification",
    "entry": "entry into force / accession",
    "notice": "notice (denunciation, non-renewal, withdrawal)",
    "suspension": "suspension",
    "supersession": "supersession",
    "end": "end recorded (lapsed, terminated, dissolved)",
    "amendment": "amendment",
}
_HIDDEN = frozenset({"not_signed", "not_party"})
_URL = re.compile(r"https?://[^\s<>\"'()]+[^\s<>\"'().,;:]")


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


# ---------------------------------------------------------------- payload


def payload(
    corpus: CorpusLike,
    ids: Sequence[str],
    win: Window,
    *,
    day: dt.date | None = None,
    parties: Sequence[str] = (),
) -> dict[str, Any]:
    """Everything the page shows, as JSON-ready data in a defined order.

    ``rows``: one per treaty, plus one per membership of a multilateral treaty. ``bars``: the status
    segments meeting the window (true, unclipped ``[start, end)``; ``end`` None = open). ``events``:
    dated facts and derived supersessions. ``spells``: directed obligation spells meeting the
    window.
    ``nodes``: the states of the map with fixed positions. ``sources``: per treaty, every source.
    ``steps``: every basis step once; a bar's or spell's ``basis`` lists indices into it (a NATO-sized
    report would otherwise repeat the same steps thousands of times).
    """
    corpus = core(corpus)
    focus = [corpus.registry.canonical(p) for p in parties]
    rows: list[dict[str, Any]] = []
    bars: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    spells: list[dict[str, Any]] = []
    treaties: list[dict[str, Any]] = []
    steps = _StepTable()
    for tid in ids:
        life = corpus.life(tid)
        t = life.treaty
        treaties.append(
            {
                "id": t.id,
                "title": t.title,
                "parties": list(t.parties),
                "multilateral": t.multilateral,
                "sources": _treaty_sources(t),
            }
        )
        row_keys: dict[str | None, str] = {}
        row_keys[None] = _add_row(rows, t.id, None, t.title)
        _add_bars(bars, row_keys[None], t, None, life.timeline.segments, win, steps)
        if t.multilateral:
            for m, ms in life.memberships.items():
                row_keys[m] = _add_row(rows, t.id, m, f"membership of {m}")
                _add_bars(bars, row_keys[m], t, m, ms.timeline.segments, win, steps)
        _add_events(events, row_keys, corpus, life, win)
        for sp in corpus.spells_by_treaty[tid]:
            if win.meets(sp.start, sp.end):
                spells.append(_spell_json(f"s{len(spells)}", sp, steps))
    codes = sorted({c for s in spells for c in (s["obligor"], s["beneficiary"])} | set(focus))
    states = []
    for code in codes:
        st = corpus.registry.states.get(code)
        states.append(
            {
                "code": code,
                "name": st.name if st else code,
                "source": st.source if st and st.source else None,
            }
        )
    nodes = _layout(codes, focus[0] if focus and focus[0] in codes else None, states)
    open_on = day if day is not None else _default_day(corpus, win)
    return {
        "generator": f"treatyrules {__version__}",
        "query": {
            "parties": focus,
            "treaties": list(ids),
            "from": win.start.isoformat(),
            "to": win.end.isoformat(),
            "date": open_on.isoformat(),
            "reading": corpus.reading,
            "as_of": corpus.as_of.isoformat() if corpus.as_of else None,
        },
        "knowledge_date": corpus.knowledge_date.isoformat() if corpus.knowledge_date else None,
        "treaties": treaties,
        "rows": rows,
        "bars": bars,
        "events": events,
        "spells": spells,
        "steps": steps.rows,
        "nodes": nodes,
        "map_box": _box(nodes),
        "kinds": list(KIND_COLOURS),
        "kind_colours": KIND_COLOURS,
        "status_colours": STATUS_COLOURS,
    }


def _default_day(corpus: CompiledCorpus, win: Window) -> dt.date:
    kd = corpus.knowledge_date
    last = win.end - dt.timedelta(days=1)
    if kd is None:
        return last
    return min(max(kd, win.start), last)


def _add_row(rows: list[dict[str, Any]], tid: str, party: str | None, title: str) -> str:
    key = f"r{len(rows)}"
    rows.append({"key": key, "treaty": tid, "party": party, "title": title})
    return key


class _StepTable:
    """Basis steps stored once, referred to by index."""

    def __init__(self) -> None:
        self.rows: list[dict[str, str]] = []
        self._index: dict[Step, int] = {}

    def add(self, steps: Iterable[Step]) -> list[int]:
        out = []
        for s in steps:
            if s not in self._index:
                self._index[s] = len(self.rows)
                self.rows.append(s.to_json())
            out.append(self._index[s])
        return out


def _add_bars(
    bars: list[dict[str, Any]],
    row: str,
    t: Treaty,
    party: str | None,
    segments: Sequence[Segment],
    win: Window,
    steps: _StepTable,
) -> None:
    for seg in segments:
        if seg.status in _HIDDEN or not win.meets(seg.start, seg.end):
            continue
        bar: dict[str, Any] = {
            "key": f"b{len(bars)}",
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
        bars.append(bar)


def _member_row(row_keys: dict[str | None, str], corpus: CompiledCorpus, code: str | None) -> str:
    if code is None:
        return row_keys[None]
    members = [m for m in row_keys if m is not None]
    m = corpus.registry.member_for(code, members)
    return row_keys[m] if m is not None else row_keys[None]


def _add_events(
    events: list[dict[str, Any]],
    row_keys: dict[str | None, str],
    corpus: CompiledCorpus,
    life: Life,
    win: Window,
) -> None:
    t = life.treaty
    found: list[dict[str, Any]] = []
    for e in t.events:
        if not e.known_by(corpus.as_of):
            continue
        if not (e.date.earliest < win.end and e.date.latest >= win.start):
            continue
        party = e.party or e.obligor
        item: dict[str, Any] = {
            "row": _member_row(row_keys, corpus, party if t.multilateral else None),
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
        found.append(item)
    end = life.end
    if (
        end is not None
        and end.reason == "superseded"
        and not any(e.type is EventType.superseded for e in t.events)
        and end.earliest < win.end
        and end.latest >= win.start
    ):
        found.append(
            {
                "row": row_keys[None],
                "treaty": t.id,
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
        )
    found.sort(key=lambda x: (x["earliest"], x["type"]))
    for item in found:
        events.append({"key": f"e{len(events)}", **item})


def _event_text(kind: str, party: str | None, by_treaty: str | None, beneficiary: str | None) -> str:
    words = kind.replace("_", " ")
    if by_treaty:
        words += f" by {by_treaty}"
    if party and beneficiary:
        words += f" ({party} to {beneficiary})"
    elif party:
        words += f" ({party})"
    return words


def _spell_json(key: str, sp: Spell, steps: _StepTable) -> dict[str, Any]:
    return {
        "key": key,
        "treaty": sp.treaty,
        "article": sp.article,
        "kind": sp.kind,
        "obligor": sp.obligor,
        "beneficiary": sp.beneficiary,
        "start": sp.start.isoformat(),
        "end": sp.end.isoformat() if sp.end else None,
        "certain": sp.certain,
        "conditions": sp.conditions.model_dump(mode="json", exclude_defaults=True),
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


def _layout(codes: Sequence[str], centre: str | None, states: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fixed node positions on a 640×480 canvas: the focus state in the centre, others on a ring."""
    width, height = 640, 480
    ring = [c for c in codes if c != centre]
    n = max(len(ring), 1)
    radius = 185.0 if len(ring) > 2 else 150.0
    node_r = max(12.0, min(28.0, math.pi * radius / n * 0.55))
    by_code = {s["code"]: s for s in states}
    out = []
    for code in codes:
        if code == centre:
            x, y = width / 2, height / 2
        else:
            i = ring.index(code)
            angle = -math.pi / 2 + 2 * math.pi * i / n
            x, y = width / 2 + radius * math.cos(angle), height / 2 + radius * math.sin(angle)
        out.append({**by_code[code], "x": round(x, 1), "y": round(y, 1), "r": round(node_r, 1)})
    return out


def _box(nodes: Sequence[dict[str, Any]]) -> list[float]:
    """The map's viewBox ``[x, y, width, height]``: full width, cropped to the nodes vertically."""
    if not nodes:
        return [0, 0, 640, 200]
    top = min(n["y"] - n["r"] for n in nodes) - 44
    bottom = max(n["y"] + n["r"] for n in nodes) + 24
    return [0, round(top, 1), 640, round(max(bottom - top, 200), 1)]


# ---------------------------------------------------------------- HTML


def render(
    corpus: CorpusLike,
    ids: Sequence[str],
    win: Window,
    *,
    day: dt.date | None = None,
    parties: Sequence[str] = (),
    title: str | None = None,
) -> str:
    """The self-contained HTML page (deterministic: same corpus and query, same bytes)."""
    corpus = core(corpus)
    data = payload(corpus, ids, win, day=day, parties=parties)
    if title is None:
        title = _title(data["query"]["parties"], ids)
    last = win.end - dt.timedelta(days=1)
    template = resources.files(__package__).joinpath("report_template.html").read_text("utf-8")
    parts = {
        "TITLE": html.escape(f"{title}, {win.start.isoformat()} to {last.isoformat()}"),
        "HEADING": html.escape(title),
        "SUBTITLE": html.escape(_subtitle(data, win)),
        "LEGEND": _legend(),
        "GANTT": gantt_svg(data, win),
        "KINDS": _kind_boxes(data),
        "SOURCES": _sources_html(data),
        "DATA": _script_json(data),
    }
    out = template
    for name, value in parts.items():
        token = f"@@{name}@@"
        if out.count(token) != 1:
            raise AssertionError(f"report template must hold {token} exactly once")
        out = out.replace(token, value)
    return out


def _title(parties: Sequence[str], ids: Sequence[str]) -> str:
    """``Treaties of PRK``, ``Treaties: A, B``, or ``Treaties: A, B and 9 more``."""
    if parties:
        return f"Treaties of {', '.join(parties)}"
    if len(ids) <= 3:
        return f"Treaties: {', '.join(ids)}"
    return f"Treaties: {', '.join(ids[:2])} and {len(ids) - 2} more"


def _subtitle(data: dict[str, Any], win: Window) -> str:
    last = win.end - dt.timedelta(days=1)
    n = len(data["treaties"])
    bits = [f"{n} treat{'y' if n == 1 else 'ies'}, {win.start.isoformat()} to {last.isoformat()}"]
    if data["knowledge_date"]:
        bits.append(f"the rules record events up to {data['knowledge_date']}; later days assume no later events")
    if data["query"]["reading"]:
        bits.append(f"reading: {data['query']['reading']}")
    if data["query"]["as_of"]:
        bits.append(f"as known on {data['query']['as_of']}")
    return " · ".join(bits)


def _script_json(data: dict[str, Any]) -> str:
    """JSON safe inside a ``<script>`` element (no ``</script>``, no HTML comment openers)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _linkify(text: str) -> str:
    out, pos = [], 0
    for m in _URL.finditer(text):
        out.append(html.escape(text[pos : m.start()]))
        url = html.escape(m.group(0))
        out.append(f'<a href="{url}" rel="noreferrer">{url}</a>')
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _sources_html(data: dict[str, Any]) -> str:
    parts = []
    for t in data["treaties"]:
        items = "".join(f"<li>{_linkify(s)}</li>" for s in t["sources"])
        parts.append(
            f'<section class="src" id="src-{html.escape(t["id"])}"><h3>{html.escape(t["id"])}'
            f' <span class="muted">{html.escape(t["title"])}</span></h3><ol>{items}</ol></section>'
        )
    states = [n for n in data["nodes"] if n.get("source")]
    if states:
        items = "".join(
            f"<li><b>{html.escape(n['code'])}</b> {html.escape(n['name'])}: {_linkify(n['source'])}</li>"
            for n in states
        )
        parts.append(
            f'<section class="src" id="src-states"><h3>States <span class="muted">registry'
            f" (names, continuity)</span></h3><ul>{items}</ul></section>"
        )
    return "\n".join(parts)


def _legend() -> str:
    items = []
    for status, fill in STATUS_COLOURS.items():
        label = status.replace("_", " ")
        if status == "unknown":
            label = "unknown (uncertain dates: the change falls somewhere in this span)"
        css = _HATCH_CSS if status == "unknown" else fill
        items.append(
            f'<span class="key" data-status="{status}"><span class="chip" style="background:{css}"></span>'
            f"{html.escape(label)}</span>"
        )
    for mark, label in _MARK_LABELS.items():
        items.append(
            '<span class="key"><svg width="14" height="14" viewBox="-7 -7 14 14"'
            ' aria-hidden="true">'
            f"{_glyph(mark, 0.0, 0.0)}</svg>{html.escape(label)}</span>"
        )
    return "".join(items)


def _kind_boxes(data: dict[str, Any]) -> str:
    present = {s["kind"] for s in data["spells"]}
    out = []
    for kind, colour in KIND_COLOURS.items():
        checked = " checked" if kind == "defence" else ""
        count = sum(1 for s in data["spells"] if s["kind"] == kind)
        dis = "" if kind in present else " disabled"
        out.append(
            f'<label class="kind"><input type="checkbox" name="kind" value="{kind}"{checked}{dis}>'
            f'<span class="swatch" style="background:{colour}"></span>{kind.replace("_", " ")}'
            f' <span class="muted">({count})</span></label>'
        )
    return "".join(out)


# ---------------------------------------------------------------- the Gantt SVG

_W, _LABEL, _PAD, _ROW, _TOP = 1120, 250, 24, 34, 34
_HATCH_CSS = "repeating-linear-gradient(45deg,#868e96 0 3px,#fff3bf 3px 7px)"
_DEFS = (
    '<defs><pattern id="hatch-unknown" patternUnits="userSpaceOnUse" width="7" height="7" '
    'patternTransform="rotate(45)"><rect width="7" height="7" fill="#fff3bf"/>'
    '<rect width="3" height="7" fill="#868e96"/></pattern></defs>'
)


def _glyph(mark: str, x: float, y: float) -> str:
    """A small SVG shape for an event category, centred on ``(x, y)``."""
    common = 'stroke="#fff" stroke-width="1.2"'
    if mark == "signature":
        return f'<path d="M{x:.1f} {y - 5:.1f}l5 5-5 5-5-5z" fill="#495057" {common}/>'
    if mark == "ratification":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#495057" {common}/>'
    if mark == "entry":
        return f'<path d="M{x:.1f} {y - 5:.1f}l5 9h-10z" fill="#1b4332" {common}/>'
    if mark == "notice":
        return f'<path d="M{x - 5:.1f} {y - 4:.1f}h10l-5 9z" fill="#c92a2a" {common}/>'
    if mark == "suspension":
        return (
            f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="3" height="8" fill="#e8590c"/>'
            f'<rect x="{x + 1:.1f}" y="{y - 4:.1f}" width="3" height="8" fill="#e8590c"/>'
        )
    if mark == "supersession":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="#5f3dc4" {common}/>'
    if mark == "end":
        return (
            f'<path d="M{x - 4:.1f} {y - 4:.1f}l8 8m0-8l-8 8" stroke="#fff" stroke-width="4"/>'
            f'<path d="M{x - 4:.1f} {y - 4:.1f}l8 8m0-8l-8 8" stroke="#212529" stroke-width="2"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#fff" stroke="#495057" stroke-width="1.5"/>'


def gantt_svg(data: dict[str, Any], win: Window) -> str:
    """The timeline: a row per treaty (and membership), status bars, event markers, year axis."""
    rows = data["rows"]
    height = _TOP + _ROW * len(rows) + 10
    span = (win.end - win.start).days
    plot = _W - _LABEL - _PAD

    def x(day: dt.date) -> float:
        return _LABEL + max(0, min(span, (day - win.start).days)) / span * plot

    out = [
        f'<svg id="gantt" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_W} {height}" '
        f'width="100%" role="img" aria-label="Timeline of {len(data["treaties"])} treaties" '
        f'data-from="{win.start.isoformat()}" data-to="{win.end.isoformat()}" '
        f'data-x0="{_LABEL}" data-x1="{_LABEL + plot}">',
        _DEFS,
    ]
    # row backgrounds and labels
    for i, row in enumerate(rows):
        y = _TOP + i * _ROW
        shade = "#f8f9fa" if i % 2 == 0 else "#ffffff"
        out.append(f'<rect class="rowbg" x="0" y="{y}" width="{_W}" height="{_ROW}" fill="{shade}"/>')
        ident = html.escape(row["treaty"] if row["party"] is None else f"  ↳ {row['party']}")
        sub = html.escape(_short(row["title"], 40))
        out.append(
            f'<g class="rowlabel" data-row="{row["key"]}">'
            f"<title>{html.escape(row['title'])}</title>"
            f'<text x="10" y="{y + 15}" class="rid">{ident}</text>'
            f'<text x="10" y="{y + 28}" class="rtitle">{sub}</text></g>'
        )
    # year axis and grid
    years = win.end.year - win.start.year + 1
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000) if years / s <= 16)
    first = ((win.start.year + step - 1) // step) * step
    for year in range(first, win.end.year + 1, step):
        day = dt.date(year, 1, 1)
        if not (win.start <= day < win.end):
            continue
        gx = x(day)
        out.append(
            f'<line class="grid" x1="{gx:.1f}" y1="{_TOP - 6}" x2="{gx:.1f}" y2="{height - 10}"/>'
            f'<text class="tick" x="{gx:.1f}" y="{_TOP - 10}">{year}</text>'
        )
    kd = data["knowledge_date"]
    if kd and win.start <= dt.date.fromisoformat(kd) < win.end:
        kx = x(dt.date.fromisoformat(kd))
        out.append(
            f'<line class="known" x1="{kx:.1f}" y1="{_TOP}" x2="{kx:.1f}" y2="{height - 10}">'
            f"<title>rules record events up to {kd}</title></line>"
        )
    # bars
    row_y = {row["key"]: _TOP + i * _ROW for i, row in enumerate(rows)}
    for bar in data["bars"]:
        y = row_y[bar["row"]]
        start = dt.date.fromisoformat(bar["start"]) if bar["start"] else win.start
        end = dt.date.fromisoformat(bar["end"]) if bar["end"] else win.end
        x0, x1 = x(start), x(end)
        if bar["status"] == "terminated":  # a thin trail after the end, not a full bar
            bar_y, bar_h = y + 14, 6
        else:
            bar_y, bar_h = y + 7, 20
        label = (
            f"{bar['treaty']}{' / ' + bar['party'] if bar['party'] else ''}: {bar['status']}"
            f" {bar['start'] or '…'} to {bar['end'] or 'open'}"
        )
        out.append(
            f'<rect class="bar" tabindex="0" data-key="{bar["key"]}" data-treaty="{bar["treaty"]}"'
            f' data-party="{bar["party"] or ""}" data-status="{bar["status"]}"'
            f' data-start="{bar["start"] or ""}" data-end="{bar["end"] or ""}"'
            f' x="{x0:.1f}" y="{bar_y}" width="{max(x1 - x0, 1.5):.1f}" height="{bar_h}" rx="2"'
            f' fill="{STATUS_COLOURS.get(bar["status"], "#adb5bd")}"'
            f' aria-label="{html.escape(label)}"/>'
        )
    # event markers: an uncertain date is a range line with the marker at its earliest day
    for ev in data["events"]:
        y = row_y[ev["row"]] + 7
        lo, hi = dt.date.fromisoformat(ev["earliest"]), dt.date.fromisoformat(ev["latest"])
        ex = x(lo)
        if hi > lo:
            after = min(hi, MAX_DAY - dt.timedelta(days=1)) + dt.timedelta(days=1)
            out.append(f'<line class="evrange" x1="{ex:.1f}" y1="{y}" x2="{x(after):.1f}" y2="{y}"/>')
        label = f"{ev['treaty']}: {ev['text']}, {ev['date']}"
        out.append(
            f'<g class="event" tabindex="0" data-key="{ev["key"]}" data-treaty="{ev["treaty"]}"'
            f' data-type="{ev["type"]}" data-mark="{ev["mark"]}"'
            f' data-date="{html.escape(ev["date"])}"'
            f' aria-label="{html.escape(label)}">{_glyph(ev["mark"], ex, y)}</g>'
        )
    first_day = win.start.isoformat()
    out.append(
        f'<line id="gantt-cursor" x1="{_LABEL}" y1="{_TOP - 4}" x2="{_LABEL}" y2="{height - 10}"'
        f' data-date="{first_day}"/>'
    )
    out.append("</svg>")
    return "".join(out)


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"
