"""The timeline as SVG: a row per treaty (and membership), status bars, event markers, a year axis.

Drawn in Python from the payload: no dependency, deterministic, testable without a browser.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .axis import Axis, quiet_pieces
from .payload import STATUS_COLOURS
from .selection import Window

__all__ = ["FOLD_HEIGHT", "changes", "folded_treaties", "gantt_svg", "glyph"]

_W, _LABEL, _PAD, _TOP = 1120, 250, 24, 34
#: Row height, and the bar's offset and height in it: a treaty's row, and a membership's (lower).
_ROW, _BAR = 34, (7, 20)
_MROW, _MBAR = 22, (4, 14)
_DEFS = (
    '<defs><pattern id="hatch-unknown" patternUnits="userSpaceOnUse" width="7" height="7" '
    'patternTransform="rotate(45)"><rect width="7" height="7" fill="#fff3bf"/>'
    '<rect width="3" height="7" fill="#868e96"/></pattern></defs>'
)


def glyph(mark: str, x: float, y: float) -> str:
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


#: Memberships are folded, the largest treaty's first, until the timeline is this tall.
FOLD_HEIGHT = 900


@dataclass(frozen=True)
class _Frame:
    """The drawing's geometry: the axis across, one row per payload row down (folded rows hidden)."""

    win: Window
    axis: Axis
    rows: list[dict[str, Any]]
    folded: frozenset[str]

    def shown(self, row: dict[str, Any]) -> bool:
        return row["party"] is None or row["treaty"] not in self.folded

    @cached_property
    def tops(self) -> dict[str, int]:
        """The top of each row, by key (a folded row: its treaty's)."""
        out, y = {}, _TOP
        for row in self.rows:
            out[row["key"]] = y
            if self.shown(row):
                y += _row_height(row)
        return out

    @property
    def height(self) -> int:
        return _height(self.rows, self.folded)

    def x(self, day: dt.date) -> float:
        return self.axis.x(day)


def _height(rows: list[dict[str, Any]], folded: frozenset[str] | set[str]) -> int:
    return _TOP + sum(_row_height(r) for r in rows if r["party"] is None or r["treaty"] not in folded) + 10


def folded_treaties(rows: list[dict[str, Any]]) -> frozenset[str]:
    """The treaties whose membership rows start folded: the most members first, until the timeline
    is at most ``FOLD_HEIGHT`` tall (NATO alone stays open: 33 rows, 782 px).

    >>> rows = [{"treaty": "A", "party": None}, *({"treaty": "A", "party": str(i)} for i in range(40))]
    >>> sorted(folded_treaties(rows)), sorted(folded_treaties(rows[:30]))
    (['A'], [])
    """
    count: dict[str, int] = {}
    for row in rows:
        if row["party"] is not None:
            count[row["treaty"]] = count.get(row["treaty"], 0) + 1
    out: set[str] = set()
    for tid in sorted(count, key=lambda t: (-count[t], t)):
        if _height(rows, out) <= FOLD_HEIGHT:
            break
        out.add(tid)
    return frozenset(out)


def changes(data: dict[str, Any]) -> list[dt.date]:
    """Every day on which something starts or ends on some row, or the map opens."""
    days = {b[k] for b in data["bars"] for k in ("start", "end") if b[k]}
    days |= {s[k] for s in data["spells"] for k in ("start", "end") if s[k]}
    days |= {e["earliest"] for e in data["events"]}
    days |= {data["query"]["date"], *([data["knowledge_date"]] if data["knowledge_date"] else [])}
    out = [dt.date.fromisoformat(d) for d in days]
    return out + [dt.date.fromisoformat(e["latest"]) for e in data["events"] if e["latest"] < "9999"]


def gantt_svg(data: dict[str, Any], win: Window) -> str:
    """The timeline: a row per treaty (and membership), status bars, event markers, year axis."""
    axis = Axis(tuple(quiet_pieces(win, changes(data))), _LABEL, _W - _LABEL - _PAD)
    f = _Frame(win, axis, data["rows"], folded_treaties(data["rows"]))
    height = f.height
    small = {row["key"] for row in data["rows"] if row["party"] is not None}
    marks: dict[str, list[str]] = {row["key"]: [] for row in data["rows"]}
    for bar in data["bars"]:
        marks[bar["row"]].append(_bar(f, bar, bar["row"] in small))
    for ev in data["events"]:
        marks[ev["row"]].append(_event(f, ev, (_MBAR if ev["row"] in small else _BAR)[0]))
    out = [
        f'<svg id="gantt" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_W} {height}" '
        f'width="100%" role="img" aria-label="Timeline of {len(data["treaties"])} treaties" '
        f'data-from="{win.start.isoformat()}" data-to="{win.end.isoformat()}" '
        f'data-x0="{_LABEL}" data-x1="{_W - _PAD}" data-top="{_TOP}" data-axis="{html.escape(axis.to_json())}">',
        _DEFS,
        *_backgrounds(f),
        *_axis(f),
        *_rows(data["rows"], f, marks),
        *_breaks(f),
        f'<line id="gantt-cursor" class="full" x1="{_LABEL}" y1="{_TOP - 4}" x2="{_LABEL}" y2="{height - 10}"'
        f' data-date="{win.start.isoformat()}"/>',
        *_known(f, data["knowledge_date"]),  # above the cursor: the map opens on this day
        "</svg>",
    ]
    return "".join(out)


def _row_height(row: dict[str, Any]) -> int:
    return _ROW if row["party"] is None else _MROW


def _hidden(shown: bool) -> str:
    return "" if shown else ' display="none"'


def _backgrounds(f: _Frame) -> list[str]:
    """A band per row, shaded every other row shown."""
    out, n, tops = [], 0, f.tops
    for row in f.rows:
        shade = "#f8f9fa" if n % 2 == 0 else "#ffffff"
        n += f.shown(row)
        out.append(
            f'<rect class="rowbg" data-row="{row["key"]}" x="0" y="{tops[row["key"]]}" width="{_W}"'
            f' height="{_row_height(row)}" fill="{shade}"{_hidden(f.shown(row))}/>'
        )
    return out


def _rows(rows: list[dict[str, Any]], f: _Frame, marks: dict[str, list[str]]) -> list[str]:
    """Each row as a group at its top: its label, bars and markers (a membership: its party, and
    ``data-member``; a treaty with memberships: the toggle that folds them)."""
    members: dict[str, int] = {}
    for row in rows:
        if row["party"] is not None:
            members[row["treaty"]] = members.get(row["treaty"], 0) + 1
    tops, out = f.tops, []
    for row in rows:
        y, tid = tops[row["key"]], html.escape(row["treaty"])
        member = ' data-member="true"' if row["party"] is not None else ""
        out.append(
            f'<g class="row" data-row="{row["key"]}" data-treaty="{tid}" data-h="{_row_height(row)}"{member}'
            f' transform="translate(0,{y})"{_hidden(f.shown(row))}>'
        )
        n = members.get(row["treaty"], 0) if row["party"] is None else 0
        out.append(_row_label(row, n))
        if n:
            out.append(_fold_toggle(row["treaty"], n, row["treaty"] in f.folded))
        out += [*marks[row["key"]], "</g>"]
    return out


def _row_label(row: dict[str, Any], members: int) -> str:
    """A treaty's id and title (shorter beside a fold toggle); a membership's party, on one line."""
    if row["party"] is None:
        text = (
            f'<text x="10" y="15" class="rid">{html.escape(row["treaty"])}</text>'
            f'<text x="10" y="28" class="rtitle">{html.escape(_short(row["title"], 26 if members else 40))}</text>'
        )
    else:
        text = f'<text x="10" y="15" class="rid member">  ↳ {html.escape(row["party"])}</text>'
    return f'<g class="rowlabel" data-row="{row["key"]}"><title>{html.escape(row["title"])}</title>{text}</g>'


def _fold_toggle(tid: str, n: int, folded: bool) -> str:
    sign, verb = ("▸", "show") if folded else ("▾", "fold")
    return (
        f'<g class="fold" tabindex="0" role="button" data-treaty="{html.escape(tid)}" data-members="{n}"'
        f' aria-expanded="{"false" if folded else "true"}"><title>{verb} the {n} memberships</title>'
        f'<rect x="{_LABEL - 84}" y="17" width="78" height="15" rx="3"/>'
        f'<text x="{_LABEL - 10}" y="28.5" text-anchor="end">{sign} {n} members</text></g>'
    )


def _axis(f: _Frame) -> list[str]:
    """Year ticks and grid lines, at least 48 px apart in each piece drawn to scale."""
    out = []
    for year in f.axis.ticks():
        gx = f.x(dt.date(year, 1, 1))
        out.append(
            f'<line class="grid full" x1="{gx:.1f}" y1="{_TOP - 6}" x2="{gx:.1f}" y2="{f.height - 10}"/>'
            f'<text class="tick" x="{gx:.1f}" y="{_TOP - 10}">{year}</text>'
        )
    return out


def _breaks(f: _Frame) -> list[str]:
    """Each stretch drawn narrow: a pale band over the rows, marked ≈ on the axis."""
    out = []
    for p, xa, xb in f.axis.breaks():
        last = p.end - dt.timedelta(days=1)
        out.append(
            f'<g class="axis-break"><title>{p.start.isoformat()} to {last.isoformat()}: nothing changes on any'
            f" row; these {round(p.days / 365.25)} years are drawn narrow</title>"
            f'<rect class="full" x="{xa:.1f}" y="{_TOP - 6}" width="{xb - xa:.1f}" height="{f.height - _TOP - 4}"/>'
            f'<text class="tick" x="{(xa + xb) / 2:.1f}" y="{_TOP - 10}">≈</text></g>'
        )
    return out


def _known(f: _Frame, kd: str | None) -> list[str]:
    """The dashed line on the knowledge date, if the window shows it."""
    if not kd or not f.win.start <= dt.date.fromisoformat(kd) < f.win.end:
        return []
    kx = f.x(dt.date.fromisoformat(kd))
    return [
        f'<line class="known full" x1="{kx:.1f}" y1="{_TOP}" x2="{kx:.1f}" y2="{f.height - 10}">'
        f"<title>rules record events up to {kd}</title></line>"
    ]


def _bar(f: _Frame, bar: dict[str, Any], small: bool) -> str:
    """A status bar, in its row's coordinates."""
    start = dt.date.fromisoformat(bar["start"]) if bar["start"] else f.win.start
    end = dt.date.fromisoformat(bar["end"]) if bar["end"] else f.win.end
    x0, x1 = f.x(start), f.x(end)
    top, full = _MBAR if small else _BAR
    if bar["status"] == "terminated":  # a thin trail after the end, not a full bar
        bar_y, bar_h = top + full // 2 - 3, 6
    else:
        bar_y, bar_h = top, full
    label = (
        f"{bar['treaty']}{' / ' + bar['party'] if bar['party'] else ''}: {bar['status']}"
        f" {bar['start'] or '…'} to {bar['end'] or 'open'}"
    )
    return (
        f'<rect class="bar" tabindex="0" data-key="{bar["key"]}" data-treaty="{bar["treaty"]}"'
        f' data-party="{bar["party"] or ""}" data-status="{bar["status"]}"'
        f' data-start="{bar["start"] or ""}" data-end="{bar["end"] or ""}"'
        f' x="{x0:.1f}" y="{bar_y}" width="{max(x1 - x0, 1.5):.1f}" height="{bar_h}" rx="2"'
        f' fill="{STATUS_COLOURS.get(bar["status"], "#adb5bd")}"'
        f' aria-label="{html.escape(label)}"/>'
    )


def _event(f: _Frame, ev: dict[str, Any], y: int) -> str:
    """An event marker at height ``y`` of its row; an uncertain date is a range line with the marker
    at its earliest day."""
    lo, hi = dt.date.fromisoformat(ev["earliest"]), dt.date.fromisoformat(ev["latest"])
    ex = f.x(lo)
    out = ""
    if hi > lo:
        after = min(hi, dt.date.max - dt.timedelta(days=1)) + dt.timedelta(days=1)  # an open end: the last day
        out = f'<line class="evrange" x1="{ex:.1f}" y1="{y}" x2="{f.x(after):.1f}" y2="{y}"/>'
    label = f"{ev['treaty']}: {ev['text']}, {ev['date']}"
    return out + (
        f'<g class="event" tabindex="0" data-key="{ev["key"]}" data-treaty="{ev["treaty"]}"'
        f' data-type="{ev["type"]}" data-mark="{ev["mark"]}"'
        f' data-date="{html.escape(ev["date"])}"'
        f' aria-label="{html.escape(label)}">{glyph(ev["mark"], ex, y)}</g>'
    )


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"
