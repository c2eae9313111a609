"""The one-file page: the template filled with the legend, the timeline, the kind boxes, the sources,
the styles, the script and the data, all inline so that the file opens offline."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

from ..compiled import CorpusLike, core
from .gantt import gantt_svg, glyph
from .payload import KIND_COLOURS, STATUS_COLOURS, payload
from .selection import Window

__all__ = ["render"]

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
_HATCH_CSS = "repeating-linear-gradient(45deg,#868e96 0 3px,#fff3bf 3px 7px)"
_URL = re.compile(r"https?://[^\s<>\"'()]+[^\s<>\"'().,;:]")
_TOKEN = re.compile(r"@@([A-Z]+)@@")


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
    return _fill(
        _asset("template.html"),
        {
            "TITLE": html.escape(f"{title}, {win.start.isoformat()} to {last.isoformat()}"),
            "CSS": _asset("report.css"),
            "HEADING": html.escape(title),
            "SUBTITLE": html.escape(_subtitle(data, win)),
            "LEGEND": _legend(),
            "GANTT": gantt_svg(data, win),
            "KINDS": _kind_boxes(data),
            "SOURCES": _sources_html(data),
            "DATA": _script_json(data),
            "SCRIPT": _asset("report.js"),
        },
    )


def _asset(name: str) -> str:
    """A file of this package: the template, the styles or the script."""
    text = resources.files(__package__).joinpath(name).read_text("utf-8")
    if name != "template.html" and re.search(r"</(script|style)", text, re.I):
        raise AssertionError(f"{name} must not close its own element")
    return text


def _fill(template: str, parts: Mapping[str, str]) -> str:
    """Each ``@@NAME@@`` of the template replaced by its part, in one pass (a part's text is never
    read for tokens); each must occur exactly once."""
    for name in parts:
        if template.count(f"@@{name}@@") != 1:
            raise AssertionError(f"report template must hold @@{name}@@ exactly once")
    return _TOKEN.sub(lambda m: parts[m.group(1)], template)


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
            f"{glyph(mark, 0.0, 0.0)}</svg>{html.escape(label)}</span>"
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
