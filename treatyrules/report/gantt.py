"""The timeline as SVG: a row per treaty (and membership), status bars, event markers, a year axis.

Drawn in Python from the payload: no dependency, deterministic, testable without a browser.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from typing import Any

from .payload import STATUS_COLOURS
from .selection import Window

__all__ = ["gantt_svg", "glyph"]

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


@dataclass(frozen=True, slots=True)
class _Frame:
    """The drawing's geometry: the window on the x axis, one row per payload row."""

    win: Window
    rows: list[dict[str, Any]]

    @property
    def tops(self) -> dict[str, int]:
        """The top of each row, by key."""
        out, y = {}, _TOP
        for row in self.rows:
            out[row["key"]] = y
            y += _row_height(row)
        return out

    @property
    def height(self) -> int:
        return _TOP + sum(_row_height(r) for r in self.rows) + 10

    @property
    def plot(self) -> int:
        return _W - _LABEL - _PAD

    def x(self, day: dt.date) -> float:
        span = (self.win.end - self.win.start).days
        return _LABEL + max(0, min(span, (day - self.win.start).days)) / span * self.plot


def gantt_svg(data: dict[str, Any], win: Window) -> str:
    """The timeline: a row per treaty (and membership), status bars, event markers, year axis."""
    f = _Frame(win, data["rows"])
    tops = f.tops
    small = {row["key"] for row in data["rows"] if row["party"] is not None}
    out = [
        f'<svg id="gantt" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_W} {f.height}" '
        f'width="100%" role="img" aria-label="Timeline of {len(data["treaties"])} treaties" '
        f'data-from="{win.start.isoformat()}" data-to="{win.end.isoformat()}" '
        f'data-x0="{_LABEL}" data-x1="{_LABEL + f.plot}">',
        _DEFS,
        *_row_labels(data["rows"], tops),
        *_axis(f),
        *(_bar(f, bar, tops[bar["row"]], bar["row"] in small) for bar in data["bars"]),
        *(_event(f, ev, tops[ev["row"]] + (_MBAR if ev["row"] in small else _BAR)[0]) for ev in data["events"]),
        f'<line id="gantt-cursor" x1="{_LABEL}" y1="{_TOP - 4}" x2="{_LABEL}" y2="{f.height - 10}"'
        f' data-date="{win.start.isoformat()}"/>',
        *_known(f, data["knowledge_date"]),  # above the cursor: the map opens on this day
        "</svg>",
    ]
    return "".join(out)


def _row_height(row: dict[str, Any]) -> int:
    return _ROW if row["party"] is None else _MROW


def _row_labels(rows: list[dict[str, Any]], tops: dict[str, int]) -> list[str]:
    """Row backgrounds and labels: a treaty's id and title; a membership's party, on one line."""
    out = []
    for i, row in enumerate(rows):
        y = tops[row["key"]]
        shade = "#f8f9fa" if i % 2 == 0 else "#ffffff"
        out.append(f'<rect class="rowbg" x="0" y="{y}" width="{_W}" height="{_row_height(row)}" fill="{shade}"/>')
        if row["party"] is None:
            text = (
                f'<text x="10" y="{y + 15}" class="rid">{html.escape(row["treaty"])}</text>'
                f'<text x="10" y="{y + 28}" class="rtitle">{html.escape(_short(row["title"], 40))}</text>'
            )
        else:
            party = html.escape(row["party"])
            text = f'<text x="10" y="{y + 15}" class="rid member">  ↳ {party}</text>'
        out.append(f'<g class="rowlabel" data-row="{row["key"]}"><title>{html.escape(row["title"])}</title>{text}</g>')
    return out


def _axis(f: _Frame) -> list[str]:
    """Year ticks and grid lines, at most about 16."""
    win = f.win
    years = win.end.year - win.start.year + 1
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000) if years / s <= 16)
    first = ((win.start.year + step - 1) // step) * step
    out = []
    for year in range(first, win.end.year + 1, step):
        day = dt.date(year, 1, 1)
        if not (win.start <= day < win.end):
            continue
        gx = f.x(day)
        out.append(
            f'<line class="grid" x1="{gx:.1f}" y1="{_TOP - 6}" x2="{gx:.1f}" y2="{f.height - 10}"/>'
            f'<text class="tick" x="{gx:.1f}" y="{_TOP - 10}">{year}</text>'
        )
    return out


def _known(f: _Frame, kd: str | None) -> list[str]:
    """The dashed line on the knowledge date, if the window shows it."""
    if not kd or not f.win.start <= dt.date.fromisoformat(kd) < f.win.end:
        return []
    kx = f.x(dt.date.fromisoformat(kd))
    return [
        f'<line class="known" x1="{kx:.1f}" y1="{_TOP}" x2="{kx:.1f}" y2="{f.height - 10}">'
        f"<title>rules record events up to {kd}</title></line>"
    ]


def _bar(f: _Frame, bar: dict[str, Any], y: int, small: bool) -> str:
    start = dt.date.fromisoformat(bar["start"]) if bar["start"] else f.win.start
    end = dt.date.fromisoformat(bar["end"]) if bar["end"] else f.win.end
    x0, x1 = f.x(start), f.x(end)
    top, full = _MBAR if small else _BAR
    if bar["status"] == "terminated":  # a thin trail after the end, not a full bar
        bar_y, bar_h = y + top + full // 2 - 3, 6
    else:
        bar_y, bar_h = y + top, full
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
    """An event marker; an uncertain date is a range line with the marker at its earliest day."""
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
